// Encoded font subsets kept between runs of the same issue file: a re-render after an edit
// embeds the same glyphs of the same faces, and fontkit's encoding of a 2,000-glyph CJK subset
// (glyf, loca, hmtx tables through restructure) is ~50 ms a run. Keyed by the face file (path,
// size, mtime, fontkit's version: the file's version) and the subset's glyph ids in order;
// the entry holds the ids after encoding too (composite glyphs add their components) and the
// bytes. Written through the caches' store; only the last run's subsets are kept per face.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Font } from 'fontkit';
import { hookSubsetEncoding } from '../adapters/fontkit.js';
import { CacheFile, openCache, packageVersions } from './store.js';

const FORMAT = 1;

function fileFor(fontFile: string): CacheFile | null {
  if (fontFile.startsWith('<')) return null; // faces made in memory: nothing stands for them
  try {
    const st = statSync(fontFile);
    const name = createHash('sha1').update(resolve(fontFile)).digest('hex').slice(0, 20);
    return openCache(`subset-${name}`, `${FORMAT}|${packageVersions(['fontkit', 'restructure'])}|${st.size}|${st.mtimeMs}`, { holds: 'run' });
  } catch {
    return null;
  }
}

const keyOf = (glyphs: readonly number[]) => createHash('sha1').update(glyphs.join(',')).digest('base64');
const hooked = new WeakMap<Font, CacheFile>();

/** Whether a subset of `font` holding `glyphs` (fontkit's order) will be answered from the
 * last run's encodings: its outlines need not be read (src/text/fontfile.ts). */
export function subsetKept(font: Font, glyphs: readonly number[]): boolean {
  const hit = hooked.get(font)?.get(keyOf(glyphs));
  return Buffer.isBuffer(hit) && hit.length >= 4 && hit.readUInt32LE(0) >= glyphs.length;
}

/** Keep the encodings of `font`'s subsets (the face read from `fontFile`). */
export function keepSubsets(font: Font, fontFile: string): void {
  const file = fileFor(fontFile);
  if (!file) return;
  file.newRun();
  const on = hookSubsetEncoding(font, (subset, encode) => {
    const key = keyOf(subset.glyphs);
    const hit = file.get(key);
    if (Buffer.isBuffer(hit) && hit.length >= 4) {
      const n = hit.readUInt32LE(0);
      for (let i = subset.glyphs.length; i < n; i++) subset.include(hit.readUInt32LE(4 + 4 * i));
      if (subset.glyphs.length === n) {
        file.keep(key);
        return hit.subarray(4 + 4 * n);
      }
    }
    const bytes = encode();
    const head = Buffer.alloc(4 + 4 * subset.glyphs.length);
    head.writeUInt32LE(subset.glyphs.length, 0);
    subset.glyphs.forEach((g, i) => head.writeUInt32LE(g, 4 + 4 * i));
    file.put(key, Buffer.concat([head, bytes]));
    return bytes;
  });
  if (on) hooked.set(font, file);
  else hooked.delete(font);
}
