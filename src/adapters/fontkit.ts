// fontkit: every use of its internals, behind guards. Each fast path below reads what fontkit
// has already located or decoded, the way fontkit itself reads it, and checks first that the
// font object is of the shape it expects (fontkit 2.0.4's); when it is not, or with
// BROADSHEET_FAST_PATHS=off, the caller takes fontkit's public path and the output is the
// same (tests/fastpaths.test.ts compares answers, tests/adapters.test.ts the PDF bytes).
import type { Font } from 'fontkit';
import { fastPaths, took } from './fastpaths.js';

interface Stream {
  buffer: Uint8Array;
  pos: number;
  readBuffer(n: number): Uint8Array;
}
interface Internals {
  _cmapProcessor?: { cmap?: { version?: number; groups?: { stream?: { buffer?: unknown }; base?: number; length?: number } }; lookup?(cp: number): number };
  _getTableStream?(tag: string): Stream | null;
  _variationProcessor?: unknown;
  _glyphs?: Record<number, unknown>;
  _tables?: Record<string, unknown>;
  directory?: { tables?: Record<string, unknown> };
  hhea?: { numberOfMetrics?: number };
  createSubset?(): object;
}
const inner = (font: object) => font as Internals;

/** Glyph id by code point over a format-12 cmap's groups, or null (use glyphForCodePoint). */
export function cmapLookup(font: Font): ((cp: number) => number) | null {
  if (!fastPaths()) return null;
  const proc = inner(font)._cmapProcessor;
  const t = proc?.cmap;
  const g = t?.version === 12 ? t.groups : undefined;
  const buf = g?.stream?.buffer;
  if (!(buf instanceof Uint8Array) || typeof g?.base !== 'number' || typeof g.length !== 'number' || g.base + g.length * 12 > buf.length) return null;
  const view = new DataView(buf.buffer, buf.byteOffset + g.base, g.length * 12);
  const n = g.length;
  const lookup = (cp: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = mid * 12;
      if (cp < view.getUint32(at)) hi = mid - 1;
      else if (cp > view.getUint32(at + 4)) lo = mid + 1;
      else return view.getUint32(at + 8) + (cp - view.getUint32(at));
    }
    return 0;
  };
  // The same answers as fontkit's own lookup, or not used (glyphForCodePoint would answer too,
  // but its glyph objects load Unicode's property tables: 75 ms).
  if (typeof proc?.lookup !== 'function') return null;
  for (const cp of [0x20, 0x41, 0x4e2d, 0x3002, 0x10ffff]) if (lookup(cp) !== proc.lookup(cp)) return null;
  took('fontkit:cmap');
  return lookup;
}

/** Advance in font units by glyph id straight from hmtx, or null (use glyph.advanceWidth). */
export function hmtxAdvances(font: Font): ((id: number) => number) | null {
  if (!fastPaths()) return null;
  const f = inner(font);
  const count = f.hhea?.numberOfMetrics;
  if (!f.directory?.tables?.hmtx || f._variationProcessor || typeof f._getTableStream !== 'function' || typeof count !== 'number' || count <= 0) return null;
  const st = f._getTableStream('hmtx');
  if (!st || !(st.buffer instanceof Uint8Array) || st.pos + count * 4 > st.buffer.length) return null;
  const view = new DataView(st.buffer.buffer, st.buffer.byteOffset + st.pos, count * 4);
  const advance = (id: number) => view.getUint16(4 * Math.min(id, count - 1));
  // fontkit's own hmtx records agree (its glyph.advanceWidth reads them, after decoding outlines).
  const metrics = (f as { hmtx?: { metrics?: { get?(i: number): { advance?: number } } } }).hmtx?.metrics;
  if (typeof metrics?.get !== 'function') return null;
  for (const id of [0, count - 1]) if (advance(id) !== metrics.get(id)?.advance) return null;
  took('fontkit:hmtx');
  return advance;
}

/**
 * Whether a face may be read without its outlines (src/text/fontfile.ts): fontkit must keep
 * its decoded glyphs where forgetGlyphs can drop them, take a decoded loca table, and let the
 * subsetter be told to read outlines first.
 */
