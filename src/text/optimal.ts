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
import { looseAtOf, Para } from './line.js';
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
  const slack = W - p.natTo(s, k);
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
    if (p.stretchTo(s, k, slack).left <= EPS) return put(out, SPACE_OFF, LOOSE_FIT, false, 0); // a byline's spaces
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

/** A line with slack > 0 under the spacing budget: within it, CJK–Latin gaps off ¼, loose. */
function budgetFit(p: Para, s: number, k: number, slack: number, W: number, out: LineFit): LineFit {
  const b = p.opts.budget!;
  const plan = p.stretchTo(s, k, slack);
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

interface Node {
  pos: number; // the line before this break ends at unit pos
  lines: number;
  fitness: number;
  total: number;
  prev: Node | null;
}

interface Active {
  pos: number;
  nodes: Node[];
  dead: boolean;
}

function endsOf(node: Node): number[] {
  const ends: number[] = [];
  for (let x: Node | null = node; x && x.prev; x = x.prev) ends.push(x.pos);
  return ends.reverse();
}

/** Less demerits; on a tie, the earlier lines fuller (the first differing line ends later). */
function better(a: Node, b: Node): boolean {
  const tol = 1e-9 * Math.max(1, Math.abs(a.total), Math.abs(b.total));
  if (a.total < b.total - tol) return true;
  if (a.total > b.total + tol) return false;
  return fuller(a, b);
}

/**
 * Do a's earlier lines end later than b's? The two paths share everything up to their
 * last common break; the first line after it decides. Walking back to it is short, where
 * comparing whole paths would cost a paragraph's length on every tie (uniform text has many).
 */
function fuller(a: Node, b: Node): boolean {
  let x = a;
  let y = b;
  let cx: Node | null = null;
  let cy: Node | null = null;
  while (x.lines > y.lines) [cx, x] = [x, x.prev!];
  while (y.lines > x.lines) [cy, y] = [y, y.prev!];
  while (x !== y) {
    [cx, x] = [x, x.prev!];
    [cy, y] = [y, y.prev!];
  }
  return !!cx && !!cy && cx.pos > cy.pos;
}

/**
 * One pass over the paragraph. `relaxed`: lines over ½ em a gap (and justified lines with
 * nothing to expand) are allowed at a prohibitive cost, for paragraphs the strict pass
 * cannot set. With `track`, nodes are kept per line count too (for looseness).
 */
function search(p: Para, m: Measures, relaxed: boolean, track: boolean): Node[] {
  const n = p.n;
  let active: Active[] = [{ pos: 0, nodes: [{ pos: 0, lines: 0, fitness: DECENT, total: 0, prev: null }], dead: false }];
  const fit: LineFit = { badness: 0, fitness: DECENT, loose: false, over: 0 };
  const splits = p.units.some((u) => u.emergencySplit);
  const keys: number[] = [];
  const vals: Node[] = [];
  for (let j = 1; j <= n; j++) {
    if (!p.brk[j] && !(relaxed && (p.range[j] || p.name[j]))) continue;
    const last = j === n;
    // Demerits that depend on the break alone.
    const tb = last ? undefined : p.units[j].tokenBreak;
    let atBreak = 0;
    if (tb) atBreak += (p.units[j].emergencySplit ? EMERGENCY : TOKEN) ** 2;
    if (!last && numberUnit(p, j)) atBreak += NUMBER_UNIT ** 2;
    if (p.range[j]) atBreak += RANGE;
    if (p.name[j]) atBreak += NAME;
    // The best node ending here per fitness class (and per line count when tracking), in the
    // order the keys were first met: a few keys, searched in place (no Map per break).
    keys.length = 0;
    vals.length = 0;
    let pruned = false;
    // Strict pass: once a line is too short to fill even at ½ em a gap, so are the lines
    // from every later start (no gap stretches more than ½ em); the ones that start with the
    // tail of an emergency split are set start-aligned and still count.
    let short = false;
    const emergencyEnd = !last && p.units[j].emergencySplit;
    for (const a of active) {
      const W = measureOf(m, a.pos);
      if (!relaxed && !emergencyEnd && !last) {
        if (short && !p.units[a.pos].emergencySplit) {
          if (!splits) break; // active is in order of position: every later line is short too
          continue;
        }
        if (!short && p.nat(a.pos, j) + 0.5 * (j - a.pos) + 0.5 < W) {
          short = true;
          if (!p.units[a.pos].emergencySplit) continue;
        }
      }
      if (!lineFit(p, a.pos, j, W, last, fit)) {
        // Lines from here only get longer: drop the node once it is well past the measure
        // (nat is not monotone by up to ½ em: edge trims and hanging).
        if (minWidth(p, a.pos, j, W) > W + 1) a.dead = pruned = true;
        continue;
      }
      if (fit.over > 0 && !relaxed) continue;
      let d = (LINE + fit.badness) ** 2 + atBreak;
      if (tb && a.pos > 0 && p.units[a.pos].tokenBreak) d += DOUBLE_TOKEN;
      if (fit.loose) d += LOOSE;
      if (fit.over > 0) d += OVER * (1 + fit.over); // the least white beyond the limit
      if (last && a.pos > 0 && p.chars(a.pos, n) < 2) d += LONE;
      for (const node of a.nodes) {
        const total = node.total + d + (Math.abs(node.fitness - fit.fitness) > 1 ? ADJACENT : 0);
        const key = track ? fit.fitness + 4 * (node.lines + 1) : fit.fitness;
        const at = keys.indexOf(key);
        const cur = at < 0 ? undefined : vals[at];
        if (cur && total > cur.total + 1e-9 * Math.max(1, total)) continue; // clearly worse: no allocation
        const cand: Node = { pos: j, lines: node.lines + 1, fitness: fit.fitness, total, prev: node };
        if (!cur) {
          keys.push(key);
          vals.push(cand);
        } else if (better(cand, cur)) vals[at] = cand;
      }
    }
    if (pruned) active = active.filter((a) => !a.dead);
    if (!vals.length) continue;
    let nodes = vals.slice();
    if (track) {
      // Keep line counts near the best one here: a solution one line longer or shorter
      // overall is never far from it at any point (bounds the work on long paragraphs).
      const c = pick(nodes)!.lines;
      nodes = nodes.filter((x) => Math.abs(x.lines - c) <= TRACK_SPAN);
    }
    active.push({ pos: j, nodes, dead: false });
  }
  const end = active.find((a) => a.pos === n);
  return end ? end.nodes : [];
}

function pick(nodes: Node[]): Node | null {
  let best: Node | null = null;
  for (const x of nodes) if (!best || better(x, best)) best = x;
  return best;
}

/** em added per expandable gap when [s, e) is justified to W (0 when it needs none). */
export function addedPerGap(p: Para, s: number, e: number, W: number): number {
  if (e < p.n && p.units[e].emergencySplit) return 0;
  const b = p.body(s, e, W);
  const k = p.lastInk(s, b);
  const slack = W - p.natTo(s, k);
  return slack > EPS ? p.stretchTo(s, k, slack).letters : 0;
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
export function breakOptimal(p: Para, m: Measures, looseness = 0): OptimalResult | null {
  const n = p.n;
  if (n === 0) return { ends: [] };
  const track = looseness !== 0;
  let nodes = search(p, m, false, track);
  let chosen: Node | null = null;
  let note: string | undefined;
  if (nodes.length) {
    const opt = pick(nodes)!;
    chosen = opt;
    if (track) {
      const target = opt.lines + looseness;
      // The best solution with the asked-for line count, else the closest to it (as TeX).
      let near: Node | null = null;
      for (const x of nodes) {
        if (x.lines === opt.lines) continue;
        if (Math.sign(x.lines - opt.lines) !== Math.sign(looseness)) continue;
        if (!near || Math.abs(x.lines - target) < Math.abs(near.lines - target) || (x.lines === near.lines && better(x, near))) near = x;
      }
      if (near) chosen = near;
      if (!near || near.lines !== target) note = `looseness ${looseness}: ${near ? near.lines - opt.lines : 0} lines instead`;
    }
  }
  if (!chosen || loneLast(p, endsOf(chosen))) {
    // Lines over ½ em a gap may be the only way around an overfull line or a 孤字.
    nodes = search(p, m, true, false);
    const relaxed = pick(nodes);
    if (relaxed && (!chosen || !loneLast(p, endsOf(relaxed)))) {
      chosen = relaxed;
      note = track ? `looseness ${looseness} not met: lines over ½ em a gap needed` : undefined;
    }
  }
  if (!chosen) return null;
  const ends = endsOf(chosen);
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
