// read-back, pixels: an image's samples as the PDF stores them, 8 bits a component, /Decode
// applied, no colour conversion — what a RIP would put on the plates of a CMYK image. Flate
// (and the other general filters) through cos.ts; JPEG through pdf.js's own decoder
// (pdfjs-dist's image_decoders, already a dependency), asked for the components as stored.
import { decodeStream } from './cos.js';
import { DrawnImage, Space } from './content.js';
import { PdfFile } from './cos.js';

export interface Samples {
  n: number; // components a pixel, after Indexed lookup
  data: Uint8Array; // 0 = none of that ink … 255 = all of it (CMYK), or lightness (gray, RGB)
  family: string; // DeviceCMYK, DeviceGray, DeviceRGB …
}

type JpegCtor = new () => { parse(d: Uint8Array): void; width: number; height: number; numComponents: number; getData(o: { width: number; height: number; isSourcePDF: boolean }): Uint8Array };
let Jpeg: JpegCtor | undefined;
async function jpegDecoder(): Promise<JpegCtor> {
  if (!Jpeg) {
    const m = (await import('pdfjs-dist/legacy/image_decoders/pdf.image_decoders.mjs' as string)) as { JpegImage: JpegCtor; setVerbosityLevel?: (n: number) => void };
    m.setVerbosityLevel?.(0); // no warnings on standard output
    Jpeg = m.JpegImage;
  }
  return Jpeg;
}

const MAX_PIXELS = 60e6;

/** The samples, or a reason they cannot be had (JPX, CCITT, too large, damaged). */
export async function imageSamples(f: PdfFile, im: DrawnImage): Promise<Samples | string> {
  if (im.imageMask) return 'a stencil mask';
  if (im.pixelsX * im.pixelsY > MAX_PIXELS) return `${im.pixelsX} × ${im.pixelsY} pixels: too large to measure`;
  const sp: Space = im.space.family === 'ICCBased' ? { family: im.space.n === 4 ? 'DeviceCMYK' : im.space.n === 1 ? 'DeviceGray' : 'DeviceRGB', n: im.space.n } : im.space;
  let data: Uint8Array;
  try {
    data = decodeStream(im.stream, f);
  } catch (e) {
    return `undecodable (${(e as Error).message})`;
  }
  const last = im.filters[im.filters.length - 1];
  let n = sp.family === 'Indexed' ? 1 : sp.n;
  if (last === 'DCTDecode' || last === 'DCT') {
    try {
      const J = await jpegDecoder();
      const j = new J();
      j.parse(data);
      data = j.getData({ width: j.width, height: j.height, isSourcePDF: true });
      n = j.numComponents;
    } catch (e) {
      return `JPEG undecodable (${(e as Error).message ?? e})`;
    }
  } else if (last && last !== 'FlateDecode' && last !== 'Fl' && last !== 'LZWDecode' && last !== 'RunLengthDecode' && last !== 'ASCIIHexDecode' && last !== 'ASCII85Decode') {
    return `/${last} images are not measured`;
  } else data = to8bit(data, im.bpc, n, im.pixelsX, im.pixelsY);
  data = applyDecode(f, im, data, n);
  if (sp.family === 'Indexed') return lookup(f, im, sp, data);
  return { n, data, family: sp.family };
}

/** Samples of 1, 2, 4 or 16 bits as 8-bit values (rows padded to whole bytes). */
function to8bit(d: Uint8Array, bpc: number, n: number, w: number, h: number): Uint8Array {
  if (bpc === 8) return d.subarray(0, w * h * n);
  const out = new Uint8Array(w * h * n);
  const rowBytes = Math.ceil((w * n * bpc) / 8);
  for (let y = 0; y < h; y++) {
    for (let i = 0; i < w * n; i++) {
      const o = y * w * n + i;
      if (bpc === 16) out[o] = d[y * rowBytes + 2 * i] ?? 0;
      else {
        const bit = i * bpc;
        const byte = d[y * rowBytes + (bit >> 3)] ?? 0;
        const v = (byte >> (8 - bpc - (bit & 7))) & ((1 << bpc) - 1);
        out[o] = Math.round((v * 255) / ((1 << bpc) - 1));
      }
    }
  }
  return out;
}

/** /Decode [1 0 …] inverts a component (Adobe's CMYK JPEGs come so). */
function applyDecode(f: PdfFile, im: DrawnImage, d: Uint8Array, n: number): Uint8Array {
  const dec = f.arr(im.stream.dict.get('Decode') ?? im.stream.dict.get('D'))?.map((x) => f.num(x) ?? 0);
  if (!dec || im.space.family === 'Indexed') return d;
  const inv = Array.from({ length: n }, (_, k) => dec[2 * k] === 1 && dec[2 * k + 1] === 0);
  if (!inv.some(Boolean)) return d;
  const out = Uint8Array.from(d);
  for (let i = 0; i < out.length; i++) if (inv[i % n]) out[i] = 255 - out[i];
  return out;
}

function lookup(f: PdfFile, im: DrawnImage, sp: Space, idx: Uint8Array): Samples | string {
  const cs = f.arr(f.resolve(im.stream.dict.get('ColorSpace') ?? im.stream.dict.get('CS')));
  const table = f.resolve(cs?.[3]);
  const base = sp.base ?? { family: 'DeviceRGB', n: 3 };
  let bytes: Uint8Array | undefined;
  if (table && typeof table === 'object' && 'bytes' in table) bytes = table.bytes;
  else if (table && typeof table === 'object' && 'raw' in table) bytes = decodeStream(table, f);
  if (!bytes) return 'an Indexed image without its lookup table';
  const n = base.n;
  const out = new Uint8Array(idx.length * n);
  for (let i = 0; i < idx.length; i++) for (let k = 0; k < n; k++) out[i * n + k] = bytes[idx[i] * n + k] ?? 0;
  return { n, data: out, family: base.family === 'ICCBased' ? (n === 4 ? 'DeviceCMYK' : n === 1 ? 'DeviceGray' : 'DeviceRGB') : base.family };
}

/** Total ink (C+M+Y+K, %) of CMYK samples: the largest and the 99.9th percentile. */
export function totalInk(s: Samples): { max: number; p999: number } | undefined {
  if (s.family === 'DeviceGray') {
    // Gray samples are lightness: ink is 255 − value, on the black plate alone.
    let min = 255;
    for (const v of s.data) if (v < min) min = v;
    const k = ((255 - min) * 100) / 255;
    return { max: k, p999: k };
  }
  if (s.family !== 'DeviceCMYK' || s.n !== 4) return undefined;
  const hist = new Uint32Array(1021);
  for (let i = 0; i + 3 < s.data.length; i += 4) hist[s.data[i] + s.data[i + 1] + s.data[i + 2] + s.data[i + 3]]++;
  const total = s.data.length / 4;
  let max = 0;
  for (let v = 1020; v >= 0; v--) if (hist[v]) {
    max = v;
    break;
  }
  let seen = 0;
  let p = 0;
  for (let v = 1020; v >= 0; v--) {
    seen += hist[v];
    if (seen > total * 0.001) {
      p = v;
      break;
    }
  }
  return { max: (max * 100) / 255, p999: (p * 100) / 255 };
}
