// Total-fit breaking (Knuth–Plass style) over the same legal breaks as the reference
// procedure (Para.brk). Each line's cost comes from how it would be justified: push-in
// (punctuation compression) is cheap, expansion costs with the square of the space added
// per gap, more than ½ em a gap is allowed only when nothing else is possible, and a
// paragraph whose last line holds fewer than 2 characters (孤字) pays a prohibitive
// penalty. Demerits are summed over the paragraph and the least total wins; the
// reference procedure is the fallback.
import { Para } from './line.js';
import { Measures, breakReference, fixLoneLast } from './break.js';

const EPS = 1e-6;
const LINE = 10; // a line's own demerit: fewer lines are better when all else is equal
const LONE = 1e7; // 孤字 on the last line
const OVER_HALF = 1e5; // more than ½ em added in a gap

/** Cost of setting [s, e) to W, or Infinity when it cannot be set without overflowing. */
export function lineCost(p: Para, s: number, e: number, W: number, last: boolean): number {
  const slack = W - p.nat(s, e);
  if (slack < -EPS) {
    const cap = p.shrink(s, e);
    if (-slack > cap + EPS) return Infinity;
    return 1 + 8 * (-slack / Math.max(cap, EPS)); // 挤进 is the preferred remedy (clreq)
  }
  if (last) return 0; // a last line is set at natural width
  const first = p.firstStretch(s, e); // word spaces and CJK–Latin gaps take slack first
  const rest = slack - first;
  if (rest <= EPS) return 1 + (first > 0 ? 20 * (slack / first) ** 2 : 0);
  const gaps = p.expandableCount(s, e);
  if (gaps === 0) return OVER_HALF * 10; // nothing to spread it over: start-aligned
  const a = rest / gaps; // em added to each gap
  return 1 + 400 * a * a + (a > 0.5 + EPS ? OVER_HALF * a : 0);
}

export function breakOptimal(p: Para, m: Measures): number[] {
  const n = p.n;
  if (n === 0) return [];
  // best[j]: least demerits of a paragraph prefix ending with a break before unit j.
  const best = new Array<number>(n + 1).fill(Infinity);
  const prev = new Array<number>(n + 1).fill(-1);
  const lines = new Array<number>(n + 1).fill(0);
  best[0] = 0;
  const maxW = Math.max(m.first, m.rest);
  for (let j = 1; j <= n; j++) {
    if (!p.brk[j]) continue;
    // Earlier starts make longer lines; stop once even full compression cannot fit.
    for (let i = j - 1; i >= 0; i--) {
      if (i > 0 && !p.brk[i]) continue;
      if (best[i] === Infinity) {
        if (p.nat(i, j) > maxW + 3) break;
        continue;
      }
      const W = i === 0 ? m.first : m.rest;
      const nat = p.nat(i, j);
      if (nat - W > 3) break; // no line shrinks by 3 em
      const c = lineCost(p, i, j, W, j === n);
      if (c === Infinity) continue;
      let d = best[i] + (LINE + c) ** 2;
      if (j === n && i > 0 && p.chars(i, n) < 2) d += LONE;
      // Ties: prefer the solution whose earlier lines are fuller (the later start).
      if (d < best[j] - EPS || (Math.abs(d - best[j]) <= EPS && i > prev[j])) {
        best[j] = d;
        prev[j] = i;
        lines[j] = lines[i] + 1;
      }
    }
  }
  if (best[n] === Infinity) return breakReference(p, m);
  const ends: number[] = [];
  for (let j = n; j > 0; j = prev[j]) ends.push(j);
  ends.reverse();
  fixLoneLast(p, m, ends); // only acts if no solution without 孤字 existed
  return ends;
}
