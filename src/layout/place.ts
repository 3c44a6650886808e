// Filling a page: blocks placed from the column hints grow so that no column ends early and
// no hole is left between blocks.

/** A placed block, in grid columns and lines. */
export interface Placed {
  col: number; // first grid column, 1-based
  k: number; // columns
  top: number; // first grid line
  lines: number; // height in lines
  fixed: boolean; // height given by a `lines` hint: never changed
  needed: number; // lines its text needs
}

/**
 * A block without a `lines` hint grows down to the block below it (less the pitch that holds
 * the rule) or to the foot of the page. A block beneath it, inside its columns and without
 * its own `lines`, is pushed down when it keeps room for its text.
 */
export function fillToFoot(placed: Placed[], foot: number): void {
  const bottom = (p: Placed) => p.top + p.lines; // first line below the block
  const within = (inner: Placed, outer: Placed) => inner.col >= outer.col && inner.col + inner.k <= outer.col + outer.k;
  const overlap = (p: Placed, q: Placed) => p.col < q.col + q.k && q.col < p.col + p.k;
  for (let round = 0; round < 8; round++) {
    let changed = false;
    for (const pl of [...placed].sort((p, q) => p.top - q.top || p.col - q.col)) {
      if (pl.fixed) continue;
      const below = placed.filter((o) => o !== pl && o.top > pl.top && overlap(o, pl));
      // How far the block could reach if every block below it stayed where it is…
      let stay = foot;
      for (const o of below) stay = Math.min(stay, o.top - 1);
      // …and if the pushable ones (inside its columns, free height) moved down.
      let reach = foot;
      for (const o of below) if (!(within(o, pl) && !o.fixed)) reach = Math.min(reach, o.top - 1);
      let target = stay;
      if (reach > stay) {
        const pushed = below.filter((o) => within(o, pl) && !o.fixed && o.top <= reach);
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
      if (target > bottom(pl)) {
        pl.lines = target - pl.top;
        changed = true;
      }
    }
    if (!changed) break;
  }
}
