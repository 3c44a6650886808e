// Where the caches live, and how a cache file is written. Every cache (src/codecache.ts,
// src/text/shapecache.ts, src/text/paracache.ts) only ever saves time: nothing in one changes
// the output, and a cache that cannot be read or written is simply not used.
//
// $BROADSHEET_CACHE (a directory; `off` or `0` turns every cache off), else
// $XDG_CACHE_HOME/broadsheet, else ~/.cache/broadsheet.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

export function cacheDir(): string | null {
  const env = process.env.BROADSHEET_CACHE;
  if (env === 'off' || env === '0') return null;
  if (env) return resolve(env);
  if (process.env.XDG_CACHE_HOME) return join(resolve(process.env.XDG_CACHE_HOME), 'broadsheet');
  let home = '';
  try {
    home = homedir();
  } catch {
    home = '';
  }
  // No home to keep a cache in: none (never a `.cache` folder in the working directory).
  return home && isAbsolute(home) ? join(home, '.cache', 'broadsheet') : null;
}

/** Write a cache file whole or not at all (beside it, then renamed); false if it could not be. */
export function writeCacheFile(path: string, data: string | Uint8Array): boolean {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
    return true;
  } catch {
    rmSync(tmp, { force: true });
    return false; // read-only or full: the next run computes again
  }
}

let engines: string | undefined;
/** The versions of the font engine a cached answer came from (fontkit; restructure reads it). */
export function engineVersions(): string {
  if (engines === undefined) {
    const require = createRequire(import.meta.url);
    engines = ['fontkit', 'restructure']
      .map((p) => {
        try {
          return `${p}@${JSON.parse(readFileSync(require.resolve(`${p}/package.json`), 'utf8')).version}`;
        } catch {
          return `${p}@?`;
        }
      })
      .join(',');
  }
  return engines;
}
