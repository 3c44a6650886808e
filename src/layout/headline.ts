// Headlines (题文结构): kicker 引题, title 主题, subtitle 副题, set across the block's width,
// centred, each YAML line one headline line; the whole takes a whole number of pitches.
import { Layout, Role } from '../issue/model.js';
import { Face } from '../text/face.js';
import { GlyphRun } from './displaylist.js';
import { Grid } from './grid.js';
import { setText, lineRuns } from './typeset.js';
import { normalizeAscii } from '../text/normalize.js';
import type { Span } from '../text/units.js';

export interface HeadlineSpec {
  kicker?: string;
  title: string[];
  subtitle?: string;
}

export interface SetHeadline {
  lines: number; // grid lines taken
  titleSize: number;
  /** Runs relative to (block x, block top). */
  runs: GlyphRun[];
  problems: string[];
}

const SIZES_DOWN = [63, 54, 48, 42, 36, 30, 26, 24, 22, 18, 16, 15, 14, 12, 10.5, 9];

/** A jump head is set two 号 grades below the original title. */
export function twoGradesBelow(size: number): number {
  const below = SIZES_DOWN.filter((x) => x < size);
  return below[1] ?? below[0] ?? size;
}

export function sizesFor(layout: Layout, span: number): { title: number; deck: number } {
  const e = layout.headline.sizes.find((s) => span >= s.minColumns) ?? layout.headline.sizes[layout.headline.sizes.length - 1];
  return { title: e.title, deck: e.deck };
}

/** A headline line as spans: the role's face, and the layout's fallback face for what it lacks. */
function spans(text: string, face: Face, role: string, fallback: Face | undefined): Span[] | undefined {
  return fallback ? [{ text: normalizeAscii(text), face, role, fallback }] : undefined;
}

/** Fit one line into `width`: step down the 号 sizes to the minimum, then condense (长体) to 90 %. */
function fitLine(text: string, face: Face, size: number, min: number, width: number, fallback?: Face): { size: number; scale: number; ok: boolean } {
  const sp = spans(text, face, 'title', fallback);
  let s = size;
  for (;;) {
    const w = setText(text, face, s, 'title', sp, true).width;
    if (w <= width) return { size: s, scale: 100, ok: true };
    const next = SIZES_DOWN.find((x) => x < s);
    if (next === undefined || next < min) break;
    s = next;
  }
  // At the minimum size: condense (长体) down to 90 %.
  const w = setText(text, face, s, 'title', sp, true).width;
  if (w * 0.9 <= width) return { size: s, scale: Math.floor((width / w) * 1000) / 10, ok: true };
  // Still too long: smaller than the minimum (reported), never over the block's edge.
  const fit = Math.floor(((s * width) / (w * 0.9)) * 10) / 10;
  return { size: fit, scale: 90, ok: false };
}

export function setHeadline(h: HeadlineSpec, width: number, span: number, layout: Layout, grid: Grid, faces: Record<Role, Face>, opts: { title?: number; deck?: number; article?: string; fallback?: Face } = {}): SetHeadline {
  const problems: string[] = [];
  const base = sizesFor(layout, span);
  const want = opts.title ?? base.title;
  // One size for all title lines: the largest that lets every line fit.
  let titleSize = want;
  let scale = 100;
  for (const t of h.title) {
    const f = fitLine(t, faces.title, titleSize, layout.headline.minTitle, width, opts.fallback);
    titleSize = Math.min(titleSize, f.size);
    if (!f.ok) problems.push(`title line 「${t}」 does not fit ${span} columns at the minimum size: set at ${f.size} pt condensed to 90 %`);
    scale = Math.min(scale, f.scale);
  }
  const deck = Math.min(opts.deck ?? base.deck, titleSize * 0.6);
  type Row = { text: string; face: Face; size: number; lead: number; role: string; scale: number };
  const rows: Row[] = [];
  if (h.kicker) rows.push({ text: h.kicker, face: faces.kicker, size: deck, lead: deck * 1.5, role: 'kicker', scale: 100 });
  for (const t of h.title) rows.push({ text: t, face: faces.title, size: titleSize, lead: titleSize * layout.headline.titleLeading, role: 'title', scale });
  if (h.subtitle) rows.push({ text: h.subtitle, face: faces.subtitle, size: deck, lead: deck * 1.5, role: 'subtitle', scale: 100 });
  // Kicker and subtitle too long for the span: smaller, then condensed.
  for (const r of rows) {
    if (r.role === 'title') continue;
    const f = fitLine(r.text, r.face, r.size, 7.5, width, opts.fallback);
    r.size = f.size;
    r.scale = f.scale;
    if (!f.ok) problems.push(`${r.role} 「${r.text}」 does not fit ${span} columns`);
  }
  const content = rows.reduce((a, r) => a + r.lead, 0);
  // ≥ ½ pitch of white above and below, rounded up to whole pitches (占行).
  const lines = Math.ceil((content + grid.pitch) / grid.pitch);
  const area = lines * grid.pitch - grid.lineGap;
  let y = (area - content) / 2;
  const runs: GlyphRun[] = [];
  for (const r of rows) {
    const set = setText(r.text, r.face, r.size, r.role, spans(r.text, r.face, r.role, opts.fallback), true);
    const w = (set.width * r.scale) / 100;
    const x = (width - w) / 2;
    const baseline = y + (r.lead - r.size) / 2 + r.size * r.face.ascent;
    runs.push(...lineRuns(set.line, x, baseline, r.size, r.role, opts.article, 0, r.scale));
    y += r.lead;
  }
  return { lines, titleSize, runs, problems };
}
