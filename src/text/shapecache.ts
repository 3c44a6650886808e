// A shaping cache on disk, per face file: what fontkit's layout() made of a string (glyph ids
// and advances). Body text needs no shaping — one cmap lookup a character — but the 2-em
// dash ligature and vertical forms go through GSUB, and fontkit parses a CJK face's whole
// GSUB table (20–35 ms a face) before it can answer. The answers never change for a given
// file, so they are kept, like a font cache: the first run pays, later runs read a few bytes.
//
// In the caches' store (src/cache/store.ts): one file per face path, written with the face's
// size and mtime and fontkit's version, so a changed font or font engine shapes afresh.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CacheFile, openCache, packageVersions } from '../cache/store.js';

const FORMAT = 2; // bump when the stored shape changes

export type Shaped = { id: number; adv: number }[]; // adv in font units

const files = new Map<string, CacheFile | null>();

function fileFor(fontFile: string): CacheFile | null {
  let f = files.get(fontFile);
  if (f === undefined) {
    f = null;
    if (!fontFile.startsWith('<')) {
      try {
        const st = statSync(fontFile);
        const name = createHash('sha1').update(resolve(fontFile)).digest('hex').slice(0, 20);
        f = openCache(`shape-${name}`, `${FORMAT}|${packageVersions(['fontkit', 'restructure'])}|${st.size}|${st.mtimeMs}`);
      } catch {
        f = null; // not a file: not kept
      }
    }
    files.set(fontFile, f);
  }
  return f;
}

/** The shaped glyphs of `text` with `features` in the face file, from the cache or `shape`. */
export function cachedShape(fontFile: string, text: string, features: string[], shape: () => Shaped): Shaped {
  const file = fileFor(fontFile);
  const key = `${features.join(',')}|${text}`;
  const hit = file?.get(key);
  if (Array.isArray(hit) && hit.length % 2 === 0) {
    const out: Shaped = [];
    for (let i = 0; i < hit.length; i += 2) out.push({ id: hit[i] as number, adv: hit[i + 1] as number });
    return out;
  }
  const shaped = shape();
  file?.put(key, shaped.flatMap((g) => [g.id, g.adv]));
  return shaped;
}
