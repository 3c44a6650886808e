// Photos for the press: each placed image is decoded, colour-converted by LittleCMS (through
// libvips, in sharp) from its own profile (sRGB when it has none) to the output condition —
// CMYK, or gray on a page printed black only — resampled to the layout's resolution at its
// placed size, and its total ink limited and measured on the very pixels that go into the PDF.
// The PDF gets 8-bit CMYK or gray, Flate-compressed (lossless: what was measured is what prints).
import { deflateSync } from 'node:zlib';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Output } from '../issue/model.js';

/** A photo ready for the PDF: pixels in the output colour space, compressed. */
export interface Raster {
  width: number;
  height: number;
  channels: 1 | 4; // DeviceGray or DeviceCMYK
  data: Buffer; // Flate-compressed 8-bit samples
  maxInk: number; // highest C+M+Y+K of any pixel, percent (gray: K)
  ppi: number; // effective resolution at placed size (the lower of the two axes)
  sourcePpi: number; // the file's own pixels at placed size
}

/** Photos above this many pixels are refused: a gigapixel scan is not a newspaper photo. */
export const MAX_PIXELS = 1_000_000_000;

export type Sharp = typeof import('sharp').default;
let sharpModule: Sharp | undefined;
/** sharp, loaded on first use. libvips is loaded only when a PDF with photos is written
 * (`check` never loads it). Its CommonJS build: the same sharp in 70 ms of CPU, where importing
 * its ES module build (semver and detect-libc wrapped as ES modules) takes 160. */
export function sharpNow(): Sharp {
  return (sharpModule ??= createRequire(import.meta.url)('sharp') as Sharp);
}

/** Why a photo cannot be used: one line for layout staff. */
export class PhotoError extends Error {}

const cache = new Map<string, Promise<Raster>>();

/** Forget every converted photo (tests: convert again from the file). */
export function clearRasterCache(): void {
  cache.clear();
}

/** A file's size and mtime, '' when it is no file (a built-in profile name, a missing file). */
export function fileStamp(file: string | undefined): string {
  if (!file) return '';
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return '';
  }
}

/** What a converted photo depends on: the file, its box, the page's ink and every profile as
 * it is on disk now (an edited profile under `watch` converts afresh). The in-memory and the
 * disk cache (src/render/prepare.ts) both key by it. */
export function rasterKey(file: string, w: number, h: number, gray: boolean, out: Output): string {
  return JSON.stringify([file, fileStamp(file), w, h, gray, out.resolution, out.inkLimit, out.profile, fileStamp(out.profile), out.grayProfile, fileStamp(out.grayProfile)]);
}

