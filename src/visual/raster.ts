// PDF → RGBA pixels with pdf.js (legacy build, the one meant for Node) drawing
// onto @napi-rs/canvas, plus PNG encode/decode with pngjs.
//
// Only ever compare renders made by this module: another rasteriser (mupdf,
// poppler) differs by a few per cent of pixels (see shared/design/toolchain.md).
import { createCanvas } from '@napi-rs/canvas';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PNG } from 'pngjs';
import { writeFileAtomic } from './files.js';

export interface RgbaPage {
  width: number;
  height: number;
  /** width × height × 4 bytes, RGBA, rows top to bottom. */
  data: Uint8ClampedArray;
}

// In Node pdf.js runs its "worker" on the main thread (a fake worker) and loads
// it with a dynamic import of workerSrc; point that at the legacy worker that
// matches the legacy main build, by absolute URL so the importer's location
// does not matter.
pdfjs.GlobalWorkerOptions.workerSrc = import.meta.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');

// Local data files shipped inside pdfjs-dist. In Node pdf.js reads these with
// fs.readFile, never over the network. Fonts embedded in the PDF (all the
// compositor writes) need none of them; they only matter for a PDF that names
// one of the 14 standard fonts without embedding it, or uses a predefined CMap
// or a JPEG 2000 / JBIG2 image, and then they keep the render offline and the
// same on every machine instead of depending on system fonts.
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const STANDARD_FONTS = join(pdfjsRoot, 'standard_fonts') + '/';
const CMAPS = join(pdfjsRoot, 'cmaps') + '/';
const WASM = join(pdfjsRoot, 'wasm') + '/';

/** The getDocument options shared by rendering and text extraction. */
export function pdfjsOptions(pdf: Uint8Array) {
  return {
    // pdf.js transfers the buffer to its worker, which detaches it: hand it a copy
    // so the caller's bytes stay usable (e.g. to render the same PDF twice).
    // A plain Uint8Array copy, not .slice(): Buffer.slice shares memory, and
    // pdf.js refuses Buffers (what fs.readFile returns).
    data: new Uint8Array(pdf),
    // Draw glyphs as paths from the embedded font programs; no @font-face, no
    // system font look-up (those would make pixels depend on the machine).
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: STANDARD_FONTS,
    cMapUrl: CMAPS,
    cMapPacked: true,
    wasmUrl: WASM,
    // No `new Function` for font programs: slower but safe on untrusted PDFs.
    isEvalSupported: false,
    // 0 = errors only: pdf.js otherwise warns on stdout/stderr about harmless things.
    verbosity: 0,
  };
}

/**
 * Renders every page of `pdf` at `dpi` (72 dpi = one pixel per point) on white.
 * Page size in pixels is the page's size in points × dpi / 72, rounded.
 */
/** Opens `pdf` with pdf.js and maps `f` over its pages in order, then frees the document. */
export async function mapPages<T>(pdf: Uint8Array, f: (page: pdfjs.PDFPageProxy) => Promise<T>): Promise<T[]> {
  const task = pdfjs.getDocument(pdfjsOptions(pdf));
  try {
    const doc = await task.promise;
    const out: T[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      out.push(await f(page));
      page.cleanup();
    }
    return out;
  } finally {
    await task.destroy();
  }
}

export async function rasterizePdf(pdf: Uint8Array, dpi = 72): Promise<RgbaPage[]> {
  if (!(dpi > 0 && dpi <= 1200)) throw new RangeError(`dpi: ${dpi}; accepted: a number above 0 and at most 1200`);
  return mapPages(pdf, async (page) => {
    const viewport = page.getViewport({ scale: dpi / 72 });
    const width = Math.max(1, Math.round(viewport.width));
    const height = Math.max(1, Math.round(viewport.height));
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    // Opaque white first: a PDF page has no background of its own, and RGBA
    // with alpha 0 would compare and display badly.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    await page.render({
      // pdf.js's types expect DOM canvas types; @napi-rs/canvas implements the
      // parts pdf.js uses (this pairing is checked in toolchain.md).
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: ctx as unknown as CanvasRenderingContext2D,
      viewport,
      background: '#ffffff',
      // Print intent: what goes to the press, not screen-only annotations.
      intent: 'print',
    }).promise;
    const image = ctx.getImageData(0, 0, width, height);
    // Own copy, detached from the canvas's memory.
    return { width, height, data: new Uint8ClampedArray(image.data) };
  });
}

/**
 * PNG bytes for a page, 8 bits a channel, fixed settings so equal pixels give
 * equal bytes. Opaque pages (all renders) are stored as RGB: alpha is all 255
 * and decodePng gives it back. Filter "none": on a page of anti-aliased text it
 * measured both faster (~90 ms against ~230 ms for a broadsheet page at 72 dpi)
 * and smaller (2.0 MB against 2.6 MB) than pngjs's adaptive filtering.
 */
export function encodePng(page: RgbaPage): Buffer {
  const colorType = isOpaque(page) ? 2 : 6;
  const png = new PNG({ width: page.width, height: page.height });
  png.data = Buffer.from(page.data.buffer, page.data.byteOffset, page.data.byteLength);
  return PNG.sync.write(png, { colorType, inputHasAlpha: true, filterType: 0, deflateLevel: 6 });
}

function isOpaque(page: RgbaPage): boolean {
  for (let i = 3; i < page.data.length; i += 4) if (page.data[i] !== 255) return false;
  return true;
}

/** Decodes any PNG pngjs reads (grey, RGB, palette, with or without alpha) to RGBA. */
export function decodePng(buf: Uint8Array): RgbaPage {
  const png = PNG.sync.read(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));
  return {
    width: png.width,
    height: png.height,
    data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength),
  };
}

export const PAGE_PNG = /^page-([1-9][0-9]*)\.png$/;

/**
 * Writes `dir/page-1.png` … (creating `dir`), each atomically. Removes any
 * `page-N.png` with N beyond the page count, left from a longer earlier issue,
 * so the directory is a complete reference set for `broadsheet diff --ref`.
 * Returns the paths written.
 */
export async function writePngs(pages: RgbaPage[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const [i, page] of pages.entries()) {
    const path = join(dir, `page-${i + 1}.png`);
    await writeFileAtomic(path, encodePng(page));
    paths.push(path);
  }
  for (const name of await readdir(dir)) {
    const m = PAGE_PNG.exec(name);
    if (m && Number(m[1]) > pages.length) await rm(join(dir, name), { force: true });
  }
  return paths;
}
