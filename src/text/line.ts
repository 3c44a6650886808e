// Measuring and justifying one line (typesetting.md §3.5 step 1, §4.3, §5.1–5.2, §3.4 hanging).
// A line is the units [s, e) of a paragraph; widths in em.
import { KinsokuLevel } from './classify.js';
import { Unit, breakable, cjkLatin, rangeBreak } from './units.js';

export interface EngineOptions {
  kinsoku: KinsokuLevel;
  cjkLatinGap: number; // em, natural CJK–Latin gap (¼)
  compressStops: boolean;
  hang: boolean;
}

const GAP_MIN = 0.125;
const GAP_MAX = 0.5;
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
  private pre: number[]; // unit widths
  private gpre: number[]; // CJK–Latin gaps
  private capPre: number[]; // shrink capacity of each unit as if inside a line
  private gcapPre: number[]; // shrink capacity of the CJK–Latin gap before each unit
  private expPre: number[]; // expandable gap before each unit (0/1)
  private firstPre: number[]; // stretch of word spaces (to ½ em) and CJK–Latin gaps (to ½ em)
  private charPre: number[]; // characters counting for 孤字

  constructor(units: Unit[], opts: EngineOptions) {
    this.units = units;
    this.opts = opts;
    const n = units.length;
    this.brk = new Array(n + 1).fill(false);
    this.gap = new Array(n + 1).fill(0);
    this.range = new Array(n + 1).fill(false);
    for (let i = 1; i < n; i++) {
      this.brk[i] = breakable(units, i, opts.kinsoku);
      this.range[i] = rangeBreak(units, i);
      if (opts.cjkLatinGap > 0 && cjkLatin(units, i)) this.gap[i] = opts.cjkLatinGap;
    }
    this.brk[n] = true;
    this.pre = [0];
    this.gpre = [0];
    this.capPre = [0];
    this.gcapPre = [0];
    this.expPre = [0];
    this.firstPre = [0];
    this.charPre = [0];
    for (let i = 0; i < n; i++) {
      const x = units[i];
      this.pre.push(this.pre[i] + x.width);
      this.gpre.push(this.gpre[i] + this.gap[i]);
      this.capPre.push(this.capPre[i] + this.unitCap(i));
      this.gcapPre.push(this.gcapPre[i] + (this.gap[i] > 0 ? this.gap[i] - GAP_MIN : 0));
      this.expPre.push(this.expPre[i] + (i > 0 && this.expandableAt(i) ? 1 : 0));
      this.firstPre.push(this.firstPre[i] + (x.cls === 'SP' ? Math.max(0, WORD_MAX - x.width) : 0) + (this.gap[i] > 0 ? GAP_MAX - this.gap[i] : 0));
      this.charPre.push(this.charPre[i] + x.chars);
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
    let t = this.capPre[k] - this.capPre[s + 1] + this.gcapPre[k + 1] - this.gcapPre[s + 1];
    if (this.units[s].cls !== 'OPEN') t += this.unitCap(s);
    if (this.units[k].cls === 'OPEN') t += this.unitCap(k); // only at a paragraph's end
    return t;
  }

  /** §5.1 shrink items of [s, e) in priority order (six steps; step 2, middle dots, is empty). */
  shrinkSteps(s: number, e: number): ShrinkItem[][] {
    const u = this.units;
    const k = this.lastInk(s, e);
    const steps: ShrinkItem[][] = [[], [], [], [], [], []];
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
      if (i > s && this.gap[i] > 0) steps[4].push({ unit: i, gap: true, side: 'L', cap: this.gap[i] - GAP_MIN });
    }
    return steps;
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
  firstStretch(s: number, e: number): number {
    return this.firstStretchTo(s, this.lastInk(s, e));
  }

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
  let slack = W - natural;
  let addedPerGap = 0;
  let gapMax = 0;
  let startAligned = mode === 'natural';
  let overfull = false;

  if (slack < -EPS) {
    // §5.1: shrink by priority; each step's items give equally (need/n, capped by each item).
    for (const step of p.shrinkSteps(s, e)) {
      if (slack >= -EPS) break;
      if (!step.length) continue;
      const cap = step.reduce((a, it) => a + it.cap, 0);
      const take = Math.min(-slack, cap);
      for (const [it, each] of shareOut(step, take)) {
        const j = it.unit - s;
        if (it.gap) gapBefore[j] -= each;
        else {
          cell[j] -= each;
          if (it.side === 'L') trimL[j] += each;
        }
      }
      slack += take;
    }
    if (slack < -1e-6) overfull = true;
  } else if (slack > EPS && mode === 'justify') {
    // §5.2: word spaces to ½, CJK–Latin gaps to ½, then all expandable gaps equally.
    const spaces: number[] = [];
    for (let i = s + 1; i < k; i++) if (u[i].cls === 'SP') spaces.push(i - s);
    if (spaces.length) {
      const cap = spaces.reduce((a, j) => a + Math.max(0, WORD_MAX - cell[j]), 0);
      const take = Math.min(slack, cap);
      if (take > 0) for (const j of spaces) cell[j] += take * (Math.max(0, WORD_MAX - cell[j]) / cap);
      slack -= take;
    }
    const gaps: number[] = [];
    for (let j = 1; j <= k - s; j++) if (gapBefore[j] > 0) gaps.push(j);
    if (slack > EPS && gaps.length) {
      const cap = gaps.reduce((a, j) => a + (GAP_MAX - gapBefore[j]), 0);
      const take = Math.min(slack, cap);
      for (const j of gaps) gapBefore[j] += take * ((GAP_MAX - gapBefore[j]) / cap);
      slack -= take;
      for (const j of gaps) gapMax = Math.max(gapMax, gapBefore[j] - p.opts.cjkLatinGap);
    }
    if (slack > EPS) {
      const ex = p.expandableGaps(s, e);
      if (ex.length) {
        addedPerGap = slack / ex.length;
        for (const i of ex) gapBefore[i - s] += addedPerGap;
        gapMax = Math.max(gapMax, addedPerGap);
        slack = 0;
      } else startAligned = true;
    }
  }

  const x = new Array<number>(n);
  let pen = 0;
  for (let j = 0; j < n; j++) {
    pen += gapBefore[j];
    x[j] = pen;
    pen += cell[j];
  }
  const width = x[k - s] + cell[k - s];
  return { s, e, x, trimL, width, natural, addedPerGap, gapMax, startAligned, overfull, hung: 0 };
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
