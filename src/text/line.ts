// Measuring and justifying one line (typesetting.md §3.5 step 1, §4.3, §5.1–5.2, §3.4 hanging).
// A line is the units [s, e) of a paragraph; widths in em.
import { KinsokuLevel } from './classify.js';
import { Unit, breakable, bylineSpace, cjkLatin, nameBreak, rangeBreak } from './units.js';

export interface EngineOptions {
  kinsoku: KinsokuLevel;
  cjkLatinGap: number; // em, natural CJK–Latin gap (¼)
  compressStops: boolean;
  hang: boolean;
  /** The spacing budget (issue 14). Absent: the order of typesetting.md §5.1–5.2 exactly. */
  budget?: SpacingBudget;
}

/**
 * How a line's slack is spent when the layout asks for even spacing: punctuation first
 * (§5.1 push-in; nothing of it stretches), then inter-character space up to `letter` em a
 * gap, then CJK–Latin gaps within [gapMin, gapMax] around the nominal gap; only then more
 * inter-character space, and such a line is loose. The breaker avoids those (optimal.ts).
 */
export interface SpacingBudget {
  letter: number; // em a gap before a line counts as loose (⅛)
  gapMin: number; // em, the narrowest CJK–Latin gap (⅛)
  gapMax: number; // em, the widest CJK–Latin gap (⅜)
}

/** Where a line counts as loose, in em added per gap: the layout's spacing budget (⅛ by
 * default), else §5.2's ¼. */
export function looseAtOf(budget?: { letter: number }): number {
  return budget?.letter ?? 0.25;
}

export const DEFAULT_BUDGET: SpacingBudget = { letter: 0.125, gapMin: 0.125, gapMax: 0.375 };

const GAP_MIN = 0.125;
const GAP_MAX = 0.5; // §5.2 step 2, and the budget's last resort on a line with no other gap
const WORD_MIN = 0.25;
const WORD_MAX = 0.5;
const EPS = 1e-9;

/** The only marks that may hang past the measure (§3.4). */
export const HANGABLE = new Set('。，、');

/** A shrink item of §5.1: a unit's blank half or word space, or the CJK–Latin gap before a unit. */
export interface ShrinkItem {
  unit: number;
  gap: boolean;
  side: 'L' | 'R' | 'W';
  cap: number;
}

/** A paragraph's units with the prefix sums that make every per-line measure O(1). */
export class Para {
  readonly units: Unit[];
  readonly opts: EngineOptions;
  /** brk[i]: a line may break before unit i (1 ≤ i < n); brk[n] = true. */
  readonly brk: boolean[];
  /** gap[i]: natural CJK–Latin gap before unit i (em), 0 if none. */
  readonly gap: number[];
  /** range[i]: the break before unit i would part a number range after its connector
   * (`2026— / 2028`): not legal, a last resort of the total-fit breaker. */
  readonly range: boolean[];
  // Prefix sums: the total-fit breaker asks for these for every candidate line.
  private pre: Float64Array; // unit widths
  private gpre: Float64Array; // CJK–Latin gaps
  private capPre: Float64Array; // shrink capacity of each unit as if inside a line
  private gcapPre: Float64Array; // shrink capacity of the CJK–Latin gap before each unit
  private expPre: Float64Array; // expandable gap before each unit (0/1)
  private firstPre: Float64Array; // stretch of word spaces (to ½ em) and CJK–Latin gaps (to ½ em)
  private wordPre: Float64Array; // stretch of word spaces (to ½ em)
  private gcountPre: Float64Array; // CJK–Latin gaps (0/1)
  private spacePre: Float64Array; // shrink of the spaces inside a byline (to 0)
  private charPre: Float64Array; // characters counting for 孤字
  /** name[i]: the break before unit i would split a word of a byline (`赵一|霖`, `通|讯员`):
   * not legal, a last resort of the total-fit breaker. */
  readonly name: boolean[];
  /** The CJK–Latin gap's shrink floor and stretch ceiling (em). */
  readonly gapMin: number;
  readonly gapMax: number;

