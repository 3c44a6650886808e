// read-back, measure: body lines as printed. For each body line the composer placed (its
// column's left edge and baseline), the glyphs the PDF draws on that baseline in that column
// are found by position, and the line's right edge is read from them: every justified line
// (all of a paragraph's lines but its last) must end on the column's measure. A closing
// mark set half-width at the line's end (。，、 compressed) still has its full 1-em advance
// in the font; its ink lies in the left half, so its cell ends at half its advance.
import { DisplayList, GlyphRun } from '../layout/displaylist.js';
import { DrawnGlyph } from './content.js';
import { ReadDoc } from './read.js';
import { composedPart } from './align.js';

export const MEASURE_TOLERANCE = 0.1; // pt

export interface LineProblem {
  page: number;
  article: string;
  line: number; // the article's body line on that page, 1-based
  message: string;
}

export interface Justification {
  lines: number; // body lines found on the PDF
  justified: number; // of them, lines checked against the measure
  /** The largest distance from a justified line's right edge to its measure, pt. */
  maxOff: number;
  problems: LineProblem[];
}

interface BodyLine {
  article: string;
  x: number; // the column's left
  y: number; // baseline
  size: number;
  justified: boolean;
  glyphs: number;
}

/** The composer's body lines of a page: runs that carry a lineEnd, grouped by baseline and column. */
function bodyLines(items: DisplayList['pages'][number]['items']): BodyLine[] {
  const out: BodyLine[] = [];
  const key = new Map<string, BodyLine>();
  for (const it of items) {
    if (it.type !== 'glyphs' || it.lineEnd === undefined) continue;
    const r = it as GlyphRun;
    const k = `${r.x.toFixed(3)}:${r.y.toFixed(3)}`;
    const have = key.get(k);
    if (have) {
      have.glyphs += r.glyphs.length;
      continue;
    }
    const l = { article: r.article ?? '', x: r.x, y: r.y, size: r.size, justified: !!r.justified, glyphs: r.glyphs.length };
    key.set(k, l);
    out.push(l);
  }
  return out;
}

const fmt = (v: number) => (Math.round(v * 100) / 100).toFixed(2);

/** Check every body line of the PDF against its column (measure in pt, the grid's column width). */
export function checkJustification(dl: DisplayList, doc: ReadDoc, measure: number): Justification {
  const r: Justification = { lines: 0, justified: 0, maxOff: 0, problems: [] };
  dl.pages.forEach((page, pi) => {
    const printed = doc.pages[pi] ? composedPart(page, doc.pages[pi]).glyphs : [];
    // Printed glyphs by baseline, in whole-point buckets, so each line finds its own quickly.
    const byY = new Map<number, DrawnGlyph[]>();
    for (const g of printed) {
      const k = Math.round(g.y);
      if (!byY.has(k)) byY.set(k, []);
      byY.get(k)!.push(g);
    }
    const onBaseline = (y: number) => [-1, 0, 1].flatMap((d) => byY.get(Math.round(y) + d) ?? []).filter((g) => Math.abs(g.y - y) < 0.05);
    const count = new Map<string, number>();
    for (const l of bodyLines(page.items)) {
      const n = (count.get(l.article) ?? 0) + 1;
      count.set(l.article, n);
      const report = (message: string) => r.problems.push({ page: page.number, article: l.article, line: n, message });
      const gs = onBaseline(l.y).filter((g) => g.x >= l.x - l.size / 2 - 0.05 && g.x < l.x + measure + l.size / 2 - 0.05);
      r.lines++;
      if (gs.length !== l.glyphs) report(`${gs.length} glyphs printed on the line, ${l.glyphs} composed`);
      if (!gs.length) continue;
      const odd = gs.filter((g) => Math.abs(g.scale - 100) > 0.01);
      if (odd.length) report(`${odd.length} body glyphs drawn at ${fmt(odd[0].scale)} % horizontal scale (长体), not 100 %`);
      const right = l.x + measure;
      const last = gs.reduce((a, g) => (g.x > a.x ? g : a));
      const inkRight = Math.max(...gs.map((g) => g.ink?.[1] ?? g.x));
      if (inkRight > right + MEASURE_TOLERANCE) report(`ink runs ${fmt(inkRight - right)} pt past the measure (超出栏宽)`);
      const inkLeft = Math.min(...gs.map((g) => g.ink?.[0] ?? g.x));
      if (inkLeft < l.x - MEASURE_TOLERANCE) report(`ink starts ${fmt(l.x - inkLeft)} pt left of the column (超出栏左)`);
      if (!l.justified) continue;
      r.justified++;
      const off = lineEndOff(last, right);
      r.maxOff = Math.max(r.maxOff, Math.abs(off));
      if (Math.abs(off) > MEASURE_TOLERANCE)
        report(off < 0 ? `justified line ends ${fmt(-off)} pt short of the measure (右端差 ${fmt(-off)} pt)` : `justified line ends ${fmt(off)} pt past the measure (右端超 ${fmt(off)} pt)`);
    }
  });
  return r;
}

/** Signed distance of a line's end from the measure: the last glyph's advance edge; the
 * middle of its advance when it is a mark whose ink lies in the left half (set half-width);
 * for a mark narrower than its cell (a middle dot · in a half-em cell, the 2-em dash —— whose
 * glyph is 1.69 em), the edge of the whole half-ems it is centred in. */
function lineEndOff(last: DrawnGlyph, right: number): number {
  const cands = [last.x + last.adv];
  const half = last.x + last.adv / 2;
  if (last.ink && last.ink[1] <= half + 0.01) cands.push(half);
  if (!/[\p{L}\p{N}]/u.test(last.char)) {
    const em2 = last.size / 2;
    cands.push(half + (Math.ceil(last.adv / em2 - 0.01) * em2) / 2);
  }
  return cands.map((c) => c - right).reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a));
}
