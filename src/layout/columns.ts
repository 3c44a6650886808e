// Column breaks inside a block (typesetting.md §5.5): widows, orphans, subheads kept with
// the lines after them.
import type { FlowLine, Slot } from './types.js';
import { endsParagraph, opensParagraph } from './typography.js';

/**
 * §5.5 at the column breaks of a block: no column may start with the last line of a
 * paragraph (widow) or end with a paragraph's first line (orphan). Fixed by setting a
 * paragraph of the column before the break one line longer or shorter, never by leaving a
 * line empty; what cannot be fixed stays and is counted by the typography report.
 * `slotsOf(n)` gives the slots for n lines (the columns balanced for them); `full` is the
 * block's capacity.
 */
export function fixColumnBreaks(flow: FlowLine[], slotsOf: (n: number) => Slot[], full: number, fromLine: number, jumps: boolean, reset: (para: number, target: number) => FlowLine[] | null): FlowLine[] {
  const capacity = full - fromLine;
  const count = (para: number) => flow.filter((l) => l.para === para).length;
  for (let attempt = 0; attempt < 8; attempt++) {
    let changed = false;
    const n = Math.min(flow.length, capacity);
    const slots = slotsOf(n + fromLine);
    let colStart = 0;
    let prevStart = 0; // the column before: its paragraphs may take the line too
    for (let i = 0; i + 1 < n && !changed; i++) {
      if (slots[fromLine + i].x === slots[fromLine + i + 1].x) continue;
      const a = flow[i];
      const b = flow[i + 1];
      const widow = b.kind === 'body' && endsParagraph(b);
      // An orphan: a paragraph's first line alone at the foot; a subhead keeps with the two
      // lines after it, so it may not stand last or next to last in a column either.
      const orphan = (a.kind === 'body' && opensParagraph(a)) || a.kind === 'subhead' || (i > colStart && flow[i - 1].kind === 'subhead');
      const split = splitsWord(a, b);
      if (widow || orphan || split) {
        // The paragraphs above the break in this column and the one before, nearest first (not
        // the orphaned one, nor a subhead: resetting those would not move the break).
        const stuck = orphan ? (flow[i - 1]?.kind === 'subhead' && a.kind !== 'subhead' ? [a.para, flow[i - 1].para] : [a.para]) : [];
        const cands: number[] = widow || split ? [b.para] : [];
        for (let j = i; j >= prevStart; j--) if (flow[j].para >= 0 && !cands.includes(flow[j].para) && !stuck.includes(flow[j].para)) cands.push(flow[j].para);
        // One line longer first (it pushes the break's lines down), then one line shorter.
        for (const delta of [1, -1])
          for (const para of cands) {
            if (changed) break;
            const now = count(para);
            if (now + delta < 1) continue;
            const lines = reset(para, now + delta);
            if (!lines) continue;
            const at = flow.findIndex((l) => l.para === para);
            const next = [...flow.slice(0, at), ...lines, ...flow.slice(at + now)];
            if (!jumps && next.length > capacity) continue; // no room for the extra line
            flow = next;
            changed = true;
          }
      }
      prevStart = colStart;
      colStart = i + 1;
    }
    if (!changed) break;
  }
  return flow;
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
    if (slots[fromLine + i].x === slots[fromLine + i + 1].x) continue;
    const a = flow[i];
    const b = flow[i + 1];
    if (b.kind === 'body' && endsParagraph(b)) faults++;
    if (a.kind === 'body' && opensParagraph(a)) faults++;
    if (splitsWord(a, b)) faults++;
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
