// Total-fit breaking (Knuth–Plass style) over the legal breaks of the reference procedure
// (Para.brk). Each candidate line is measured as it would be justified (§5.1 push-in,
// §5.2 expansion) and gets a badness; demerits add up over the paragraph and the least
// total wins. Demerits, from the strongest:
//   孤字 on the last line ≫ a line over ½ em a gap (only when nothing else is possible)
//   ≫ a loose line (over ¼ em a gap, what `check` counts) ≫ (line penalty + badness)²,
//   fitness classes of adjacent lines more than one apart, breaks inside Latin tokens and
//   two of them in a row.
// Ties go to the solution whose earlier lines are fuller. `looseness` ±1 asks for the best
// solution with one line more or fewer than the optimum (TeX's \looseness), which the page
// composer uses against widows and orphans (§5.5).
import type { Unit } from './units.js';
import { looseAtOf, Para, Stretch } from './line.js';
import { Measures, breakReference, fixLoneLast, loneLast, measureOf, minWidth } from './break.js';

const EPS = 1e-6;
const TRACK_SPAN = 2; // line counts kept per break, either side of the best, for looseness

const LINE = 10; // every line costs: fewer lines are better when all else is equal
const ADJACENT = 3000; // fitness classes of adjacent lines differ by more than one
const TOKEN = 50; // a break after a separator inside a URL or e-mail address
const EMERGENCY = 100; // a break inside a Western run wider than the measure
const DOUBLE_TOKEN = 10000; // two lines in a row ending inside a Latin token
const NUMBER_UNIT = 80; // a number parted from the character after it (`5 / 家`): legal, avoided
const LOOSE = 1e6; // more than ¼ em added per gap
const RANGE = 5e7; // a number range parted after its connector (second pass only)
const OVER = 1e8; // more than ½ em per gap, or nothing to expand (second pass only)
const LONE = 1e11; // 孤字: the last line holds fewer than 2 characters
const NAME = 5e7; // a byline word split across lines (second pass only, like RANGE)
// Spacing budget (issue 14): badness of a line whose CJK–Latin gaps leave their nominal ¼ em,
// and of one that narrows a byline's spaces (its last resort before a split name).
const GAP_OFF = 150;
const SPACE_OFF = 400;

/** Fitness classes, as in TeX: adjacent lines should not jump more than one class. */
export const VERY_LOOSE = 0;
export const LOOSE_FIT = 1;
export const DECENT = 2;
export const TIGHT = 3;

export interface LineFit {
  badness: number;
  fitness: number;
  loose: boolean; // more than ¼ em added per gap
  /** em of white beyond ½ em a gap (a justified line with nothing to expand: all of its
   * slack); 0 for a line within the limits of §5.2. */
  over: number;
}

/**
 * How [s, e) sets at W, or null when it cannot fit even with all the compression of §5.1.
 * Push-in is cheap (clreq: 先挤进，后推出); expansion costs with the cube of the space added
 * per gap, in units of ¼ em (the loose threshold).
 */
export function lineFit(p: Para, s: number, e: number, W: number, last: boolean, out: LineFit = { badness: 0, fitness: DECENT, loose: false, over: 0 }): LineFit | null {
  // Called for every candidate line (~5 per unit): the line's last inked unit is found once
  // and the prefix-sum measures take it, with no closure made per call.
  const b = p.opts.hang ? p.body(s, e, W) : e;
  const k = p.lastInk(s, b);
  return fitAt(p, s, e, k, W - p.natTo(s, k), W, last, out);
}