  constructor(units: Unit[], opts: EngineOptions) {
    this.units = units;
    this.opts = opts;
    const n = units.length;
    this.brk = new Array(n + 1).fill(false);
    this.gap = new Array(n + 1).fill(0);
    this.range = new Array(n + 1).fill(false);
    this.name = new Array(n + 1).fill(false);
    this.gapMin = Math.min(opts.budget?.gapMin ?? GAP_MIN, opts.cjkLatinGap);
    this.gapMax = Math.max(opts.budget?.gapMax ?? GAP_MAX, opts.cjkLatinGap);
    for (let i = 1; i < n; i++) {
      this.name[i] = nameBreak(units, i);
      this.brk[i] = !this.name[i] && breakable(units, i, opts.kinsoku);
      this.range[i] = rangeBreak(units, i);
      if (opts.cjkLatinGap > 0 && cjkLatin(units, i)) this.gap[i] = opts.cjkLatinGap;
    }
    this.brk[n] = true;
    // Float64Array: sized once, and one hidden class whatever the widths (an Array of whole
    // numbers and one of fractions are two, and the breaker's optimised code was thrown away
    // at each change).
    const pre = (this.pre = new Float64Array(n + 1));
    const gpre = (this.gpre = new Float64Array(n + 1));
    const capPre = (this.capPre = new Float64Array(n + 1));
    const gcapPre = (this.gcapPre = new Float64Array(n + 1));
    const expPre = (this.expPre = new Float64Array(n + 1));
    const firstPre = (this.firstPre = new Float64Array(n + 1));
    const wordPre = (this.wordPre = new Float64Array(n + 1));
    const gcountPre = (this.gcountPre = new Float64Array(n + 1));
    const spacePre = (this.spacePre = new Float64Array(n + 1));
    const charPre = (this.charPre = new Float64Array(n + 1));
    pre[0] = gpre[0] = capPre[0] = gcapPre[0] = expPre[0] = firstPre[0] = wordPre[0] = gcountPre[0] = spacePre[0] = charPre[0] = 0;
    for (let i = 0; i < n; i++) {
      const x = units[i];
      const word = x.cls === 'SP' ? Math.max(0, WORD_MAX - x.width) : 0;
      const gap = this.gap[i];
      pre[i + 1] = pre[i] + x.width;
      gpre[i + 1] = gpre[i] + gap;
      capPre[i + 1] = capPre[i] + this.unitCap(i);
      gcapPre[i + 1] = gcapPre[i] + (gap > 0 ? gap - this.gapMin : 0);
      expPre[i + 1] = expPre[i] + (i > 0 && this.expandableAt(i) ? 1 : 0);
      firstPre[i + 1] = firstPre[i] + word + (gap > 0 ? GAP_MAX - gap : 0);
      wordPre[i + 1] = wordPre[i] + word;
      gcountPre[i + 1] = gcountPre[i] + (gap > 0 ? 1 : 0);
      spacePre[i + 1] = spacePre[i] + (bylineSpace(x) ? x.width : 0);
      charPre[i + 1] = charPre[i] + x.chars;
    }
  }

  get n(): number {
    return this.units.length;
  }

  /** §5.1 capacity of unit i when it is neither the line's first nor its last. */
  private unitCap(i: number): number {
    const x = this.units[i];
    if (x.cls === 'SP') return Math.max(0, x.width - WORD_MIN);
    if (x.cls === 'OPEN') return x.blankL;
    if (x.cls === 'CLOSE') return x.blankR;
    if (x.cls === 'STOP' && (x.pause || this.opts.compressStops)) return x.blankR;
    return 0;
  }

  /** Is the gap before unit i a legal break that takes inter-character space (§5.2 step 3)? */
  private expandableAt(i: number): boolean {
    const u = this.units;
    if (!this.brk[i] || u[i].tokenBreak) return false; // nothing added inside a Western token
    if (this.gap[i] > 0) return false;
    // A byline and a bold run-in are never letter-spaced (issue 14): no space inside them.
    if (u[i - 1].role === u[i].role && (u[i].role === 'byline' || u[i].role === 'bold')) return false;
    const a = u[i - 1].cls;
    const b = u[i].cls;
    // After a space is a legal break, so it takes space (§5.2 step 3); before one is not.
    if (b === 'SP' || b === 'ISP') return false;
    if (a === 'CONN' || a === 'MID' || a === 'SOL' || b === 'CONN' || b === 'MID' || b === 'SOL') return false;
    return true;
  }

