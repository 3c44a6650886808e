// The text stage's one entry point: a paragraph (spans with faces) and a measure in, set
// lines out: every glyph positioned, justified, in points from the line's start.
// It knows nothing of pages.
import { Para, EngineOptions, setLine, LineBox, SpacingBudget } from './line.js';
import { breakReference, loneLast, Measures } from './break.js';
import { breakOptimal, TrackedSlot } from './optimal.js';
import { Span, buildUnits, kernBrackets, splitLongRuns, Unit } from './units.js';
import { Cls, KinsokuLevel } from './classify.js';
import { timed } from '../timing.js';

export type { Span } from './units.js';

export interface ParagraphOptions {
  size: number; // pt
  measure: number; // pt
  indent: number; // em on the first line (0 for a paragraph continued from elsewhere)
  align: 'justify' | 'start' | 'center' | 'end';
  kinsoku: KinsokuLevel;
  cjkLatinGap: number; // em
  compressStops: boolean;
  hang: boolean;
  breaker: 'reference' | 'optimal';
  /** Break as if the measure were this (pt), then justify at `measure`: a paragraph set one
   * line longer (looser) to move a widow or orphan across a column break (§5.5). */
  breakMeasure?: number;
  /** Total-fit only: +1 = the best solution with one line more than optimal, −1 = one
   * fewer (TeX's \looseness), for widows and orphans across columns (§5.5). When it
   * cannot be met the paragraph is set as close to it as possible and a warning says so. */
  looseness?: number;
  /** The spacing budget (issue 14; the layout's default): slack to punctuation, then up to
   * ⅛ em a gap, then CJK–Latin gaps within ⅛–⅜ em. Absent: typesetting.md §5.1–5.2 exactly. */
  spacing?: SpacingBudget;
  /** Quotes and brackets set tight against their neighbours (headlines, issue 14). */
  kernBrackets?: boolean;
}

export interface PlacedGlyph {
  face: string; // Face key
  id: number;
  x: number; // pt from the line's start
  adv: number; // pt
  text: string;
  role: string;
}

export interface SetLine {
  glyphs: PlacedGlyph[];
  text: string; // the characters printed, in order (spaces included)
  width: number; // pt: right edge of the last visible cell
  natural: number; // pt
  measure: number; // pt available on this line
  last: boolean;
  startAligned: boolean;
  emergency: boolean;
  overfull: boolean;
  addedPerGap: number; // em
  gapMax: number; // em
  chars: number; // characters counting for 孤字 (Han, letters, digits)
  // Added for the typography counter (src/text/stats.ts); optional so that lines built
  // elsewhere (single-line items) need not fill them in.
  first?: boolean; // the paragraph's first line (a forbidden mark may open a paragraph)
  firstCls?: Cls; // class of the line's first unit
  firstText?: string;
  lastCls?: Cls; // class of the line's last visible unit
  lastText?: string;
  /** Hanging punctuation (§3.4): the last mark protrudes `overhang` pt past the measure;
   * `width` stays the measure (the edge of the justified text). */
  hung?: boolean;
  overhang?: number; // pt
}

export interface SetParagraph {
  lines: SetLine[];
  warnings: string[];
  missing: string[]; // characters no face had
}

export const DEFAULT_ENGINE: Omit<ParagraphOptions, 'size' | 'measure' | 'indent' | 'align'> = {
  kinsoku: 'gb',
  cjkLatinGap: 0.25,
  compressStops: true,
  hang: false,
  breaker: 'optimal',
};

/** Set a paragraph: a pure function of its spans and the options (the pipeline may keep the
 * answers: src/cache/paragraphs.ts). */
export function setParagraph(spans: Span[], o: ParagraphOptions): SetParagraph {
  return timed('justify', () => set(spans, o));
}

// A paragraph is asked for a line more and then a line fewer with the same spans (the page's
// widow and orphan fixes): its tracked search is kept with the spans, for as long as they live.
const tracked = new WeakMap<Span[], { key: string; spans: Span[]; slot: TrackedSlot }[]>();

function trackedSlot(spans: Span[], o: ParagraphOptions): TrackedSlot {
  const key = JSON.stringify({ ...o, looseness: 0 });
  let list = tracked.get(spans);
  if (!list) tracked.set(spans, (list = []));
  const same = (a: Span[]) => a.length === spans.length && a.every((x, i) => x.text === spans[i].text && x.face === spans[i].face && x.role === spans[i].role && x.fallback === spans[i].fallback);
  let e = list.find((x) => x.key === key && same(x.spans));
  if (!e) list.push((e = { key, spans: spans.map((x) => ({ ...x })), slot: {} }));
  return e.slot;
}

