// Headlines (题文结构): kicker 引题, title 主题, subtitle 副题, set across the block's width,
// centred, each YAML line one headline line; the whole takes a whole number of pitches.
import { Layout, Role } from '../issue/model.js';
import { Face } from '../text/face.js';
import { GlyphRun } from './displaylist.js';
import { Grid } from './grid.js';
import { setText, lineRuns, Setter } from './typeset.js';
import { normalizeAscii } from '../text/normalize.js';
import type { Span } from '../text/units.js';

export interface HeadlineSpec {
  kicker?: string;
  title: string[];
  subtitle?: string;
}

/** One element of the band — kicker, title (all its lines) or subtitle — on whole pitches. */
export interface HeadElement {
  role: 'kicker' | 'title' | 'subtitle';
  pitches: number;
  runs: GlyphRun[]; // relative to (block x, the element's top)
}

export interface SetHeadline {
  lines: number; // grid lines the band takes at the least: its elements and one line of white
  titleSize: number;
  elements: HeadElement[];
  problems: string[];
}

const SIZES_DOWN = [63, 54, 48, 42, 36, 30, 26, 24, 22, 18, 16, 15, 14, 12, 10.5, 9];

/** A jump head is set two 号 grades below the original title. */
export function twoGradesBelow(size: number): number {
  const below = SIZES_DOWN.filter((x) => x < size);
  return below[1] ?? below[0] ?? size;
}

/** The title and deck sizes for a span; an article's size class (importance 2, 3) takes the
 * row one or two sizes smaller in the layout's table. */
export function sizesFor(layout: Layout, span: number, importance = 1): { title: number; deck: number } {
  const table = layout.headline.sizes;
  const row = table.findIndex((s) => span >= s.minColumns);
  const e = table[Math.min(table.length - 1, (row < 0 ? table.length - 1 : row) + importance - 1)];
  return { title: e.title, deck: e.deck };
}

/** A headline line as spans: the role's face, and the layout's fallback face for what it lacks. */
function spans(text: string, face: Face, role: string, fallback: Face | undefined): Span[] | undefined {
  return fallback ? [{ text: normalizeAscii(text), face, role, fallback }] : undefined;
}

/** Fit one line into `width`: step down the 号 sizes to the minimum, then condense (长体) to 90 %. */
function fitLine(text: string, face: Face, size: number, min: number, width: number, fallback?: Face, set?: Setter): { size: number; scale: number; ok: boolean } {
  const sp = spans(text, face, 'title', fallback);
  let s = size;
  for (;;) {
    const w = setText(text, face, s, 'title', sp, true, set).width;
    if (w <= width) return { size: s, scale: 100, ok: true };
    const next = SIZES_DOWN.find((x) => x < s);
    if (next === undefined || next < min) break;
    s = next;
  }
  // At the minimum size: condense (长体) down to 90 %.
  const w = setText(text, face, s, 'title', sp, true, set).width;
  if (w * 0.9 <= width) return { size: s, scale: Math.floor((width / w) * 1000) / 10, ok: true };
  // Still too long: smaller than the minimum (reported), never over the block's edge.
  const fit = Math.floor(((s * width) / (w * 0.9)) * 10) / 10;
  return { size: fit, scale: 90, ok: false };
}

interface Row {
  text: string;
  face: Face;
  size: number;
  lead: number;
  role: HeadElement['role'];
  scale: number;
}

/** One size for all title lines: the largest that lets every line fit. */
function fitTitle(lines: string[], want: number, width: number, span: number, layout: Layout, faces: Record<Role, Face>, fallback: Face | undefined, problems: string[], set?: Setter): { size: number; scale: number } {
  let size = want;
  let scale = 100;
  for (const t of lines) {
    const f = fitLine(t, faces.title, size, layout.headline.minTitle, width, fallback, set);
    size = Math.min(size, f.size);
    if (!f.ok) problems.push(`title line 「${t}」 does not fit ${span} columns at the minimum size: set at ${f.size} pt condensed to 90 %`);
    scale = Math.min(scale, f.scale);
  }
  return { size, scale };
}