/** lineFit with the line's last inked unit k and its slack known (the search finds them once). */
function fitAt(p: Para, s: number, e: number, k: number, slack: number, W: number, last: boolean, out: LineFit): LineFit | null {
  if (slack < -EPS) return shrinkFit(p, s, k, -slack, out);
  if (last) return put(out, 0, DECENT, false, 0); // a last line is set at natural width
  if (e < p.n && p.units[e].emergencySplit) {
    // Start-aligned (§3.3): the fuller the better ("after the last separator that fits").
    const f = slack / W;
    return put(out, 20 + 400 * f * f, DECENT, false, 0);
  }
  if (slack <= EPS) return put(out, 0, DECENT, false, 0);
  if (p.opts.budget) return budgetFit(p, s, k, slack, W, out);
  const first = p.firstStretchTo(s, k); // word spaces and CJK–Latin gaps take slack first
  const rest = slack - first;
  if (rest <= EPS) {
    const f = slack / first;
    return put(out, 50 * f * f * f, DECENT, false, 0);
  }
  const gaps = p.expandableCountTo(s, k);
  if (gaps === 0) {
    // The tail of a run wider than the measure is start-aligned like its other pieces.
    if (p.units[s].emergencySplit) return put(out, 20 + 400 * (slack / W) ** 2, DECENT, false, 0);
    if (p.stretchTo(s, k, slack, PLAN).left <= EPS) return put(out, SPACE_OFF, LOOSE_FIT, false, 0); // a byline's spaces
    return put(out, 800, VERY_LOOSE, true, rest); // start-aligned, reported
  }
  const a = rest / gaps; // em added to each gap
  const t = Math.min(a, 0.5) / 0.25;
  return put(out, 50 + 100 * t * t * t, a > 0.25 + EPS ? VERY_LOOSE : a > 0.125 + EPS ? LOOSE_FIT : DECENT, a > 0.25 + EPS, a > 0.5 + EPS ? (a - 0.5) * gaps : 0);
}

/** A line that needs `need` em of §5.1 push-in, or null when it cannot give that much. */
function shrinkFit(p: Para, s: number, k: number, need: number, out: LineFit): LineFit | null {
  const cap = p.shrinkTo(s, k);
  if (need > cap + EPS) return null;
  if (!p.opts.budget) {
    const r = need / cap;
    return put(out, 40 * r * r * r, r > 0.5 ? TIGHT : DECENT, false, 0);
  }
  // The budget: marks give first; a CJK–Latin gap off its nominal width, and a byline's
  // space narrowed, cost more.
  const punct = p.punctShrinkTo(s, k);
  if (need <= punct + EPS) {
    const r = need / punct;
    return put(out, 40 * r * r * r, r > 0.5 ? TIGHT : DECENT, false, 0);
  }
  const gaps = cap - punct - p.spaceShrinkTo(s, k);
  return put(out, need <= punct + gaps + EPS ? 40 + GAP_OFF : 40 + GAP_OFF + SPACE_OFF, TIGHT, false, 0);
}

/** The plan of the line being measured (read at once, never kept). */
const PLAN: Stretch = { words: 0, letters: 0, cjk: 0, spaces: 0, left: 0 };

/** A line with slack > 0 under the spacing budget: within it, CJK–Latin gaps off ¼, loose. */
function budgetFit(p: Para, s: number, k: number, slack: number, W: number, out: LineFit): LineFit {
  const b = p.opts.budget!;
  const plan = p.stretchTo(s, k, slack, PLAN);
  if (plan.left > EPS) {
    if (p.units[s].emergencySplit) return put(out, 20 + 400 * (slack / W) ** 2, DECENT, false, 0);
    return put(out, 800, VERY_LOOSE, true, plan.left); // start-aligned, reported
  }
  const a = plan.letters;
  const t = Math.min(a, 0.5) / b.letter;
  const wordRoom = p.wordStretchTo(s, k);
  let badness = wordRoom > 0 ? 50 * (plan.words / wordRoom) ** 3 : 0;
  badness += 100 * t * t * t + (plan.cjk > EPS ? GAP_OFF : 0) + (plan.spaces > EPS ? SPACE_OFF : 0);
  const fitness = a > 2 * b.letter + EPS ? VERY_LOOSE : a > b.letter + EPS ? LOOSE_FIT : DECENT;
  const gaps = p.expandableCountTo(s, k);
  return put(out, badness, fitness, a > b.letter + EPS, a > 0.5 + EPS ? (a - 0.5) * gaps : 0);
}

