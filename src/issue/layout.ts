// The layout file (layouts/*.yaml): trim, grid, faces, switches. Only the grid is typed by
// people; the type area, column positions and lines per column are derived here
// (typesetting.md §1–2), so they can never disagree with the grid.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Node } from 'yaml';
import { InputError, quote, sortProblems, suggest } from './errors.js';
import type { FaceRef, FillStep, Layout, Makeup, Output, Role } from './model.js';
import { EM_ACCEPTED, LENGTH_ACCEPTED, parseLength } from './units.js';
import { Fields, readYamlFile } from './yamlread.js';
import type { Reader } from './yamlread.js';

let rootCache: string | undefined;

/** The repository (package) root: the nearest folder above this module holding layouts/ and package.json. */
export function repoRoot(): string {
  if (rootCache !== undefined) return rootCache;
  // Source runs from src/issue/, compiled code from dist/src/issue/: walk up rather than count.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'layouts'))) return (rootCache = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('broadsheet: cannot find the package root (a folder with layouts/ and package.json)');
    dir = up;
  }
}

/** Names of the layouts shipped in layouts/. */
export function layoutNames(): string[] {
  try {
    return readdirSync(join(repoRoot(), 'layouts'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

/** A bare name (`broadsheet`) names layouts/broadsheet.yaml; anything with a slash or a .yaml/.yml ending is a path. */
export function isLayoutName(nameOrPath: string): boolean {
  return !/[\\/]/.test(nameOrPath) && !/\.ya?ml$/i.test(nameOrPath);
}

/** The absolute file a layout reference points at (which may not exist). */
export function layoutPath(nameOrPath: string, baseDir: string): string {
  return isLayoutName(nameOrPath) ? join(repoRoot(), 'layouts', `${nameOrPath}.yaml`) : resolve(baseDir, nameOrPath);
}

export const LAYOUT_ACCEPTED = 'a name in layouts/ (such as broadsheet) or a path to a layout .yaml file, relative to the issue file';

const TOP_KEYS = ['name', 'trim', 'bleed', 'margins', 'grid', 'faces', 'text', 'masthead', 'folio', 'rules', 'headline', 'caption', 'makeup', 'output'] as const;
const GRID_KEYS = ['columns', 'column_chars', 'gutter_chars', 'body_size', 'line_gap', 'type_height', 'lines'] as const;
const TEXT_KEYS = [
  'kinsoku',
  'punct',
  'hang',
  'cjk_latin_gap',
  'compress_stops',
  'indent',
  'normalize_ascii',
  'breaker',
  'jump_numerals',
  'jump_head',
  'even_spacing',
  'letter_space',
  'cjk_latin_gap_min',
  'cjk_latin_gap_max',
  'subhead_space',
  'feature_byline',
] as const;

export const ROLES: readonly Role[] = [
  'body',
  'bold',
  'subhead',
  'title',
  'kicker',
  'subtitle',
  'byline',
  'bylineName',
  'caption',
  'note',
  'folio',
  'folioSection',
  'folioPaper',
  'masthead',
  'mastheadEn',
  'mastheadInfo',
];

// A role the layout leaves out takes the face of a kindred role; body itself defaults to 书宋.
const FALLBACK: Record<Role, Role | null> = {
  body: null,
  bold: 'body',
  subhead: 'bold',
  title: 'bold',
  kicker: 'body',
  subtitle: 'kicker',
  byline: 'bold',
  bylineName: 'kicker',
  caption: 'body',
  note: 'body',
  folio: 'bold',
  folioSection: 'folio',
  folioPaper: 'title',
  masthead: 'title',
  mastheadEn: 'masthead',
  mastheadInfo: 'body',
};
const DEFAULT_BODY_FACE = 'serif-regular';

/** Role keys as written in the layout: the model's names, and snake_case for the compound ones. */
const ROLE_KEYS: Record<string, Role> = {};
for (const r of ROLES) {
  ROLE_KEYS[r] = r;
  ROLE_KEYS[r.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())] = r;
}

const SIZE_ACCEPTED = `a type size: ${LENGTH_ACCEPTED}`;

/**
 * Load and check a layout. `nameOrPath` is a name in layouts/ or a path relative to `baseDir`;
 * `displayName` is how error lines name the file (default: the path relative to the working folder).
 * Throws InputError listing every problem found.
 */
export function loadLayout(nameOrPath: string, baseDir: string, displayName?: string): Layout {
  const file = layoutPath(nameOrPath, baseDir);
  const display = displayName ?? displayPath(file);
  if (isLayoutName(nameOrPath) && !existsSync(file)) {
    const s = suggest(nameOrPath, layoutNames());
    throw new InputError([
      {
        file: display,
        line: 0,
        col: 0,
        field: '(file)',
        message: `no layout named ${quote(nameOrPath)}${s ? ` (did you mean ${s}?)` : ''}`,
        accepted: `one of ${layoutNames().join(', ') || '(none found)'}, or a path to a layout file`,
      },
    ]);
  }
  const r = readYamlFile(file, display, 'trim, grid, faces, …');
  const layout = readLayout(r, file);
  if (r.problems.length > 0 || layout === null) throw new InputError(sortProblems(r.problems));
  return layout;
}

/** How to name a file in messages: relative to the working folder when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Optional length (pt) at key; reports bad values. */
function length(
  f: Fields,
  key: string,
  opts: { em?: number; bare?: 'pt' | 'em'; min?: number; max?: number; required?: boolean; accepted?: string } = {},
): number | undefined {
  const accepted = opts.accepted ?? LENGTH_ACCEPTED;
  if (opts.required && !f.require(key, accepted)) return undefined;
  const node = f.get(key);
  const r = f.reader;
  if (r.isNull(node)) return undefined;
  const raw = scalarValue(node);
  if (raw === undefined) {
    r.fail(node, f.path(key), `expected a length, found ${r.kind(node)}`, accepted);
    return undefined;
  }
  const res = parseLength(raw, { em: opts.em, bare: opts.bare });
  if (!res.ok) {
    r.fail(node, f.path(key), res.why, accepted);
    return undefined;
  }
  const min = opts.min ?? 0;
  const max = opts.max ?? Infinity;
  if (res.pt < min || res.pt > max) {
    const range = max === Infinity ? `at least ${round(min)}pt` : `from ${round(min)}pt to ${round(max)}pt`;
    r.fail(node, f.path(key), `${round(res.pt)}pt is out of range`, `${range}: ${accepted}`);
    return undefined;
  }
  return res.pt;
}

function scalarValue(node: Node | null): string | number | undefined {
  const v = (node as { value?: unknown } | null)?.value;
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A type size in pt: positive, at most 1000 pt. */
function size(f: Fields, key: string, fallback: number, em?: number, max = 1000): number {
  return length(f, key, { em, min: 0.5, max, accepted: SIZE_ACCEPTED }) ?? fallback;
}

function sub(r: Reader, top: Fields, key: string, keys: readonly string[], what: string): Fields | null {
  if (!top.has(key) || r.isNull(top.get(key))) return null;
  return r.mapping(top.get(key), top.path(key), keys, what);
}

// A section left out reads as all defaults: an empty mapping (positions fall back to the parent).
function orEmpty(f: Fields | null, parent: Fields, field: string): Fields {
  return f ?? new Fields(parent.reader, parent.node, field, new Map());
}

function readLayout(r: Reader, file: string): Layout | null {
  const top = r.mapping(r.resolve(r.doc.contents), '', TOP_KEYS, 'layout keys');
  if (top === null) return null;
  const name = top.text('name', 'a short name such as broadsheet') ?? extlessBase(file);

  // Trim and bleed.
  let trim = { width: 0, height: 0 };
  if (top.require('trim', 'trim: { width: 390mm, height: 546mm }')) {
    const t = r.mapping(top.get('trim'), 'trim', ['width', 'height'], 'trim: { width: 390mm, height: 546mm }');
    if (t) {
      trim = {
        width: length(t, 'width', { required: true, min: 36, max: 14400 }) ?? 0,
        height: length(t, 'height', { required: true, min: 36, max: 14400 }) ?? 0,
      };
    }
  }
  const bleed = length(top, 'bleed', { max: 72 }) ?? mm(3);

  // The grid: everything else hangs on it.
  const gridAccepted = 'grid: { columns, column_chars, gutter_chars, body_size, line_gap, type_height or lines }';
  let grid: Layout['grid'] | null = null;
  if (top.require('grid', gridAccepted)) {
    const g = r.mapping(top.get('grid'), 'grid', GRID_KEYS, gridAccepted);
    if (g) grid = readGrid(r, g);
  }
  const em = grid?.bodySize ?? 9;

  // Type area: derived from the grid, centred on the trim unless margins are given.
  let typeArea = { x: 0, y: 0, width: 0, height: 0 };
  let columnWidth = 0;
  let columnStep = 0;
  const margins = sub(r, top, 'margins', ['top', 'left'], 'margins: { top: 28mm, left: 19mm }');
  if (grid) {
    const width = (grid.columns * grid.columnChars + (grid.columns - 1) * grid.gutterChars) * grid.bodySize;
    const height = (grid.lines - 1) * grid.pitch + grid.bodySize;
    const left = margins ? length(margins, 'left', { max: 14400 }) : undefined;
    const topM = margins ? length(margins, 'top', { max: 14400 }) : undefined;
    typeArea = {
      x: left ?? (trim.width - width) / 2,
      y: topM ?? (trim.height - height) / 2,
      width,
      height,
    };
    columnWidth = grid.columnChars * grid.bodySize;
    columnStep = (grid.columnChars + grid.gutterChars) * grid.bodySize;
    if (trim.width > 0 && typeArea.x + width > trim.width + 1e-6) {
      r.fail(top.get('grid'), 'grid', `the type area (${round(width)}pt wide${left !== undefined ? ` from ${round(left)}pt` : ''}) does not fit the trim width ${round(trim.width)}pt`, 'fewer columns, fewer characters a column, a smaller body size or a smaller left margin');
    }
    if (trim.height > 0 && typeArea.y + height > trim.height + 1e-6) {
      r.fail(top.get('grid'), 'grid', `the type area (${round(height)}pt high${topM !== undefined ? ` from ${round(topM)}pt` : ''}) does not fit the trim height ${round(trim.height)}pt`, 'fewer lines, a smaller type_height or a smaller top margin');
    }
  }

  const fallbackRef: { face?: FaceRef } = {};
  const faces = readFaces(r, top, file, fallbackRef);

  const tx = orEmpty(sub(r, top, 'text', TEXT_KEYS, 'typesetting switches'), top, 'text');
  const emLen = (key: string, fallback: number, max: number) =>
    (length(tx, key, { em, bare: 'em', max: max * em, accepted: EM_ACCEPTED }) ?? fallback * em) / em;
  const text: Layout['text'] = {
    kinsoku: r.choice(tx.get('kinsoku'), tx.path('kinsoku'), ['basic', 'gb', 'strict'] as const) ?? 'gb',
    punct: r.choice(tx.get('punct'), tx.path('punct'), ['quanjiao'] as const) ?? 'quanjiao',
    hang: r.bool(tx.get('hang'), tx.path('hang')) ?? false,
    cjkLatinGap: emLen('cjk_latin_gap', 0.25, 1),
    compressStops: r.bool(tx.get('compress_stops'), tx.path('compress_stops')) ?? true,
    indent: emLen('indent', 2, 10),
    normalizeAscii: r.bool(tx.get('normalize_ascii'), tx.path('normalize_ascii')) ?? true,
    breaker: r.choice(tx.get('breaker'), tx.path('breaker'), ['reference', 'optimal'] as const) ?? 'optimal',
    jumpNumerals: r.choice(tx.get('jump_numerals'), tx.path('jump_numerals'), ['arabic', 'chinese'] as const) ?? 'arabic',
    jumpHead: r.bool(tx.get('jump_head'), tx.path('jump_head')) ?? true,
    subheadSpace: tx.int('subhead_space', { min: 0, max: 2 }) ?? 1,
    featureByline: r.choice(tx.get('feature_byline'), tx.path('feature_byline'), ['space', 'own_line'] as const) ?? 'space',
  };
  // The spacing budget (issue 14), on unless `even_spacing: false` (typesetting.md §5.2 order).
  if (r.bool(tx.get('even_spacing'), tx.path('even_spacing')) ?? true) {
    const gap = text.cjkLatinGap;
    text.spacing = {
      letter: emLen('letter_space', 0.125, 0.5),
      gapMin: Math.min(gap, emLen('cjk_latin_gap_min', 0.125, 1)),
      gapMax: Math.max(gap, emLen('cjk_latin_gap_max', 0.375, 1)),
    };
  }

  const maxPitches = grid?.lines ?? 1000;
  const ms = orEmpty(sub(r, top, 'masthead', ['pitches', 'name_size', 'en_size', 'info_size'], 'masthead settings'), top, 'masthead');
  const masthead = {
    pitches: ms.int('pitches', { min: 1, max: maxPitches }) ?? 16,
    nameSize: size(ms, 'name_size', 96, em),
    enSize: size(ms, 'en_size', 10, em),
    infoSize: size(ms, 'info_size', 7.5, em),
  };

  const fo = orEmpty(sub(r, top, 'folio', ['pitches', 'rule_width', 'number_size', 'section_size', 'paper_size', 'meta_size'], 'folio line settings'), top, 'folio');
  const folio = {
    pitches: fo.int('pitches', { min: 1, max: maxPitches }) ?? 3,
    ruleWidth: length(fo, 'rule_width', { em, max: 36 }) ?? 0.75,
    numberSize: size(fo, 'number_size', 18, em),
    sectionSize: size(fo, 'section_size', 16, em),
    paperSize: size(fo, 'paper_size', 12, em),
    metaSize: size(fo, 'meta_size', 9, em),
  };

  const ru = orEmpty(sub(r, top, 'rules', ['between', 'side'], 'rule widths'), top, 'rules');
  const rules = {
    between: length(ru, 'between', { em, max: 36 }) ?? 0.5,
    side: length(ru, 'side', { em, max: 36 }) ?? 0.3,
  };

  const headline = readHeadline(r, top, grid?.columns ?? 1000, em);

  const ca = orEmpty(sub(r, top, 'caption', ['size'], 'caption: { size: 小五 }'), top, 'caption');
  const caption = { size: size(ca, 'size', 9, em) };

  const makeup = readMakeup(r, top);
  const output = readOutput(r, top, file);

  if (grid === null || faces === null) return null;
  return {
    name,
    file,
    trim,
    bleed,
    grid,
    typeArea,
    columnWidth,
    columnStep,
    faces,
    ...(fallbackRef.face ? { fallback: fallbackRef.face } : {}),
    text,
    masthead,
    folio,
    rules,
    headline,
    caption,
    makeup,
    output,
  };
}

export const FILL_STEPS: readonly FillStep[] = ['move_up', 'headline_air', 'photo_wider'];
/** Today's make-up: blocks moved up first, then headline air up to 4 lines, then photos wider. */
export const MAKEUP_DEFAULTS: Makeup = { fill: [...FILL_STEPS], headlineAirMax: 4 };

/** `makeup: { fill: [move_up, headline_air, photo_wider], headline_air_max: 4 }`. */
function readMakeup(r: Reader, top: Fields): Makeup {
  const m = sub(r, top, 'makeup', ['fill', 'headline_air_max'], 'makeup: { fill: [move_up, headline_air, photo_wider], headline_air_max: 4 }');
  if (!m) return { ...MAKEUP_DEFAULTS, fill: [...MAKEUP_DEFAULTS.fill] };
  const headlineAirMax = m.int('headline_air_max', { min: 0, max: 20, accepted: 'whole lines from 0 to 20' }) ?? MAKEUP_DEFAULTS.headlineAirMax;
  const node = m.get('fill');
  if (r.isNull(node)) return { fill: [...MAKEUP_DEFAULTS.fill], headlineAirMax };
  const accepted = `a list of ${FILL_STEPS.join(', ')}, each at most once, in the order they are tried (such as [${FILL_STEPS.join(', ')}]; [] for none)`;
  const fill: FillStep[] = [];
  (r.list(node, m.path('fill'), accepted) ?? []).forEach((item, i) => {
    const field = `${m.path('fill')}[${i}]`;
    const step = r.choice(item, field, FILL_STEPS);
    if (step === undefined) return;
    if (fill.includes(step)) r.fail(item, field, `${step} is listed twice`, accepted);
    else fill.push(step);
  });
  return { fill, headlineAirMax };
}

const OUTPUT_KEYS = ['pdfx', 'condition', 'condition_name', 'registry', 'condition_info', 'profile', 'gray_profile', 'ink_limit', 'resolution', 'min_resolution', 'mono', 'marks'] as const;

/** The press defaults: PDF/X-1a:2001 for ISO 12647-3 newsprint (IFRA26), 240 % ink, 300 ppi. */
export const OUTPUT_DEFAULTS: Output = {
  pdfx: 'x1a',
  condition: 'IFRA26',
  conditionName: 'ISO 12647-3:2004 coldset offset, newsprint 45 g/m2 (IFRA26)',
  registry: 'http://www.color.org',
  conditionInfo: 'ISO 12647-3 newsprint characterization data (IFRA26, ISOnewspaper26v4)',
  inkLimit: 240,
  resolution: 300,
  minResolution: 200,
  mono: false,
  marks: false,
};

function readOutput(r: Reader, top: Fields, layoutFile: string): Output {
  const o = orEmpty(sub(r, top, 'output', OUTPUT_KEYS, 'press output settings'), top, 'output');
  const d = OUTPUT_DEFAULTS;
  const txt = (key: string, fallback: string) => o.text(key, 'one line of text')?.trim() || fallback;
  const out: Output = {
    pdfx: r.choice(o.get('pdfx'), o.path('pdfx'), ['x1a', 'none'] as const) ?? d.pdfx,
    condition: txt('condition', d.condition),
    conditionName: txt('condition_name', d.conditionName),
    registry: txt('registry', d.registry),
    conditionInfo: txt('condition_info', d.conditionInfo),
    inkLimit: percent(r, o, 'ink_limit') ?? d.inkLimit,
    resolution: r.num(o.get('resolution'), o.path('resolution'), 72, 2400, 'pixels per inch at placed size, 72–2400 (such as 300)') ?? d.resolution,
    minResolution: r.num(o.get('min_resolution'), o.path('min_resolution'), 1, 2400, 'pixels per inch at placed size (such as 200)') ?? d.minResolution,
    mono: readMono(r, o),
    marks: r.bool(o.get('marks'), o.path('marks')) ?? d.marks,
  };
  const profile = iccFile(r, o, 'profile', layoutFile);
  if (profile) out.profile = profile;
  const gray = iccFile(r, o, 'gray_profile', layoutFile);
  if (gray) out.grayProfile = gray;
  return out;
}

/** `240%` or `240`: total ink in percent, 100–400. */
function percent(r: Reader, o: Fields, key: string): number | undefined {
  const node = o.get(key);
  if (r.isNull(node)) return undefined;
  const raw = String(scalarValue(node) ?? '').trim();
  const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(raw);
  const v = m ? Number(m[1]) : NaN;
  if (!(v >= 100 && v <= 400)) {
    r.fail(node, o.path(key), `${quote(raw)} is not a total ink limit`, 'a percentage from 100% to 400%, such as 240%');
    return undefined;
  }
  return v;
}

function readMono(r: Reader, o: Fields): boolean | number[] {
  const node = o.get('mono');
  if (r.isNull(node)) return false;
  const accepted = 'true (every page black only), false, or a list of page numbers such as [2, 3]';
  if ((node as { items?: unknown }).items !== undefined) {
    const items = r.list(node, o.path('mono'), accepted) ?? [];
    const pages = items.map((n, i) => r.int(n, `${o.path('mono')}[${i}]`, { min: 1, max: 1000, accepted }));
    return pages.filter((p): p is number => p !== undefined);
  }
  return r.bool(node, o.path('mono')) ?? false;
}

function iccFile(r: Reader, o: Fields, key: string, layoutFile: string): string | undefined {
  const v = o.text(key, 'an ICC profile (.icc/.icm), relative to the layout file')?.trim();
  if (!v) return undefined;
  const file = resolve(dirname(layoutFile), v);
  if (!/\.ic[cm]$/i.test(v) || !isFile(file)) {
    r.fail(o.get(key), o.path(key), `${quote(v)} is not an ICC profile file (looked at ${file})`, 'an ICC profile (.icc/.icm), relative to the layout file');
    return undefined;
  }
  return file;
}

function readGrid(r: Reader, g: Fields): Layout['grid'] | null {
  const columns = g.int('columns', { required: true, min: 1, max: 40 });
  const columnChars = g.int('column_chars', { required: true, min: 1, max: 200 });
  const gutterChars = g.int('gutter_chars', { min: 0, max: 20 }) ?? 1;
  const bodySize = length(g, 'body_size', { required: true, min: 4, max: 72, accepted: SIZE_ACCEPTED });
  const lineGap = bodySize === undefined ? undefined : (length(g, 'line_gap', { em: bodySize, max: 3 * bodySize }) ?? bodySize / 2);
  const hasHeight = g.has('type_height') && !r.isNull(g.get('type_height'));
  const hasLines = g.has('lines') && !r.isNull(g.get('lines'));
  const accepted = 'type_height (such as 490mm; lines are derived from it) or lines (a whole number), not both';
  let typeHeight: number | null = null;
  let lines: number | undefined;
  if (hasHeight && hasLines) {
    r.fail(g.get('lines'), g.path('lines'), 'both type_height and lines are given', accepted);
  } else if (!hasHeight && !hasLines) {
    r.fail(g.node, g.path('type_height'), 'missing', accepted);
  } else if (hasLines) {
    lines = g.int('lines', { min: 1, max: 2000 });
  } else if (bodySize !== undefined && lineGap !== undefined) {
    const h = length(g, 'type_height', { min: bodySize, max: 14400 });
    if (h !== undefined) {
      typeHeight = h;
      // n = floor((H − size)/pitch) + 1; the epsilon keeps an exact fit from losing a line to rounding.
      lines = Math.floor((h - bodySize) / (bodySize + lineGap) + 1e-9) + 1;
    }
  }
  if (columns === undefined || columnChars === undefined || bodySize === undefined || lineGap === undefined || lines === undefined) return null;
  return {
    columns,
    columnChars,
    gutterChars,
    bodySize,
    lineGap,
    pitch: bodySize + lineGap,
    lines,
    typeHeight,
  };
}

function readHeadline(r: Reader, top: Fields, columns: number, em: number): Layout['headline'] {
  const h = orEmpty(sub(r, top, 'headline', ['sizes', 'min_title', 'title_leading', 'jump_head_size', 'vertical_stagger'], 'headline settings'), top, 'headline');
  const sizesAccepted = 'a list of { min_columns, title, deck }, one entry with min_columns: 1';
  let sizes: Layout['headline']['sizes'] = [
    { minColumns: 8, title: 54, deck: 18 },
    { minColumns: 4, title: 36, deck: 16 },
    { minColumns: 2, title: 26, deck: 14 },
    { minColumns: 1, title: 16, deck: 10.5 },
  ];
  if (h.has('sizes') && !r.isNull(h.get('sizes'))) {
    const items = r.list(h.get('sizes'), h.path('sizes'), sizesAccepted);
    if (items) {
      const read: Layout['headline']['sizes'] = [];
      items.forEach((node, i) => {
        const field = `${h.path('sizes')}[${i}]`;
        const e = r.mapping(node, field, ['min_columns', 'title', 'deck'], '{ min_columns: 4, title: 小初, deck: 三号 }');
        if (!e) return;
        const minColumns = e.int('min_columns', { required: true, min: 1, max: columns });
        const title = length(e, 'title', { required: true, em, min: 0.5, max: 1000, accepted: SIZE_ACCEPTED });
        const deck = length(e, 'deck', { required: true, em, min: 0.5, max: 1000, accepted: SIZE_ACCEPTED });
        if (minColumns !== undefined && title !== undefined && deck !== undefined) read.push({ minColumns, title, deck });
      });
      // First entry whose minColumns <= span wins: keep them widest first.
      read.sort((a, b) => b.minColumns - a.minColumns);
      if (read.length > 0 && read[read.length - 1].minColumns !== 1) {
        r.fail(h.get('sizes'), h.path('sizes'), 'no entry covers 1-column blocks', sizesAccepted);
      }
      if (read.length > 0) sizes = read;
    }
  }
  return {
    sizes,
    minTitle: size(h, 'min_title', 14, em),
    titleLeading: r.num(h.get('title_leading'), h.path('title_leading'), 1, 3, 'a factor of the title size from 1 to 3, such as 1.2') ?? 1.2,
    jumpHeadSize: size(h, 'jump_head_size', 18, em, 18),
    verticalStagger: r.bool(h.get('vertical_stagger'), h.path('vertical_stagger')) ?? false,
  };
}

// ---- Faces ----------------------------------------------------------------------------------

interface ManifestFace {
  package: string;
  file: string;
}

let manifestCache: Map<string, ManifestFace> | undefined;

/** fonts/manifest.yaml: face key → package and file. Throws InputError (naming the manifest) if broken. */
export function fontManifest(): Map<string, ManifestFace> {
  if (manifestCache) return manifestCache;
  const file = join(repoRoot(), 'fonts', 'manifest.yaml');
  const r = readYamlFile(file, displayPath(file), 'faces: { key: { package, file } }');
  const faces = new Map<string, ManifestFace>();
  const top = r.root();
  const entries = top.require('faces', 'faces: { key: { package, file, … } }') ? r.mapping(top.get('faces'), 'faces', null, 'face keys') : null;
  if (entries) {
    for (const [key, e] of entries.entries) {
      const f = r.mapping(e.value, `faces.${key}`, ['package', 'file', 'family', 'style', 'license'], '{ package, file, family, style, license }');
      if (!f) continue;
      const pkg = f.text('package', 'an npm package name', true);
      const ff = f.text('file', 'a font file inside the package', true);
      if (pkg && ff) faces.set(key, { package: pkg, file: ff });
    }
  }
  if (r.problems.length > 0) throw new InputError(r.problems);
  return (manifestCache = faces);
}

const FONT_EXT = ['.ttf', '.otf'];

function readFaces(r: Reader, top: Fields, layoutFile: string, fallbackOut: { face?: FaceRef }): Record<Role, FaceRef> | null {
  let fallbackPending: { node: Node | null; field: string; value: string | undefined } | null = null;
  const given = new Map<Role, { value: string; node: Node | null; field: string }>();
  if (top.has('faces') && !r.isNull(top.get('faces'))) {
    const f = r.mapping(top.get('faces'), 'faces', [...Object.keys(ROLE_KEYS), 'fallback'], 'roles (body, bold, title, …, fallback) → keys of fonts/manifest.yaml or paths to .ttf/.otf files');
    if (f) {
      for (const [key, e] of f.entries) {
        if (key === 'fallback') {
          fallbackPending = { node: e.value, field: f.path(key), value: r.text(e.value, f.path(key), 'a key of fonts/manifest.yaml or a path to a .ttf/.otf file') };
          continue;
        }
        const role = ROLE_KEYS[key];
        if (role === undefined) continue; // reported as unknown
        const value = r.text(e.value, f.path(key), 'a key of fonts/manifest.yaml or a path to a .ttf/.otf file');
        if (value === undefined) {
          if (r.isNull(e.value)) r.fail(e.value ?? e.key, f.path(key), 'empty', 'a key of fonts/manifest.yaml or a path to a .ttf/.otf file');
          continue;
        }
        given.set(role, { value: value.trim(), node: e.value, field: f.path(key) });
      }
    }
  }

  let manifest: Map<string, ManifestFace>;
  try {
    manifest = fontManifest();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    r.problems.push(...err.problems);
    return null;
  }

  const resolved = new Map<string, FaceRef | null>(); // by face value: resolve each once
  const faces = {} as Record<Role, FaceRef>;
  let ok = true;
  const resolveRole = (role: Role): FaceRef | null => {
    if (faces[role]) return faces[role];
    const g = given.get(role);
    let ref: FaceRef | null;
    if (g) {
      if (!resolved.has(g.value)) resolved.set(g.value, resolveFace(r, g.value, g.node, g.field, layoutFile, manifest));
      ref = resolved.get(g.value) ?? null;
    } else {
      const fb = FALLBACK[role];
      ref = fb ? resolveRole(fb) : resolveFace(r, DEFAULT_BODY_FACE, top.node, 'faces.body', layoutFile, manifest);
    }
    if (ref) faces[role] = ref;
    else ok = false;
    return ref;
  };
  for (const role of ROLES) resolveRole(role);
  if (fallbackPending?.value) {
    const ref = resolveFace(r, fallbackPending.value.trim(), fallbackPending.node, fallbackPending.field, layoutFile, manifest);
    if (ref) fallbackOut.face = ref;
    else ok = false;
  }
  return ok ? faces : null;
}

function resolveFace(r: Reader, value: string, node: Node | null, field: string, layoutFile: string, manifest: Map<string, ManifestFace>): FaceRef | null {
  const accepted = `a key of fonts/manifest.yaml (${[...manifest.keys()].join(', ')}) or a path to a .ttf/.otf file relative to the layout file`;
  const looksLikePath = /[\\/]/.test(value) || FONT_EXT.includes(extname(value).toLowerCase());
  if (looksLikePath) {
    const ext = extname(value).toLowerCase();
    if (!FONT_EXT.includes(ext)) {
      r.fail(node, field, `${quote(value)} is not a .ttf or .otf file`, accepted);
      return null;
    }
    const file = resolve(dirname(layoutFile), value);
    if (!isFile(file)) {
      r.fail(node, field, `font file not found: ${quote(value)} (looked at ${file})`, accepted);
      return null;
    }
    return { key: value, file };
  }
  const m = manifest.get(value);
  if (!m) {
    const s = suggest(value, [...manifest.keys()]);
    r.fail(node, field, `${quote(value)} is not a face in fonts/manifest.yaml${s ? ` (did you mean ${s}?)` : ''}`, accepted);
    return null;
  }
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve(`${m.package}/package.json`));
  } catch {
    r.fail(node, field, `the font package ${m.package} is not installed`, 'run `npm ci` in the broadsheet folder, or name a .ttf/.otf file');
    return null;
  }
  const file = join(pkgDir, m.file);
  if (!isFile(file)) {
    r.fail(node, field, `the font file ${m.file} is missing from ${m.package}`, 'reinstall with `npm ci`, or name a .ttf/.otf file');
    return null;
  }
  return { key: value, file };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function extlessBase(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.ya?ml$/i, '');
}

function mm(x: number): number {
  return (x * 72) / 25.4;
}

