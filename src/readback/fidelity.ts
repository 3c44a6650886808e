// read-back, fidelity: what the PDF draws, compared item by item with the DisplayList the
// writer was given. The writer draws every page's glyph runs and rules in the DisplayList's
// order and its images after them, so the n-th glyph (rule, image) read back is the n-th
// one composed; anything else is a difference.
import { DisplayList, GlyphRun, Rule } from '../layout/displaylist.js';
import { Colour, Drawn, DrawnGlyph } from './content.js';
import { ReadDoc } from './read.js';
import { composedPart } from './align.js';

export const ORIGIN_TOLERANCE = 0.05; // pt
const ADVANCE_TOLERANCE = 0.005; // pt: widths are written to 1/1000 em

export interface FidelityProblem {
  page: number;
  kind: 'char' | 'origin' | 'advance' | 'size' | 'scale' | 'colour' | 'count' | 'rule' | 'image';
  message: string;
}

export interface Fidelity {
  glyphs: number; // glyphs compared
  rules: number;
  images: number;
  /** The largest distance between a composed and a printed glyph origin, pt. */
  maxOrigin: number;
  maxAdvance: number;
  problems: FidelityProblem[];
  /** Problems by kind (each glyph counted once per kind). */
  counts: Record<string, number>;
}

export function isBlack(c: Colour): boolean {
  const s = c.space.family;
  if (s === 'DeviceCMYK') return c.c.join() === '0,0,0,1';
  if (s === 'DeviceGray') return c.c[0] === 0;
  return false;
}

interface Composed {
  run: GlyphRun;
  i: number;
  x: number;
  y: number;
}

type DLItems = DisplayList['pages'][number]['items'];
/** Printer's marks are composed in registration colour (all four inks); the rest in black. */
const colourOf = (it: object) => (it as { colour?: string }).colour ?? 'black';
const REGISTRATION = '0,0,0,0'.replace(/0/g, '1');

function composedGlyphs(items: DLItems, colour: string): Composed[] {
  const out: Composed[] = [];
  for (const it of items) {
    if (it.type !== 'glyphs' || colourOf(it) !== colour) continue;
    it.glyphs.forEach((g, i) => out.push({ run: it, i, x: it.x + g.x, y: it.y + (it.vertical ? (it.dy?.[i] ?? 0) : 0) }));
  }
  return out;
}

/** The colour a composed colour must print in. */
function printsAs(c: Colour, colour: string): boolean {
  return colour === 'registration' ? c.space.family === 'DeviceCMYK' && c.c.join() === REGISTRATION : isBlack(c);
}

/** Masthead artwork boxes (`logo` items): what an SVG logo draws inside is not a rule. */
function logoBoxes(items: DLItems): { x: number; y: number; width: number; height: number; file: string }[] {
  return items.filter((i) => (i.type as string) === 'logo') as unknown as { x: number; y: number; width: number; height: number; file: string }[];
}

const fmt = (v: number) => (Math.round(v * 1000) / 1000).toString();
type Add = (page: number, kind: FidelityProblem['kind'], message: string) => void;

export function compareWithDisplayList(dl: DisplayList, doc: ReadDoc): Fidelity {
  const r: Fidelity = { glyphs: 0, rules: 0, images: 0, maxOrigin: 0, maxAdvance: 0, problems: [], counts: {} };
  const add: Add = (page, kind, message) => {
    r.counts[kind] = (r.counts[kind] ?? 0) + 1;
    r.problems.push({ page, kind, message });
  };
  if (doc.pages.length !== dl.pages.length) add(0, 'count', `the PDF has ${doc.pages.length} pages, the DisplayList ${dl.pages.length}`);
  dl.pages.forEach((page, pi) => {
    if (!doc.pages[pi]) return;
    const drawn = composedPart(page, doc.pages[pi]);
    for (const colour of ['black', 'registration']) {
      compareGlyphs(composedGlyphs(page.items, colour), drawn.glyphs.filter((g) => printsAs(g.fill, 'registration') === (colour === 'registration')), page.number, colour, r, add);
      compareRules(page.items, drawn, page.number, colour, r, add);
    }
    compareImages(page.items, drawn, page.number, r, add);
  });
  return r;
}

