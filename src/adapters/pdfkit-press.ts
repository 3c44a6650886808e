// pdfkit for the press: what a printer asks of the PDF beyond the page art — PDF/X-1a:2001
// keys and the output intent, overprint graphics states, unique subset tags, image objects of
// converted photos, the logo's SVG drawn without transparency. The writer's reach into pdfkit
// for these (object references, page resources, font embedding, the drawing view svg-to-pdfkit
// draws on) is all in this file; src/adapters/pdfkit.ts holds the rest.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Output } from '../issue/model.js';
import type { Raster } from '../render/photo.js';
import { subsetGlyphs } from './fontkit.js';
import { fastPaths, took } from './fastpaths.js';

/** The pdfkit objects we touch, as far as we touch them. */
export interface Ref {
  data: Record<string, unknown>;
  end(chunk?: Uint8Array): void;
}
export interface PressDoc {
  ref(data?: Record<string, unknown>): Ref;
  info: Record<string, unknown>;
  _root: { data: Record<string, unknown> };
  page: { xobjects: Record<string, unknown>; ext_gstates: Record<string, unknown>; dictionary: { data: Record<string, unknown> } };
}

/** A PDF name written where pdfkit would write a string (pdfkit writes JS strings in Info as text). */
function pdfName(name: string): object {
  return { [Symbol.toStringTag]: 'PDFName', toString: () => `/${name}` };
}

/** Info keys of PDF/X-1a:2001 (the dates and title are set where the document is made). */
export function pdfxInfo(out: Output): Record<string, unknown> {
  if (out.pdfx === 'none') return {};
  return {
    GTS_PDFXVersion: 'PDF/X-1:2001',
    GTS_PDFXConformance: 'PDF/X-1a:2001',
    Trapped: pdfName('False'),
    BroadsheetInkLimit: out.inkLimit,
  };
}

/** The catalog's OutputIntents: the layout's output condition, with its profile if it names one. */
export function addOutputIntent(doc: PressDoc, out: Output): void {
  if (out.pdfx === 'none') return;
  const intent: Record<string, unknown> = {
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: new String(out.condition),
    OutputCondition: new String(out.conditionName),
    RegistryName: new String(out.registry),
    Info: new String(`${out.conditionInfo}; total ink <= ${out.inkLimit} %`),
  };
  if (out.profile) {
    const icc = doc.ref({ N: 4 });
    icc.end(readFileSync(out.profile));
    intent.DestOutputProfile = icc;
  }
  doc._root.data.OutputIntents = [intent];
}

/** Graphics states: /GSop overprints (black text and rules), /GSko knocks out (photos, marks). */
export function graphicsStates(doc: PressDoc): { op: Ref; ko: Ref } {
  const op = doc.ref({ Type: 'ExtGState', OP: true, op: true, OPM: 1 });
  op.end();
  const ko = doc.ref({ Type: 'ExtGState', OP: false, op: false, OPM: 0 });
  ko.end();
  return { op, ko };
}

/** A new page's resources and dictionary for the press: both graphics states, and no
 * /UserUnit (a PDF 1.6 key pdfkit writes on every page; PDF/X-1a is PDF 1.3). */
export function pressPage(doc: PressDoc, gs: { op: Ref; ko: Ref }): void {
  doc.page.ext_gstates.GSop = gs.op;
  doc.page.ext_gstates.GSko = gs.ko;
  delete doc.page.dictionary.data.UserUnit;
}

/** An image XObject of a converted photo, on the current page as /name. */
export function imageObject(doc: PressDoc, r: Raster): Ref {
  const obj = doc.ref({
    Type: 'XObject',
    Subtype: 'Image',
    Width: r.width,
    Height: r.height,
    ColorSpace: r.channels === 4 ? 'DeviceCMYK' : 'DeviceGray',
    BitsPerComponent: 8,
    Filter: 'FlateDecode', // already compressed: pdfkit leaves it as it is
  });
  obj.end(r.data);
  return obj;
}

export function placeImage(doc: PressDoc, name: string, obj: Ref): void {
  doc.page.xobjects[name] = obj;
}

interface EmbeddedFontLike {
  id: string;
  name: string;
  subset: object;
  embed(): void;
}

/**
 * Subset tags from the glyph set: pdfkit names every subset from its font id (F1 → CZZZZZ+),
 * so two PDFs with different glyph sets carry the same name, and a RIP that caches fonts by name
 * across the pages of one job can draw the wrong glyphs. The tag here is six capitals from a
 * SHA-256 of the face's PostScript name and its subset's glyph ids: same glyphs, same tag.
 */
export function subsetTag(postscriptName: string, glyphs: readonly number[]): string {
  const h = createHash('sha256').update(postscriptName).update('\0').update(glyphs.join(',')).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (h[i] % 26));
  return tag;
}

/** Make a pdfkit embedded font write `subsetTag(…)+Name` (pdfkit derives its tag from `id[1..6]`). */
export function tagSubset(font: unknown): void {
  const f = font as EmbeddedFontLike;
  if (typeof f.embed !== 'function' || (f as unknown as { tagged?: boolean }).tagged) return;
  (f as unknown as { tagged?: boolean }).tagged = true;
  const embed = f.embed;
  f.embed = function (this: EmbeddedFontLike): void {
    const tag = subsetTag(this.name ?? '', subsetGlyphs(this.subset) ?? []);
    const id = this.id;
    // pdfkit's tag character i is `id.charCodeAt(i) + 17`: hand it an id that spells our tag.
    this.id = id[0] + [...tag].map((c) => String.fromCharCode(c.charCodeAt(0) - 17)).join('');
    try {
      embed.call(this);
    } finally {
      this.id = id;
    }
  };
}