function set(spans: Span[], o: ParagraphOptions): SetParagraph {
  // Units are built for each setting and dropped with it: kept for every paragraph of an
  // issue they were most of its memory (120 MB of 100 pages), and a paragraph is set at a
  // second measure or looseness rarely (column fixes), where building them again is cheap.
  const units = timed('shaping', () => buildUnits(spans));
  if (o.kernBrackets) kernBrackets(units);
  const measureEm = o.measure / o.size;
  const warnings: string[] = [];
  const missing: string[] = [];
  for (const u of units) if (u.missing) missing.push(...u.missing);
  if (!units.length) return { lines: [], warnings, missing };
  const split = splitLongRuns(units, measureEm);
  const long = units.filter((u) => u.cls === 'W' && u.width > measureEm + 1e-9);
  if (long.length) warnings.push(`a Western run is longer than the measure: broken at / . @ - _ (${long.map((u) => u.text).join(', ')})`);
  const opts: EngineOptions = { kinsoku: o.kinsoku, cjkLatinGap: o.cjkLatinGap, compressStops: o.compressStops, hang: o.hang, budget: o.spacing ?? undefined }; // every key always present: one hidden class for every paragraph's options
  const p = timed('shaping', () => new Para(split, opts));
  const single = o.align !== 'justify';
  const breakEm = (o.breakMeasure ?? o.measure) / o.size;
  const m: Measures = { first: breakEm - o.indent, rest: breakEm };
  let ends: number[];
  if (o.breaker === 'optimal' && !single) {
    const r = timed('breaking', () => breakOptimal(p, m, o.looseness ?? 0, o.looseness ? trackedSlot(spans, o) : undefined));
    if (r) {
      ends = r.ends;
      if (r.note && o.looseness) warnings.push(r.note);
      for (const e of r.names ?? []) warnings.push(`a byline word split across lines (${p.units[e - 1].text} / ${p.units[e].text}): no other way within ½ em a gap`);
      for (const e of r.ranges ?? []) warnings.push(`a number range broken after its connector (${p.units[e - 2].text}${p.units[e - 1].text} / ${p.units[e].text}): no other way within ½ em a gap`);
    } else {
      ends = timed('breaking', () => breakReference(p, m));
      warnings.push('total-fit breaking found no solution without an overfull line: set line by line (reference procedure)');
    }
  } else ends = timed('breaking', () => breakReference(p, m));
  const lines: SetLine[] = [];
  let s = 0;
  for (let li = 0; li < ends.length; li++) {
    const e = ends[li];
    const last = li === ends.length - 1;
    const W = s === 0 ? measureEm - o.indent : measureEm;
    // A line ending inside a run wider than the measure is start-aligned (§3.3); the line
    // holding the run's tail is justified if it has anything to expand.
    const endsInRun = (e < p.n && p.units[e].emergencySplit) || false;
    const emergencyLine = endsInRun || (p.units[s].emergencySplit ?? false);
    const mode = last || single || endsInRun ? 'natural' : 'justify';
    const box = setLine(p, s, e, W, mode);
    let offset = s === 0 ? o.indent : 0;
    if (single) {
      if (o.align === 'center') offset += (W - box.width) / 2;
      else if (o.align === 'end') offset += W - box.width;
    }
    const line = toSetLine(p, box, o, offset, last, emergencyLine);
    line.first = li === 0;
    lines.push(line);
    const where = () => `line ${li + 1} (${line.text.slice(0, 6)}…)`;
    if (box.overfull) warnings.push(`${where()}: overfull by ${(box.natural - p.shrink(s, p.body(s, e, W)) - W).toFixed(2)} em`);
    else if (mode === 'justify' && box.startAligned && !emergencyLine) warnings.push(`${where()}: nothing to expand, start-aligned`);
    if (box.addedPerGap > 0.5 + 1e-9) warnings.push(`${where()}: ${box.addedPerGap.toFixed(2)} em added per gap (more than ½ em)`);
    s = e;
  }
  if (loneLast(p, ends)) warnings.push('the last line holds a lone character (孤字) that could not be fixed');
  return { lines, warnings, missing };
}

function toSetLine(p: Para, b: LineBox, o: ParagraphOptions, offset: number, last: boolean, emergency: boolean): SetLine {
  const size = o.size;
  const glyphs: PlacedGlyph[] = [];
  let text = '';
  let chars = 0;
  const k = p.lastInk(b.s, b.e);
  for (let i = b.s; i < b.e; i++) {
    const u = p.units[i];
    const j = i - b.s;
    text += u.text;
    chars += u.chars;
    for (const g of u.glyphs) {
      glyphs.push({
        face: u.face.key,
        id: g.id,
        x: (offset + b.x[j] + g.x - b.trimL[j]) * size,
        adv: g.adv * size,
        text: g.text,
        role: u.role,
      });
    }
  }
  return {
    glyphs,
    text,
    width: (offset + b.width) * size,
    natural: b.natural * size,
    measure: o.measure,
    last,
    startAligned: b.startAligned,
    emergency,
    overfull: b.overfull,
    addedPerGap: b.addedPerGap,
    gapMax: b.gapMax,
    chars,
    firstCls: p.units[b.s].cls,
    firstText: p.units[b.s].text,
    lastCls: p.units[k].cls,
    lastText: p.units[k].text,
    hung: b.hung > 0,
    overhang: b.hung * size,
  };
}
