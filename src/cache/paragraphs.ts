// The paragraph cache: set paragraphs kept on disk between runs of the same issue file, so a
// re-render after an edit sets only the paragraphs that changed (layout staff re-render all
// evening). Setting a paragraph is a pure function of its spans (text, face files, roles),
// the options and the text stage's code: the key holds the first two, the file's version the
// third, so an edited paragraph, another measure, a changed font file or a new build of the
// engine never hits. Faces made in memory (tests' fonts) have no file to stand for them: never
// kept. The pipeline wraps the text stage's setParagraph in it (src/pipeline.ts); the text
// stage knows nothing of it.
//
// One file per issue file, holding the paragraphs its last run set (the cache never grows
// past one issue's text), in the caches' store (src/cache/store.ts).
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCache, packageVersions } from './store.js';
import type { Face } from '../text/face.js';
import type { ParagraphOptions, PlacedGlyph, SetLine, SetParagraph } from '../text/paragraph.js';
import type { Span } from '../text/units.js';
import { timed } from '../timing.js';

const FORMAT = 4;
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

let engine: string | undefined;

/**
 * The text stage's build (src/text and the font adapter): its compiled files' names, sizes
 * and mtimes, and fontkit's version
 * (a new build or font engine starts afresh; hashing the files' contents cost 9 ms a run).
 */
function engineVersion(): string {
  if (engine === undefined) {
    const src = dirname(dirname(fileURLToPath(import.meta.url)));
    const h = createHash('sha1').update(`${FORMAT}|${packageVersions(['fontkit', 'restructure'])}|`);
    try {
      for (const dir of ['text', 'adapters'])
        for (const f of readdirSync(join(src, dir)).filter((x) => x.endsWith('.js')).sort()) {
          const st = statSync(join(src, dir, f));
          h.update(`${dir}/${f}:${st.size}:${st.mtimeMs};`);
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

/** Every option (and span field), in key order, nested ones too: one added to the text stage
 * is in the key without anyone listing it here. */
function optionsKey(o: unknown): string {
  if (o === null || typeof o !== 'object') return o === undefined ? '' : String(o);
  const r = o as Record<string, unknown>;
  return Object.keys(r)
    .filter((k) => r[k] !== undefined)
    .sort()
    .map((k) => `${k}=${optionsKey(r[k])}`)
    .join(',');
}

/**
 * The key: options, then each span's faces, role and text, as plain text (no hashing: the
 * text is a small part of an entry, and hashing every paragraph cost ~25 ms a run). The
 * engine's build is checked once for the whole file.
 */
function keyOf(spans: Span[], o: ParagraphOptions): string {
  let k = `{${optionsKey(o)}}`;
  for (const { text, face, fallback, ...rest } of spans) k += `\u0000${identity(face)}\u0001${fallback ? identity(fallback) : ''}\u0001${optionsKey(rest)}\u0001${text}`;
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

export type SetParagraphFn = (spans: Span[], o: ParagraphOptions) => SetParagraph;

export interface CachedSetter {
  setParagraph: SetParagraphFn;
  /** Paragraphs taken from the cache and set this run. */
  stats(): { hits: number; misses: number };
}

/** `set` with the settings of this issue file's last run kept and reused; `set` itself when
 * caches are off. */
export function cachedSetter(issueFile: string, set: SetParagraphFn): CachedSetter | null {
  const name = createHash('sha1').update(resolve(issueFile)).digest('hex').slice(0, 20);
  const file = openCache(`para-${name}`, engineVersion(), { holds: 'run', maxBytes: MAX_BYTES, newest: 32 });
  if (!file) return null;
  file.newRun(); // the same issue again in this process (`watch`): the last run's settings are read
  let hits = 0;
  let misses = 0;
  let glyphs = 0; // glyphs kept
  const count = (e: Stored) => {
    for (const l of e.l) glyphs += l.g.length / 6;
  };
  const setParagraph: SetParagraphFn = (spans, o) =>
    timed('cache', () => {
      if (spans.some((x) => x.face.file.startsWith('<') || x.fallback?.file.startsWith('<'))) return set(spans, o);
      const key = keyOf(spans, o);
      const bytes = file.get(key);
      if (Buffer.isBuffer(bytes)) {
        hits++;
        file.keep(key);
        const hit = JSON.parse(bytes.toString('utf8')) as Stored;
        count(hit);
        return decode(hit);
      }
      misses++;
      const r = set(spans, o);
      if (glyphs < MAX_GLYPHS) {
        const e = encode(r);
        // As bytes: a paragraph kept from the last run is written back as it was read, and
        // only the paragraphs read are parsed (the file is 1.6 MB for the sample).
        file.put(key, Buffer.from(JSON.stringify(e)));
        count(e);
      }
      return r;
    });
  return { setParagraph, stats: () => ({ hits, misses }) };
}