function put(out: LineFit, badness: number, fitness: number, loose: boolean, over: number): LineFit {
  out.badness = badness;
  out.fitness = fitness;
  out.loose = loose;
  out.over = over;
  return out;
}

/** Does the break before unit j part a number from the Han character it counts (`5|家`)? */
function numberUnit(p: Para, j: number): boolean {
  const a = p.units[j - 1];
  return a.cls === 'W' && /[0-9%‰℃°]$/.test(a.text) && p.units[j].cls === 'H';
}

// The search's nodes live in typed arrays reused from paragraph to paragraph (a node is an
// index; its line before ends at nPos, nPrev = -1 for the paragraph's start): the breaker
// made an object per candidate and per break, most of a cold run's garbage.
let cap = 0;
let nPos = new Int32Array(0);
let nLines = new Int32Array(0);
let nFit = new Int32Array(0);
let nPrev = new Int32Array(0);
let nTotal = new Float64Array(0);
// The active breaks, in order of position: their position and their nodes [aFrom, aTo).
let aPos = new Int32Array(0);
let aFrom = new Int32Array(0);
let aTo = new Int32Array(0);
let aDead = new Uint8Array(0);
let keys = new Int32Array(64);

function room(nodes: number, breaks: number): void {
  if (nodes > cap) {
    const c = Math.max(nodes, 2 * cap, 1024);
    nPos = grow(nPos, c);
    nLines = grow(nLines, c);
    nFit = grow(nFit, c);
    nPrev = grow(nPrev, c);
    const t = new Float64Array(c);
    t.set(nTotal);
    nTotal = t;
    cap = c;
  }
  if (breaks > aPos.length) {
    const c = Math.max(breaks, 2 * aPos.length, 256);
    aPos = new Int32Array(c);
    aFrom = new Int32Array(c);
    aTo = new Int32Array(c);
    aDead = new Uint8Array(c);
  }
}

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** The search's answer: the nodes at the paragraph's end, [from, to) (empty: none). */
interface Found {
  from: number;
  to: number;
}

function endsOf(x: number): number[] {
  const ends: number[] = [];
  for (; x >= 0 && nPrev[x] >= 0; x = nPrev[x]) ends.push(nPos[x]);
  return ends.reverse();
}

/** Less demerits; on a tie, the earlier lines fuller (the first differing line ends later). */
function better(a: number, b: number): boolean {
  const ta = nTotal[a];
  const tb = nTotal[b];
  const tol = 1e-9 * Math.max(1, Math.abs(ta), Math.abs(tb));
  if (ta < tb - tol) return true;
  if (ta > tb + tol) return false;
  return fuller(a, b);
}

/**
 * Do a's earlier lines end later than b's? The two paths share everything up to their
 * last common break; the first line after it decides. Walking back to it is short, where
 * comparing whole paths would cost a paragraph's length on every tie (uniform text has many).
 */
function fuller(a: number, b: number): boolean {
  let x = a;
  let y = b;
  let cx = -1;
  let cy = -1;
  while (nLines[x] > nLines[y]) {
    cx = x;
    x = nPrev[x];
  }
  while (nLines[y] > nLines[x]) {
    cy = y;
    y = nPrev[y];
  }
  while (x !== y) {
    cx = x;
    x = nPrev[x];
    cy = y;
    y = nPrev[y];
  }
  return cx >= 0 && cy >= 0 && nPos[cx] > nPos[cy];
}

/**
 * One pass over the paragraph. `relaxed`: lines over ½ em a gap (and justified lines with
 * nothing to expand) are allowed at a prohibitive cost, for paragraphs the strict pass
 * cannot set. With `track`, nodes are kept per line count too (for looseness).
 */
