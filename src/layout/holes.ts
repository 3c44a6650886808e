// Step 6 of compose: the page's report — empty grid lines, holes between blocks and columns
// that end above the foot of the page (a stacked block is separated from the one above by
// one pitch that holds the rule).
import type { Block, Problem } from './displaylist.js';
import type { Grid } from './grid.js';

/** Empty lines of grid column `c` below the furniture (which ends at line `top`). */
function emptyInColumn(c: number, blocks: Block[], top: number, foot: number): number {
  const mine = blocks.filter((b) => b.column <= c && c < b.column + b.columns).sort((p, q) => p.firstLine - q.firstLine);
  let cursor = top;
  let n = 0;
  for (const b of mine) {
    n += Math.max(0, b.firstLine - cursor - (cursor > top ? 1 : 0));
    cursor = Math.max(cursor, b.firstLine + b.lines);
  }
  return n + Math.max(0, foot - cursor);
}

export function pageHoles(blocks: Block[], grid: Grid, top: number, pageNo: number): Problem[] {
  const empty: string[] = [];
  let total = 0;
  for (let c = 1; c <= grid.columns; c++) {
    const n = emptyInColumn(c, blocks, top, grid.lines);
    if (n) empty.push(`栏${c} 空${n}行`);
    total += n;
  }
  if (total === 0) return [];
  return [{ kind: 'underfull', page: pageNo, message: `第${pageNo}版: ${total} column-lines left empty (${empty.join(', ')})` }];
}
