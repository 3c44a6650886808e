// A shaping cache on disk, per face file: what fontkit's layout() made of a string (glyph ids
// and advances). Body text needs no shaping — one cmap lookup a character — but the 2-em
// dash ligature and vertical forms go through GSUB, and fontkit parses a CJK face's whole
// GSUB table (20–35 ms a face) before it can answer. The answers never change for a given
// file, so they are kept, like a font cache: the first run pays, later runs read a few bytes.
//
// Where: src/cachedir.ts. A file is keyed by the face's path, size and mtime and fontkit's
// version, so a changed font or font engine shapes afresh. Written atomically at exit; an
// unwritable place only costs speed.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheDir, engineVersions, writeCacheFile } from '../cachedir.js';

const FORMAT = 1; // bump when the stored shape changes

export type Shaped = { id: number; adv: number }[]; // adv in font units

interface Store {
  path: string;
  entries: Record<string, (number | string)[]>; // shapes: key → [id, adv, id, adv, …]; texts: [text]
  dirty: boolean;
}

const stores = new Map<string, Store | null>();
let hooked = false;

function storeFor(fontFile: string): Store | null {
  if (stores.has(fontFile)) return stores.get(fontFile)!;
  let store: Store | null = null;
  const dir = cacheDir();
  if (dir && !fontFile.startsWith('<')) {
    try {
      let path: string;
      if (fontFile.startsWith('@')) path = join(dir, `${fontFile.slice(1)}.json`); // a named store
      else {
        const st = statSync(fontFile);
        const key = createHash('sha1').update(`${FORMAT}|${engineVersions()}|${resolve(fontFile)}|${st.size}|${st.mtimeMs}`).digest('hex').slice(0, 20);
        path = join(dir, `shape-${key}.json`);
      }
      let entries: Record<string, (number | string)[]> = {};
      try {
        const parsed = JSON.parse(readFileSync(path, 'utf8'));
        if (parsed && typeof parsed === 'object' && parsed.format === FORMAT && parsed.entries) entries = parsed.entries;
      } catch {
        // no cache yet, or unreadable: shape afresh
      }
      store = { path, entries, dirty: false };
    } catch {
      store = null;
    }
  }
  stores.set(fontFile, store);
  return store;
}

function flush(): void {
  for (const s of stores.values()) {
    if (!s || !s.dirty) continue;
    if (writeCacheFile(s.path, JSON.stringify({ format: FORMAT, entries: s.entries }))) s.dirty = false;
  }
}

/**
 * Another answer that never changes for its key and is slow to get: `@lunar`, ICU's
 * Chinese-calendar date (loading ICU's calendar costs ~15 ms a run).
 */
export function cachedText(store: `@${string}`, key: string, compute: () => string): string {
  const s = storeFor(`${store}-${process.versions.icu ?? 'icu'}`);
  const hit = s?.entries[key];
  if (Array.isArray(hit) && typeof hit[0] === 'string') return hit[0];
  const v = compute();
  keep(s, key, [v]);
  return v;
}

/** Record a new answer; the stores are written at exit. */
function keep(s: Store | null, key: string, value: (number | string)[]): void {
  if (!s) return;
  s.entries[key] = value;
  s.dirty = true;
  if (!hooked) {
    hooked = true;
    process.on('exit', flush);
  }
}

/** The shaped glyphs of `text` with `features` in the face file, from the cache or `shape`. */
export function cachedShape(fontFile: string, text: string, features: string[], shape: () => Shaped): Shaped {
  const store = storeFor(fontFile);
  const key = `${features.join(',')}|${text}`;
  const hit = store?.entries[key];
  if (hit && hit.length % 2 === 0) {
    const out: Shaped = [];
    for (let i = 0; i < hit.length; i += 2) out.push({ id: hit[i] as number, adv: hit[i + 1] as number });
    return out;
  }
  const shaped = shape();
  keep(store, key, shaped.flatMap((g) => [g.id, g.adv]));
  return shaped;
}
