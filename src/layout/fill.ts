// Step 5 of compose: a page short of copy closes its holes as layout staff do — a block whose
// columns have empty lines below them (at the foot, or under every block beneath it) takes
// them as headline air, up to the limit, the blocks beneath moved down with it. What is left
// stays a hole, reported once per page (holes.ts).
import type { Box } from './types.js';

/** Headline air a block may take in all (lines added to its headline's own). */
export const AIR_LIMIT = 4;

/** The blocks directly beneath `box` in grid column `c`, nearest first. */
function beneath<B extends Box>(box: B, c: number, boxes: B[]): B | undefined {
  return boxes.filter((o) => o !== box && o.top > box.top && o.column <= c && c < o.column + o.span).sort((p, q) => p.top - q.top)[0];
}

/** Lines the block can grow by with every block beneath it moved down by as many. */
export function growRoom<B extends Box>(box: B, boxes: B[], foot: number): number {
  let room = Infinity;
  for (let c = box.column; c < box.column + box.span; c++) {
    const below = beneath(box, c, boxes);
    const end = box.top + box.lines;
    room = Math.min(room, below ? below.top - 1 - end + growRoom(below, boxes, foot) : foot - end);
  }
  return Math.max(0, room);
}

/** Blocks pushed down, in order from the top, so that none starts above the pitch under the
 * block above it. */
export function pushDown<B extends Box>(boxes: B[]): void {
  for (const box of [...boxes].sort((p, q) => p.top - q.top || p.column - q.column)) {
    for (const o of boxes) {
      if (o === box || o.top >= box.top) continue;
      const overlap = o.column < box.column + box.span && box.column < o.column + o.span;
      if (overlap) box.top = Math.max(box.top, o.top + o.lines + 1);
    }
  }
}

/**
 * Give empty lines to headlines: each block in turn from the top, `air(i)` lines it may still
 * take (0 for a block without headline or with a `lines` hint). Returns new boxes and the
 * air each took.
 */
export function fillWithAir<B extends Box>(boxes: B[], air: (i: number) => number, foot: number): { boxes: B[]; added: number[] } {
  const out = boxes.map((b) => ({ ...b }));
  const added = out.map(() => 0);
  const order = out.map((b, i) => i).sort((p, q) => out[p].top - out[q].top || out[p].column - out[q].column);
  for (const i of order) {
    const give = Math.min(air(i), growRoom(out[i], out, foot));
    if (give <= 0) continue;
    out[i].lines += give;
    added[i] = give;
    pushDown(out);
  }
  return { boxes: out, added };
}
