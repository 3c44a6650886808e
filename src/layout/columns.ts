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
    for (let i = 0; i + 1 < n && !changed; i++) {
      if (slots[fromLine + i].x === slots[fromLine + i + 1].x) continue;
      const a = flow[i];
      const b = flow[i + 1];
      const widow = b.kind === 'body' && endsParagraph(b);
      // An orphan: a paragraph's first line alone at the foot; a subhead keeps with the two
      // lines after it, so it may not stand last or next to last in a column either.
      const orphan = (a.kind === 'body' && opensParagraph(a)) || a.kind === 'subhead' || (i > colStart && flow[i - 1].kind === 'subhead');
      if (widow || orphan) {
        // The paragraphs above the break in this column, nearest first (not the orphaned one,
        // nor a subhead: resetting those would not move the break).
        const stuck = orphan ? (flow[i - 1]?.kind === 'subhead' && a.kind !== 'subhead' ? [a.para, flow[i - 1].para] : [a.para]) : [];
        const cands: number[] = widow ? [b.para] : [];
        for (let j = i; j >= colStart; j--) if (flow[j].para >= 0 && !cands.includes(flow[j].para) && !stuck.includes(flow[j].para)) cands.push(flow[j].para);
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
      colStart = i + 1;
    }
    if (!changed) break;
  }
  return flow;
}
