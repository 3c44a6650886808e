// Step 6 of compose: the page's report — empty grid lines, holes between blocks and columns
// that end above the foot of the page (a stacked block is separated from the one above by
// one pitch that holds the rule), reported once per page with their places: 余 N 行.
import type { Block, Problem } from './displaylist.js';
import type { Grid } from './grid.js';

/** A run of empty grid lines in one column: [from, to). */
interface Run {
  column: number;
  from: number;
  to: number;
}

/** Empty runs of grid column `c` below the furniture (which ends at line `top`). */
function emptyInColumn(c: number, blocks: Block[], top: number, foot: number): Run[] {
  const mine = blocks.filter((b) => b.column <= c && c < b.column + b.columns).sort((p, q) => p.firstLine - q.firstLine);
  const runs: Run[] = [];
  let cursor = top;
  for (const b of mine) {
    const from = cursor + (cursor > top ? 1 : 0);
    if (b.firstLine > from) runs.push({ column: c, from, to: b.firstLine });
    cursor = Math.max(cursor, b.firstLine + b.lines);
  }
  if (foot > cursor) runs.push({ column: c, from: cursor, to: foot });
  return runs;
}

/** Neighbouring columns with the same empty lines make one hole: 栏6–8 第90–102行 (3栏×13行). */
function holePlaces(runs: Run[]): string[] {
  const sorted = [...runs].sort((a, b) => a.from - b.from || a.to - b.to || a.column - b.column);
  const places: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1].from === sorted[i].from && sorted[j + 1].to === sorted[i].to && sorted[j + 1].column === sorted[j].column + 1) j++;
    const { from, to } = sorted[i];
    const cols = sorted[i].column === sorted[j].column ? `栏${sorted[i].column}` : `栏${sorted[i].column}–${sorted[j].column}`;
    places.push(`${cols} 第${from + 1}–${to}行 (${j - i + 1}栏×${to - from}行)`);
    i = j + 1;
  }
  return places;
}

export function pageHoles(blocks: Block[], grid: Grid, top: number, pageNo: number): Problem[] {
  const runs: Run[] = [];
  for (let c = 1; c <= grid.columns; c++) runs.push(...emptyInColumn(c, blocks, top, grid.lines));
  const total = runs.reduce((n, r) => n + r.to - r.from, 0);
  if (total === 0) return [];
  return [{ kind: 'underfull', page: pageNo, message: `第${pageNo}版: 余 ${total} 行 — ${total} column-lines left empty: ${holePlaces(runs).join(', ')}` }];
}
