// Step 4 of compose: a placed block's text flowed column by column — the headline given spare
// whole lines as air, the columns balanced (heights within one line, the longer first) and the
// block shrunk to its text, column breaks fixed for widows and orphans, the cut where the text
// jumps to another page, or the 超 when it does not fit.
import { breakFaultCount, endChoices, fixColumnBreaks } from './columns.js';
import { AIR_LIMIT } from './fill.js';
import type { Problem } from './displaylist.js';
import type { Grid } from './grid.js';
import type { Context, FlowLine, Placed, Slot } from './types.js';
import { spaceLine } from './prepare.js';

export type { Slot } from './types.js';
import { endsParagraph } from './typography.js';

export interface Flowed {
  headLines: number; // the headline's lines with the air it was given
  lines: number; // the block's height after balancing (a `lines` hint keeps its own)
  slots: Slot[]; // where the text stands (the first holds （上接…） on a continuation)
  capacity: number; // column-lines for text in the block as it stands
  flow: FlowLine[]; // the block's lines after the column fixes
  take: number; // lines set here
  jumpTo?: number; // page the rest goes to, when it jumps
  problems: Problem[];
}

/** The first text line of every column of the block: columns under the photo or the vertical
 * title start lower. */
export function columnStarts(block: Placed, headLines: number): number[] {
  const { plan, top, span } = block;
  const starts: number[] = [];
  for (let c = 0; c < span; c++) {
    let start = top + headLines;
    if (plan.photo && c < plan.photo.span) start += plan.photo.lines + plan.photo.caption.length; // text on the grid line under the caption
    if (plan.vtitle && c === span - 1) start = top + plan.vtitle.lines + 1;
    starts.push(start);
  }
  return starts;
}

/** Slots column by column, column c from starts[c] down to (not including) ends[c]. */
function slotsBetween(block: Placed, starts: number[], ends: number[], grid: Grid): Slot[] {
  const x = grid.columnLeft(block.column);
  const out: Slot[] = [];
  starts.forEach((start, c) => {
    for (let l = start; l < ends[c]; l++) out.push({ x: x + c * grid.columnStep, line: l });
  });
  return out;
}

const room = (starts: number[], bottom: number) => starts.reduce((a, s) => a + Math.max(0, bottom - s), 0);

/**
 * `count` slots balanced over the columns: every column ends on the lowest line `bottom` that
 * holds them all or on the line above it, the longer columns first. Columns whose photo or
 * vertical title reaches below that line hold no text (they are out of the balance).
 */
export function balancedEnds(starts: number[], count: number, foot: number): { ends: number[]; bottom: number } {
  let bottom = Math.min(...starts);
  while (bottom < foot && room(starts, bottom) < count) bottom++;
  let long = count - room(starts, bottom - 1); // columns that reach `bottom`, the first ones
  const ends = starts.map((s) => {
    if (s >= bottom) return s;
    if (long > 0) {
      long--;
      return bottom;
    }
    return bottom - 1;
  });
  return { ends, bottom };
}

/** A block with whole lines to spare in every column gives them to the headline (more air
 * around the title, up to AIR_LIMIT lines) rather than leaving them at the columns' feet. */
function headlineAir(block: Placed): number {
  const { plan, span } = block;
  const full = room(columnStarts(block, plan.headLines), block.top + block.lines);
  const spare = full - plan.fromLine - plan.flow.length;
  if (!plan.head || spare < span) return plan.headLines;
  const air = Math.min(AIR_LIMIT, Math.floor(spare / span));
  return plan.headLines + air;
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

/** The lowest line the block must keep: its photo with caption, its vertical title. */
function figureFoot(block: Placed, headLines: number): number {
  const { plan, top } = block;
  let foot = top + headLines;
  if (plan.photo) foot = Math.max(foot, top + headLines + plan.photo.lines + plan.photo.caption.length);
  if (plan.vtitle) foot = Math.max(foot, top + plan.vtitle.lines);
  return foot;
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
  const { grid } = ctx;
  const headLines = headlineAir(block);
  const starts = columnStarts(block, headLines);
  const foot = block.top + block.lines;
  const full = room(starts, foot);
  // Slots for n lines: balanced while the text is shorter than the block, else every slot.
  const slotsOf = (n: number) => slotsBetween(block, starts, n >= full ? starts.map(() => foot) : balancedEnds(starts, n, foot).ends, grid);
  const jumpTo = plan.continued ? undefined : plan.prepared.article.jump;
  // Slots for a flow as it stands (its lines past the block's capacity go elsewhere).
  const at = (f: FlowLine[]) => slotsOf(Math.min(f.length + plan.fromLine, full));
  const spaced = dropHeadSpaces(plan.flow, at(plan.flow), plan.fromLine);
  const fixedFlow = plan.continued ? spaced : fixColumnBreaks(spaced, slotsOf, full, plan.fromLine, !!jumpTo, plan.prepared.reset);
  const fixed = dropHeadSpaces(fixedFlow, at(fixedFlow), plan.fromLine);
  const kept = keepSubheads(fixed, at(fixed), plan.fromLine, jumpTo ? Infinity : full - plan.fromLine);
  // Moving subheads may have made new widows: the column fixes once more.
  const refixed = plan.continued || kept === fixed ? kept : fixColumnBreaks(kept, slotsOf, full, plan.fromLine, !!jumpTo, plan.prepared.reset);
  const flow = dropHeadSpaces(refixed, at(refixed), plan.fromLine);
  const { take, jumps, problems } = cut(block, flow, full - plan.fromLine, jumpTo, ctx, pageNo);
  const slots = jumps || take + plan.fromLine >= full ? slotsOf(full) : fewestFaults(block, starts, flow, take, foot, grid);
  // The block shrinks to its text (and its figures); a `lines` hint keeps its height.
  const bottom = Math.max(figureFoot(block, headLines), ...slots.map((s) => s.line + 1));
  const lines = plan.fixed || jumps || flow.length + plan.fromLine >= full ? block.lines : bottom - block.top;
  const capacity = room(starts, block.top + lines) - plan.fromLine;
  return { headLines, lines, slots, capacity, flow, take, ...(jumps ? { jumpTo } : {}), problems };
}

/** Balanced slots for the text, the long columns chosen so that the fewest widows, orphans
 * and split words stand at the column breaks (the column's last line moved on); longer first
 * when it makes no difference. */
function fewestFaults(block: Placed, starts: number[], flow: FlowLine[], take: number, foot: number, grid: Grid): Slot[] {
  const { plan } = block;
  const n = take + plan.fromLine;
  const { bottom } = balancedEnds(starts, n, foot);
  let best: Slot[] | null = null;
  let fewest = Infinity;
  for (const ends of endChoices(starts, n, bottom)) {
    const slots = slotsBetween(block, starts, ends, grid);
    const faults = breakFaultCount(flow, slots, plan.fromLine, take);
    if (faults < fewest) {
      fewest = faults;
      best = slots;
    }
    if (faults === 0) break;
  }
  return best ?? slotsBetween(block, starts, balancedEnds(starts, n, foot).ends, grid);
}

/** The same flow in a block moved `by` lines (up when negative). */
export function moveFlowed(flowed: Flowed, by: number): Flowed {
  return by === 0 ? flowed : { ...flowed, slots: flowed.slots.map((s) => ({ ...s, line: s.line + by })) };
}
