// Font subsetting, faster: pdfkit embeds every face through fontkit's TrueType subsetter,
// whose _addGlyph decodes each glyph's whole outline (and its vertical metrics, from the
// outline's control box) only to learn whether the glyph is composite and what its advance
// is. For a CJK subset of 2,000 glyphs that is most of the embedding time. The fast path
// below reads the same two facts the cheap way — numberOfContours is the glyph record's
// first int16, advance and side bearing are hmtx's — and copies the same bytes into the
// same arrays, so the subset (and the PDF) is byte for byte what fontkit writes. Composite
// glyphs and variable fonts take fontkit's own path.
import type { Font } from 'fontkit';
import { outlines } from '../text/fontfile.js';

interface Metric {
  advance: number;
  bearing: number;
}
interface LazyArray<T> {
  length: number;
  get(i: number): T;
}
interface TTFFont {
  loca: { offsets: number[] };
  hmtx: { metrics: LazyArray<Metric>; bearings: LazyArray<number> };
  _variationProcessor: unknown;
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
}
interface TTFSubset {
  font: TTFFont;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: Metric[] };
  offset: number;
  _addGlyph(gid: number): number;
}

const patched = new WeakSet<object>();

/** Install the fast path on the subsetter class fontkit uses for this face (once per class). */
export function fastSubsetting(font: Font): void {
  const f = font as unknown as { createSubset(): object; directory: { tables: Record<string, unknown> } };
  if (f.directory.tables['CFF '] || !f.directory.tables.glyf) return; // CFF faces: fontkit's own path
  const proto = Object.getPrototypeOf(f.createSubset()) as TTFSubset;
  if (patched.has(proto) || typeof proto._addGlyph !== 'function') return;
  patched.add(proto);
  const slow = proto._addGlyph;
  proto._addGlyph = function (this: TTFSubset, gid: number): number {
    const font = this.font;
    outlines(font).glyphs([gid]); // faces are read without outlines (src/text/fontfile.ts)
    if (font._variationProcessor) return slow.call(this, gid);
    const offsets = font.loca.offsets;
    const cur = offsets[gid];
    const next = offsets[gid + 1];
    const stream = font._getTableStream('glyf');
    stream.pos += cur;
    const buffer = stream.readBuffer(next - cur);
    // numberOfContours < 0: a composite glyph, whose components fontkit renumbers.
    if (buffer.length >= 2 && buffer[0] & 0x80) return slow.call(this, gid);
    const hmtx = font.hmtx;
    let metric: Metric;
    if (gid < hmtx.metrics.length) metric = hmtx.metrics.get(gid);
    else {
      const last = hmtx.metrics.get(hmtx.metrics.length - 1);
      metric = { advance: last ? last.advance : 0, bearing: hmtx.bearings.get(gid - hmtx.metrics.length) || 0 };
    }
    this.glyf.push(buffer);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: metric.advance, bearing: metric.bearing });
    this.offset += buffer.length;
    return this.glyf.length - 1;
  };
}