export function canReadSparsely(font: object): boolean {
  const f = inner(font);
  const ok = fastPaths() && !!f._glyphs && typeof f._glyphs === 'object' && !!f._tables && typeof f._tables === 'object' && !('loca' in f._tables) && typeof f._getTableStream === 'function';
  if (ok) took('fontkit:sparse');
  return ok;
}

/** Drop the glyph objects fontkit made of glyphs `unread(id)` (decoded from unread bytes). */
export function forgetGlyphs(font: object, unread: (id: number) => boolean): void {
  const made = inner(font)._glyphs;
  if (made) for (const k of Object.keys(made)) if (unread(Number(k))) delete made[Number(k)];
}

/** Hand fontkit the loca table it would decode itself (element by element: 5 ms a face). */
export function presetLoca(font: object, decoded: { version: number; offsets: number[] }): void {
  const tables = inner(font)._tables;
  if (tables && !('loca' in tables)) tables.loca = decoded;
}

/** Whether the face has TrueType outlines (the subsetter's fast path and sparse reads). */
export function hasTrueTypeOutlines(font: object): boolean {
  const t = inner(font).directory?.tables;
  return !!t && !!t.glyf && !t['CFF '];
}

/** The glyph ids a subset holds, in subset order (fontkit's Subset.glyphs). */
export function subsetGlyphs(subset: object): number[] | null {
  const g = (subset as { glyphs?: unknown }).glyphs;
  return Array.isArray(g) ? (g as number[]) : null;
}

interface Metric {
  advance: number;
  bearing: number;
}
interface LazyArray<T> {
  length: number;
  get(i: number): T;
}
interface TTFFont {
  loca: { offsets: number[]; version?: number };
  hmtx: { metrics: LazyArray<Metric>; bearings: LazyArray<number> };
  _variationProcessor: unknown;
  _getTableStream(tag: string): Stream;
}
interface TTFSubset {
  font: TTFFont;
  glyf: Uint8Array[];
  loca: { offsets: number[]; version?: number };
  hmtx: { metrics: Metric[] };
  offset: number;
  _addGlyph(gid: number): number;
}

/** A glyph's advance and side bearing as fontkit's hmtx table decodes them. */
function lazyMetric(font: TTFFont, gid: number): Metric {
  const hmtx = font.hmtx;
  if (gid < hmtx.metrics.length) return hmtx.metrics.get(gid);
  const last = hmtx.metrics.get(hmtx.metrics.length - 1);
  return { advance: last ? last.advance : 0, bearing: hmtx.bearings.get(gid - hmtx.metrics.length) || 0 };
}

const hmtxBytes = new WeakMap<object, { view: DataView; metrics: number } | null>();
/** The same from the table's bytes (restructure decodes a record per call: 15 ms a subset):
 * uint16 advance and int16 bearing per metric, then int16 bearings; null past the table. */
function hmtxMetric(font: TTFFont, gid: number): Metric | null {
  let t = hmtxBytes.get(font);
  if (t === undefined) {
    t = null;
    const f = inner(font);
    const length = (f.directory?.tables?.hmtx as { length?: number } | undefined)?.length;
    const metrics = f.hhea?.numberOfMetrics;
    const st = typeof f._getTableStream === 'function' ? f._getTableStream('hmtx') : null;
    if (st && st.buffer instanceof Uint8Array && typeof length === 'number' && typeof metrics === 'number' && metrics > 0 && st.pos + length <= st.buffer.length)
      t = { view: new DataView(st.buffer.buffer, st.buffer.byteOffset + st.pos, length), metrics };
    hmtxBytes.set(font, t);
  }
  if (!t || !(gid < ((font as { numGlyphs?: number }).numGlyphs ?? 0))) return null;
  if (gid < t.metrics) return 4 * gid + 4 <= t.view.byteLength ? { advance: t.view.getUint16(4 * gid), bearing: t.view.getInt16(4 * gid + 2) } : null;
  const at = 4 * t.metrics + 2 * (gid - t.metrics);
  if (at + 2 > t.view.byteLength) return null; // fontkit reads 0 past its bearings
  return { advance: t.view.getUint16(4 * (t.metrics - 1)), bearing: t.view.getInt16(at) };
}

