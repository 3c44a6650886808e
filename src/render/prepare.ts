// Before the PDF is written: every photo and the logo converted for the press (async, libvips),
// so that the writer only places finished objects. Files that cannot be used become input
// errors at the line of the issue file that names them; thin photos become warnings.
import type { Issue, Output, Where } from '../issue/model.js';
import { InputError, Problem } from '../issue/errors.js';
import { displayPath } from '../issue/layout.js';
import type { DisplayList, ImageItem, LogoItem } from '../layout/displaylist.js';
import { prepareRaster, PhotoError, MAX_PIXELS, rasterKey, separationTable } from './photo.js';
import type { Raster } from './photo.js';
import { prepareLogo } from './logo.js';
import type { LogoArt } from './logo.js';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { CacheFile, cacheDir, openCache, packageVersions } from '../cache/store.js';

export interface Press {
  output: Output;
  rasters: Map<ImageItem, Raster>;
  logos: Map<LogoItem, LogoArt>;
  mono: Set<number>; // pages printed black only
  warnings: string[];
}

export function monoPages(dl: DisplayList, out: Output): Set<number> {
  const m = out.mono;
  return new Set(dl.pages.map((p) => p.number).filter((n) => m === true || (Array.isArray(m) && m.includes(n))));
}

/** Where each file is named in the issue (photos by file, the logo). */
function wheres(issue: Issue | undefined): Map<string, { where: Where; field: string }> {
  const w = new Map<string, { where: Where; field: string }>();
  if (!issue) return w;
  if (issue.paper.logo) w.set(issue.paper.logo, { where: issue.paper.logoWhere ?? { file: issue.file, line: 0, col: 0 }, field: 'paper.logo' });
  for (const p of issue.pages)
    for (const it of p.items) if (it.kind === 'article' && it.photo && !w.has(it.photo.file)) w.set(it.photo.file, { where: it.photo.where, field: `${it.id}.photo` });
  return w;
}

const ACCEPTED_PHOTO = `a readable JPEG, PNG or TIFF of at most ${MAX_PIXELS / 1e6} megapixels`;
const ACCEPTED_LOGO = 'an SVG of filled and stroked paths (no transparency, text as outlines), or a PNG or JPEG';

/** Right after the issue is read: with no photo cache (caches off), every photo of it will be
 * converted, so libvips is loaded and the separation tables made now, in libvips' thread while
 * the pages are composed. Anything that fails here fails again, and is reported, in preparePress. */
export function startPress(issue: Issue): void {
  const out = issue.layout.output;
  const photos = issue.pages.some((p) => p.items.some((it) => it.kind === 'article' && it.photo));
  if (cacheDir() !== null || !(photos || (issue.paper.logo && !/\.svg$/i.test(issue.paper.logo)))) return;
  const quiet = () => undefined;
  if (out.mono !== true) separationTable(out.profile ?? 'cmyk', 4).catch(quiet);
  if (out.grayProfile && (out.mono === true || (Array.isArray(out.mono) && out.mono.length))) separationTable(out.grayProfile, 1).catch(quiet);
}

export async function preparePress(dl: DisplayList, out: Output, issue?: Issue): Promise<Press> {
  const press: Press = { output: out, rasters: new Map(), logos: new Map(), mono: monoPages(dl, out), warnings: [] };
  const where = wheres(issue);
  const problems: Problem[] = [];
  const fail = (file: string, e: unknown, accepted: string) => {
    if (!(e instanceof PhotoError)) throw e;
    const w = where.get(file) ?? { where: { file: issue?.file ?? file, line: 0, col: 0 }, field: '(file)' };
    problems.push({ file: w.where.file, line: w.where.line, col: w.where.col, field: w.field, message: `${displayPath(file)}: ${e.message}`, accepted });
  };
  const cache = issue ? photoCache(issue.file) : null;
  // In order, the next photo started while one is finished: its decoding (libvips, one
  // operation at a time: src/render/photo.ts) overlaps this one's separation and compression.
  const jobs: (() => Promise<() => void>)[] = [];
  for (const page of dl.pages) {
    const gray = press.mono.has(page.number);
    for (const it of page.items) {
      if (it.type === 'image') jobs.push(settled(() => cachedRaster(cache, it, gray, out), (r) => void press.rasters.set(it, r), (e) => fail(it.file, e, ACCEPTED_PHOTO)));
      else if (it.type === 'logo') jobs.push(settled(() => prepareLogo(it.file, it.width, it.height, gray, out), (a) => void press.logos.set(it, a), (e) => fail(it.file, e, ACCEPTED_LOGO)));
    }
  }
  const started: Promise<() => void>[] = [];
  const start = (i: number) => (started[i] ??= jobs[i]());
  for (let i = 0; i < jobs.length; i++) {
    const done = start(i);
    if (i + 1 < jobs.length) start(i + 1);
    (await done)(); // results recorded in order; fail() throws anything but a PhotoError
  }
  if (problems.length) throw new InputError(problems);
  const warned = new Set<string>();
  for (const [it, r] of press.rasters) {
    if (r.sourcePpi >= out.minResolution || warned.has(it.file)) continue;
    warned.add(it.file);
    const w = where.get(it.file);
    const pos = w ? `${w.where.file}:${w.where.line}:${w.where.col}: ${w.field}: ` : '';
    press.warnings.push(`${pos}${displayPath(it.file)}: ${Math.round(r.sourcePpi)} ppi at placed size, below ${out.minResolution} ppi; a larger original or a smaller photo (fewer columns)`);
  }
  return press;
}

/** A job that, once started, settles to the recording of its result or of its failure. */
function settled<T>(run: () => Promise<T>, ok: (v: T) => void, bad: (e: unknown) => void): () => Promise<() => void> {
  return () => run().then((v) => () => ok(v), (e) => () => bad(e));
}

// Converted photos are kept on disk per issue file (as its paragraphs are): a re-render after
// an edit of the text neither loads libvips nor converts again. The samples are stored as
// written, so a photo from the cache gives the same bytes as one converted now.
function photoCache(issueFile: string): CacheFile | null {
  const name = createHash('sha1').update(resolve(issueFile)).digest('hex').slice(0, 20);
  const f = openCache(`photos-${name}`, `photos-1|${packageVersions(['sharp'])}`, { holds: 'run', maxBytes: 128 << 20, newest: 16 });
  f?.newRun();
  return f;
}

async function cachedRaster(cache: CacheFile | null, it: ImageItem, gray: boolean, out: Output): Promise<Raster> {
  const key = rasterKey(it.file, it.width, it.height, gray, out);
  const meta = cache?.get(key + '#') as Omit<Raster, 'data'> | undefined;
  const data = cache?.get(key);
  if (meta && Buffer.isBuffer(data)) {
    cache!.keep(key);
    cache!.keep(key + '#');
    return { ...meta, data };
  }
  const r = await prepareRaster(it.file, it.width, it.height, gray, out);
  const { data: d, ...m } = r;
  cache?.put(key, d);
  cache?.put(key + '#', m);
  return r;
}