/** Convert `file` for a box of `w` × `h` pt. Cached in memory by rasterKey. */
export function prepareRaster(file: string, w: number, h: number, gray: boolean, out: Output): Promise<Raster> {
  if (!fileStamp(file)) return Promise.reject(new PhotoError('cannot read the file'));
  const key = rasterKey(file, w, h, gray, out);
  let p = cache.get(key);
  if (!p) {
    p = convert(file, w, h, gray, out);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** One libvips operation at a time: libvips keeps its error messages in one buffer that
 * concurrent failures would mix up. The JS work on a photo (separation, ink, compression)
 * overlaps the decoding of the next one. */
let vipsTail: Promise<unknown> = Promise.resolve();
let queued = 0;
export function oneAtATime<T>(op: () => Promise<T>): Promise<T> {
  // When none is queued, the operation starts at once (not a tick later): startPress
  // (src/render/prepare.ts) hands libvips work to its thread before the pages are composed.
  const p: Promise<T> = queued ? vipsTail.then(op, op) : (async () => op())();
  queued++;
  vipsTail = p.then(
    () => void queued--,
    () => void queued--,
  );
  return p;
}

async function convert(file: string, w: number, h: number, gray: boolean, out: Output): Promise<Raster> {
  const sharp = sharpNow();
  // The table asked for before the decoding, so that it is made first (nearly every photo needs it).
  const tableFor = () => separationTable(gray ? out.grayProfile! : (out.profile ?? 'cmyk'), gray ? 1 : 4);
  if (!gray || out.grayProfile) tableFor().catch(() => undefined); // its failure is reported where it is used
  const { res, viaTable, sourcePpi } = await oneAtATime(() => decode(sharp, file, w, h, gray, out));
  let data: Buffer = res.data;
  let info = res.info;
  if (viaTable) {
    if (info.channels !== 3) throw new PhotoError(`decoded to ${info.channels} channels, not RGB`);
    const table = await tableFor();
    if (table.channels === 4) {
      const sep = separate(data, table, out.inkLimit);
      return raster(sep.data, sep.maxInk, { ...info, channels: 4 }, w, h, sourcePpi);
    }
    data = applyTable(data, table);
    info = { ...info, channels: table.channels };
  }
  const channels = info.channels;
  if ((gray && channels !== 1) || (!gray && channels !== 4)) throw new PhotoError(`converted to ${channels} channels, not ${gray ? 'gray' : 'CMYK'}`);
  return raster(data, gray ? maxGray(data) : limitInk(data, out.inkLimit), info, w, h, sourcePpi);
}

/** The file decoded, resampled and in sRGB (for the table) or converted by LittleCMS. */
async function decode(sharp: Sharp, file: string, w: number, h: number, gray: boolean, out: Output) {
  const opts = { limitInputPixels: MAX_PIXELS, failOn: 'truncated' as const };
  let meta;
  try {
    meta = await sharp(file, { ...opts, limitInputPixels: false }).metadata();
  } catch (e) {
    throw new PhotoError(`not a readable image (${reason(e)})`);
  }
  const sw = meta.autoOrient?.width ?? meta.width ?? 0;
  const sh = meta.autoOrient?.height ?? meta.height ?? 0;
  if (sw * sh > MAX_PIXELS) throw new PhotoError(`${sw} × ${sh} px is more than ${MAX_PIXELS / 1e6} megapixels`);
  // Pixels the press uses: the layout's resolution at placed size. Never upsampled.
  const tw = Math.max(1, Math.round((w / 72) * out.resolution));
  const th = Math.max(1, Math.round((h / 72) * out.resolution));
  const sourcePpi = Math.min(sw / (w / 72), sh / (h / 72));
  let img = sharp(file, opts).rotate();
  if (meta.hasAlpha) img = img.flatten({ background: '#ffffff' }); // alpha flattened on white paper
  if (sw > tw || sh > th) img = img.resize(Math.min(tw, sw), Math.min(th, sh), { fit: 'fill', kernel: 'lanczos3' });
  // Through a table (fast) from 8-bit sRGB; a deep image with its own profile goes straight
  // through LittleCMS (sharp would convert it to P3 first, and the table is made from sRGB).
  const viaTable = (gray ? !!out.grayProfile : true) && !(meta.depth !== 'uchar' && meta.icc);
  if (viaTable) img = img.toColourspace('srgb');
  else if (gray) img = out.grayProfile ? img.withIccProfile(out.grayProfile).toColourspace('b-w') : img.toColourspace('b-w');
  else img = img.withIccProfile(out.profile ?? 'cmyk').toColourspace('cmyk');
  try {
    const res = await img.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { res, viaTable, sourcePpi };
  } catch (e) {
    throw new PhotoError(`cannot be decoded (${reason(e)})`);
  }
}

function raster(data: Buffer, maxInk: number, info: { width: number; height: number; channels: number }, w: number, h: number, sourcePpi: number): Raster {
  return {
    width: info.width,
    height: info.height,
    channels: info.channels as 1 | 4,
    data: deflateSync(data), // on this thread: in the pool it cost more CPU (measured), same bytes
    maxInk,
    ppi: Math.min(info.width / (w / 72), info.height / (h / 72)),
    sourcePpi,
  };
}

/**
 * A separation table: LittleCMS (through libvips, perceptual intent) converts every node of a
 * 33 × 33 × 33 grid of sRGB colours to the output profile; pixels are then interpolated between
 * the nodes of their cube (tetrahedral, as LittleCMS itself does with the grid it precalculates
 * for 8-bit transforms). libvips evaluates the full profile for every pixel (0.3 µs a pixel,
 * 160 ms for a 900 × 560 photo); the table takes 12 ms once per profile and a few ms a photo.
 */
export interface SeparationTable {
  channels: 1 | 4;
  nodes: Uint8Array; // N³ × channels, index ((r·N + g)·N + b)·channels
}
const N = 33;
const tables = new Map<string, Promise<SeparationTable>>();

export function separationTable(profile: string, channels: 1 | 4): Promise<SeparationTable> {
  const key = `${profile}\0${fileStamp(profile)}\0${channels}`; // a built-in name ('cmyk') is no file
  let t = tables.get(key);
  if (!t) {
    t = oneAtATime(() => makeTable(profile, channels));
    tables.set(key, t);
  }
  return t;
}

function makeTable(profile: string, channels: 1 | 4): Promise<SeparationTable> {
  const sharp = sharpNow();
  const grid = Buffer.alloc(N * N * N * 3);
  const v = Array.from({ length: N }, (_, i) => Math.round((i * 255) / (N - 1)));
  let o = 0;
  for (let r = 0; r < N; r++) for (let g = 0; g < N; g++) for (let b = 0; b < N; b++) {
    grid[o++] = v[r];
    grid[o++] = v[g];
    grid[o++] = v[b];
  }
  let img = sharp(grid, { raw: { width: N * N * N, height: 1, channels: 3 } }).withIccProfile(profile);
  img = channels === 4 ? img.toColourspace('cmyk') : img.toColourspace('b-w');
  return img.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }).then(({ data, info }) => {
    if (info.channels !== channels) throw new PhotoError(`the profile ${profile} does not convert to ${channels === 4 ? 'CMYK' : 'gray'}`);
    return { channels, nodes: new Uint8Array(data) };
  });
}

