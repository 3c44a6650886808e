// Measuring and justifying one line (typesetting.md §3.5 step 1, §4.3, §5.1–5.2).
// A line is the units [s, e) of a paragraph; widths in em.
import { KinsokuLevel } from './classify.js';
import { Unit, breakable, cjkLatin } from './units.js';

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

/** A paragraph's units with the prefix sums that make nat(s, e) O(1). */
export class Para {
  readonly units: Unit[];
  readonly opts: EngineOptions;
  /** brk[i]: a line may break before unit i (1 ≤ i < n); brk[n] = true. */
  readonly brk: boolean[];
  /** gap[i]: natural CJK–Latin gap before unit i (em), 0 if none. */
  readonly gap: number[];
  private pre: number[];
  private gpre: number[];
  // Prefix sums that make shrink(s, e), expandableCount(s, e) and the first-priority
  // stretch O(1): the total-fit breaker asks for them for every candidate line.
  private capPre: number[]; // shrink capacity of each unit as if inside a line
  private gcapPre: number[]; // shrink capacity of the CJK–Latin gap before each unit
  private expPre: number[]; // expandable gap before each unit (0/1)
  private firstPre: number[]; // stretch of word spaces (to ½ em) and CJK–Latin gaps (to ½ em)

  constructor(units: Unit[], opts: EngineOptions) {
    this.units = units;
    this.opts = opts;
    const n = units.length;
    this.brk = new Array(n + 1).fill(false);
    this.gap = new Array(n + 1).fill(0);
    for (let i = 1; i < n; i++) {
      this.brk[i] = breakable(units, i, opts.kinsoku);
      if (opts.cjkLatinGap > 0 && cjkLatin(units, i)) this.gap[i] = opts.cjkLatinGap;
    }
    this.brk[n] = true;
    this.pre = [0];
    this.gpre = [0];
    this.capPre = [0];
    this.gcapPre = [0];
    this.expPre = [0];
    this.firstPre = [0];
    for (let i = 0; i < n; i++) {
      this.pre.push(this.pre[i] + units[i].width);
      this.gpre.push(this.gpre[i] + this.gap[i]);
      this.capPre.push(this.capPre[i] + this.unitCap(i));
      this.gcapPre.push(this.gcapPre[i] + (this.gap[i] > 0 ? this.gap[i] - GAP_MIN : 0));
      this.expPre.push(this.expPre[i] + (i > 0 && this.expandableAt(i) ? 1 : 0));
      const x = units[i];
      this.firstPre.push(this.firstPre[i] + (x.cls === 'SP' ? Math.max(0, WORD_MAX - x.width) : 0) + (this.gap[i] > 0 ? GAP_MAX - this.gap[i] : 0));
    }
  }

  /** §5.1 capacity of unit i when it is neither the line's first nor its last. */
  private unitCap(i: number): number {
    const x = this.units[i];
    if (x.cls === 'SP') return Math.max(0, x.width - WORD_MIN);
    if ((x.cls === 'OPEN' && x.blankL > 0) || (x.cls === 'CLOSE' && x.blankR > 0)) return x.cls === 'OPEN' ? x.blankL : x.blankR;
    if (x.cls === 'STOP' && x.blankR > 0 && (x.pause || this.opts.compressStops)) return x.blankR;
    return 0;
  }

  /** Is the gap before unit i a legal break that takes inter-character space (§5.2 step 3)? */
  private expandableAt(i: number): boolean {
    const u = this.units;
    if (!this.brk[i] || u[i].emergencySplit) return false;
    if (this.gap[i] > 0) return false;
    const a = u[i - 1].cls;
    const b = u[i].cls;
    if (a === 'SP' || a === 'ISP' || b === 'SP' || b === 'ISP') return false;
    if (a === 'CONN' || a === 'MID' || a === 'SOL' || b === 'CONN' || b === 'MID' || b === 'SOL') return false;
    return true;
  }

  /** Number of expandable gaps inside [s, e) (same set as expandableGaps). */
  expandableCount(s: number, e: number): number {
    const k = this.lastInk(s, e);
    return k > s ? this.expPre[k + 1] - this.expPre[s + 1] : 0;
  }

  /** Stretch available before inter-character space: word spaces and CJK–Latin gaps to ½ em. */
  firstStretch(s: number, e: number): number {
    const k = this.lastInk(s, e);
    // Word spaces strictly inside (s, k); CJK–Latin gaps before units s+1..k.
    let t = 0;
    if (k > s) {
      t = this.firstPre[k + 1] - this.firstPre[s + 1];
      const last = this.units[k];
      if (last.cls === 'SP') t -= Math.max(0, WORD_MAX - last.width);
    }
    return t;
  }

