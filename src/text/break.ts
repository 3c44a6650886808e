// Line breaking. `reference` is the line-by-line procedure of typesetting.md §3.5 + §5.4
// (push-in before push-out, then the 孤字 fix); it is normative for the test cases.
import { Para } from './line.js';

export interface Measures {
  first: number; // em available on the paragraph's first line (measure − indent)
  rest: number; // em on the other lines
}

const EPS = 1e-6;

export function measureOf(m: Measures, s: number): number {
  return s === 0 ? m.first : m.rest;
}

/** Width [s, e) needs at the most compression §5.1 allows (a hung mark stays outside W). */
export function minWidth(p: Para, s: number, e: number, W: number): number {
  const b = p.body(s, e, W);
  return p.nat(s, b) - p.shrink(s, b);
}

/** Natural width of [s, e) as far as W is concerned (a hung mark stays outside). */
export function fitWidth(p: Para, s: number, e: number, W: number): number {
  return p.nat(s, p.body(s, e, W));
}

/** One line from s by §3.5: solid, push-in or push-out. Returns its end. */
export function nextBreak(p: Para, s: number, W: number): number {
  const n = p.n;
  // p = the largest e with nat(s, e) ≤ W. nat is not monotone (edge trims, hanging), so
  // scan on until the untrimmed width passes W by more than any trim could give back.
  let best = s;
  for (let e = s + 1; e <= n; e++) {
    if (fitWidth(p, s, e, W) <= W + EPS) best = e;
    else if (p.nat(s, e) > W + 1.5) break;
  }
  if (best === n) return n;
  if (best === s) return s + 1; // a unit wider than the line: set it alone (overfull, reported)
  if (p.brk[best]) {
    // Inside a Latin token, break after the last separator that fits before breaking after
    // any character (§3.3 emergency).
    if (p.units[best].tokenBreak === 'char') {
      for (let e = best - 1; e > s; e--) {
        const t = p.units[e].tokenBreak;
        if (!t) break; // left the token
        if (t === 'sep') return e;
      }
    }
    return best;
  }
  let eIn = best + 1;
  while (eIn < n && !p.brk[eIn]) eIn++;
  let eOut = best - 1;
  while (eOut > s && !p.brk[eOut]) eOut--;
  if (minWidth(p, s, eIn, W) <= W + EPS) return eIn; // 挤进 push-in
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

/** Does the paragraph broken at `ends` leave a lone character on its last line (§5.4)? */
export function loneLast(p: Para, ends: number[]): boolean {
  if (ends.length < 2) return false;
  return p.chars(ends[ends.length - 2], ends[ends.length - 1]) < 2;
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
    if (minWidth(p, s0, n, W0) <= W0 + EPS) {
      ends.splice(L - 2, 1); // pull back: the paragraph loses a line
      return;
    }
    let k = s1 - 1;
    while (k > s0 && !p.brk[k]) k--;
    if (k <= s0 || fitWidth(p, k, n, measureOf(m, k)) > measureOf(m, k) + EPS) return; // cannot fix: leave it, reported
    ends[L - 2] = k; // push out
  }
}