/** Set rows, each element's rows centred in its whole pitches. */
function elementsOf(rows: Row[], width: number, grid: Grid, article: string | undefined, fallback: Face | undefined, setter?: Setter): HeadElement[] {
  const elements: HeadElement[] = [];
  for (const role of ['kicker', 'title', 'subtitle'] as const) {
    const mine = rows.filter((r) => r.role === role);
    if (!mine.length) continue;
    const content = mine.reduce((a, r) => a + r.lead, 0);
    const pitches = Math.ceil(content / grid.pitch - 1e-9);
    let y = (pitches * grid.pitch - grid.lineGap - content) / 2;
    const runs: GlyphRun[] = [];
    for (const r of mine) {
      const set = setText(r.text, r.face, r.size, r.role, spans(r.text, r.face, r.role, fallback), true, setter);
      const x = (width - (set.width * r.scale) / 100) / 2;
      runs.push(...lineRuns(set.line, x, y + (r.lead - r.size) / 2 + r.size * r.face.ascent, r.size, r.role, article, 0, r.scale));
      y += r.lead;
    }
    elements.push({ role, pitches, runs });
  }
  return elements;
}

/**
 * The headline band (题文结构): kicker, title and subtitle centred across the block with 1 字 of
 * air at each side, each element on whole pitches; kicker and subtitle never wider than the
 * title. How the band's spare lines are shared: headlineRuns.
 */
export function setHeadline(h: HeadlineSpec, width: number, span: number, layout: Layout, grid: Grid, faces: Record<Role, Face>, opts: { title?: number; deck?: number; article?: string; fallback?: Face; importance?: number; set?: Setter } = {}): SetHeadline {
  const problems: string[] = [];
  const base = sizesFor(layout, span, opts.importance);
  const measure = width - 2 * grid.size; // 1 字 of air inside the block's rules at each side
  const title = fitTitle(h.title, opts.title ?? base.title, measure, span, layout, faces, opts.fallback, problems, opts.set);
  const titleWidth = Math.max(0, ...h.title.map((t) => (setText(t, faces.title, title.size, 'title', spans(t, faces.title, 'title', opts.fallback), true, opts.set).width * title.scale) / 100));
  const deck = Math.min(opts.deck ?? base.deck, title.size * 0.6);
  const rows: Row[] = [];
  if (h.kicker) rows.push({ text: h.kicker, face: faces.kicker, size: deck, lead: deck * 1.5, role: 'kicker', scale: 100 });
  for (const t of h.title) rows.push({ text: t, face: faces.title, size: title.size, lead: title.size * layout.headline.titleLeading, role: 'title', scale: title.scale });
  if (h.subtitle) rows.push({ text: h.subtitle, face: faces.subtitle, size: deck, lead: deck * 1.5, role: 'subtitle', scale: 100 });
  // Kicker and subtitle too long for the title's width (引题/副题 never wider than the 主题):
  // smaller, then condensed.
  for (const r of rows) {
    if (r.role === 'title') continue;
    // Within the title's width down to body size; a kicker that cannot be set so (a long
    // kicker over a short title) keeps to the block's measure instead.
    const narrow = h.title.length ? fitLine(r.text, r.face, r.size, grid.size, Math.min(measure, titleWidth), opts.fallback, opts.set) : undefined;
    const f = narrow?.ok ? narrow : fitLine(r.text, r.face, r.size, 7.5, measure, opts.fallback, opts.set);
    r.size = f.size;
    r.scale = f.scale;
    if (!f.ok) problems.push(`${r.role} 「${r.text}」 does not fit ${span} columns`);
  }
  const elements = elementsOf(rows, width, grid, opts.article, opts.fallback, opts.set);
  const lines = elements.reduce((a, e) => a + e.pitches, 0) + 1;
  return { lines, titleSize: title.size, elements, problems };
}

/** Share of the band's spare lines that goes between the title and the byline (a subtitle,
 * or the byline run in at the head of the text); the rest goes above the kicker (3 : 2). */
export const BAND_BETWEEN = 0.4;

/**
 * The band's runs in `lines` grid lines (relative to the block's top). Its spare lines, past
 * the elements: ¼ line under the last element (with the elements' own white, under a line of
 * white between a subtitle-byline and the text), the rest shared above the kicker and between
 * title and byline in the fixed ratio BAND_BETWEEN.
 */
export function headlineRuns(head: SetHeadline, lines: number, pitch: number): GlyphRun[] {
  const spare = lines - head.elements.reduce((a, e) => a + e.pitches, 0);
  const below = Math.min(0.25, spare);
  const rest = spare - below;
  const title = head.elements.some((e) => e.role === 'title');
  const between = title ? rest * BAND_BETWEEN : 0; // before the subtitle, or under the title
  let y = (rest - between) * pitch;
  const runs: GlyphRun[] = [];
  for (const e of head.elements) {
    if (e.role === 'subtitle') y += between * pitch;
    for (const r of e.runs) runs.push({ ...r, y: r.y + y });
    y += e.pitches * pitch;
  }
  return runs;
}
