// Photos as the second means of make-up: a photo a column narrower before any 超 (long copy),
// a photo a column wider into the holes headline air could not close (short copy).
import { growRoom, pushDown } from './fill.js';
import { Flowed, flowBlock } from './flow.js';
import { withPhotoSpan } from './plan.js';
import type { Context, Placed } from './types.js';

const over = (f: Flowed) => f.problems.some((p) => p.kind === 'over');

/** Blocks whose text is over (超) with a photo of two columns or more: the photo a column
 * narrower, as long as that leaves less over. */
export function narrowPhotos(placed: Placed[], flowed: Flowed[], ctx: Context, pageNo: number): { placed: Placed[]; flowed: Flowed[] } {
  const outPlaced = [...placed];
  const outFlowed = [...flowed];
  outPlaced.forEach((block, i) => {
    while (over(outFlowed[i])) {
      const plan = withPhotoSpan(outPlaced[i].plan, -1, ctx);
      if (!plan) break;
      const trial = { ...outPlaced[i], plan, needed: plan.needed };
      const f = flowBlock(trial, ctx, pageNo);
      if (f.flow.length - f.capacity >= outFlowed[i].flow.length - outFlowed[i].capacity) break;
      outPlaced[i] = trial;
      outFlowed[i] = f;
    }
  });
  return { placed: outPlaced, flowed: outFlowed };
}

/** Blocks with empty lines beneath them after the headline air: the photo a column wider
 * when the block, grown by it, still fits above what is beneath it. Returns the indexes changed. */
export function widenPhotos(boxes: Placed[], ctx: Context, pageNo: number, foot: number): { boxes: Placed[]; widened: boolean[] } {
  const out = boxes.map((b) => ({ ...b }));
  const widened = out.map(() => false);
  out.forEach((box, i) => {
    if (box.fixed) return;
    const room = growRoom(box, out, foot);
    const plan = withPhotoSpan(box.plan, 1, ctx);
    if (!room || !plan) return;
    const f = flowBlock({ ...box, plan, needed: plan.needed, lines: box.lines + room }, ctx, pageNo);
    if (over(f) || f.jumpTo !== undefined || f.lines - box.lines > room) return;
    out[i] = { ...box, plan, needed: plan.needed, lines: f.lines };
    widened[i] = true;
    pushDown(out);
  });
  return { boxes: out, widened };
}
