// Line breaking. `reference` is the line-by-line procedure of typesetting.md §3.5 + §5.4
// (push-in before push-out, then the 孤字 fix); it is normative for the test cases.
import { Para } from './line.js';

export interface Measures {
  first: number; // em available on the paragraph's first line (measure − indent)
  rest: number; // em on the other lines
}

export interface Breaks {
  /** Line boundaries: line i is [ends[i-1] ?? 0, ends[i]). */
  ends: number[];
  /** Lines that end at an emergency split of a long Western run (start-aligned, reported). */
  emergency: boolean;
}

const EPS = 1e-6;

function measureOf(m: Measures, s: number): number {
  return s === 0 ? m.first : m.rest;
}

/** One line from s by §3.5: solid, push-in or push-out. Returns its end. */
export function nextBreak(p: Para, s: number, W: number): number {
  const n = p.n;
  // p = the largest e with nat(s, e) ≤ W. nat is not monotone (edge trims), so scan on
  // until the untrimmed width passes W by more than any trim could give back.
  let best = s;
  for (let e = s + 1; e <= n; e++) {
    if (p.nat(s, e) <= W + EPS) best = e;
    else if (p.nat(s, e) > W + 1.5) break;
  }
  if (best === n) return n;
  if (best === s) return s + 1; // a unit wider than the line: set it alone (overfull, reported)
  if (p.brk[best]) return best;
  let eIn = best + 1;
  while (eIn < n && !p.brk[eIn]) eIn++;
  let eOut = best - 1;
  while (eOut > s && !p.brk[eOut]) eOut--;
  if (p.nat(s, eIn) - p.shrink(s, eIn) <= W + EPS) return eIn; // 挤进 push-in
  if (eOut > s) return eOut; // 推出 push-out
  return eIn; // nothing legal fits: overfull, reported by the caller
}

export function breakReference(p: Para, m: Measures): number[] {
  const ends: number[] = [];
  let s = 0;
  while (s < p.n) {
    const e = nextBreak(p, s, measureOf(m, s));
    ends.push(e);
    s = e;
  }
  fixLoneLast(p, m, ends);
  return ends;
}

/** §5.4: the last line of a paragraph of ≥ 2 lines holds ≥ 2 characters. Pull back, else push out. */
export function fixLoneLast(p: Para, m: Measures, ends: number[]): void {
  for (let round = 0; round < 3 && ends.length >= 2; round++) {
    const L = ends.length;
    const s0 = L >= 3 ? ends[L - 3] : 0;
    const s1 = ends[L - 2];
    const n = ends[L - 1];
    if (p.chars(s1, n) >= 2) return;
    const W0 = measureOf(m, s0);
    if (p.nat(s0, n) - p.shrink(s0, n) <= W0 + EPS) {
      ends.splice(L - 2, 1); // pull back: the paragraph loses a line
      return;
    }
    let k = s1 - 1;
    while (k > s0 && !p.brk[k]) k--;
    if (k <= s0 || p.nat(k, n) > measureOf(m, k) + EPS) return; // cannot fix: leave it, reported
    ends[L - 2] = k; // push out
  }
}
