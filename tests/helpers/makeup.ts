// Page make-up measured on the DisplayList: text lines per column of each block (from the
// glyph runs themselves, not from the composer's records), the columns a photo or vertical
// title stands in, and the joins of the rule network.
import { Block, DLPage, GlyphRun, Rule } from '../../src/layout/displaylist.js';
import { Grid } from '../../src/layout/grid.js';

export interface ColumnCount {
  block: Block;
  lines: number[]; // text lines per column of the block
  figure: boolean[]; // a photo or vertical title stands in that column
  subheadHead: boolean[]; // the column opens with a subhead (the one before may end short for it)
}

const isText = (r: GlyphRun) => r.lineEnd !== undefined || r.role === 'note' || r.role === 'jump';

export function columnCounts(page: DLPage, grid: Grid): ColumnCount[] {
  return page.blocks.map((block) => {
    const lines = Array.from({ length: block.columns }, () => new Set<number>());
    const figure = Array.from({ length: block.columns }, () => false);
    const first = Array.from({ length: block.columns }, () => ({ y: Infinity, role: '' }));
    const colOf = (x: number) => Math.floor((x - grid.x0 + grid.gutter / 2) / grid.columnStep) + 1 - block.column;
    const inBlock = (y: number) => y >= block.y - 1 && y <= block.y + block.height + 1;
    for (const it of page.items) {
      if (it.type === 'image' && it.article === block.article && inBlock(it.y)) {
        for (let c = colOf(it.x); c <= colOf(it.x + it.width - 1); c++) if (c >= 0 && c < block.columns) figure[c] = true;
      }
      if (it.type !== 'glyphs' || it.article !== block.article || !inBlock(it.y)) continue;
      const c = colOf(it.x);
      if (c < 0 || c >= block.columns) continue;
      if (it.vertical) figure[c] = true;
      else if (isText(it) || it.role === 'subhead') {
        lines[c].add(Math.round(it.y * 100));
        if (it.y < first[c].y) first[c] = { y: it.y, role: it.role };
      }
    }
    // A column's height in grid lines, from its first text line to its last (a blank line
    // above a subhead inside it counts).
    const height = (ys: Set<number>) => (ys.size ? Math.round((Math.max(...ys) - Math.min(...ys)) / 100 / grid.pitch) + 1 : 0);
    return { block, lines: lines.map(height), figure, subheadHead: first.map((f) => f.role === 'subhead') };
  });
}

/** Make-up faults of a page: an empty column beside one with text, columns more than a line apart. */
export function balanceFaults(page: DLPage, grid: Grid): string[] {
  const out: string[] = [];
  for (const { block, lines, figure, subheadHead } of columnCounts(page, grid)) {
    // A column that ends short so that the subhead heading the next one keeps with its lines
    // (typesetting.md §5.5) is out of the balance.
    const free = lines.filter((_, c) => !figure[c] && !subheadHead[c + 1]);
    const total = free.reduce((a, b) => a + b, 0);
    if (free.length < 2 || total < free.length) continue;
    const where = `page ${page.number} ${block.article}${block.part === 'continued' ? ' (continued)' : ''} [${lines.join(', ')}]`;
    if (free.some((n) => n === 0)) out.push(`${where}: an empty column beside text`);
    else if (Math.max(...free) - Math.min(...free) > 1) out.push(`${where}: columns differ by ${Math.max(...free) - Math.min(...free)} lines`);
  }
  return out;
}

export type { Rule };

export interface Joins {
  t: number;
  corner: number;
  faults: string[]; // crosses, near misses (a rule ending short of or past another), doubles
}

/** The joins of the block rules (below the furniture, which starts at `y0`), measured on the rules. */
export function ruleJoins(page: DLPage, y0: number): Joins {
  const eps = 0.05;
  const near = 10; // pt (under a pitch): an end this close to a rule it does not reach is a broken join
  const rules = page.items.filter((i): i is Rule => i.type === 'rule' && Math.min(i.y1, i.y2) >= y0 - eps);
  const hs = rules.filter((r) => Math.abs(r.y1 - r.y2) < eps).map((r) => ({ y: r.y1, a: Math.min(r.x1, r.x2), b: Math.max(r.x1, r.x2) }));
  const vs = rules.filter((r) => Math.abs(r.x1 - r.x2) < eps).map((r) => ({ x: r.x1, a: Math.min(r.y1, r.y2), b: Math.max(r.y1, r.y2) }));
  const out: Joins = { t: 0, corner: 0, faults: [] };
  const at = (p: number) => p.toFixed(1);
  for (const v of vs)
    for (const h of hs) {
      const inX = v.x >= h.a - eps && v.x <= h.b + eps;
      const inY = h.y >= v.a - eps && h.y <= v.b + eps;
      const vEnds = Math.abs(h.y - v.a) < eps || Math.abs(h.y - v.b) < eps;
      const hEnds = Math.abs(v.x - h.a) < eps || Math.abs(v.x - h.b) < eps;
      if (inX && inY) {
        if (vEnds && hEnds) out.corner++;
        else if (vEnds || hEnds) out.t++;
        else out.faults.push(`page ${page.number}: rules cross at ${at(v.x)}, ${at(h.y)}`);
        continue;
      }
      // Near misses: a vertical ending just short of a horizontal over it, or a horizontal just short of a vertical.
      if (inX && (Math.abs(h.y - v.a) < near || Math.abs(h.y - v.b) < near)) out.faults.push(`page ${page.number}: vertical at ${at(v.x)} ends ${at(Math.min(Math.abs(h.y - v.a), Math.abs(h.y - v.b)))} pt from the rule at ${at(h.y)}`);
      if (inY && (Math.abs(v.x - h.a) < near || Math.abs(v.x - h.b) < near)) out.faults.push(`page ${page.number}: horizontal at ${at(h.y)} ends ${at(Math.min(Math.abs(v.x - h.a), Math.abs(v.x - h.b)))} pt from the rule at ${at(v.x)}`);
    }
  // Doubles: two parallel rules overlapping within 2 pt of each other.
  const doubled = <R extends { a: number; b: number }>(list: R[], pos: (r: R) => number, what: string) => {
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++)
        if (Math.abs(pos(list[i]) - pos(list[j])) < 2 && list[i].a < list[j].b - eps && list[j].a < list[i].b - eps) out.faults.push(`page ${page.number}: double ${what} rule at ${at(pos(list[i]))}`);
  };
  doubled(hs, (h) => h.y, 'horizontal');
  doubled(vs, (v) => v.x, 'vertical');
  return out;
}
