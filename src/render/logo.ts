// The masthead artwork (paper.logo). SVG is drawn as vector paths by svg-to-pdfkit, its colours
// mapped through the output condition: neutral greys become black ink only (K), other colours
// are converted by LittleCMS like the photos (CMYK within the ink limit, or gray on a mono
// page). What PDF/X-1a cannot carry — transparency, text in unembedded fonts, embedded
// bitmaps — is refused with one line. PNG and JPEG logos go the photos' way (src/render/photo.ts).
import { readFileSync } from 'node:fs';
import type { Output } from '../issue/model.js';
import { PDFDocument } from '../engines.js';
import { drawSvg } from '../adapters/pdfkit-press.js';
import { limitInk, oneAtATime, prepareRaster, PhotoError, sharpNow } from './photo.js';
import type { Raster } from './photo.js';

type Rgb = [number, number, number];
type SvgColour = [number[], number] | undefined;

export interface SvgArt {
  kind: 'svg';
  svg: string;
  /** Each colour the SVG names (as r,g,b) → the device colour it is drawn in (0–100). */
  colours: Map<string, number[]>;
  blackOnly: boolean; // every colour is black ink only: the logo overprints like the type
}
export type LogoArt = SvgArt | { kind: 'raster'; raster: Raster; aspect: number };

/** Read and convert a logo for a box of w × h pt. Throws PhotoError with the reason. */
export async function prepareLogo(file: string, w: number, h: number, gray: boolean, out: Output): Promise<LogoArt> {
  if (!/\.svg$/i.test(file)) {
    const sharp = sharpNow();
    let m;
    try {
      m = await oneAtATime(() => sharp(file).metadata());
    } catch (e) {
      throw new PhotoError(`not a readable image (${String((e as Error).message).split('\n')[0]})`);
    }
    const aspect = (m.width ?? 1) / (m.height ?? 1);
    const fit = fitBox(aspect, w, h);
    return { kind: 'raster', raster: await prepareRaster(file, fit.width, fit.height, gray, out), aspect };
  }
  let svg: string;
  try {
    svg = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PhotoError(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  if (!/<svg[\s>]/.test(svg)) throw new PhotoError('not an SVG file (no <svg> element)');
  if (/<text[\s>]/.test(svg)) throw new PhotoError('the SVG sets text in fonts the PDF would not embed; convert the text to outlines');
  if (/<image[\s>]/.test(svg)) throw new PhotoError('the SVG embeds a bitmap; give the bitmap itself as a PNG or JPEG logo');
  // A dry run into a scratch document finds the colours, and what PDF/X-1a forbids.
  const seen = new Map<string, Rgb>();
  const used = new Set<string>();
  const problems = dryRun(svg, w, h, seen, used);
  if (problems.length) throw new PhotoError(problems[0]);
  const colours = await deviceColours([...seen.values()], gray, out);
  // Overprint only when every colour drawn is black ink alone; white must knock out.
  const inkOnly = (c: number[]) => (c.length === 1 ? c[0] < 1 : c[0] === 0 && c[1] === 0 && c[2] === 0 && c[3] > 0);
  return { kind: 'svg', svg, colours, blackOnly: [...used].every((k) => inkOnly(colours.get(k) ?? [1])) };
}

/** Draw the SVG once into a throwaway document, recording colours and transparency. */
function dryRun(svg: string, w: number, h: number, seen: Map<string, Rgb>, used: Set<string>): string[] {
  const PDF = PDFDocument();
  const doc = new PDF({ autoFirstPage: true, size: [w + 10, h + 10], compress: false }) as unknown;
  const problems: string[] = [];
  const transparency = 'the SVG uses transparency (opacity, a mask or a clip-path), which PDF/X-1a cannot carry; a flat SVG of fills and strokes';
  const watch = {
    object: (d?: Record<string, unknown>) => void (d && (d.Group || d.SMask) && problems.push(transparency)),
    opacity: (o: unknown) => void (typeof o === 'number' && o < 1 && problems.push(transparency)),
    colour: (c: unknown) => void (Array.isArray(c) && used.add(c.join(','))),
  };
  try {
    drawSvg(doc, svg, 0, 0, {
      width: w,
      height: h,
      assumePt: true,
      preserveAspectRatio: 'xMinYMid meet',
      colorCallback: (c: SvgColour) => {
        if (c && c[0].length === 3) seen.set(c[0].join(','), c[0] as Rgb);
        return c;
      },
      warningCallback: (m: string) => problems.push(`the SVG cannot be drawn: ${m}`),
    }, watch);
  } catch (e) {
    problems.push(`the SVG cannot be drawn (${String((e as Error)?.message ?? e).split('\n')[0]})`);
  }
  return problems;
}

/** Device colours for RGB colours: greys as black ink alone, the rest through the profile. */
async function deviceColours(rgbs: Rgb[], gray: boolean, out: Output): Promise<Map<string, number[]>> {
  const map = new Map<string, number[]>();
  const chromatic = rgbs.filter(([r, g, b]) => !(r === g && g === b));
  // pdfkit takes CMYK as 0–100 and gray as 0–1 (1 white).
  for (const [r, g, b] of rgbs) if (r === g && g === b) map.set(`${r},${g},${b}`, gray ? [r / 255] : [0, 0, 0, Math.round(1000 - (r * 1000) / 255) / 10]);
  if (!chromatic.length) return map;
  const sharp = sharpNow();
  const px = Buffer.from(chromatic.flat());
  const img = sharp(px, { raw: { width: chromatic.length, height: 1, channels: 3 } });
  const conv = gray
    ? (out.grayProfile ? img.withIccProfile(out.grayProfile) : img).toColourspace('b-w')
    : img.withIccProfile(out.profile ?? 'cmyk').toColourspace('cmyk');
  const { data, info } = await oneAtATime(() => conv.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }));
  if (!gray) limitInk(data, out.inkLimit);
  chromatic.forEach((c, i) => {
    const d = [...data.subarray(i * info.channels, (i + 1) * info.channels)];
    map.set(c.join(','), gray ? [d[0] / 255] : d.map((v) => Math.round((v * 1000) / 255) / 10));
  });
  return map;
}

/** The largest box of this aspect inside w × h. */
export function fitBox(aspect: number, w: number, h: number): { width: number; height: number } {
  return aspect >= w / h ? { width: w, height: w / aspect } : { width: h * aspect, height: h };
}
