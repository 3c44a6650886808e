// Faces: one fontkit font object per file, shared by measuring (here) and by the PDF writer
// (pdfkit embeds the very same object), so what we measure is what gets drawn. fontkit
// parses the face and locates its tables; the two questions asked for every character —
// which glyph, how wide — are answered from the cmap and hmtx tables it located, by the same
// lookups it makes (src/adapters/fontkit.ts; tests/fastpaths.test.ts compares them with
// fontkit's own over the faces).
import type { BBOX, Font, FontCollection } from 'fontkit';
import { fontkit } from '../engines.js';
import { outlines, readFontFile } from './fontfile.js';
import { timed } from '../timing.js';
import { Shaped, cachedShape } from './shapecache.js';
import { cmapLookup, hmtxAdvances } from '../adapters/fontkit.js';

export interface GlyphInfo {
  id: number;
  adv: number; // em
  inkL: number; // em, ink box left (from the origin)
  inkR: number; // em
}

export class Face {
  readonly key: string;
  readonly file: string;
  readonly font: Font;
  readonly upm: number;
  /** Ideographic em box top above the baseline, in em (OS/2 typo ascender: 0.88 in Noto CJK). */
  readonly ascent: number;
  private cache = new Map<number, GlyphInfo>();
  private hasCache = new Map<number, boolean>(); // cmap lookups, asked for every character
  private dash: GlyphInfo | null | undefined;

  constructor(key: string, file: string, font: Font) {
    this.key = key;
    this.file = file;
    this.font = font;
    this.upm = font.unitsPerEm;
    const os2 = (font as unknown as { 'OS/2'?: { typoAscender?: number; typoDescender?: number } })['OS/2'];
    const asc = os2?.typoAscender ?? font.ascent;
    const desc = os2?.typoDescender ?? font.descent;
    // Baseline sits at top + ascent/(asc - desc) of the em box (0.88 for Noto CJK).
    this.ascent = asc / (asc - desc);
  }

  has(cp: number): boolean {
    let h = this.hasCache.get(cp);
    if (h === undefined) this.hasCache.set(cp, (h = this.glyphId(cp) !== 0));
    return h;
  }

  /** Glyph for one code point; advances are read from hmtx, no shaping (CJK needs none). */
  glyph(cp: number): GlyphInfo {
    let g = this.cache.get(cp);
    if (!g) {
      const id = this.glyphId(cp);
      g = this.info(id, this.hmtxAdvance(id) ?? this.font.getGlyph(id).advanceWidth);
      this.cache.set(cp, g);
    }
    return g;
  }

  /**
   * The glyph id fontkit's cmap lookup gives. For the usual CJK cmap (format 12: groups of
   * consecutive code points) the same binary search runs over the table's bytes that
   * fontkit located, without its per-record decoding and glyph objects (~40 ms an issue;
   * src/adapters/fontkit.ts); other formats ask fontkit.
   */
  private glyphId(cp: number): number {
    if (this.lookup === undefined) this.lookup = cmapLookup(this.font);
    return this.lookup ? this.lookup(cp) : this.font.glyphForCodePoint(cp).id;
  }
  private lookup: ((cp: number) => number) | null | undefined;

  /** The ligature glyph the face makes of `——` (Noto: one 1.692-em glyph), or null. */
  dashLigature(): GlyphInfo | null {
    if (this.dash === undefined) {
      const run = this.shape('\u2014\u2014', []);
      this.dash = run.length === 1 ? this.info(run[0].id, run[0].adv) : null;
    }
    return this.dash;
  }

  /** `text` shaped by fontkit with `features` (GSUB): glyph ids and advances in font units.
   * Answers are kept in the shaping cache (src/text/shapecache.ts). */
  shape(text: string, features: string[]): Shaped {
    return cachedShape(this.file, text, features, () => {
      // layout() decodes the output glyphs' outline boxes for vertical metrics we do not
      // use (ids and hmtx advances are all we take); the glyph objects it made from unread
      // outlines are dropped after, so that nothing keeps a box decoded from empty bytes.
      const run = this.font.layout(text, features).glyphs.map((g) => ({ id: g.id, adv: this.hmtxAdvance(g.id) ?? g.advanceWidth }));
      outlines(this.font).forgetUnread(this.font);
      return run;
    });
  }

  /** The glyph's outline bounding box in font units (its outline read first). */
  bbox(id: number): BBOX {
    outlines(this.font).glyphs([id]);
    return this.font.getGlyph(id).bbox;
  }

  /** Advance of a glyph id in font units (for the PDF's width array). */
  advanceOf(id: number): number {
    return this.hmtxAdvance(id) ?? this.font.getGlyph(id).advanceWidth;
  }

  /**
   * The advance straight from hmtx: fontkit's Glyph.advanceWidth also computes vertical
   * metrics, which decodes the outline — three to four times slower for a CJK face — and its
   * hmtx LazyArray decodes a record per call (src/adapters/fontkit.ts). Variable faces
   * (advance deltas) take fontkit's own path.
   */
  private hmtxAdvance(id: number): number | undefined {
    if (this.hmtx === undefined) this.hmtx = hmtxAdvances(this.font);
    return this.hmtx ? this.hmtx(id) : undefined;
  }
  private hmtx: ((id: number) => number) | null | undefined;

  private info(id: number, advance: number): GlyphInfo {
    // The ink box needs the glyph's outline decoded: done only when asked (the I8 check),
    // never while measuring.
    const upm = this.upm;
    let box: { minX: number; maxX: number } | null = null;
    const ink = () => {
      if (!box) {
        const b = this.bbox(id);
        box = Number.isFinite(b.minX) && Number.isFinite(b.maxX) ? { minX: b.minX / upm, maxX: b.maxX / upm } : { minX: 0, maxX: 0 };
      }
      return box;
    };
    return {
      id,
      adv: advance / upm,
      get inkL() {
        return ink().minX;
      },
      get inkR() {
        return ink().maxX;
      },
    };
  }
}

const byFile = new Map<string, Font>();
const faces = new Map<string, Face>();

/** Open a face; the fontkit object is cached per file so each file is parsed once. */
export function openFace(key: string, file: string): Face {
  const known = faces.get(key + '\0' + file);
  if (known) return known;
  let font = byFile.get(file);
  if (!font) {
    font = timed('fonts', () => {
      const { buf, attach } = readFontFile(file);
      const f = fontkit.create(buf);
      const one = 'fonts' in f ? (f as FontCollection).fonts[0] : (f as Font);
      attach(one);
      return one;
    });
    byFile.set(file, font);
  }
  const face = new Face(key, file, font);
  faces.set(key + '\0' + file, face);
  return face;
}

/** A face from bytes (tests build tiny fonts with opentype.js). */
export function faceFromBuffer(key: string, buf: Buffer): Face {
  const f = fontkit.create(buf) as Font;
  return new Face(key, `<buffer:${key}>`, f);
}