const patched = new WeakSet<object>();
const readHooks = new WeakMap<object, (gid: number) => void>();

/** Run `hook` before the subsetter reads a glyph record of `font` (faces read without outlines). */
export function beforeSubsetRead(font: object, hook: (gid: number) => void): void {
  readHooks.set(font, hook);
}

/**
 * Font subsetting, faster: pdfkit embeds every face through fontkit's TrueType subsetter,
 * whose _addGlyph decodes each glyph's whole outline (and its vertical metrics, from the
 * outline's control box) only to learn whether the glyph is composite and what its advance
 * is. For a CJK subset of 2,000 glyphs that is most of the embedding time. The fast path
 * reads the same two facts the cheap way — numberOfContours is the glyph record's first
 * int16, advance and side bearing are hmtx's — and copies the same bytes into the same
 * arrays, so the subset (and the PDF) is byte for byte what fontkit writes. Composite glyphs
 * and variable fonts take fontkit's own path. False: not installed (fontkit's own path,
 * which then needs every outline read).
 */
export function fastSubsetting(font: Font): boolean {
  const f = inner(font);
  if (!fastPaths() || !hasTrueTypeOutlines(font) || typeof f.createSubset !== 'function') return false;
  const proto = Object.getPrototypeOf(f.createSubset()) as TTFSubset;
  if (patched.has(proto)) return true;
  const slow = proto._addGlyph;
  // What the fast path does in fontkit's stead: its _addGlyph must still fill these arrays.
  const src = typeof slow === 'function' ? String(slow) : '';
  if (!['this.glyf.push', 'this.loca.offsets.push', 'this.hmtx.metrics.push', 'this.offset'].every((s) => src.includes(s))) return false;
  patched.add(proto);
  patchEncode(proto as unknown as { encode?: (this: OwnSubset) => Uint8Array });
  took('fontkit:subset');
  proto._addGlyph = function (this: TTFSubset, gid: number): number {
    const font = this.font;
    readHooks.get(font)?.(gid);
    if (font._variationProcessor) return slow.call(this, gid);
    const offsets = font.loca.offsets;
    const cur = offsets[gid];
    const next = offsets[gid + 1];
    const stream = font._getTableStream('glyf');
    stream.pos += cur;
    const buffer = stream.readBuffer(next - cur);
    // numberOfContours < 0: a composite glyph, whose components fontkit renumbers.
    if (buffer.length >= 2 && buffer[0] & 0x80) return slow.call(this, gid);
    const metric = hmtxMetric(font, gid) ?? lazyMetric(font, gid);
    this.glyf.push(buffer);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: metric.advance, bearing: metric.bearing });
    this.offset += buffer.length;
    return this.glyf.length - 1;
  };
  return true;
}

/** A subset being encoded: the glyph ids it holds, and how to add one (fontkit's includeGlyph). */
export interface SubsetGlyphs {
  glyphs: readonly number[];
  include(id: number): void;
}
type EncodeHook = (subset: SubsetGlyphs, encode: () => Uint8Array) => Uint8Array;
const encodeHooks = new WeakMap<object, EncodeHook>();
const encodePatched = new WeakSet<object>();
type OwnSubset = TTFSubset & { glyphs: number[]; includeGlyph(id: number): number; encode(): Uint8Array };

/** Install (once per subsetter class) the encode that answers through a font's hook and, for
 * TrueType faces, writes the file itself (`writeSubset`); `own` is fontkit's encode. */
function patchEncode(proto: { encode?: (this: OwnSubset) => Uint8Array }): void {
  if (encodePatched.has(proto) || typeof proto.encode !== 'function') return;
  encodePatched.add(proto);
  const own = proto.encode;
  proto.encode = function (this: OwnSubset): Uint8Array {
    const encode = () => writeSubset(this) ?? own.call(this);
    const h = encodeHooks.get(this.font);
    if (!h) return encode();
    return h({ glyphs: this.glyphs, include: (id) => void this.includeGlyph(id) }, encode);
  };
}

