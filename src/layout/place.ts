// Step 3 of compose: blocks placed in reading order from the column hints, then grown so that
// no column ends early and no hole is left between blocks.
import type { Problem } from './displaylist.js';
import type { Grid } from './grid.js';
import type { Box, Placed, Plan } from './types.js';

/** The first free line of every column (1-based; index 0 unused). */
type Free = number[];

/** The pinned column, else the highest position, weighing the hole a block would leave above
 * it in columns that are free higher up (a hole is a layout problem; a lower start is not). */
function bestColumn(plan: Plan, free: Free, columns: number): number {
  const span = plan.span;
  const pinned = plan.item.column ?? 0;
  if (pinned && pinned + span - 1 <= columns) return pinned;
  let best = Infinity;
  let column = pinned;
  for (let c = 1; c + span - 1 <= columns; c++) {
    const tops = free.slice(c, c + span);
    const top = Math.max(...tops);
    const hole = tops.reduce((a, f) => a + (top - f), 0);
    const score = top + (2 * hole) / span;
    if (score < best) {
      best = score;
      column = c;
    }
  }
  return column;
}

/** Place one block at the free positions; its height, or 0 when the page has no room for it. */
function placeBlock(plan: Plan, free: Free, grid: Grid, pageNo: number, problems: Problem[]): Placed {
  const { span, item, needed, headLines } = plan;
  const column = bestColumn(plan, free, grid.columns);
  const top = Math.max(...free.slice(column, column + span));
  const avail = grid.lines - top;
  let lines = item.lines ?? Math.min(needed, avail);
  if (lines > avail) {
    problems.push({ kind: 'overfull', page: pageNo, article: item.id, message: `第${pageNo}版 ${item.id}: block of ${lines} lines runs ${lines - avail} lines past the foot of the page` });
    lines = Math.max(0, avail);
  }
  if (lines < Math.min(needed, headLines + 2)) {
    // Not even the headline and two lines of text: the page is full. Nothing is drawn
    // outside the type area; layout staff get the problem (exit 1).
    problems.push({ kind: 'overfull', page: pageNo, article: item.id, message: `第${pageNo}版 ${item.id}: no room left on the page (needs ${needed} lines in ${span} columns, ${Math.max(0, avail)} left)` });
    lines = 0;
  }
  return { plan, column, span, top, lines, fixed: plan.fixed, needed };
}

/** Blocks in reading order on the page below its furniture (which ends at line `top`). */
export function placeBlocks(plans: Plan[], grid: Grid, top: number, pageNo: number): { placed: Placed[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const free: Free = new Array<number>(grid.columns + 1).fill(top);
  const placed: Placed[] = [];
  for (const plan of plans) {
    const p = placeBlock(plan, free, grid, pageNo, problems);
    if (p.lines === 0) continue;
    for (let c = p.column; c < p.column + p.span; c++) free[c] = p.top + p.lines + 1;
    placed.push(p);
  }
  return { placed: fillToFoot(placed, grid.lines), problems };
}

/**
 * A block without a `lines` hint grows down to the block below it (less the pitch that holds
 * the rule) or to the foot of the page. A block beneath it, inside its columns and without
 * its own `lines`, is pushed down when it keeps room for its text. Returns new boxes.
 */
export function fillToFoot<B extends Box>(boxes: B[], foot: number): B[] {
  const placed = boxes.map((b) => ({ ...b }));
  const bottom = (p: Box) => p.top + p.lines; // first line below the block
  const within = (inner: Box, outer: Box) => inner.column >= outer.column && inner.column + inner.span <= outer.column + outer.span;
  const overlap = (p: Box, q: Box) => p.column < q.column + q.span && q.column < p.column + p.span;
  for (let round = 0; round < 8; round++) {
    let changed = false;
    for (const box of [...placed].sort((p, q) => p.top - q.top || p.column - q.column)) {
      if (box.fixed) continue;
      const below = placed.filter((o) => o !== box && o.top > box.top && overlap(o, box));
      // How far the block could reach if every block below it stayed where it is…
      let stay = foot;
      for (const o of below) stay = Math.min(stay, o.top - 1);
      // …and if the pushable ones (inside its columns, free height) moved down.
      let reach = foot;
      for (const o of below) if (!(within(o, box) && !o.fixed)) reach = Math.min(reach, o.top - 1);
      let target = stay;
      if (reach > stay) {
        const pushed = below.filter((o) => within(o, box) && !o.fixed && o.top <= reach);
        const ok = pushed.every((o) => bottom(o) - (reach + 1) >= Math.min(o.needed, o.lines));
        if (ok && pushed.length) {
          for (const o of pushed) {
            const end = bottom(o);
            o.top = reach + 1;
            o.lines = end - o.top;
          }
          target = reach;
        }
      }
      if (target > bottom(box)) {
        box.lines = target - box.top;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return placed;
}

/**
 * Blocks moved up into the lines that the blocks above them freed when they shrank to their
 * text: each block, in order from the top, starts one pitch (the rule's) below the lowest
 * block above it in its columns, or under the furniture. What is freed collects at the foot.
 */
export function moveUp<B extends Box>(boxes: B[], furnitureEnd: number): B[] {
  const order = boxes.map((b, i) => ({ b, i })).sort((p, q) => p.b.top - q.b.top || p.b.column - q.b.column);
  const out = boxes.map((b) => ({ ...b }));
  const free: number[] = [];
  for (const { i } of order) {
    const box = out[i];
    let top = furnitureEnd;
    for (let c = box.column; c < box.column + box.span; c++) top = Math.max(top, free[c] ?? furnitureEnd);
    box.top = Math.min(box.top, top);
    for (let c = box.column; c < box.column + box.span; c++) free[c] = box.top + box.lines + 1;
  }
  return out;
}