  /** Index of the last unit of [s, e) that is not a space (spaces at a line edge take no width). */
  lastInk(s: number, e: number): number {
    let k = e - 1;
    while (k > s && (this.units[k].cls === 'SP' || this.units[k].cls === 'ISP')) k--;
    return k;
  }

  /** Natural width of [s, e) set as one line: adjacent compression, edge trims, CJK–Latin gaps. */
  nat(s: number, e: number): number {
    return this.natTo(s, this.lastInk(s, e));
  }

  /** nat with the line's last inked unit k known (the total-fit breaker asks for k once). */
  natTo(s: number, k: number): number {
    const u = this.units;
    let w = this.pre[k + 1] - this.pre[s] + (k > s ? this.gpre[k + 1] - this.gpre[s + 1] : 0);
    if (u[s].cls === 'OPEN') w -= u[s].blankL; // line-start OPEN loses its blank half (§4.3)
    if (k > s || u[s].cls !== 'OPEN') if (u[k].cls === 'CLOSE' || u[k].cls === 'STOP') w -= u[k].blankR; // §4.3 line end
    return w;
  }

  /** Total §5.1 capacity of [s, e): a line-start OPEN and the line-end mark never shrink. */
  shrink(s: number, e: number): number {
    return this.shrinkTo(s, this.lastInk(s, e));
  }

  shrinkTo(s: number, k: number): number {
    if (k <= s) return 0;
    return this.punctShrinkTo(s, k) + this.gcapPre[k + 1] - this.gcapPre[s + 1] + this.spaceShrinkTo(s, k);
  }

  /** §5.1 capacity of [s, k] without CJK–Latin gaps and byline spaces (steps 1, 3, 4, 6). */
  punctShrinkTo(s: number, k: number): number {
    if (k <= s) return 0;
    let t = this.capPre[k] - this.capPre[s + 1];
    if (this.units[s].cls !== 'OPEN') t += this.unitCap(s);
    if (this.units[k].cls === 'OPEN') t += this.unitCap(k); // only at a paragraph's end
    return t;
  }

  /** Shrink of the spaces inside a byline on [s, k] (the last step of all: `记者　赵一霖`). */
  spaceShrinkTo(s: number, k: number): number {
    return k > s ? this.spacePre[k] - this.spacePre[s + 1] : 0;
  }

  /** CJK–Latin gaps inside [s, k] (before units s+1..k). */
  gapCountTo(s: number, k: number): number {
    return k > s ? this.gcountPre[k + 1] - this.gcountPre[s + 1] : 0;
  }

  /** Word-space stretch strictly inside (s, k), to ½ em each. */
  wordStretchTo(s: number, k: number): number {
    return k > s ? this.wordPre[k] - this.wordPre[s + 1] : 0;
  }

