// Column breaks inside a block (typesetting.md §5.5): widows, orphans, subheads kept with
// the lines after them.
import type { FlowLine, Slot } from './types.js';
import { endsParagraph, opensParagraph } from './typography.js';

/** Where the breaks with faults are: index i of the line ending a column before a fault. */
function faultyBreaks(flow: FlowLine[], slots: Slot[], fromLine: number, take: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < take && fromLine + i + 1 < slots.length; i++) {
    if (slots[fromLine + i].x === slots[fromLine + i + 1].x) continue;
    if (faultAt(flow, slots, fromLine, i)) out.push(i);
  }
  return out;
}

/** Faults at the break after line i: a widow heading the next column, an orphan (or a subhead
 * not kept with two lines after it) ending this one, a word split across it. */
function faultAt(flow: FlowLine[], slots: Slot[], fromLine: number, i: number): number {
  const a = flow[i];
  const b = flow[i + 1];
  const sameColumn = i > 0 && slots[fromLine + i - 1].x === slots[fromLine + i].x;
  let n = 0;
  if (b.kind === 'body' && endsParagraph(b)) n++;
  if ((a.kind === 'body' && opensParagraph(a)) || a.kind === 'subhead' || (sameColumn && flow[i - 1].kind === 'subhead')) n++;
  if (splitsWord(a, b)) n++;
  if (b.kind === 'space') n++; // a subhead's blank line would open the column
  return n;
}

/**
 * §5.5 at the column breaks of a block: no column may start with the last line of a
 * paragraph (widow) or end with a paragraph's first line (orphan), no word is split across a
 * break. Fixed by setting a paragraph of the column before the break, or of the one before
 * it, one line longer or shorter (the breaker's looseness), never by leaving a line empty; a
 * change is kept only when the block has fewer faults with it. What cannot be fixed stays and
 * is named by the typography report. `slotsOf(n)` gives the slots for n lines (the columns
 * balanced for them); `full` is the block's capacity.
 */
export function fixColumnBreaks(flow: FlowLine[], slotsOf: (n: number) => Slot[], full: number, fromLine: number, jumps: boolean, reset: (para: number, target: number) => FlowLine[] | null): FlowLine[] {
  const capacity = full - fromLine;
  const faults = (f: FlowLine[]) => {
    const take = Math.min(f.length, capacity);
    return breakFaultCount(f, slotsOf(take + fromLine), fromLine, take);
  };
  let now = faults(flow);
  for (let attempt = 0; attempt < 8 && now > 0; attempt++) {
    const next = betterFlow(flow, now, slotsOf, capacity, fromLine, jumps, reset, faults);
    if (!next) break;
    flow = next.flow;
    now = next.faults;
  }
  return flow;
}

/** The first paragraph reset that leaves the block with fewer faults, or null. */
function betterFlow(flow: FlowLine[], now: number, slotsOf: (n: number) => Slot[], capacity: number, fromLine: number, jumps: boolean, reset: (para: number, target: number) => FlowLine[] | null, faults: (f: FlowLine[]) => number): { flow: FlowLine[]; faults: number } | null {
  const take = Math.min(flow.length, capacity);
  const slots = slotsOf(take + fromLine);
  const count = (para: number) => flow.filter((l) => l.para === para).length;
  const columnOf = (i: number) => slots[fromLine + i]?.x;
  for (const i of faultyBreaks(flow, slots, fromLine, take)) {
    // The paragraphs of this column and the one before, nearest the break first.
    const cands: number[] = [];
    const columns = new Set<number | undefined>();
    for (let j = i + 1; j >= 0; j--) {
      columns.add(columnOf(j));
      if (columns.size > 3) break; // the next column's head, this column, the one before
      if (flow[j].para >= 0 && !cands.includes(flow[j].para)) cands.push(flow[j].para);
    }
    for (const delta of [1, -1])
      for (const para of cands) {
        const n = count(para);
        if (n + delta < 1) continue;
        const lines = reset(para, n + delta);
        if (!lines) continue;
        const at = flow.findIndex((l) => l.para === para);
        const next = [...flow.slice(0, at), ...lines, ...flow.slice(at + n)];
        if (!jumps && next.length > capacity) continue; // no room for the extra line
        const f = faults(next);
        if (f < now) return { flow: next, faults: f };
      }
  }
  return null;
}

/** A word split across the line boundary after `a`: a Latin or digit run, or a 《》 title. */
export function splitsWord(a: FlowLine, b: FlowLine): boolean {
  if (a.para !== b.para || a.para < 0) return false;
  const end = a.line.text.trimEnd();
  const start = b.line.text.trimStart();
  if (/[A-Za-z0-9]$/.test(end) && /^[A-Za-z0-9]/.test(start)) return true;
  return end.lastIndexOf('《') > end.lastIndexOf('》');
}

/** Faults at the column breaks of lines set on `slots` (the first `fromLine` slots hold no
 * text line): widows, orphans, words split across the break. */
export function breakFaultCount(flow: FlowLine[], slots: Slot[], fromLine: number, take: number): number {
  let faults = 0;
  for (let i = 0; i + 1 < take && fromLine + i + 1 < slots.length; i++) {
    if (slots[fromLine + i].x !== slots[fromLine + i + 1].x) faults += faultAt(flow, slots, fromLine, i);
  }
  return faults;
}

/** Every way of choosing which `long` of the columns reach `bottom` (the others end a line
 * above): the balanced ends a column-break fault can move between, longer first listed first. */
export function endChoices(starts: number[], count: number, bottom: number): number[][] {
  const open = starts.map((s, c) => (s < bottom ? c : -1)).filter((c) => c >= 0);
  const shortRoom = starts.reduce((a, s) => a + Math.max(0, bottom - 1 - s), 0);
  const long = count - shortRoom;
  const out: number[][] = [];
  const pick = (from: number, chosen: number[]): void => {
    if (out.length >= 64) return;
    if (chosen.length === long) {
      out.push(starts.map((s, c) => (s >= bottom ? s : chosen.includes(c) ? bottom : bottom - 1)));
      return;
    }
    for (let i = from; i < open.length; i++) pick(i + 1, [...chosen, open[i]]);
  };
  if (long >= 0 && long <= open.length) pick(0, []);
  return out;
}