function search(p: Para, m: Measures, relaxed: boolean, track: boolean): Found {
  const n = p.n;
  const units = p.units;
  const fit: LineFit = { badness: 0, fitness: DECENT, loose: false, over: 0 };
  const splits = units.some((u) => u.emergencySplit);
  const hang = p.opts.hang;
  // A break keeps a node per key (4 fitness classes; times the line counts kept when
  // tracking: grown as needed), and takes one scratch slot for a candidate.
  room(5 * (n + 1) + 1, n + 2);
  startAtZero();
  let top = 1; // next free node
  let act = 1; // active breaks
  let found: Found = { from: 0, to: 0 };
  for (let j = 1; j <= n; j++) {
    if (!p.brk[j] && !(relaxed && (p.range[j] || p.name[j]))) continue;
    const last = j === n;
    // Demerits that depend on the break alone.
    const tb = last ? undefined : units[j].tokenBreak;
    const atBreak = breakDemerits(p, j, last, tb);
    // The best node ending here per fitness class (and per line count when tracking), in the
    // order the keys were first met: slots [base, base + c) with their keys; top + c scratch.
    const base = top;
    let c = 0;
    let pruned = false;
    // Strict pass: once a line is too short to fill even at ½ em a gap, so are the lines
    // from every later start (no gap stretches more than ½ em); the ones that start with the
    // tail of an emergency split are set start-aligned and still count.
    let short = false;
    const emergencyEnd = !last && units[j].emergencySplit;
    const strict = !relaxed && !emergencyEnd && !last;
    for (let ai = 0; ai < act; ai++) {
      const pos = aPos[ai];
      const W = measureOf(m, pos);
      if (strict && short && !units[pos].emergencySplit) {
        if (!splits) break; // active is in order of position: every later line is short too
        continue;
      }
      // The line's last inked unit and natural width, found once for every test below.
      const k = p.lastInk(pos, j);
      const nat = p.natTo(pos, k);
      if (strict && !short && nat + 0.5 * (j - pos) + 0.5 < W) {
        short = true;
        if (!units[pos].emergencySplit) continue;
      }
      if (!(hang ? lineFit(p, pos, j, W, last, fit) : fitAt(p, pos, j, k, W - nat, W, last, fit))) {
        // Lines from here only get longer: drop the node once it is well past the measure
        // (nat is not monotone by up to ½ em: edge trims and hanging).
        if ((hang ? minWidth(p, pos, j, W) : nat - p.shrinkTo(pos, k)) > W + 1) aDead[ai] = 1, (pruned = true);
        continue;
      }
      if (fit.over > 0 && !relaxed) continue;
      let d = (LINE + fit.badness) ** 2 + atBreak;
      if (tb && pos > 0 && units[pos].tokenBreak) d += DOUBLE_TOKEN;
      if (fit.loose) d += LOOSE;
      if (fit.over > 0) d += OVER * (1 + fit.over); // the least white beyond the limit
      if (last && pos > 0 && p.chars(pos, n) < 2) d += LONE;
      for (let node = aFrom[ai], to = aTo[ai]; node < to; node++) c = offer(node, d, fit.fitness, j, track, base, c);
    }
    if (pruned) act = dropDead(act);
    if (!c) continue;
    const end = track ? keepNear(base, base + c) : base + c;
    top = end;
    aPos[act] = j;
    aFrom[act] = base;
    aTo[act] = end;
    aDead[act] = 0;
    act++;
    if (last) found = { from: base, to: end };
  }
  return found;
}

/** The first node: the paragraph's start, active. */
function startAtZero(): void {
  nPos[0] = 0;
  nLines[0] = 0;
  nFit[0] = DECENT;
  nTotal[0] = 0;
  nPrev[0] = -1;
  aPos[0] = 0;
  aFrom[0] = 0;
  aTo[0] = 1;
  aDead[0] = 0;
}

/** Demerits that depend on the break before unit j alone. */
function breakDemerits(p: Para, j: number, last: boolean, tb: Unit['tokenBreak']): number {
  let atBreak = 0;
  if (tb) atBreak += (p.units[j].emergencySplit ? EMERGENCY : TOKEN) ** 2;
  if (!last && numberUnit(p, j)) atBreak += NUMBER_UNIT ** 2;
  if (p.range[j]) atBreak += RANGE;
  if (p.name[j]) atBreak += NAME;
  return atBreak;
}