  get n(): number {
    return this.units.length;
  }

  /** Index of the last unit of [s, e) that is not a space (spaces at a line edge take no width). */
  lastInk(s: number, e: number): number {
    let k = e - 1;
    while (k > s && (this.units[k].cls === 'SP' || this.units[k].cls === 'ISP')) k--;
    return k;
  }

  /** Natural width of [s, e) set as one line: adjacent compression, edge trims, CJK–Latin gaps. */
  nat(s: number, e: number): number {
    const u = this.units;
    const k = this.lastInk(s, e);
    let w = this.pre[k + 1] - this.pre[s] + (k > s ? this.gpre[k + 1] - this.gpre[s + 1] : 0);
    if (u[s].cls === 'OPEN') w -= u[s].blankL; // line-start OPEN loses its blank half (§4.3)
    if (k > s || u[s].cls !== 'OPEN') if (u[k].cls === 'CLOSE' || u[k].cls === 'STOP') w -= u[k].blankR; // §4.3 line end
    return w;
  }

  /** §5.1 shrink items of [s, e) in order; each step a list of capacities (em). */
  shrinkSteps(s: number, e: number): { unit: number; gap: boolean; side: 'L' | 'R' | 'W'; cap: number }[][] {
    const u = this.units;
    const k = this.lastInk(s, e);
    const steps: { unit: number; gap: boolean; side: 'L' | 'R' | 'W'; cap: number }[][] = [[], [], [], [], [], []];
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

  shrink(s: number, e: number): number {
    const k = this.lastInk(s, e);
    // Units strictly inside the line, plus the first unit unless it is a trimmed OPEN
    // (a line-start OPEN and the line-end mark never shrink), plus the gaps after s.
    let t = k > s ? this.capPre[k] - this.capPre[s + 1] : 0;
    if (this.units[s].cls !== 'OPEN' && k > s) t += this.unitCap(s);
    if (k > s) t += this.gcapPre[k + 1] - this.gcapPre[s + 1];
    return t;
  }

  /** Legal break opportunities inside [s, e) that take inter-character space (§5.2 step 3). */
  expandableGaps(s: number, e: number): number[] {
    const u = this.units;
    const k = this.lastInk(s, e);
    const out: number[] = [];
    void u;
    for (let i = s + 1; i <= k; i++) if (this.expandableAt(i)) out.push(i);
    return out;
  }

  /** Characters on [s, e) that count for the 孤字 rule. */
  chars(s: number, e: number): number {
    let c = 0;
    for (let i = s; i < e; i++) c += this.units[i].chars;
    return c;
  }
}

export interface LineBox {
  s: number;
  e: number;
  /** Left edge of each unit's visible cell, em from the line start. */
  x: number[];
  /** Amount removed at the left of each unit's cell (glyphs shift left by it). */
  trimL: number[];
  width: number; // em: right edge of the last visible cell
  natural: number; // em
  addedPerGap: number; // em added to each expandable gap (§5.2 step 3)
  gapMax: number; // em: the widest inter-character space added (any kind)
  startAligned: boolean; // not justified (last line, or nothing to expand)
  overfull: boolean;
}

/**
 * Set [s, e) to measure W: 'justify' fills W exactly (shrinking or expanding by priority),
 * 'natural' sets it at natural width (a paragraph's last line), shrinking only if it is over.
 */
export function setLine(p: Para, s: number, e: number, W: number, mode: 'justify' | 'natural'): LineBox {
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
    // §5.1: shrink by priority; each step's items give equally.
    for (const step of p.shrinkSteps(s, e)) {
      if (slack >= -EPS) break;
      if (!step.length) continue;
      const cap = step.reduce((a, it) => a + it.cap, 0);
      const take = Math.min(-slack, cap);
      const each = take / step.length;
      for (const it of step) {
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
      const cap = spaces.reduce((a, j) => a + (WORD_MAX - cell[j]), 0);
      const take = Math.min(slack, Math.max(0, cap));
      for (const j of spaces) cell[j] += take * ((WORD_MAX - cell[j]) / (cap || 1));
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
  const width = k - s + 1 > 0 ? x[k - s] + cell[k - s] : 0;
  return { s, e, x, trimL, width, natural, addedPerGap, gapMax, startAligned, overfull };
}
