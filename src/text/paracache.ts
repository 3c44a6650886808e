// The paragraph cache: set paragraphs kept on disk between runs of the same issue file, so a
// re-render after an edit sets only the paragraphs that changed (layout staff re-render all
// evening). Setting a paragraph is a pure function of its spans (text, face files, roles),
// the options and the text stage's code: the key holds the first two, the file the third,
// so an edited paragraph, another measure, a changed font file or a new build of the engine
// never hits. Faces made in memory (tests' fonts) have no file to stand for them: never kept.
//
// One file per issue file, holding the paragraphs its last run set (the cache never grows
// past one issue's text); written atomically at exit, skipped above MAX_BYTES. It lives in
// the caches' directory (src/cachedir.ts: $BROADSHEET_CACHE, `off` disables).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, engineVersions, writeCacheFile } from '../cachedir.js';
import type { Face } from './face.js';
import type { ParagraphOptions, PlacedGlyph, SetLine, SetParagraph } from './paragraph.js';
import type { Span } from './units.js';

const FORMAT = 2;
const MAX_BYTES = 24 * 1024 * 1024;
/** Glyphs kept per issue (about 8 MB on disk): a 16-page issue fits; beyond it, paragraphs
 * are set without being kept (a 100-page run would spend more on keeping than it saves). */
const MAX_GLYPHS = 160_000;

interface Stored {
  w: string[]; // warnings
  m: string[]; // missing characters
  f: string[]; // face keys used by the glyphs
  r: string[]; // roles used by the glyphs
  l: (Omit<SetLine, 'glyphs'> & { g: (number | string)[] })[]; // glyphs: face, role, id, x, adv, text …
}

interface Store {
  path: string;
  old: Record<string, Stored>;
  used: Record<string, Stored>;
  hits: number;
  misses: number;
  glyphs: number; // glyphs in `used`
  dirty: boolean; // an earlier run of this process set paragraphs (`watch`)
}

let store: Store | null = null;
let engine: string | undefined;

/**
 * The text stage's build: its compiled files' names, sizes and mtimes, and fontkit's version
 * (a new build or font engine starts afresh; hashing the files' contents cost 9 ms a run).
 */
function engineVersion(): string {
  if (engine === undefined) {
    const dir = dirname(fileURLToPath(import.meta.url));
    const h = createHash('sha1').update(`${FORMAT}|${engineVersions()}|`);
    try {
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.js')).sort()) {
        const st = statSync(join(dir, f));
        h.update(`${f}:${st.size}:${st.mtimeMs};`);
      }
    } catch {
      h.update(String(Date.now())); // unreadable: never match
    }
    engine = h.digest('hex');
  }
  return engine;
}

const identities = new WeakMap<Face, string>();
/** A face as a key part: a short hash of its key, file, size and mtime (made once a run). */
function identity(face: Face): string {
  let id = identities.get(face);
  if (id === undefined) {
    let stamp = '';
    try {
      const st = statSync(face.file);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      stamp = `missing:${Math.random()}`; // not a file: matches nothing
    }
    id = createHash('sha1').update(`${face.key}@${face.file}:${stamp}`).digest('base64').slice(0, 12);
    identities.set(face, id);
  }
  return id;
}

/** Use the cache kept for this issue file (null: none, e.g. tests of the engine alone). */
export function useParagraphCache(issueFile: string | null): void {
  const dir = issueFile ? cacheDir() : null;
  if (!dir || !issueFile) {
    store = null;
    return;
  }
  const name = createHash('sha1').update(resolve(issueFile)).digest('hex').slice(0, 20);
  const path = join(dir, `para-${name}.json`);
  if (store && store.path === path) {
    // The same issue again in this process (`watch`): the last run's settings are here.
    store = { path, old: store.used, used: {}, hits: 0, misses: 0, glyphs: 0, dirty: store.dirty || store.misses > 0 };
    return;
  }
  let old: Record<string, Stored> = {};
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8'));
    if (parsed && parsed.format === FORMAT && parsed.engine === engineVersion() && parsed.entries) old = parsed.entries;
  } catch {
    // none yet, or damaged: set afresh
  }
  const fresh = !store;
  store = { path, old, used: {}, hits: 0, misses: 0, glyphs: 0, dirty: false };
  if (fresh) process.on('exit', flush);
}