/**
 * Route the encoding of `font`'s subsets through `hook` (which may answer from a cache of
 * earlier encodings: src/cache/subsets.ts). fontkit's Subset.encode() is what pdfkit calls to
 * embed a face. False when the subsetter is not of the shape expected (no hook, fontkit's own).
 */
export function hookSubsetEncoding(font: Font, hook: EncodeHook): boolean {
  const f = inner(font);
  if (!fastPaths() || typeof f.createSubset !== 'function') return false;
  const sample = f.createSubset() as { glyphs?: unknown; includeGlyph?: unknown };
  const proto = Object.getPrototypeOf(sample) as { encode?: (this: OwnSubset) => Uint8Array };
  if (!Array.isArray(sample.glyphs) || typeof sample.includeGlyph !== 'function' || typeof proto.encode !== 'function') return false;
  patchEncode(proto);
  encodeHooks.set(font, hook);
  took('fontkit:subset-encode');
  return true;
}

// ---- Writing a TrueType subset ------------------------------------------------------------
// fontkit's TTFSubset.encode() collects the glyph records (glyf), their offsets (loca) and
// metrics (hmtx), then writes the file through restructure, a field at a time: ~25 ms for
// the sample's five subsets, and ~15 ms more the first time (restructure's encoders, cold).
// Every other table it writes is the face's own, decoded and written again: head, hhea and
// maxp cloned with their counts set (indexToLocFormat, numberOfMetrics, numGlyphs), cvt,
// prep and fpgm as they are. Written again, a table is its bytes but for what its structure
// leaves out: head.macStyle keeps the seven flags fontkit names (bits 0-6), hhea's four
// reserved words are zeros, and each table is as long as its structure (head 54 bytes, hhea
// 36, maxp 32). So the file is written here: tables in fontkit's order, packed one after
// another from the end of the directory, checksums 0 (as fontkit writes them), glyf, loca and
// hmtx as restructure writes them. A face whose tables could be read otherwise (an odd-length
// cvt, a short head, hhea or maxp, a table fontkit cannot decode) takes fontkit's own encode.

interface Template {
  tables: { tag: string; bytes: Uint8Array }[]; // bytes: of the tables that do not grow
}
const templates = new WeakMap<object, Template | null>();
const ORDER = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'];
const GROWING = new Set(['glyf', 'loca', 'hmtx']);
const SIZE: Record<string, number> = { head: 54, hhea: 36, maxp: 32 };

/** The subset's file from its glyph records and metrics (loca in the face's format). */
function assemble(t: Template, glyf: Uint8Array[], metrics: Metric[], locaVersion: number): Uint8Array {
  let glyfLength = 0;
  for (const b of glyf) glyfLength += b.length;
  const sizes = t.tables.map(({ tag, bytes }) => (tag === 'glyf' ? glyfLength : tag === 'loca' ? (glyf.length + 1) * (locaVersion ? 4 : 2) : tag === 'hmtx' ? metrics.length * 4 : bytes.length));
  const dir = 12 + 16 * t.tables.length;
  const out = new Uint8Array(dir + sizes.reduce((a, b) => a + b, 0));
  const view = new DataView(out.buffer);
  // The directory's head as fontkit writes it: tag 'true', then the binary-search fields.
  const count = t.tables.length;
  const exp = Math.floor(Math.log(count) / Math.LN2);
  out.set([0x74, 0x72, 0x75, 0x65], 0);
  view.setUint16(4, count);
  view.setUint16(6, 2 ** exp * 16);
  view.setUint16(8, Math.log(2 ** exp) / Math.LN2); // fontkit: log2 of the power of two
  view.setUint16(10, count * 16 - 2 ** exp * 16);
  let at = dir;
  t.tables.forEach(({ tag, bytes }, i) => {
    const e = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[e + k] = tag.charCodeAt(k);
    view.setUint32(e + 8, at);
    view.setUint32(e + 12, sizes[i]);
    if (tag === 'glyf') {
      for (const b of glyf) (out.set(b, at), (at += b.length));
      return;
    }
    if (tag === 'loca') {
      let off = 0;
      for (let g = 0; g <= glyf.length; g++) {
        // restructure writes through a DataView: a short offset wraps as it would there.
        if (locaVersion) view.setUint32(at + 4 * g, off);
        else view.setUint16(at + 2 * g, off >>> 1);
        if (g < glyf.length) off += glyf[g].length;
      }
    } else if (tag === 'hmtx') {
      metrics.forEach((m, g) => (view.setUint16(at + 4 * g, m.advance), view.setInt16(at + 4 * g + 2, m.bearing)));
    } else {
      out.set(bytes, at);
      if (tag === 'maxp') view.setUint16(at + 4, glyf.length);
      if (tag === 'hhea') view.setUint16(at + 34, metrics.length);
    }
    at += sizes[i];
  });
  return out;
}

