// Step 5 of compose, as the layout orders it (`makeup.fill`): a page short of copy closes its
// holes with the means layout staff use, one after the other — the blocks below moved up into
// what the blocks above freed, headline air within its limit, a photo a column wider. Each
// means works on the boxes the one before it left; what none closes is reported (holes.ts).
import type { FillStep } from '../issue/model.js';
import { fillWithAir } from './fill.js';
import type { Flowed } from './flow.js';
import { moveUp } from './place.js';
import { widenPhotos } from './photos.js';
import type { Context, Placed } from './types.js';

/** Lines of air a block's headline may still take, holding `held` already: none for a block
 * without headline, with a `lines` hint or jumping on, nor when the layout leaves air out. */
export function airLeft(block: Placed, flowed: Flowed, held: number, ctx: Context): number {
  const { fill, headlineAirMax } = ctx.issue.layout.makeup;
  if (!fill.includes('headline_air') || !block.plan.head || block.fixed || flowed.jumpTo !== undefined) return 0;
  return headlineAirMax - held;
}

/**
 * The blocks, each shrunk to its flowed text, made up by the layout's means in its order.
 * Returns the boxes and which blocks changed more than their place (to be flowed again).
 */
export function fillHoles(fitted: Placed[], flowed: Flowed[], ctx: Context, pageNo: number, top: number): { boxes: Placed[]; changed: boolean[] } {
  let boxes = fitted.map((block, i) => ({ ...block, lines: flowed[i].lines }));
  const changed = boxes.map(() => false);
  // The air each band holds: what its flow gave it from its own block, then what the means add.
  const held = fitted.map((block, i) => flowed[i].headLines - block.plan.headLines);
  const foot = ctx.grid.lines;
  const steps: Record<FillStep, () => void> = {
    move_up: () => {
      boxes = moveUp(boxes, top);
    },
    headline_air: () => {
      const aired = fillWithAir(boxes, (i) => airLeft(fitted[i], flowed[i], held[i], ctx), foot);
      boxes = aired.boxes;
      aired.added.forEach((n, i) => {
        changed[i] ||= n > 0;
        held[i] += n;
      });
    },
    photo_wider: () => {
      const wide = widenPhotos(boxes, ctx, pageNo, foot);
      boxes = wide.boxes;
      wide.widened.forEach((w, i) => {
        changed[i] ||= w;
        if (w) held[i] = wide.headLines[i] - fitted[i].plan.headLines;
      });
    },
  };
  for (const step of ctx.issue.layout.makeup.fill) steps[step]();
  return { boxes, changed };
}