function flush(): void {
  const s = store;
  if (!s || (s.misses === 0 && !s.dirty)) return; // nothing new: the file on disk is this run's
  try {
    const text = JSON.stringify({ format: FORMAT, engine: engineVersion(), entries: s.used });
    if (text.length > MAX_BYTES) return;
    if (writeCacheFile(s.path, text)) prune(dirname(s.path));
  } catch {
    // read-only or full: the next run sets afresh
  }
}

/** Keep the newest KEEP issue files' caches (tests and one-off files would pile up). */
const KEEP = 32;
function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((f) => f.startsWith('para-') && f.endsWith('.json'))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(KEEP)) rmSync(join(dir, f), { force: true });
}

/**
 * The key: options, then each span's faces, role and text, as plain text (no hashing: the
 * text is a small part of an entry, and hashing every paragraph cost ~25 ms a run). The
 * engine's build is checked once for the whole file.
 */
function keyOf(spans: Span[], o: ParagraphOptions): string {
  let k = `${o.size},${o.measure},${o.indent},${o.align},${o.kinsoku},${o.cjkLatinGap},${o.compressStops},${o.hang},${o.breaker},${o.breakMeasure ?? ''},${o.looseness ?? 0},${o.spacing ? `${o.spacing.letter}/${o.spacing.gapMin}/${o.spacing.gapMax}` : ''}`;
  for (const s of spans) k += `\u0000${identity(s.face)}\u0001${s.fallback ? identity(s.fallback) : ''}\u0001${s.role}\u0001${s.text}`;
  return k;
}

function encode(r: SetParagraph): Stored {
  const f: string[] = [];
  const rl: string[] = [];
  const idx = (a: string[], v: string) => {
    let i = a.indexOf(v);
    if (i < 0) i = a.push(v) - 1;
    return i;
  };
  const l = r.lines.map(({ glyphs, ...rest }) => {
    const g: (number | string)[] = [];
    for (const x of glyphs) g.push(idx(f, x.face), idx(rl, x.role), x.id, x.x, x.adv, x.text);
    return { ...rest, g };
  });
  return { w: r.warnings, m: r.missing, f, r: rl, l };
}

function decode(s: Stored): SetParagraph {
  const lines: SetLine[] = s.l.map(({ g, ...rest }) => {
    const glyphs: PlacedGlyph[] = [];
    for (let i = 0; i < g.length; i += 6) glyphs.push({ face: s.f[g[i] as number], id: g[i + 2] as number, x: g[i + 3] as number, adv: g[i + 4] as number, text: g[i + 5] as string, role: s.r[g[i + 1] as number] });
    return { glyphs, ...rest };
  });
  return { lines, warnings: [...s.w], missing: [...s.m] };
}

function keep(s: Store, key: string, e: Stored): void {
  s.used[key] = e;
  for (const l of e.l) s.glyphs += l.g.length / 6;
}

/** The set paragraph from the cache, or `set` it and keep it. Faces made in memory (no
 * file stands for them) are never kept. */
export function cachedParagraph(spans: Span[], o: ParagraphOptions, set: () => SetParagraph): SetParagraph {
  const s = store;
  if (!s || spans.some((x) => x.face.file.startsWith('<') || x.fallback?.file.startsWith('<'))) return set();
  const key = keyOf(spans, o);
  const hit = s.used[key] ?? s.old[key];
  if (hit) {
    s.hits++;
    if (!s.used[key]) keep(s, key, hit);
    return decode(hit);
  }
  s.misses++;
  const r = set();
  if (s.glyphs < MAX_GLYPHS) keep(s, key, encode(r));
  return r;
}

/** Hits and misses of this run (for the bench and tests). */
export function paragraphCacheStats(): { hits: number; misses: number } | null {
  return store ? { hits: store.hits, misses: store.misses } : null;
}