/** Each 8-bit level's node below it (times the axis stride 1) and its fraction of the way to
 * the next: the same doubles for every pixel, computed once. */
const S = (N - 1) / 255;
const NODE = Int32Array.from({ length: 256 }, (_, v) => Math.min(N - 2, (v * S) | 0));
const FRAC = Float64Array.from({ length: 256 }, (_, v) => v * S - NODE[v]);

/** The table's corner offsets and weights for the colour r, g, b (tetrahedral: walk the axes
 * in order of their fraction), into `at` (c0, c1, c2, c3) and `wt` (the four weights). */
function tetra(r: number, g: number, b: number, ch: number, at: Int32Array, wt: Float64Array): void {
  const sb = ch, sg = N * ch, sr = N * N * ch;
  const dr = FRAC[r], dg = FRAC[g], db = FRAC[b];
  const c0 = NODE[r] * sr + NODE[g] * sg + NODE[b] * sb;
  let a1: number, a2: number, w1: number, w2: number, w3: number;
  if (dr >= dg && dg >= db) { a1 = sr; a2 = sr + sg; w1 = dr; w2 = dg; w3 = db; }
  else if (dr >= db && db >= dg) { a1 = sr; a2 = sr + sb; w1 = dr; w2 = db; w3 = dg; }
  else if (db >= dr && dr >= dg) { a1 = sb; a2 = sb + sr; w1 = db; w2 = dr; w3 = dg; }
  else if (dg >= dr && dr >= db) { a1 = sg; a2 = sg + sr; w1 = dg; w2 = dr; w3 = db; }
  else if (dg >= db && db >= dr) { a1 = sg; a2 = sg + sb; w1 = dg; w2 = db; w3 = dr; }
  else { a1 = sb; a2 = sb + sg; w1 = db; w2 = dg; w3 = dr; }
  at[0] = c0; at[1] = c0 + a1; at[2] = c0 + a2; at[3] = c0 + sr + sg + sb;
  wt[0] = 1 - w1; wt[1] = w1 - w2; wt[2] = w2 - w3; wt[3] = w3;
}

/** 8-bit RGB pixels → output pixels, tetrahedral interpolation in the table. A pixel of the
 * colour of the one before it is copied (flat areas are most of many pictures). */
export function applyTable(rgb: Buffer, t: SeparationTable): Buffer {
  const ch = t.channels;
  const T = t.nodes;
  const out = Buffer.allocUnsafe((rgb.length / 3) * ch); // every byte is written
  const at = new Int32Array(4), wt = new Float64Array(4);
  let prev = -1;
  for (let p = 0, q = 0; p < rgb.length; p += 3, q += ch) {
    const r = rgb[p], g = rgb[p + 1], b = rgb[p + 2];
    const key = (r << 16) | (g << 8) | b;
    if (key === prev) {
      for (let k = 0; k < ch; k++) out[q + k] = out[q - ch + k];
      continue;
    }
    prev = key;
    tetra(r, g, b, ch, at, wt);
    const c0 = at[0], c1 = at[1], c2 = at[2], c3 = at[3];
    const w0 = wt[0], w1 = wt[1], w2 = wt[2], w3 = wt[3];
    for (let k = 0; k < ch; k++) out[q + k] = Math.round(w0 * T[c0 + k] + w1 * T[c1 + k] + w2 * T[c2 + k] + w3 * T[c3 + k]);
  }
  return out;
}

/** 8-bit RGB pixels → CMYK through the table, each pixel's ink limited as limitInk does, in
 * one pass. A colour met just before, or still in a small cache of the colours met, is copied
 * (pictures repeat colours: flat areas, gradients). Returns the samples and the highest total
 * ink left, in %. */