// ---- SVG art (the masthead logo), drawn by svg-to-pdfkit ----------------------------------
// svg-to-pdfkit draws through pdfkit's drawing methods, and calls fillOpacity()/strokeOpacity()
// for every fill and stroke, opacity 1 included; pdfkit writes an ExtGState (/ca, /CA: PDF 1.4
// transparency keys PDF/X-1a cannot carry) for each such call. So svg-to-pdfkit draws on a
// view of the document (a Proxy) that answers those calls itself — and, for the check of an
// SVG, reports its colours, opacities and transparency groups — and passes everything else on.
// The pdfkit document and its prototype are not changed. Methods are called with the view as
// `this`, so pdfkit's own inner calls (fillColor() calls this.fillOpacity()) are answered too.
// There is no other public way to keep svg-to-pdfkit from writing opacity, so a pdfkit of
// another shape is refused: a drawing method missing, or an ExtGState written all the same.

/** What a drawing reports: `opacity` for every opacity asked for; `colour` for each colour
 * filled or stroked (drawn at opacity 1); `object` for each PDF object svg-to-pdfkit makes. */
export interface SvgWatch {
  opacity?(o: unknown): void;
  colour?(c: unknown): void;
  object?(data: Record<string, unknown> | undefined): void;
}
type SvgToPdf = (doc: unknown, svg: string, x: number, y: number, o: Record<string, unknown>) => void;
const require = createRequire(import.meta.url);
const DRAWS = ['ref', 'fillOpacity', 'strokeOpacity', 'fillColor', 'strokeColor'] as const;

/** Draw `svg` on the current page of `doc` with svg-to-pdfkit's `options`, without opacity. */
export function drawSvg(doc: unknown, svg: string, x: number, y: number, options: Record<string, unknown>, watch: SvgWatch = {}): void {
  const d = doc as Record<string, unknown> & { page?: { ext_gstates?: Record<string, unknown> } };
  const missing = DRAWS.filter((m) => typeof d[m] !== 'function');
  if (missing.length) refuse(`the document has no ${missing.join(', ')}()`);
  const states = Object.keys(d.page?.ext_gstates ?? {}).length;
  (require('svg-to-pdfkit') as SvgToPdf)(svgView(d, watch), svg, x, y, options);
  if (Object.keys(d.page?.ext_gstates ?? {}).length !== states) refuse('opacity was written for the SVG all the same');
}

function refuse(what: string): never {
  throw new Error(`pdfkit is not of the shape the logo drawing was made for (pdfkit 0.20.2, svg-to-pdfkit 0.1.8): ${what}`);
}

function svgView(doc: Record<string, unknown>, watch: SvgWatch): object {
  const call = (m: string, self: object, args: unknown[]) => Reflect.apply(doc[m] as (...a: unknown[]) => unknown, self, args);
  let view: object;
  const opacity = (o: unknown) => {
    watch.opacity?.(o);
    return view;
  };
  const colour = (m: string) =>
    function (c: unknown, o?: unknown) {
      watch.colour?.(c);
      opacity(o);
      call(m, view, [c, 1]);
      return view;
    };
  const own: Record<string, unknown> = {
    ref: (data?: Record<string, unknown>) => {
      watch.object?.(data);
      return call('ref', doc, [data]); // objects belong to the document itself
    },
    fillOpacity: opacity,
    strokeOpacity: opacity,
    fillColor: colour('fillColor'),
    strokeColor: colour('strokeColor'),
  };
  view = new Proxy(doc, { get: (t, p, r) => (typeof p === 'string' && Object.hasOwn(own, p) ? own[p] : Reflect.get(t, p, r)) });
  return view;
}

// ---- Stream compression -------------------------------------------------------------------
// pdfkit deflates each stream it finishes (PDFReference.finalize, zlib.deflateSync) with no
// way to hand it the result from elsewhere. A document can be told to compress through a
// function of ours instead (one that remembers earlier runs: src/cache/streams.ts): every
// reference it makes from then on deflates its bytes through it before pdfkit's finalize,
// which then writes them as they are. The document's ref() and each reference's finalize()
// are wrapped on the instances; a reference of another shape keeps pdfkit's own compression,
// and so does every one with BROADSHEET_FAST_PATHS=off.

interface StreamRef {
  compress?: unknown;
  buffer?: unknown;
  finalize?: unknown;
}

/** Make `doc` deflate the streams of the objects it makes from now on through `deflate`. */
export function deflateStreamsWith(doc: PressDoc, deflate: (bytes: Uint8Array) => Uint8Array): boolean {
  const d = doc as unknown as { ref?: unknown };
  if (!fastPaths() || typeof d.ref !== 'function') return false;
  took('pdfkit:streams');
  const ref = d.ref as (data?: Record<string, unknown>) => Ref;
  d.ref = function (this: unknown, data?: Record<string, unknown>): Ref {
    const r = ref.call(this, data);
    const s = r as unknown as StreamRef;
    const finalize = s.finalize;
    if (typeof finalize !== 'function' || typeof s.compress !== 'boolean' || !Array.isArray(s.buffer)) return r;
    s.finalize = function (this: StreamRef & { buffer: Uint8Array[] }): unknown {
      if (this.compress === true && this.buffer.length) {
        const bytes = this.buffer.length === 1 ? this.buffer[0] : Buffer.concat(this.buffer);
        this.buffer = [deflate(bytes)];
        this.compress = false; // Filter /FlateDecode was set when the bytes were written
      }
      return finalize.call(this);
    };
    return r;
  };
  return true;
}
