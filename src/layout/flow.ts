// Step 4 of compose: a placed block's text flowed column by column into its slots — the
// headline given spare whole lines as air, column breaks fixed for widows and orphans, the
// cut where the text jumps to another page, or the 超 when it does not fit.
import { fixColumnBreaks } from './columns.js';
import type { Problem } from './displaylist.js';
import type { Grid } from './grid.js';
import type { Context, FlowLine, Placed } from './types.js';
import { endsParagraph } from './typography.js';
import { spaceLine } from './prepare.js';

/** One grid line of one column of a block, where a text line can stand. */
export interface Slot {
  x: number; // left of the column, pt
  line: number; // grid line
}

export interface Flowed {
  headLines: number; // the headline's lines with the air it was given
  headShift: number; // pt the headline moves down to stand in the middle of that air
  slots: Slot[];
  flow: FlowLine[]; // the block's lines after the column fixes
  take: number; // lines set here
  jumpTo?: number; // page the rest goes to, when it jumps
  problems: Problem[];
}

/** Text slots column by column; columns under the photo or the vertical title start lower. */
export function slotsFor(block: Placed, headLines: number, grid: Grid): Slot[] {
  const { plan, top, lines, span } = block;
  const x = grid.columnLeft(block.column);
  const out: Slot[] = [];
  for (let c = 0; c < span; c++) {
    let start = top + headLines;
    if (plan.photo && c < plan.photo.span) start += plan.photo.lines + plan.photo.caption.length + 1;
    if (plan.vtitle && c === span - 1) start = top + plan.vtitle.lines + 1;
    for (let l = start; l < top + lines; l++) out.push({ x: x + c * grid.columnStep, line: l });
  }
  return out;
}

/** A block with whole lines to spare in every column gives them to the headline (more air
 * around the title, up to 4 lines) rather than leaving them at the columns' feet. */
function headlineAir(block: Placed, grid: Grid): { headLines: number; headShift: number; slots: Slot[] } {
  const { plan, span } = block;
  const slots = slotsFor(block, plan.headLines, grid);
  const spare = slots.length - plan.fromLine - plan.flow.length;
  if (!plan.head || spare < span) return { headLines: plan.headLines, headShift: 0, slots };
  const air = Math.min(4, Math.floor(spare / span));
  const headLines = plan.headLines + air;
  return { headLines, headShift: (air * grid.pitch) / 2, slots: slotsFor(block, headLines, grid) };
}

/** How many lines are set here, and whether the rest jumps (the last slot then carries
 * （下转第N版）) or is over (超). */
function cut(block: Placed, flow: FlowLine[], capacity: number, jumpTo: number | undefined, ctx: Context, pageNo: number): { take: number; jumps: boolean; problems: Problem[] } {
  if (flow.length <= capacity) return { take: flow.length, jumps: false, problems: [] };
  if (jumpTo) {
    let take = Math.max(0, capacity - 1);
    // No widow at the continuation's head: it must not start with a paragraph's last line.
    const first = flow[take];
    if (first && endsParagraph(first) && take > 0) take -= 1;
    return { take, jumps: true, problems: [] };
  }
  const id = block.plan.item.id;
  const over = Math.ceil((flow.length - capacity) / block.span);
  const message = `第${pageNo}版 ${id}: 超 ${over} 行 (约 ${(flow.length - capacity) * ctx.issue.layout.grid.columnChars} 字)`;
  return { take: capacity, jumps: false, problems: [{ kind: 'over', page: pageNo, article: id, message }] };
}

/** The blank line above a subhead is dropped where it would open a column (or a continuation). */
export function dropHeadSpaces(flow: FlowLine[], slots: Slot[], fromLine: number): FlowLine[] {
  const out: FlowLine[] = [];
  for (const line of flow) {
    const at = fromLine + out.length;
    const opens = at === fromLine || at >= slots.length || slots[at].x !== slots[at - 1].x;
    if (line.kind === 'space' && opens) continue;
    out.push(line);
  }
  return out;
}

/**
 * A subhead keeps with the two lines after it: one that would stand last or next to last in
 * a column (the column fixes found no paragraph to re-break) goes to the head of the next
 * column, the lines it leaves blank at the column's foot, if the block has the room.
 */
export function keepSubheads(flow: FlowLine[], slots: Slot[], fromLine: number, room: number): FlowLine[] {
  let out = flow;
  for (let i = 0; i < out.length; i++) {
    const at = fromLine + i;
    if (out[i].kind !== 'subhead' || at >= slots.length) continue;
    let left = 0; // lines left in this column after the subhead
    while (at + left + 1 < slots.length && slots[at + left + 1].x === slots[at].x) left++;
    if (left >= 2 || at + left + 1 >= slots.length) continue; // kept, or the block's last column
    const blanks = left + 1;
    if (out.length + blanks <= room) {
      out = [...out.slice(0, i), ...Array.from({ length: blanks }, spaceLine), ...out.slice(i)];
      i += blanks;
    } else if (left === 1 && out[i - 1]?.kind === 'space') {
      out = [...out.slice(0, i - 1), ...out.slice(i)]; // no room: the blank above goes instead
      i -= 1;
    }
  }
  return out;
}

export function flowBlock(block: Placed, ctx: Context, pageNo: number): Flowed {
  const { plan } = block;
  const { headLines, headShift, slots } = headlineAir(block, ctx.grid);
  const jumpTo = plan.continued ? undefined : plan.prepared.article.jump;
  const spaced = dropHeadSpaces(plan.flow, slots, plan.fromLine);
  const fixed = dropHeadSpaces(plan.continued ? spaced : fixColumnBreaks(spaced, slots, plan.fromLine, !!jumpTo, plan.prepared.reset), slots, plan.fromLine);
  const flow = dropHeadSpaces(keepSubheads(fixed, slots, plan.fromLine, jumpTo ? Infinity : slots.length - plan.fromLine), slots, plan.fromLine);
  const { take, jumps, problems } = cut(block, flow, slots.length - plan.fromLine, jumpTo, ctx, pageNo);
  return { headLines, headShift, slots, flow, take, ...(jumps ? { jumpTo } : {}), problems };
}
