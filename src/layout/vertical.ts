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
  const runs: GlyphRun[] = title.map((t, i) => {
    const text = normalizeAscii(t);
    const run = face.shape(text, ['vert']);
    const chars = Array.from(text);
    const x = right - size - i * size * colPitch;
    return {
      type: 'glyphs',
      face: face.key,
      size,
      x,
      y: top + size * face.ascent,
      glyphs: run.map((g, j) => ({ id: g.id, x: ((1 - g.adv / face.upm) * size) / 2, text: chars[j] ?? '', adv: (g.adv / face.upm) * size })),
      dy: run.map((_, j) => j * size),
      vertical: true,
      role: 'title',
      article,
    };
  });
  return { lines, size, runs };
}