function compareGlyphs(want: Composed[], got: DrawnGlyph[], pn: number, colour: string, r: Fidelity, add: Add): void {
  if (want.length !== got.length) add(pn, 'count', `${got.length} glyphs printed, ${want.length} composed${colour === 'black' ? '' : ` in ${colour}`}`);
  for (let k = 0; k < Math.min(want.length, got.length); k++) {
    const w = want[k], g = got[k];
    const dg = w.run.glyphs[w.i];
    const what = `glyph ${k + 1} 「${dg.text}」 (${w.run.role}${w.run.article ? ` ${w.run.article}` : ''})`;
    r.glyphs++;
    if (g.char !== dg.text) add(pn, 'char', `${what}: printed as 「${g.char}」`);
    const d = Math.hypot(g.x - w.x, g.y - w.y);
    r.maxOrigin = Math.max(r.maxOrigin, d);
    if (d > ORIGIN_TOLERANCE) add(pn, 'origin', `${what}: origin (${fmt(g.x)}, ${fmt(g.y)}), composed (${fmt(w.x)}, ${fmt(w.y)}): ${fmt(d)} pt off`);
    const scale = w.run.scale ?? 100;
    if (Math.abs(g.size - w.run.size) > 1e-3) add(pn, 'size', `${what}: ${fmt(g.size)} pt printed, ${fmt(w.run.size)} composed`);
    if (Math.abs(g.scale - scale) > 0.01) add(pn, 'scale', `${what}: drawn at ${fmt(g.scale)} %, composed at ${fmt(scale)} %`);
    if (!w.run.vertical) {
      const da = Math.abs(g.adv - dg.adv);
      r.maxAdvance = Math.max(r.maxAdvance, da);
      if (da > ADVANCE_TOLERANCE) add(pn, 'advance', `${what}: advance ${fmt(g.adv)} pt printed, ${fmt(dg.adv)} composed`);
    }
    if (!printsAs(g.fill, colour) || g.mode !== 0) add(pn, 'colour', `${what}: filled ${g.fill.space.family} ${g.fill.c.join(' ')} mode ${g.mode}, composed ${colour === 'black' ? '100 % K' : colour}`);
  }
}

function compareRules(items: DLItems, drawn: Drawn, pn: number, colour: string, r: Fidelity, add: Add): void {
  const want = items.filter((i) => i.type === 'rule' && colourOf(i) === colour).map((i) => i as Rule);
  const logos = logoBoxes(items);
  const inLogo = (x: number, y: number) => logos.some((b) => x >= b.x - 0.5 && x <= b.x + b.width + 0.5 && y >= b.y - 0.5 && y <= b.y + b.height + 0.5);
  // Every stroked line not in registration colour counts as a black rule (a wrong colour is reported).
  const all = drawn.paths.filter((p) => p.paint === 'stroke' && p.segs.length === 1 && printsAs(p.stroke, 'registration') === (colour === 'registration') && !inLogo(p.segs[0][0], p.segs[0][1]));
  if (want.length !== all.length) add(pn, 'count', `${all.length} rules printed, ${want.length} composed${colour === 'black' ? '' : ` in ${colour}`}`);
  for (let k = 0; k < Math.min(want.length, all.length); k++) {
    const w = want[k], g = all[k];
    r.rules++;
    const [x1, y1, x2, y2] = g.segs[0];
    const d = Math.max(Math.hypot(x1 - w.x1, y1 - w.y1), Math.hypot(x2 - w.x2, y2 - w.y2));
    if (d > ORIGIN_TOLERANCE || Math.abs(g.width - w.width) > 1e-3 || !printsAs(g.stroke, colour) || g.dash)
      add(pn, 'rule', `rule ${k + 1}: (${fmt(x1)}, ${fmt(y1)})–(${fmt(x2)}, ${fmt(y2)}) ${fmt(g.width)} pt ${g.stroke.space.family} ${g.stroke.c.join(' ')}${g.dash ? ' dashed' : ''}, composed (${fmt(w.x1)}, ${fmt(w.y1)})–(${fmt(w.x2)}, ${fmt(w.y2)}) ${fmt(w.width)} pt ${colour}`);
  }
}

/** Photos where composed; a raster logo fitted inside its box (aspect kept, so not equal to it). */
function compareImages(items: DLItems, drawn: Drawn, pn: number, r: Fidelity, add: Add): void {
  const want = items.filter((i) => i.type === 'image' || ((i.type as string) === 'logo' && /\.(png|jpe?g)$/i.test((i as unknown as { file: string }).file))) as { type: string; file: string; x: number; y: number; width: number; height: number }[];
  const got = drawn.images;
  if (want.length !== got.length) add(pn, 'count', `${got.length} images printed, ${want.length} composed`);
  for (let k = 0; k < Math.min(want.length, got.length); k++) {
    const w = want[k], g = got[k];
    r.images++;
    const t = ORIGIN_TOLERANCE;
    const ok = w.type === 'image'
      ? Math.max(Math.abs(g.x - w.x), Math.abs(g.y - w.y), Math.abs(g.width - w.width), Math.abs(g.height - w.height)) <= t
      : g.x >= w.x - t && g.y >= w.y - t && g.x + g.width <= w.x + w.width + t && g.y + g.height <= w.y + w.height + t && (Math.abs(g.width - w.width) <= t || Math.abs(g.height - w.height) <= t);
    if (!ok) add(pn, 'image', `${w.type} ${k + 1} (${w.file}): placed at ${fmt(g.x)}, ${fmt(g.y)} ${fmt(g.width)} × ${fmt(g.height)} pt, composed ${fmt(w.x)}, ${fmt(w.y)} ${fmt(w.width)} × ${fmt(w.height)}`);
  }
}