/** The tables fontkit writes into a subset of `font`, as it writes them; null: not sure. */
function templateFor(font: TTFFont & object): Template | null {
  let t = templates.get(font);
  if (t !== undefined) return t;
  t = null;
  try {
    const f = font as unknown as Internals & Record<string, unknown> & { loca: { version?: number } };
    const dir = f.directory?.tables as Record<string, { length?: number }> | undefined;
    const tables: Template['tables'] = [];
    let ok = !!dir && typeof f._getTableStream === 'function' && (f.loca.version === 0 || f.loca.version === 1);
    for (const tag of ORDER) {
      if (!ok) break;
      if (GROWING.has(tag)) {
        tables.push({ tag, bytes: new Uint8Array(0) });
        continue;
      }
      // fontkit writes a table its getter decodes (the getter answers undefined for one it lacks or cannot decode).
      if (!f[tag]) {
        ok = !SIZE[tag]; // head, hhea, maxp it needs
        continue;
      }
      const length = dir![tag]?.length;
      const st = f._getTableStream!(tag);
      if (typeof length !== 'number' || !st || !(st.buffer instanceof Uint8Array) || st.pos + length > st.buffer.length) ok = false;
      else if (SIZE[tag] ? length < SIZE[tag] : tag === 'cvt ' && length % 2) ok = false;
      else {
        const bytes = st.buffer.slice(st.pos, st.pos + (SIZE[tag] ?? length));
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        if (tag === 'head') {
          view.setUint16(44, view.getUint16(44) & 0x7f); // macStyle: the flags fontkit names
          view.setInt16(50, f.loca.version!); // indexToLocFormat: the subset's loca is the face's format
        }
        if (tag === 'hhea') bytes.fill(0, 24, 32); // reserved
        tables.push({ tag, bytes });
      }
    }
    if (ok) t = { tables };
  } catch {
    t = null;
  } finally {
    templates.set(font, t);
  }
  return t;
}

/** fontkit's TTFSubset.encode(), the file written from a template; null: use fontkit's own. */
function writeSubset(subset: OwnSubset): Uint8Array | null {
  const font = subset.font;
  if (!fastPaths() || !hasTrueTypeOutlines(font) || font._variationProcessor) return null;
  const t = templateFor(font);
  if (!t) return null;
  // What fontkit's encode() does before it writes: every glyph added (composites add their
  // components to the list as it goes).
  subset.glyf = [];
  subset.offset = 0;
  subset.loca = { offsets: [], version: font.loca.version } as TTFSubset['loca'];
  subset.hmtx = { metrics: [], bearings: [] } as unknown as TTFSubset['hmtx'];
  let i = 0;
  while (i < subset.glyphs.length) subset._addGlyph(subset.glyphs[i++]);
  subset.loca.offsets.push(subset.offset);
  took('fontkit:subset-write');
  return assemble(t, subset.glyf, subset.hmtx.metrics, subset.loca.version ? 1 : 0);
}
