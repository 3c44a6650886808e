// 竖排 titles: each title line a column read top→bottom, columns right→left, standing in the
// block's rightmost grid column. Vertical forms come from the face's `vert` feature
// (punctuation in the cell's upper right, brackets turned). Columns stand at least ½ em
// apart, so that two columns never read across as one line; a shorter column after the first
// may be lowered (错落, `headline.vertical_stagger`); the byline (the article's subtitle, e.g.
// `□ 周明远`) is set with the title, a smaller column at its left, ending with the title.
import type { Role } from '../issue/model.js';
import { Face } from '../text/face.js';
import { normalizeAscii } from '../text/normalize.js';
import { GlyphRun } from './displaylist.js';
import { Grid } from './grid.js';

export interface VerticalTitle {
  lines: number; // grid lines taken, incl. ½ pitch of white above and below
  size: number;
  runs: GlyphRun[]; // relative to (column left, block top)
}

export interface VerticalOptions {
  /** Lower a column shorter than the first to end with it (错落). */
  stagger?: boolean;
  /** Set in the title's column at its left, in the byline face. */
  byline?: string;
  bylineSize?: number; // pt
}

const COLUMN_GAP = 0.5; // em of the title size between two columns (issue 14: at least ½ em)

/** One cell a character; 纵中横: a number of one or two digits stands across one cell. */
function cellsOf(text: string): (string | { digits: string })[] {
  const chars = Array.from(text);
  const cells: (string | { digits: string })[] = [];
  for (let j = 0; j < chars.length; ) {
    let k = j;
    while (k < chars.length && /[0-9]/.test(chars[k])) k++;
    if (k > j && k - j <= 2) {
      cells.push({ digits: chars.slice(j, k).join('') });
      j = k;
    } else if (k > j) {
      for (; j < k; j++) cells.push(chars[j]); // three or more digits: one a cell, upright
    } else cells.push(chars[j++]);
  }
  return cells;
}

/** Two digits side by side on the cell's baseline, condensed if the pair is wider than the cell. */
function digitsRun(digits: string, face: Face, size: number, x: number, y: number, role: string, article: string): GlyphRun {
  const gs = Array.from(digits).map((d) => ({ g: face.glyph(d.codePointAt(0)!), d }));
  const w = gs.reduce((a, { g }) => a + g.adv, 0); // em
  const scale = w > 0.92 ? 0.92 / w : 1; // a hair of air at the cell's sides
  let pen = 0;
  return {
    type: 'glyphs',
    face: face.key,
    size,
    x: x + ((1 - w * scale) * size) / 2,
    y,
    glyphs: gs.map(({ g, d }) => {
      const at = pen;
      pen += g.adv * size * scale;
      return { id: g.id, x: at, text: d, adv: g.adv * size * scale };
    }),
    ...(scale < 1 ? { scale: Math.round(scale * 1000) / 10 } : {}),
    role,
    article,
  };
}

/** One vertical column of text with its left at x and its first cell's baseline at y. */
function columnRuns(text: string, face: Face, size: number, x: number, y: number, role: string, article: string): GlyphRun[] {
  const runs: GlyphRun[] = [];
  let upright = '';
  let start = 0;
  const flush = () => {
    if (!upright) return;
    const cs = Array.from(upright);
    // A space keeps its cell blank: no glyph drawn for it.
    const run = face.shape(upright, ['vert']).map((g, j) => ({ g, j })).filter(({ j }) => cs[j] !== ' ' && cs[j] !== '\u3000');
    runs.push({
      type: 'glyphs',
      face: face.key,
      size,
      x,
      y,
      glyphs: run.map(({ g, j }) => ({ id: g.id, x: ((1 - g.adv / face.upm) * size) / 2, text: cs[j] ?? '', adv: (g.adv / face.upm) * size })),
      dy: run.map(({ j }) => (start + j) * size),
      vertical: true,
      role,
      article,
    });
    upright = '';
  };
  cellsOf(text).forEach((c, j) => {
    if (typeof c === 'string') {
      if (!upright) start = j;
      upright += c;
      return;
    }
    flush();
    runs.push(digitsRun(c.digits, face, size, x, y + j * size, role, article));
  });
  flush();
  return runs;
}

export function setVerticalTitle(title: string[], grid: Grid, faces: Record<Role, Face>, maxSize: number, article: string, opts: VerticalOptions = {}): VerticalTitle {
  const face = faces.title;
  const n = Math.max(1, title.length);
  const texts = title.map((t) => normalizeAscii(t));
  const by = opts.byline ? normalizeAscii(opts.byline.trim()).replace(/ +/g, '\u3000') : '';
  const pitch = 1 + COLUMN_GAP; // column pitch in em of the title size
  // The byline column takes its own width and a ½-em gap: the title size leaves room for it.
  const byShare = by ? (opts.bylineSize ?? maxSize / 2) / maxSize + COLUMN_GAP : 0;
  const size = Math.min(maxSize, Math.floor((grid.columnWidth / (n * pitch - COLUMN_GAP + byShare)) * 2) / 2);
  const bySize = by ? Math.min(opts.bylineSize ?? size / 2, size / 2) : 0;
  const lengths = texts.map((t) => cellsOf(t).length);
  const longest = Math.max(...lengths);
  // 错落: a column shorter than the first is lowered to end with the longest one.
  const drop = lengths.map((len, i) => (opts.stagger && i > 0 && len < lengths[0] ? longest - len : 0) * size);
  const byLen = by ? cellsOf(by).length * bySize : 0;
  const height = Math.max(longest * size, ...drop.map((d, i) => d + lengths[i] * size), byLen);
  const lines = Math.ceil((height + grid.pitch) / grid.pitch);
  const top = (lines * grid.pitch - grid.lineGap - height) / 2;
  const block = n * size * pitch - COLUMN_GAP * size + (by ? COLUMN_GAP * size + bySize : 0);
  const right = (grid.columnWidth + block) / 2; // the set is centred in the grid column
  const runs: GlyphRun[] = [];
  texts.forEach((t, i) => runs.push(...columnRuns(t, face, size, right - size - i * size * pitch, top + drop[i] + size * face.ascent, 'title', article)));
  if (by) {
    const x = right - n * size * pitch - bySize;
    const y = top + longest * size - byLen; // ends with the title's longest column
    runs.push(...columnRuns(by, faces.bylineName, bySize, x, Math.max(top, y) + bySize * faces.bylineName.ascent, 'byline', article));
  }
  return { lines, size, runs };
}
