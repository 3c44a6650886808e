// The command line (shared/spec/cli.md). Parses options and calls the stages; nothing else.
import { commander } from './cjs.js';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { InputError, formatProblem } from './issue/errors.js';
import { Built, build, buildPdf } from './pipeline.js';
import type { Where } from './issue/model.js';
import { writeFileAtomic } from './visual/files.js';
import { fitReport, fitJson, typographyReport } from './report.js';
import { repoRoot } from './issue/layout.js';

const { Command, CommanderError } = commander;

const EXIT_OK = 0;
const EXIT_LAYOUT = 1;
const EXIT_INPUT = 2;

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function err(line: string): void {
  process.stderr.write(line + '\n');
}

function version(): string {
  try {
    return JSON.parse(readFileSync(resolve(repoRoot(), 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}

function parseDpi(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 1200) {
    err(`--dpi: ${JSON.stringify(v)} is not a resolution; a number of dots per inch, 1–1200`);
    throw new Exit(EXIT_INPUT);
  }
  return n;
}

/**
 * Layout problems in the error-line format: the article's place in the issue file, then
 * what is wrong in layout staff's terms (超 N 行) and what would fix it.
 */
function layoutProblems(b: Built, quiet: boolean): boolean {
  let bad = false;
  const where = new Map<string, Where>();
  for (const p of b.issue.pages) for (const it of p.items) where.set(`${it.kind}:${it.id}`, it.where);
  for (const p of b.comp.dl.problems) {
    const serious = p.kind === 'over' || p.kind === 'overfull' || p.kind === 'headline';
    if (serious) bad = true;
    if (!serious && quiet) continue;
    const w = (p.article && (where.get(`article:${p.article}`) ?? where.get(`continued:${p.article}`))) || b.issue.pages.find((x) => x.number === p.page)?.where;
    const pos = w ? `${w.file}:${w.line}:${w.col}` : b.issue.file;
    const field = p.article ?? `pages[${(p.page ?? 1) - 1}]`;
    const fix = p.kind === 'over' ? 'more lines or columns, shorter copy, or a jump' : p.kind === 'underfull' ? 'more copy or other hints' : p.kind === 'headline' ? 'a shorter title line or more columns' : 'fewer or smaller blocks on the page';
    err(`${pos}: ${field}: ${serious ? '' : 'warning: '}${p.message}; ${fix}`);
  }
  return bad;
}

/** Progress on standard error, only when it is a terminal and not --quiet (cli.md). */
function progress(quiet: boolean | undefined, what: string): void {
  if (!quiet && process.stderr.isTTY) process.stderr.write(`\r\x1b[K${what}`);
}

/** Print a build's warnings and layout problems, and write its PDF whole or not at all.
 * Returns whether a layout problem was serious (exit 1). */
async function writeBuilt(b: Built & { pdf: Buffer }, output: string, quiet: boolean): Promise<boolean> {
  for (const w of b.comp.warnings) if (!quiet) err(`warning: ${w}`);
  const bad = layoutProblems(b, quiet);
  await mkdir(dirname(resolve(output)), { recursive: true });
  await writeFileAtomic(output, b.pdf);
  return bad;
}

async function render(file: string, o: { output: string; png?: string; dpi: string; quiet?: boolean; marks?: boolean }): Promise<number> {
  const dpi = parseDpi(o.dpi);
  progress(o.quiet, `composing ${file} …`);
  const b = await buildPdf(file, { marks: o.marks });
  progress(o.quiet, '');
  const bad = await writeBuilt(b, o.output, !!o.quiet);
  if (o.png) {
    const { rasterizePdf, writePngs } = await import('./visual/raster.js');
    progress(o.quiet, `rasterising ${b.comp.dl.pages.length} pages at ${dpi} dpi …`);
    const pages = await rasterizePdf(new Uint8Array(b.pdf), dpi);
    await writePngs(pages, o.png);
    progress(o.quiet, '');
  }
  if (!o.quiet) err(`${o.output}: ${b.comp.dl.pages.length} pages, ${b.pdf.length} bytes`);
  if (process.env.BROADSHEET_TIMINGS) {
    const { stageTimes } = await import('./timing.js');
    // startup: Node's start and the modules' import, before main() ran; total: to here.
    const stages = { startup: startedAt, ...stageTimes };
    const cpu = process.cpuUsage();
    const { fastPathsTaken } = await import('./adapters/fastpaths.js');
    err(`timings ${JSON.stringify({ stages, totalMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024, paragraphs: b.paragraphs, fastPaths: fastPathsTaken() })}`);
  }
  return bad ? EXIT_LAYOUT : EXIT_OK;
}

/**
 * watch: render, then render again whenever the issue file (or its layout or a photo) is
 * saved, in this process — faces, compiled code and every paragraph setting stay in memory,
 * so a re-render after an edit takes about a tenth of a second. Errors are printed and the
 * watch goes on; the PDF is replaced only by a complete new one. Ctrl-C ends it (exit 0).
 */
async function watch(file: string, o: { output: string; quiet?: boolean }): Promise<number> {
  const { watch: watchDir } = await import('node:fs');
  const abs = resolve(file);
  let watched = new Map<string, ReturnType<typeof watchDir>>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const stamp = () => new Date().toTimeString().slice(0, 8);
  const once = async (): Promise<void> => {
    running = true;
    const t0 = performance.now();
    let deps = [abs];
    try {
      const b = await buildPdf(abs);
      const out = b.issue.layout.output;
      const art = [b.issue.paper.logo, out.profile, out.grayProfile].filter((f): f is string => !!f);
      deps = [abs, b.issue.layout.file, ...art, ...b.issue.pages.flatMap((p) => p.items.flatMap((i) => (i.kind === 'article' && i.photo ? [i.photo.file] : [])))];
      const bad = await writeBuilt(b, o.output, !!o.quiet);
      err(`${stamp()} ${o.output}: ${b.comp.dl.pages.length} pages, ${(performance.now() - t0).toFixed(0)} ms${bad ? ' — layout problems above' : ''}`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      for (const l of e.lines()) err(l);
      err(`${stamp()} not rendered: ${o.output} kept as it was`);
    }
    // Watch the folders (editors save by writing a new file and renaming it over the old).
    const files = new Set(deps.map((d) => resolve(d)));
    const dirs = new Set([...files].map((f) => dirname(f)));
    for (const [d, w] of watched) if (!dirs.has(d)) w.close();
    const next = new Map<string, ReturnType<typeof watchDir>>();
    for (const d of dirs) {
      const w = watched.get(d) ?? watchDir(d, (_ev, name) => {
        if (name && files.has(join(d, name.toString()))) schedule();
      });
      next.set(d, w);
    }
    watched = next;
    running = false;
    if (again) {
      again = false;
      schedule();
    }
  };
  const schedule = () => {
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => void once().catch((e) => err(`broadsheet: internal error: ${(e as Error)?.message ?? e}`)), 80);
  };
  await once();
  if (!o.quiet) err(`watching ${file} (Ctrl-C to stop)`);
  await new Promise<void>((done) => process.once('SIGINT', () => done()));
  for (const w of watched.values()) w.close();
  clearTimeout(timer);
  return EXIT_OK;
}

/** The bytes of a PDF named on the command line, or exit 2 with one line. */
async function readPdfFile(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    err(`${file}: (file): cannot read: ${(e as NodeJS.ErrnoException).code ?? e}; a readable PDF file`);
    throw new Exit(EXIT_INPUT);
  }
}

/** check --pdf: the written PDF read back against the issue composed now. */
async function checkPdfAgainst(b: Built, pdfFile: string, quiet: boolean): Promise<number> {
  const { checkPdf } = await import('./readback/check.js');
  const { NotPdf } = await import('./readback/read.js');
  const bytes = await readPdfFile(pdfFile);
  let r;
  try {
    r = checkPdf(b.comp.dl, b.issue.layout.columnWidth, bytes);
  } catch (e) {
    if (!(e instanceof NotPdf)) throw e;
    err(`${pdfFile}: (pdf): not a readable PDF (${e.message}); a PDF written by broadsheet render`);
    return EXIT_INPUT;
  }
  const out = quiet ? r.lines.slice(0, -1) : r.lines;
  if (out.length) process.stdout.write(out.map((l) => `${pdfFile}: ${l}`).join('\n') + '\n');
  return r.problems ? EXIT_LAYOUT : EXIT_OK;
}

async function check(file: string, o: { json?: boolean; typography?: boolean; quiet?: boolean; pdf?: string }): Promise<number> {
  const b = build(file);
  if (o.pdf) return checkPdfAgainst(b, o.pdf, !!o.quiet);
  if (o.json) process.stdout.write(JSON.stringify(fitJson(b), null, 2) + '\n');
  else if (!o.quiet) process.stdout.write(fitReport(b) + (o.typography ? typographyReport(b) : ''));
  const bad = b.comp.dl.problems.some((p) => p.kind === 'over' || p.kind === 'overfull' || p.kind === 'headline');
  if (o.quiet) layoutProblems(b, true);
  return bad ? EXIT_LAYOUT : EXIT_OK;
}

/** preflight: PDFs read back and checked as a printer's preflight would; several files are
 * also checked together, as pages of one RIP job (subset tags). */
async function preflightCmd(files: string[], o: { ink?: string; minPpi: string; quiet?: boolean }): Promise<number> {
  const { readPdf } = await import('./readback/read.js');
  const { preflight, formatFindings, sharedTags, DEFAULTS } = await import('./preflight/preflight.js');
  const ink = o.ink === undefined ? undefined : Number(o.ink);
  const minPpi = Number(o.minPpi);
  if (ink !== undefined && !(ink > 0 && ink <= 400)) return err(`--ink: ${JSON.stringify(o.ink)} is not an ink limit; a total in %, 1–400 (default: the PDF's /BroadsheetInkLimit, else 240)`), EXIT_INPUT;
  if (!(minPpi > 0 && minPpi <= 2400)) return err(`--min-ppi: ${JSON.stringify(o.minPpi)} is not a resolution; pixels per inch, 1–2400 (default 200)`), EXIT_INPUT;
  const docs: { name: string; doc: ReturnType<typeof readPdf> }[] = [];
  for (const file of files) {
    const bytes = await readPdfFile(file);
    try {
      docs.push({ name: file, doc: readPdf(bytes) });
    } catch (e) {
      err(`${file}: (pdf): not a readable PDF (${(e as Error).message}); a PDF file`);
      return EXIT_INPUT;
    }
  }
  let bad = false;
  const print = (prefix: string, found: Awaited<ReturnType<typeof preflight>>) => {
    bad ||= found.some((f) => f.level === 'problem');
    const lines = formatFindings(o.quiet ? found.filter((f) => f.level === 'problem' || f.level === 'warning') : found);
    if (lines.length) process.stdout.write(lines.map((l) => `${prefix}: ${l}`).join('\n') + '\n');
  };
  for (const { name, doc } of docs) {
    // The limit the writer used travels in the file (Info /BroadsheetInkLimit); --ink overrides it.
    const carried = Number(doc.info.BroadsheetInkLimit);
    const inkLimit = ink ?? (carried > 0 && carried <= 400 ? carried : DEFAULTS.inkLimit);
    print(name, await preflight(doc, { ...DEFAULTS, inkLimit, minPpi }));
  }
  if (docs.length > 1) print('together', sharedTags(docs));
  return bad ? EXIT_LAYOUT : EXIT_OK;
}

async function fonts(file: string, o: { quiet?: boolean }): Promise<number> {
  const { loadIssue } = await import('./issue/load.js');
  const { compose } = await import('./layout/compose.js');
  const { missingProblems } = await import('./pipeline.js');
  const issue = loadIssue(file);
  const comp = compose(issue);
  if (!o.quiet) {
    const { openFaces } = await import('./layout/compose.js');
    const { punctuationInk } = await import('./text/ink.js');
    const { byRole } = openFaces(issue);
    const checked = new Set<string>();
    for (const [role, ref] of Object.entries(issue.layout.faces) as [string, { key: string; file: string }][]) {
      process.stdout.write(`${role.padEnd(13)} ${ref.key.padEnd(14)} ${ref.file}\n`);
      // I8: GB punctuation ink where the engine expects it (once per face).
      if (checked.has(ref.key)) continue;
      checked.add(ref.key);
      for (const v of punctuationInk(byRole[role as keyof typeof byRole])) process.stdout.write(`  warning: ${ref.key}: ${v.message}\n`);
    }
  }
  const miss = missingProblems(issue, comp);
  for (const p of miss) err(formatProblem(p));
  return miss.length ? EXIT_LAYOUT : EXIT_OK;
}

/** The pages (and, for an issue file, the DisplayList summary) of a diff input. */
async function diffInput(input: string, dpi: number): Promise<{ pages: import('./visual/raster.js').RgbaPage[]; summary?: import('./visual/explain.js').Summary }> {
  const { rasterizePdf } = await import('./visual/raster.js');
  const { summarize } = await import('./visual/explain.js');
  if (/\.pdf$/i.test(input)) {
    const pdf = await readPdfFile(input);
    try {
      return { pages: await rasterizePdf(pdf, dpi) };
    } catch (e) {
      err(`${input}: (pdf): not a readable PDF (${(e as Error).message}); a PDF file or an issue .yaml`);
      throw new Exit(EXIT_INPUT);
    }
  }
  const b = await buildPdf(input);
  return { pages: await rasterizePdf(new Uint8Array(b.pdf), dpi), summary: summarize(b.comp.dl) };
}

async function diff(input: string, o: { ref: string; out?: string; dpi: string; threshold: string; explain?: boolean; quiet?: boolean }): Promise<number> {
  const dpi = parseDpi(o.dpi);
  const threshold = Number(o.threshold);
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    err(`--threshold: ${JSON.stringify(o.threshold)} is not a threshold; a number from 0 to 1 (default 0.1)`);
    return EXIT_INPUT;
  }
  const { compareWithRef } = await import('./visual/diff.js');
  const { writePngs } = await import('./visual/raster.js');
  const { explain } = await import('./visual/explain.js');
  const cur = await diffInput(input, dpi);
  // The reference: a folder of approved pages (with summary.json for --explain), or another
  // issue file / PDF rendered now.
  let refDir = o.ref;
  let refSummary: import('./visual/explain.js').Summary | undefined;
  const refIsFile = /\.(ya?ml|pdf)$/i.test(o.ref);
  if (refIsFile) {
    const ref = await diffInput(o.ref, dpi);
    refSummary = ref.summary;
    refDir = await mkdtemp(join(tmpdir(), 'broadsheet-ref-'));
    await writePngs(ref.pages, refDir);
  } else {
    try {
      refSummary = JSON.parse(await readFile(join(o.ref, 'summary.json'), 'utf8'));
    } catch {
      refSummary = undefined;
    }
  }
  let res;
  try {
    res = await compareWithRef(cur.pages, refDir, o.out, { threshold });
  } catch (e) {
    err(`${o.ref}: --ref: ${(e as Error).message}; a folder holding page-1.png, page-2.png … or an issue .yaml / PDF`);
    return EXIT_INPUT;
  } finally {
    if (refIsFile) await rm(refDir, { recursive: true, force: true });
  }
  for (const p of res.pages) {
    const what = p.status === 'same' ? 'same' : p.status === 'different' ? 'differs' : p.status === 'missing-ref' ? 'no approved page' : 'page missing in the new output';
    process.stdout.write(`page ${p.number}: ${(p.share * 100).toFixed(3)} % of pixels differ (${p.differing}) ${what}\n`);
  }
  if (res.pageCountDiffers) err(`page count differs: approved ${res.pages.filter((p) => p.status !== 'missing-ref').length} pages, new ${cur.pages.length}`);
  if ((o.explain || refIsFile) && !res.same) {
    if (refSummary && cur.summary) for (const l of explain(refSummary, cur.summary)) process.stdout.write(`moved: ${l}\n`);
    else if (o.explain) err(`--explain: needs issue files on both sides, or ${join(o.ref, 'summary.json')} (written by npm run approve)`);
  }
  return res.same ? EXIT_OK : EXIT_LAYOUT;
}

/** Milliseconds from the process's start to main(): Node's start and the imports. */
let startedAt = 0;

export async function main(argv: string[]): Promise<void> {
  startedAt = performance.now();
  let code = EXIT_OK;
  const program = new Command();
  program
    .name('broadsheet')
    .description('Print-layout compositor for Chinese broadsheet newspapers')
    .version(version(), '--version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const run = (f: (...a: any[]) => Promise<number>) => async (...a: any[]) => {
    code = await f(...a);
  };
  program
    .command('render')
    .description('compose the issue and write the print PDF')
    .argument('<issue>', 'issue file (.yaml)')
    .requiredOption('-o, --output <pdf>', 'the PDF to write')
    .option('--png <dir>', 'also write page-1.png … into DIR')
    .option('--dpi <n>', 'PNG resolution', '72')
    .option('--marks', 'crop and registration marks and a slug outside the bleed (default: the layout\'s output.marks)')
    .option('--quiet', 'print nothing but errors')
    .action(run(render));
  program
    .command('watch')
    .description('render, then render again each time the issue file is saved (Ctrl-C stops)')
    .argument('<issue>', 'issue file (.yaml)')
    .requiredOption('-o, --output <pdf>', 'the PDF to write')
    .option('--quiet', 'print nothing but errors and one line a render')
    .action(run(watch));
  program
    .command('check')
    .description('validate and compose without writing; print each article\'s space and fit (余/超 N 行)')
    .argument('<issue>', 'issue file (.yaml)')
    .option('--json', 'machine-readable report')
    .option('--typography', 'per article: kinsoku violations, lone last characters, widows/orphans, spacing')
    .option('--pdf <file>', 'read this written PDF back: body lines on the measure at 100 %, glyphs, rules and images where composed')
    .option('--quiet', 'print nothing but errors')
    .action(run(check));
  program
    .command('diff')
    .description('render pages to PNG and compare them with approved pages DIR/page-N.png')
    .argument('<input>', 'issue file (.yaml) or a PDF')
    .requiredOption('--ref <dir>', 'folder of approved pages (or another issue file / PDF)')
    .option('--out <dir>', 'write page-N.diff.png and page-N.compare.png here')
    .option('--dpi <n>', 'resolution', '72')
    .option('--threshold <t>', 'per-pixel colour threshold, 0–1 (anti-aliasing noise)', '0.1')
    .option('--explain', 'name the articles whose placement or line breaks changed')
    .option('--quiet', 'print nothing but errors')
    .action(run(diff));
  program
    .command('preflight')
    .description("check any PDF as a printer's preflight does: PDF/X-1a keys, output intent, boxes, fonts, colour spaces, image ink and ppi, overprint, transparency")
    .argument('<pdf...>', 'the PDFs to check (several: also checked together as one RIP job)')
    .option('--ink <percent>', "total ink limit for images (default: the PDF's /BroadsheetInkLimit, else 240)")
    .option('--min-ppi <n>', 'lowest image resolution at placed size', '200')
    .option('--quiet', 'print only the problems and warnings')
    .action(run(preflightCmd));
  program
    .command('fonts')
    .description('list the faces by role and every character of the issue a face lacks')
    .argument('<issue>', 'issue file (.yaml)')
    .option('--quiet', 'print nothing but errors')
    .action(run(fonts));
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      code = e.exitCode === 0 ? EXIT_OK : EXIT_INPUT;
    } else if (e instanceof InputError) {
      for (const l of e.lines()) err(l);
      code = EXIT_INPUT;
    } else if (e instanceof Exit) {
      code = e.code;
    } else {
      err(`broadsheet: internal error: ${(e as Error)?.message ?? e}`);
      code = 70;
    }
  }
  process.exitCode = code;
}
