// Printer's marks (render --marks): crop marks at the trim corners, registration targets at the
// middle of each side and a slug line (paper, issue, page, date) — all outside the BleedBox, on a
// MediaBox grown to hold them. The page art, TrimBox and BleedBox move together by the margin,
// so nothing changes relative to the page; only the sheet around it is larger.
import type { Issue } from '../issue/model.js';
import type { Face } from '../text/face.js';
import type { DisplayList, DLPage, Item } from './displaylist.js';
import { dateLine } from './furniture.js';
import { setText } from './typeset.js';

/** White around the BleedBox for the marks, pt (about 12 mm). */
export const MARKS_MARGIN = 34;
const GAP = 3; // marks start this far outside the BleedBox
const HAIR = 0.25; // line width of the marks

export function addMarks(dl: DisplayList, issue: Issue, face: Face): void {
  for (const page of dl.pages) markPage(page, issue, face);
}

function markPage(page: DLPage, issue: Issue, face: Face): void {
  const M = MARKS_MARGIN;
  page.width += 2 * M;
  page.height += 2 * M;
  page.trimBox = [page.trimBox[0] + M, page.trimBox[1] + M, page.trimBox[2], page.trimBox[3]];
  page.bleedBox = [page.bleedBox[0] + M, page.bleedBox[1] + M, page.bleedBox[2], page.bleedBox[3]];
  page.typeArea = { ...page.typeArea, x: page.typeArea.x + M, y: page.typeArea.y + M };
  page.items = page.items.map((it) => shift(it, M));
  page.blocks = page.blocks.map((b) => ({ ...b, x: b.x + M, y: b.y + M }));
  page.items.push(...cropMarks(page), ...registration(page), ...slug(page, issue, face));
}

function shift(it: Item, d: number): Item {
  if (it.type === 'rule') return { ...it, x1: it.x1 + d, y1: it.y1 + d, x2: it.x2 + d, y2: it.y2 + d };
  if (it.type === 'glyphs') return { ...it, x: it.x + d, y: it.y + d, ...(it.lineEnd !== undefined ? { lineEnd: it.lineEnd + d } : {}) };
  return { ...it, x: it.x + d, y: it.y + d };
}

function rule(x1: number, y1: number, x2: number, y2: number): Item {
  return { type: 'rule', x1, y1, x2, y2, width: HAIR, colour: 'registration' };
}

/** Two short lines at each trim corner, in line with the trim edges, outside the bleed. */
function cropMarks(page: DLPage): Item[] {
  const [tx, ty, tw, th] = page.trimBox;
  const [bx, by, bw, bh] = page.bleedBox;
  const out: Item[] = [];
  const left = bx - GAP, right = bx + bw + GAP, top = by - GAP, bottom = by + bh + GAP;
  const len = MARKS_MARGIN - GAP - 4;
  for (const y of [ty, ty + th]) {
    out.push(rule(left - len, y, left, y), rule(right, y, right + len, y));
  }
  for (const x of [tx, tx + tw]) {
    out.push(rule(x, top - len, x, top), rule(x, bottom, x, bottom + len));
  }
  return out;
}

/** A cross in a square at the middle of each side: the plates are registered on it. */
function registration(page: DLPage): Item[] {
  const [bx, by, bw, bh] = page.bleedBox;
  const r = 6;
  const mid = GAP + r + 2;
  const centres: [number, number][] = [
    [bx + bw / 2, by - mid],
    [bx + bw / 2, by + bh + mid],
    [bx - mid, by + bh / 2],
    [bx + bw + mid, by + bh / 2],
  ];
  return centres.flatMap(([x, y]) => [
    rule(x - r - 2, y, x + r + 2, y),
    rule(x, y - r - 2, x, y + r + 2),
    rule(x - r / 2, y - r / 2, x + r / 2, y - r / 2),
    rule(x - r / 2, y + r / 2, x + r / 2, y + r / 2),
    rule(x - r / 2, y - r / 2, x - r / 2, y + r / 2),
    rule(x + r / 2, y - r / 2, x + r / 2, y + r / 2),
  ]);
}

/** Paper, issue number, page and date under the page, at the trim's left. */
function slug(page: DLPage, issue: Issue, face: Face): Item[] {
  const [tx] = page.trimBox;
  const [, by, , bh] = page.bleedBox;
  const d = issue.date;
  const iso = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  const text = `${issue.paper.name}\u3000总第${issue.number}期\u3000第${page.number}版\u3000${dateLine(issue.date)}\u3000${iso}`;
  const size = 7;
  const s = setText(text, face, size, 'slug');
  const baseline = by + bh + MARKS_MARGIN - 6;
  return s.run(tx + 24, baseline).map((r) => ({ ...r, colour: 'registration' as const }));
}
