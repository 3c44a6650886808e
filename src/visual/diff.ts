// Pixel comparison of rendered pages against approved reference PNGs.
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { decodePng, encodePng, PAGE_PNG, type RgbaPage } from './raster.js';
import { writeFileAtomic } from './files.js';

/**
 * pixelmatch's per-pixel colour threshold, 0…1: the largest colour distance
 * (OKLab HyAB in pixelmatch 8; 1 = black against white) at which two pixels
 * still count as equal. 0.1 is pixelmatch's own default: it ignores faint
 * colour noise but catches any glyph or rule that moves by a whole pixel.
 */
export const DEFAULT_THRESHOLD = 0.1;

export interface DiffOptions {
  /** See DEFAULT_THRESHOLD. */
  threshold?: number;
  /**
   * Count pixels pixelmatch judges to be anti-aliasing as differences too.
   * Off by default (pixelmatch's default); then a shift of less than a pixel
   * that only changes edge shading may go unnoticed (shown yellow in the diff image).
   */
  includeAA?: boolean;
}

export interface PageDiff {
  differing: number;
  total: number;
  /** differing / total, 0…1. */
  share: number;
  /** Changes in red over a faded (alpha 0.1) copy of the approved page. */
  diff: RgbaPage;
}

const RED: [number, number, number] = [255, 0, 0];

export function blankPage(width: number, height: number, rgb: [number, number, number] = [255, 255, 255]): RgbaPage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = rgb[0];
    data[i + 1] = rgb[1];
    data[i + 2] = rgb[2];
    data[i + 3] = 255;
  }
  return { width, height, data };
}

export function diffPages(ref: RgbaPage, cur: RgbaPage, opts: DiffOptions = {}): PageDiff {
  if (ref.width !== cur.width || ref.height !== cur.height) {
    // Different page sizes: no pixel-by-pixel match makes sense; all different.
    const width = Math.max(ref.width, cur.width);
    const height = Math.max(ref.height, cur.height);
    const total = width * height;
    return { differing: total, total, share: 1, diff: blankPage(width, height, RED) };
  }
  const { width, height } = ref;
  const total = width * height;
  const match = () => {
    const diff = blankPage(width, height);
    const differing = pixelmatch(ref.data, cur.data, diff.data, width, height, {
      threshold: opts.threshold ?? DEFAULT_THRESHOLD,
      includeAA: opts.includeAA ?? false,
      alpha: 0.1,
      diffColor: RED,
    });
    return { differing, diff };
  };
  // The same pixels (the usual answer in CI): nothing to match; the diff image, which only
  // a differing page writes, is made if it is asked for.
  if (Buffer.from(ref.data.buffer, ref.data.byteOffset, ref.data.byteLength).equals(Buffer.from(cur.data.buffer, cur.data.byteOffset, cur.data.byteLength))) {
    let diff: RgbaPage | undefined;
    return {
      differing: 0,
      total,
      share: 0,
      get diff() {
        return (diff ??= match().diff);
      },
    };
  }
  const { differing, diff } = match();
  return { differing, total, share: total === 0 ? 0 : differing / total, diff };
}

const SEPARATOR = 2;
const GREY = [160, 160, 160] as const;

/** One image: approved | new | diff, top-aligned, with thin grey bars between. */
export function sideBySide(ref: RgbaPage, cur: RgbaPage, diff: RgbaPage): RgbaPage {
  const parts = [ref, cur, diff];
  const width = parts.reduce((w, p) => w + p.width, 0) + SEPARATOR * (parts.length - 1);
  const height = Math.max(...parts.map((p) => p.height));
  const out = blankPage(width, height);
  let left = 0;
  for (const [i, part] of parts.entries()) {
    for (let y = 0; y < part.height; y++) {
      const from = y * part.width * 4;
      out.data.set(part.data.subarray(from, from + part.width * 4), (y * width + left) * 4);
    }
    left += part.width;
    if (i < parts.length - 1) {
      for (let y = 0; y < height; y++) {
        for (let x = left; x < left + SEPARATOR; x++) {
          const o = (y * width + x) * 4;
          out.data[o] = GREY[0];
          out.data[o + 1] = GREY[1];
          out.data[o + 2] = GREY[2];
        }
      }
      left += SEPARATOR;
    }
  }
  return out;
}

