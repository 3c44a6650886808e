// Photos for the press: each placed image is decoded, colour-converted by LittleCMS (through
// libvips, in sharp) from its own profile (sRGB when it has none) to the output condition —
// CMYK, or gray on a page printed black only — resampled to the layout's resolution at its
// placed size, and its total ink limited and measured on the very pixels that go into the PDF.
// The PDF gets 8-bit CMYK or gray, Flate-compressed (lossless: what was measured is what prints).
import { deflateSync } from 'node:zlib';
import { statSync } from 'node:fs';
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
export async function loadSharp(): Promise<Sharp> {
  // libvips is loaded only when a PDF with photos is written (`check` never loads it).
  return (sharpModule ??= ((await import('sharp')) as unknown as { default: Sharp }).default);
}

/** Why a photo cannot be used: one line for layout staff. */
export class PhotoError extends Error {}

const cache = new Map<string, Promise<Raster>>();

/** Forget every converted photo (tests: convert again from the file). */
export function clearRasterCache(): void {
  cache.clear();
}

/** Convert `file` for a box of `w` × `h` pt. Cached in memory by file, mtime and settings. */
export function prepareRaster(file: string, w: number, h: number, gray: boolean, out: Output): Promise<Raster> {
  let stamp = '';
  try {
    const st = statSync(file);
    stamp = `${st.size}:${st.mtimeMs}`;
  } catch {
    return Promise.reject(new PhotoError('cannot read the file'));
  }
  const key = JSON.stringify([file, stamp, w, h, gray, out.resolution, out.inkLimit, out.profile, out.grayProfile]);
  let p = cache.get(key);
  if (!p) {
    p = convert(file, w, h, gray, out);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

async function convert(file: string, w: number, h: number, gray: boolean, out: Output): Promise<Raster> {
  const sharp = await loadSharp();
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
  if (gray) img = out.grayProfile ? img.withIccProfile(out.grayProfile).toColourspace('b-w') : img.toColourspace('b-w');
  else img = img.withIccProfile(out.profile ?? 'cmyk').toColourspace('cmyk');
  let res;
  try {
    res = await img.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw new PhotoError(`cannot be decoded (${reason(e)})`);
  }
  const { data, info } = res;
  const channels = info.channels;
  if ((gray && channels !== 1) || (!gray && channels !== 4)) throw new PhotoError(`converted to ${channels} channels, not ${gray ? 'gray' : 'CMYK'}`);
  const maxInk = gray ? maxGray(data) : limitInk(data, out.inkLimit);
  return {
    width: info.width,
    height: info.height,
    channels: channels as 1 | 4,
    data: deflateSync(data),
    maxInk,
    ppi: Math.min(info.width / (w / 72), info.height / (h / 72)),
    sourcePpi,
  };
}

function reason(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0].replace(/^Vips\w*: /, '');
}

/**
 * Total ink at most `limit` % on every pixel, in place; returns the highest total left, in %.
 * Over the limit, the grey part of C, M and Y goes to K first (under-colour removal: the same
 * colour with less ink), then what is still over comes off C, M and Y in proportion.
 */
export function limitInk(px: Buffer, limit: number): number {
  const L = Math.floor((limit * 255) / 100);
  let max = 0;
  for (let i = 0; i < px.length; i += 4) {
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
    if (s > max) max = s;
  }
  return (max * 100) / 255;
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