  /**
   * §5.1 shrink items of [s, e) in priority order: six steps (step 2, middle dots, is empty),
   * then the spaces of a byline. With a spacing budget the CJK–Latin gaps (step 5) give
   * after every mark has, so they stay at their nominal width as long as they can.
   */
  shrinkSteps(s: number, e: number): ShrinkItem[][] {
    const u = this.units;
    const k = this.lastInk(s, e);
    const steps: ShrinkItem[][] = [[], [], [], [], [], [], []];
    if (k <= s) return steps;
    for (let i = s; i <= k; i++) {
      const x = u[i];
      if (x.cls === 'SP' && x.width > WORD_MIN) steps[0].push({ unit: i, gap: false, side: 'W', cap: x.width - WORD_MIN });
      if (x.cls === 'OPEN' && i !== s && x.blankL > 0) steps[2].push({ unit: i, gap: false, side: 'L', cap: x.blankL });
      if (x.cls === 'CLOSE' && i !== k && x.blankR > 0) steps[2].push({ unit: i, gap: false, side: 'R', cap: x.blankR });
      if (x.cls === 'STOP' && i !== k && x.blankR > 0) {
        if (x.pause) steps[3].push({ unit: i, gap: false, side: 'R', cap: x.blankR });
        else if (this.opts.compressStops) steps[5].push({ unit: i, gap: false, side: 'R', cap: x.blankR });
      }
      if (i > s && this.gap[i] > 0) steps[4].push({ unit: i, gap: true, side: 'L', cap: this.gap[i] - this.gapMin });
      if (i > s && bylineSpace(x)) steps[6].push({ unit: i, gap: false, side: 'W', cap: x.width });
    }
    if (this.opts.budget) steps.splice(5, 0, steps.splice(4, 1)[0]);
    return steps;
  }

  /**
   * How a slack > 0 on [s, k] is spent: `words` em to word spaces (to ½ em), `letters` em
   * to each expandable gap, `cjk` em to each CJK–Latin gap, `spaces` em to each space of a
   * byline (to 2 em: its words are never spaced apart); `left` em found no gap (the line is
   * start-aligned). §5.2 order, or the spacing budget's.
   */
  stretchTo(s: number, k: number, slack: number, plan: Stretch = { words: 0, letters: 0, cjk: 0, spaces: 0, left: 0 }): Stretch {
    // Asked for every candidate line under the budget: the plan may be the caller's, and
    // each share is worked out in line (no closure per call).
    const words = Math.min(slack, this.wordStretchTo(s, k));
    let rest = slack - words;
    const gaps = this.expandableCountTo(s, k);
    const cjkN = this.gapCountTo(s, k);
    const spaceN = this.spaceShrinkTo(s, k); // byline spaces are 1 em each: their count
    const b = this.opts.budget;
    let letters = 0;
    let cjk = 0;
    let spaces = 0;
    let each: number;
    if (b) {
      letters = each = share(rest, b.letter, gaps);
      rest -= each * gaps;
      cjk = each = share(rest, this.gapMax - this.opts.cjkLatinGap, cjkN);
      rest -= each * cjkN;
      spaces = each = share(rest, 1, spaceN);
      rest -= each * spaceN;
      // Nothing else on the line stretches: CJK–Latin gaps to §5.2's ½ em.
      if (gaps === 0) {
        each = share(rest, GAP_MAX - this.opts.cjkLatinGap - cjk, cjkN);
        rest -= each * cjkN;
        cjk += each;
      }
    } else {
      cjk = each = share(rest, GAP_MAX - this.opts.cjkLatinGap, cjkN); // §5.2 step 2
      rest -= each * cjkN;
    }
    each = share(rest, Infinity, gaps); // §5.2 step 3 (past the budget: a loose line)
    rest -= each * gaps;
    letters += each;
    if (!b) {
      spaces = each = share(rest, 1, spaceN);
      rest -= each * spaceN;
    }
    plan.words = words;
    plan.letters = letters;
    plan.cjk = cjk;
    plan.spaces = spaces;
    plan.left = Math.max(0, rest);
    return plan;
  }

  /** Legal break opportunities inside [s, e) that take inter-character space (§5.2 step 3). */
  expandableGaps(s: number, e: number): number[] {
    const k = this.lastInk(s, e);
    const out: number[] = [];
    for (let i = s + 1; i <= k; i++) if (this.expandableAt(i)) out.push(i);
    return out;
  }

  /** Number of expandable gaps inside [s, e) (the same set as expandableGaps). */
  expandableCount(s: number, e: number): number {
    return this.expandableCountTo(s, this.lastInk(s, e));
  }

  expandableCountTo(s: number, k: number): number {
    return k > s ? this.expPre[k + 1] - this.expPre[s + 1] : 0;
  }