export type PageStatus = 'same' | 'different' | 'missing-ref' | 'missing-new';

export interface PageComparison {
  /** 1-based page number. */
  number: number;
  /** Share of pixels that differ, 0…1; 1 for a page on one side only. */
  share: number;
  differing: number;
  status: PageStatus;
}

export interface Comparison {
  pages: PageComparison[];
  pageCountDiffers: boolean;
  /** True when every page is 'same' and the page counts agree. */
  same: boolean;
}

/** Page numbers of `dir/page-N.png` files. */
async function refPageNumbers(dir: string): Promise<Set<number>> {
  const numbers = new Set<number>();
  for (const name of await readdir(dir)) {
    const m = PAGE_PNG.exec(name);
    if (m) numbers.add(Number(m[1]));
  }
  return numbers;
}

/**
 * Compares rendered `pages` with `refDir/page-N.png`. When `outDir` is given,
 * writes `page-N.diff.png` and `page-N.compare.png` (approved | new | diff) for
 * every page that differs, atomically, and removes such files left there by an
 * earlier run for pages that no longer differ.
 * Throws when refDir is not a directory (the CLI reports that as bad input).
 */
export async function compareWithRef(
  pages: RgbaPage[],
  refDir: string,
  outDir?: string,
  opts: DiffOptions = {},
): Promise<Comparison> {
  const info = await stat(refDir).catch(() => null);
  if (!info?.isDirectory()) throw new Error(`${refDir}: reference directory not found; expected a directory of page-N.png files`);
  const refNumbers = await refPageNumbers(refDir);
  const refCount = Math.max(0, ...refNumbers);
  const count = Math.max(pages.length, refCount);
  if (outDir !== undefined) await mkdir(outDir, { recursive: true });

  const written = new Set<string>();
  const result: PageComparison[] = [];
  for (let number = 1; number <= count; number++) {
    const cur = pages[number - 1];
    if (!refNumbers.has(number)) {
      // A page with no approved image yet (or a gap in the ref numbering).
      result.push({ number, share: 1, differing: cur ? cur.width * cur.height : 0, status: 'missing-ref' });
      continue;
    }
    const refFile = join(refDir, `page-${number}.png`);
    let ref: RgbaPage;
    try {
      ref = decodePng(await readFile(refFile));
    } catch (err) {
      throw new Error(`${refFile}: not a readable PNG (${(err as Error).message}); expected a page image written by broadsheet`);
    }
    if (!cur) {
      result.push({ number, share: 1, differing: ref.width * ref.height, status: 'missing-new' });
      continue;
    }
    const d = diffPages(ref, cur, opts);
    const status: PageStatus = d.differing === 0 ? 'same' : 'different';
    result.push({ number, share: d.share, differing: d.differing, status });
    if (status === 'different' && outDir !== undefined) {
      const diffName = `page-${number}.diff.png`;
      const compareName = `page-${number}.compare.png`;
      await writeFileAtomic(join(outDir, diffName), encodePng(d.diff));
      await writeFileAtomic(join(outDir, compareName), encodePng(sideBySide(ref, cur, d.diff)));
      written.add(diffName).add(compareName);
    }
  }

  if (outDir !== undefined) {
    // Stale diff images from an earlier run would suggest differences that are gone.
    for (const name of await readdir(outDir)) {
      if (/^page-[1-9][0-9]*\.(diff|compare)\.png$/.test(name) && !written.has(name)) {
        await rm(join(outDir, name), { force: true });
      }
    }
  }

  const pageCountDiffers = pages.length !== refCount;
  return {
    pages: result,
    pageCountDiffers,
    same: !pageCountDiffers && result.every((p) => p.status === 'same'),
  };
}
