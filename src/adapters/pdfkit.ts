// pdfkit: every use of its internals. The writer sets glyphs by id at positions it computed
// (src/render/pdf.ts), which pdfkit's public text() cannot do: it takes the font pdfkit embeds
// for a fontkit face (doc._font after doc.font(), an EmbeddedFont) and fills in the fields
// pdfkit writes the subset, widths and ToUnicode map from. There is no public path to fall
// back to (public text() takes a string and shapes it with fontkit's layout(): it cannot place
// the glyph ids the line engine chose, and writes its own BT/Tm/Tf per call), so the guard refuses a pdfkit of another shape with an error naming the version
// this was written for, rather than write a PDF that may be wrong. Page boxes and a page's
// font resources are set on the page's dictionary, as pdfkit's own page code does.
import type { Font } from 'fontkit';
import { fastSubsetting, subsetGlyphs } from './fontkit.js';
import { fastPaths, took } from './fastpaths.js';

/** A face as embedded by pdfkit: what the writer reads and fills in. */
export interface PdfFont {
  /** The font's resource name on a page (`F1` …). */
  id: string;
  subset: { includeGlyph(id: number): number };
  widths: number[]; // by subset glyph id, in 1/1000 em
  unicode: number[][]; // by subset glyph id
  scale: number; // 1000 / unitsPerEm
  ref(): unknown;
  codes?: string[]; // `<0041>` by the face's glyph id, made once (ours)
  ems?: number[]; // the widths entry by the face's glyph id (ours)
}

type Doc = PDFKit.PDFDocument & {
  _font?: unknown;
  page: PDFKit.PDFPage & { fonts?: Record<string, unknown>; dictionary?: { data?: Record<string, unknown> } };
  addContent(s: string): unknown;
};

const EXPECTED = 'pdfkit 0.20.2';

function refuse(what: string): never {
  throw new Error(`pdfkit is not of the shape this writer was made for (${EXPECTED}): ${what}`);
}

/**
 * Embed `font` under `key` and return pdfkit's embedded font. `readAll` is called when the
 * subsetter will decode outlines itself (faces are read without them: src/text/fontfile.ts).
 */
export function embedFont(doc: PDFKit.PDFDocument, key: string, font: Font, readAll: () => void): PdfFont {
  const d = doc as Doc;
  if (!fastSubsetting(font)) readAll();
  doc.registerFont(key, font as unknown as string);
  doc.font(key);
  const f = d._font as Partial<PdfFont> | undefined;
  if (!f || typeof f.id !== 'string' || typeof f.subset?.includeGlyph !== 'function' || !Array.isArray(f.widths) || !Array.isArray(f.unicode) || typeof f.scale !== 'number' || typeof f.ref !== 'function') refuse('its embedded font has no id, subset, widths, unicode, scale or ref()');
  return f as PdfFont;
}

/** The glyph ids the font's subset holds so far (fontkit's order; none if it does not say). */
export function embeddedGlyphs(f: PdfFont): number[] {
  return subsetGlyphs(f.subset) ?? [];
}

/** Name the font in the current page's resources (as pdfkit's own text() does). */
export function useOnPage(doc: PDFKit.PDFDocument, f: PdfFont): void {
  const fonts = (doc as Doc).page.fonts;
  if (!fonts || typeof fonts !== 'object') refuse('a page has no font resources');
  fonts[f.id] = f.ref();
}

/** Set an entry of the current page's dictionary (TrimBox, BleedBox). */
export function setPageEntry(doc: PDFKit.PDFDocument, name: string, value: unknown): void {
  const data = (doc as Doc).page.dictionary?.data;
  if (!data || typeof data !== 'object') refuse('a page has no dictionary');
  data[name] = value;
}

/**
 * Add operators to the current page's content, as doc.addContent(text) does. pdfkit turns a
 * string into bytes a character at a time (7 ms for the sample's 370 KB); it takes bytes as
 * they are, so they are made here at once (latin1: one byte a character, as pdfkit's copy),
 * with the newline it ends each addition with.
 */
export function addContentText(doc: PDFKit.PDFDocument, text: string): void {
  const page = (doc as Doc).page as { write?: unknown } | undefined;
  if (!fastPaths() || typeof page?.write !== 'function') {
    doc.addContent(text);
    return;
  }
  took('pdfkit:content-bytes');
  doc.addContent(Buffer.from(text + '\n', 'latin1') as unknown as string);
}

/**
 * A new document without pdfkit's default font. pdfkit opens Helvetica for every document
 * (parsing its AFM metrics: ~6 ms), which the writer never draws with: every run names its
 * own face. So the document is made with no default font, and its font counter is set to
 * where Helvetica (F1) would have left it, so the faces are F2, F3 … as before. `keep`: a
 * document that may draw text through pdfkit's fonts (the SVG logo) keeps the default; so does
 * every one with BROADSHEET_FAST_PATHS=off, and one whose counter is not where expected
 * (pdfkit then opens its default font as its constructor would have).
 */
export function newDocument<D>(PDF: new (o: Record<string, unknown>) => D, options: Record<string, unknown>, keep: boolean): D {
  if (keep || !fastPaths() || 'font' in options) return new PDF(options);
  const doc = new PDF({ ...options, font: null }) as D & { _fontCount?: unknown; _font?: unknown; font(src: string): unknown };
  if (doc._fontCount === 0 && doc._font === null) {
    doc._fontCount = 1;
    took('pdfkit:no-default-font');
  } else doc.font('Helvetica');
  return doc;
}