/**
 * A line from `node` to break j with demerits d: kept in the slot of its key among the c
 * slots from `base` (a new slot when its key is new) unless clearly worse. Returns c.
 */
function offer(node: number, d: number, fitness: number, j: number, track: boolean, base: number, c: number): number {
  const total = nTotal[node] + d + (Math.abs(nFit[node] - fitness) > 1 ? ADJACENT : 0);
  const lines = nLines[node] + 1;
  const key = track ? fitness + 4 * lines : fitness;
  let at = -1;
  for (let q = 0; q < c; q++)
    if (keys[q] === key) {
      at = base + q;
      break;
    }
  if (at >= 0 && total > nTotal[at] + 1e-9 * Math.max(1, total)) return c; // clearly worse
  const cand = base + c; // the scratch slot
  if (cand >= cap) room(cand + 1, 0);
  if (c === keys.length) keys = grow(keys, 2 * c);
  nPos[cand] = j;
  nLines[cand] = lines;
  nFit[cand] = fitness;
  nTotal[cand] = total;
  nPrev[cand] = node;
  if (at < 0) keys[c++] = key;
  else if (better(cand, at)) {
    nLines[at] = lines;
    nFit[at] = fitness;
    nTotal[at] = total;
    nPrev[at] = node;
  }
  return c;
}

/** The active breaks without the dead ones, in order; returns how many are left. */
function dropDead(act: number): number {
  let w = 0;
  for (let ai = 0; ai < act; ai++) {
    if (aDead[ai]) continue;
    aPos[w] = aPos[ai];
    aFrom[w] = aFrom[ai];
    aTo[w] = aTo[ai];
    aDead[w] = 0;
    w++;
  }
  return w;
}

/** Keep line counts near the best one at this break: a solution one line longer or shorter
 * overall is never far from it at any point (bounds the work on long paragraphs). */
function keepNear(base: number, end: number): number {
  const keep = nLines[pick(base, end)];
  let w = base;
  for (let x = base; x < end; x++) {
    if (Math.abs(nLines[x] - keep) > TRACK_SPAN) continue;
    if (w !== x) copyNode(x, w);
    w++;
  }
  return w;
}

function copyNode(from: number, to: number): void {
  nPos[to] = nPos[from];
  nLines[to] = nLines[from];
  nFit[to] = nFit[from];
  nTotal[to] = nTotal[from];
  nPrev[to] = nPrev[from];
}

/** A tracked search's solutions at the paragraph's end: the best (its line count and ends),
 * and per line count, in the order first met, the best with that count. */
export interface TrackedEnds {
  lines: number;
  ends: number[];
  counts: { lines: number; ends: number[] }[];
}

/** Where a paragraph's tracked search is kept for its next looseness (undefined: not run yet;
 * null: no solution). */
export interface TrackedSlot {
  ends?: TrackedEnds | null;
}

function trackedEnds(found: Found): TrackedEnds | null {
  if (found.to <= found.from) return null;
  const opt = pick(found.from, found.to);
  const best: number[] = [];
  for (let x = found.from; x < found.to; x++) {
    const at = best.findIndex((b) => nLines[b] === nLines[x]);
    if (at < 0) best.push(x);
    else if (better(x, best[at])) best[at] = x;
  }
  return { lines: nLines[opt], ends: endsOf(opt), counts: best.map((b) => ({ lines: nLines[b], ends: endsOf(b) })) };
}

/** The best of the nodes [from, to), the first of equals; -1 if none. */
function pick(from: number, to: number): number {
  let best = -1;
  for (let x = from; x < to; x++) if (best < 0 || better(x, best)) best = x;
  return best;
}

/** em added per expandable gap when [s, e) is justified to W (0 when it needs none). */
export function addedPerGap(p: Para, s: number, e: number, W: number): number {
  if (e < p.n && p.units[e].emergencySplit) return 0;
  const b = p.body(s, e, W);
  const k = p.lastInk(s, b);
  const slack = W - p.natTo(s, k);
  return slack > EPS ? p.stretchTo(s, k, slack, PLAN).letters : 0;
}