  /** Stretch taken before inter-character space: word spaces and CJK–Latin gaps to ½ em. */
  firstStretchTo(s: number, k: number): number {
    if (k <= s) return 0;
    // Word spaces strictly inside (s, k); CJK–Latin gaps before units s+1..k.
    return this.firstPre[k + 1] - this.firstPre[s + 1];
  }

  /** Characters on [s, e) that count for the 孤字 rule. */
  chars(s: number, e: number): number {
    return this.charPre[e] - this.charPre[s];
  }

  /**
   * Does [s, e) hang its last mark past W (§3.4, `hang: true`)? Only 。，、, only when it
   * would not fit inside the measure, never after another mark: it then protrudes by its
   * ½-em trimmed cell and the line before it is justified to W.
   */
  hangs(s: number, e: number, W: number): boolean {
    if (!this.opts.hang) return false;
    const k = this.lastInk(s, e);
    if (k <= s) return false;
    const x = this.units[k];
    const before = this.units[k - 1].cls;
    if (!HANGABLE.has(x.text) || x.blankR <= 0 || (before !== 'H' && before !== 'W')) return false;
    return this.nat(s, e) > W + EPS;
  }

  /** End of the part of [s, e) that must fit into W: before a hung mark, else e. */
  body(s: number, e: number, W: number): number {
    return this.hangs(s, e, W) ? this.lastInk(s, e) : e;
  }
}

/** What each of n gaps takes of `rest`, up to `room` em (0 with no gap). */
function share(rest: number, room: number, n: number): number {
  return n > 0 ? Math.max(0, Math.min(rest / n, room)) : 0;
}

/** How a line's slack > 0 is spent (Para.stretchTo), em. */
export interface Stretch {
  words: number; // in all, over the word spaces
  letters: number; // to each expandable gap
  cjk: number; // to each CJK–Latin gap
  spaces: number; // to each space of a byline
  left: number; // nowhere to go: the line is start-aligned
}

export interface LineBox {
  s: number;
  e: number;
  /** Left edge of each unit's visible cell, em from the line start. */
  x: number[];
  /** Amount removed at the left of each unit's cell (glyphs shift left by it). */
  trimL: number[];
  width: number; // em: right edge of the last visible cell inside the measure
  natural: number; // em
  addedPerGap: number; // em added to each expandable gap (§5.2 step 3)
  gapMax: number; // em: the widest inter-character space added (any kind)
  startAligned: boolean; // not justified (last line, or nothing to expand)
  overfull: boolean;
  /** em the line's last mark protrudes past the measure (hanging punctuation), 0 if none. */
  hung: number;
}

/**
 * Set [s, e) to measure W: 'justify' fills W exactly (shrinking or expanding by priority),
 * 'natural' sets it at natural width (a paragraph's last line), shrinking only if it is over.
 * A hung mark (§3.4) is set after the justified line, outside the measure.
 */
export function setLine(p: Para, s: number, e: number, W: number, mode: 'justify' | 'natural'): LineBox {
  const b = p.body(s, e, W);
  if (b === e) return setBody(p, s, e, W, mode);
  const box = setBody(p, s, b, W, mode);
  // The hung mark and any spaces after it (zero width at a line edge).
  const mark = p.units[b];
  let pen = box.width;
  for (let i = b; i < e; i++) {
    box.x.push(pen);
    box.trimL.push(0);
    if (i === b) pen += mark.width - mark.blankR;
  }
  box.e = e;
  box.hung = pen - W;
  box.natural = p.nat(s, e);
  return box;
}

