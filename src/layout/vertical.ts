// 竖排 titles: each title line a column read top→bottom, columns right→left, standing in the
// block's rightmost grid column. Vertical forms come from the face's `vert` feature
// (punctuation in the cell's upper right, brackets turned).
import { Role } from '../issue/model.js';
import { Face } from '../text/face.js';
import { normalizeAscii } from '../text/normalize.js';
import { GlyphRun } from './displaylist.js';
import { Grid } from './grid.js';

export interface VerticalTitle {
  lines: number; // grid lines taken, incl. ½ pitch of white above and below
  size: number;
  runs: GlyphRun[]; // relative to (column left, block top)
}

/** 纵中横: a number of one or two digits stands upright across one cell (clreq §3.2.2), the
 * digits side by side on the cell's baseline, condensed if the pair is wider than the cell.
 * Everything else takes the face's vertical forms, one cell a character. */
function verticalCells(chars: string[]): (string | { digits: string })[] {
  const cells: (string | { digits: string })[] = [];
  for (let j = 0; j < chars.length; ) {
    let end = j;
    while (end < chars.length && /[0-9]/.test(chars[end])) end++;
    if (end > j && end - j <= 2) {
      cells.push({ digits: chars.slice(j, end).join('') });
      j = end;
    } else if (end > j) {
      for (; j < end; j++) cells.push(chars[j]); // three or more digits: one a cell, upright
    } else cells.push(chars[j++]);
  }
  return cells;
}

export function setVerticalTitle(title: string[], grid: Grid, faces: Record<Role, Face>, maxSize: number, article: string): VerticalTitle {
  const face = faces.title;
  const n = Math.max(1, title.length);
  const colPitch = 1.3; // column pitch in em
  const size = Math.min(maxSize, Math.floor((grid.columnWidth / (n * colPitch)) * 2) / 2);
  const longest = Math.max(...title.map((t) => Array.from(t).length));
  const height = longest * size;
  const lines = Math.ceil((height + grid.pitch) / grid.pitch);
  const top = (lines * grid.pitch - grid.lineGap - height) / 2;
  const block = n * size * colPitch - (colPitch - 1) * size;
  const right = (grid.columnWidth + block) / 2; // the set is centred in the grid column
  const runs: GlyphRun[] = [];
  title.forEach((t, i) => {
    const text = normalizeAscii(t);
    const chars = Array.from(text);
    const x = right - size - i * size * colPitch;
    const y = top + size * face.ascent;
    const cells = verticalCells(chars);
    let upright = '';
    const flush = (from: number) => {
      if (!upright) return;
      const run = face.shape(upright, ['vert']);
      const cs = Array.from(upright);
      runs.push({
        type: 'glyphs',
        face: face.key,
        size,
        x,
        y,
        glyphs: run.map((g, j) => ({ id: g.id, x: ((1 - g.adv / face.upm) * size) / 2, text: cs[j] ?? '', adv: (g.adv / face.upm) * size })),
        dy: run.map((_, j) => (from + j) * size),
        vertical: true,
        role: 'title',
        article,
      });
      upright = '';
    };
    let start = 0;
    cells.forEach((c, j) => {
      if (typeof c === 'string') {
        if (!upright) start = j;
        upright += c;
        return;
      }
      flush(start);
      const gs = Array.from(c.digits).map((d) => ({ g: face.glyph(d.codePointAt(0)!), d }));
      const w = gs.reduce((a, { g }) => a + g.adv, 0); // em
      const scale = w > 0.92 ? 0.92 / w : 1; // a hair of air at the cell's sides
      let pen = 0;
      runs.push({
        type: 'glyphs',
        face: face.key,
        size,
        x: x + ((1 - w * scale) * size) / 2,
        y: y + j * size,
        glyphs: gs.map(({ g, d }) => {
          const at = pen;
          pen += g.adv * size * scale;
          return { id: g.id, x: at, text: d, adv: g.adv * size * scale };
        }),
        ...(scale < 1 ? { scale: Math.round(scale * 1000) / 10 } : {}),
        role: 'title',
        article,
      });
    });
    flush(start);
  });
  return { lines, size, runs };
}