/** Added space a gap over which a line is loose: the budget's, else ¼ em (§5.2). */
export function looseAt(p: Para): number {
  return looseAtOf(p.opts.budget);
}

function looseCount(p: Para, m: Measures, ends: number[]): number {
  let c = 0;
  let s = 0;
  for (let i = 0; i + 1 < ends.length; i++) {
    if (addedPerGap(p, s, ends[i], measureOf(m, s)) > looseAt(p) + EPS) c++;
    s = ends[i];
  }
  return c;
}

export interface OptimalResult {
  ends: number[];
  /** Number ranges parted after their connector (`2026— / 2028`): at these ends. */
  ranges?: number[];
  /** Byline words split across lines (`赵一 / 霖`): at these ends. */
  names?: number[];
  /** Why the result is not plain total-fit: the relaxed pass, or the reference procedure. */
  note?: string;
}

/**
 * Break a paragraph by total fit. Returns null when no solution exists without an
 * overfull line (the caller falls back to the reference procedure and warns).
 */
export function breakOptimal(p: Para, m: Measures, looseness = 0, tracked?: TrackedSlot): OptimalResult | null {
  const n = p.n;
  if (n === 0) return { ends: [] };
  const track = looseness !== 0;
  let chosen: number[] | null = null;
  let note: string | undefined;
  if (!track) {
    const found = search(p, m, false, false);
    if (found.to > found.from) chosen = endsOf(pick(found.from, found.to)); // before another search reuses the nodes
  } else {
    // The same paragraph is asked for a line more and a line fewer (widows and orphans): one
    // tracked search answers both.
    let t = tracked?.ends;
    if (t === undefined) {
      t = trackedEnds(search(p, m, false, true));
      if (tracked) tracked.ends = t;
    }
    if (t) {
      const target = t.lines + looseness;
      // The best solution with the asked-for line count, else the closest to it (as TeX).
      let near: { lines: number; ends: number[] } | null = null;
      for (const g of t.counts) {
        if (g.lines === t.lines) continue;
        if (Math.sign(g.lines - t.lines) !== Math.sign(looseness)) continue;
        if (!near || Math.abs(g.lines - target) < Math.abs(near.lines - target)) near = g;
      }
      chosen = (near ?? t).ends.slice();
      if (!near || near.lines !== target) note = `looseness ${looseness}: ${near ? near.lines - t.lines : 0} lines instead`;
    }
  }
  if (!chosen || loneLast(p, chosen)) {
    // Lines over ½ em a gap may be the only way around an overfull line or a 孤字.
    const r = search(p, m, true, false);
    const relaxed = r.to > r.from ? endsOf(pick(r.from, r.to)) : null;
    if (relaxed && (!chosen || !loneLast(p, relaxed))) {
      chosen = relaxed;
      note = track ? `looseness ${looseness} not met: lines over ½ em a gap needed` : undefined;
    }
  }
  if (!chosen) return null;
  const ends = chosen;
  fixLoneLast(p, m, ends); // acts only when no solution without 孤字 exists
  if (!track) {
    // The contract of the mode: never more loose lines or 孤字 than the reference procedure.
    // A result with neither cannot lose to it, and most paragraphs have neither: the
    // reference procedure is run only when there is something to compare.
    const myLone = loneLast(p, ends);
    const myLoose = looseCount(p, m, ends);
    if (myLone || myLoose > 0) {
      const ref = breakReference(p, m);
      const lone = Number(myLone) - Number(loneLast(p, ref));
      if (lone > 0 || (lone === 0 && myLoose > looseCount(p, m, ref))) return { ends: ref, note: 'reference breaks kept (fewer loose lines or 孤字)' };
    }
  }
  const ranges = ends.filter((e) => e < n && p.range[e]);
  const names = ends.filter((e) => e < n && p.name[e]);
  return { ends, note, ...(ranges.length ? { ranges } : {}), ...(names.length ? { names } : {}) };
}