function setBody(p: Para, s: number, e: number, W: number, mode: 'justify' | 'natural'): LineBox {
  const u = p.units;
  const k = p.lastInk(s, e);
  const n = e - s;
  const cell = new Array<number>(n);
  const trimL = new Array<number>(n).fill(0);
  const gapBefore = new Array<number>(n).fill(0);
  for (let i = s; i < e; i++) {
    cell[i - s] = i > k ? 0 : u[i].width;
    if (i > s && i <= k) gapBefore[i - s] = p.gap[i];
  }
  if (u[s].cls === 'OPEN' && u[s].blankL > 0) {
    cell[0] -= u[s].blankL;
    trimL[0] = u[s].blankL;
  }
  if ((k > s || u[s].cls !== 'OPEN') && (u[k].cls === 'CLOSE' || u[k].cls === 'STOP')) cell[k - s] -= u[k].blankR;
  const natural = p.nat(s, e);
  const slack = W - natural;
  const line: Spread = { cell, trimL, gapBefore, addedPerGap: 0, gapMax: 0, startAligned: mode === 'natural', overfull: false };
  if (slack < -EPS) shrinkLine(p, s, e, -slack, line);
  else if (slack > EPS && mode === 'justify') stretchLine(p, s, k, slack, line);

  const x = new Array<number>(n);
  let pen = 0;
  for (let j = 0; j < n; j++) {
    pen += gapBefore[j];
    x[j] = pen;
    pen += cell[j];
  }
  const width = x[k - s] + cell[k - s];
  const { addedPerGap, gapMax, startAligned, overfull } = line;
  return { s, e, x, trimL, width, natural, addedPerGap, gapMax, startAligned, overfull, hung: 0 };
}

/** A line being justified: cells and the gaps before them (em), indexed from the line's start. */
interface Spread {
  cell: number[];
  trimL: number[];
  gapBefore: number[];
  addedPerGap: number;
  gapMax: number;
  startAligned: boolean;
  overfull: boolean;
}

/** §5.1: shrink by priority; each step's items give equally (need/n, capped by each item). */
function shrinkLine(p: Para, s: number, e: number, need: number, line: Spread): void {
  for (const step of p.shrinkSteps(s, e)) {
    if (need <= EPS) break;
    if (!step.length) continue;
    const cap = step.reduce((a, it) => a + it.cap, 0);
    const take = Math.min(need, cap);
    for (const [it, each] of shareOut(step, take)) {
      const j = it.unit - s;
      if (it.gap) line.gapBefore[j] -= each;
      else {
        line.cell[j] -= each;
        if (it.side === 'L') line.trimL[j] += each;
      }
    }
    need -= take;
  }
  if (need > 1e-6) line.overfull = true;
}

/** §5.2 (or the spacing budget): word spaces, CJK–Latin gaps and expandable gaps take the slack. */
function stretchLine(p: Para, s: number, k: number, slack: number, line: Spread): void {
  const u = p.units;
  const { cell, gapBefore } = line;
  const plan = p.stretchTo(s, k, slack);
  if (plan.words > 0) {
    const spaces: number[] = [];
    for (let i = s + 1; i < k; i++) if (u[i].cls === 'SP') spaces.push(i - s);
    const cap = spaces.reduce((a, j) => a + Math.max(0, WORD_MAX - cell[j]), 0);
    for (const j of spaces) cell[j] += plan.words * (Math.max(0, WORD_MAX - cell[j]) / cap);
  }
  if (plan.cjk > 0) {
    for (let j = 1; j <= k - s; j++) if (gapBefore[j] > 0) gapBefore[j] += plan.cjk;
    line.gapMax = plan.cjk;
  }
  if (plan.spaces > 0) for (let i = s + 1; i < k; i++) if (bylineSpace(u[i])) cell[i - s] += plan.spaces;
  if (plan.letters > 0) {
    line.addedPerGap = plan.letters;
    for (const i of p.expandableGaps(s, k + 1)) gapBefore[i - s] += plan.letters;
    line.gapMax = Math.max(line.gapMax, plan.letters);
  }
  if (plan.left > EPS) line.startAligned = true;
}

/** Share `take` over a step's items equally; an item that cannot give its share gives its all. */
function shareOut(items: ShrinkItem[], take: number): [ShrinkItem, number][] {
  const out: [ShrinkItem, number][] = [];
  let rest = items.slice().sort((a, b) => a.cap - b.cap);
  let need = take;
  while (rest.length) {
    const each = need / rest.length;
    if (rest[0].cap >= each - EPS) {
      for (const it of rest) out.push([it, each]);
      break;
    }
    out.push([rest[0], rest[0].cap]);
    need -= rest[0].cap;
    rest = rest.slice(1);
  }
  return out;
}