export function separate(rgb: Buffer, t: SeparationTable, limit: number): { data: Buffer; maxInk: number } {
  if (t.channels !== 4) throw new Error('separate: a CMYK table');
  const n = rgb.length / 3;
  const data = Buffer.allocUnsafeSlow(n * 4); // its own memory, every byte written: no zero-fill
  const max = separateInto(rgb, t.nodes, inkCap(limit), data, new Uint32Array(data.buffer, data.byteOffset, n));
  return { data, maxInk: (max * 100) / 255 };
}

const CACHE_BITS = 12;

function separateInto(rgb: Buffer, T: Uint8Array, L: number, out: Uint8Array, out32: Uint32Array): number {
  const keys = new Int32Array(1 << CACHE_BITS).fill(-1), vals = new Uint32Array(1 << CACHE_BITS);
  const at = new Int32Array(4), wt = new Float64Array(4);
  let prev = -1, max = 0;
  for (let p = 0, i = 0; p < rgb.length; p += 3, i++) {
    const key = (rgb[p] << 16) | (rgb[p + 1] << 8) | rgb[p + 2];
    if (key === prev) {
      out32[i] = out32[i - 1];
      continue;
    }
    prev = key;
    const h = Math.imul(key, 0x9e3779b1) >>> (32 - CACHE_BITS);
    if (keys[h] === key) {
      out32[i] = vals[h];
      continue;
    }
    tetra(rgb[p], rgb[p + 1], rgb[p + 2], 4, at, wt);
    const c0 = at[0], c1 = at[1], c2 = at[2], c3 = at[3];
    const w0 = wt[0], w1 = wt[1], w2 = wt[2], w3 = wt[3];
    const q = i * 4;
    out[q] = Math.round(w0 * T[c0] + w1 * T[c1] + w2 * T[c2] + w3 * T[c3]);
    out[q + 1] = Math.round(w0 * T[c0 + 1] + w1 * T[c1 + 1] + w2 * T[c2 + 1] + w3 * T[c3 + 1]);
    out[q + 2] = Math.round(w0 * T[c0 + 2] + w1 * T[c1 + 2] + w2 * T[c2 + 2] + w3 * T[c3 + 2]);
    out[q + 3] = Math.round(w0 * T[c0 + 3] + w1 * T[c1 + 3] + w2 * T[c2 + 3] + w3 * T[c3 + 3]);
    const s = limitAt(out, q, L);
    if (s > max) max = s;
    keys[h] = key;
    vals[h] = out32[i];
  }
  return max;
}

function reason(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0].replace(/^Vips\w*: /, '');
}

/** The ink limit in % as a total of 8-bit samples. */
const inkCap = (limit: number) => Math.floor((limit * 255) / 100);

/**
 * Total ink at most `limit` % on every pixel, in place; returns the highest total left, in %.
 * Over the limit, the grey part of C, M and Y goes to K first (under-colour removal: the same
 * colour with less ink), then what is still over comes off C, M and Y in proportion.
 */
export function limitInk(px: Buffer, limit: number): number {
  const L = inkCap(limit);
  let max = 0;
  for (let i = 0; i < px.length; i += 4) {
    const s = limitAt(px, i, L);
    if (s > max) max = s;
  }
  return (max * 100) / 255;
}

/** limitInk on the pixel at `i` (total L in 8-bit samples); returns its total left. */
function limitAt(px: Uint8Array, i: number, L: number): number {
  let c = px[i], m = px[i + 1], y = px[i + 2], k = px[i + 3];
  let s = c + m + y + k;
  if (s > L) {
    const t = Math.min(c, m, y, 255 - k, Math.ceil((s - L) / 2));
    c -= t; m -= t; y -= t; k += t;
    s -= 2 * t;
    if (s > L) {
      const room = Math.max(0, L - k);
      const cmy = c + m + y;
      const f = room / cmy;
      c = Math.floor(c * f); m = Math.floor(m * f); y = Math.floor(y * f);
      if (k > L) k = L;
      s = c + m + y + k;
    }
    px[i] = c; px[i + 1] = m; px[i + 2] = y; px[i + 3] = k;
  }
  return s;
}

/** Highest K of gray samples (0 = black), in %. */
function maxGray(px: Buffer): number {
  let min = 255;
  for (let i = 0; i < px.length; i++) if (px[i] < min) min = px[i];
  return ((255 - min) * 100) / 255;
}

/** Highest C+M+Y+K of raw 8-bit CMYK samples, in % (for tests and the bench). */
export function maxInkOf(px: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < px.length; i += 4) max = Math.max(max, px[i] + px[i + 1] + px[i + 2] + px[i + 3]);
  return (max * 100) / 255;
}
