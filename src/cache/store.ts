// The caches' one store. Every cache (paragraphs, shaping, lunar dates, compiled code) only
// ever saves time: nothing in one changes the output, and a file that cannot be read or
// written is simply not used.
//
// Where: $BROADSHEET_CACHE (a directory; `off` or `0` turns every cache off), else
// $XDG_CACHE_HOME/broadsheet, else ~/.cache/broadsheet; no home, no cache.
//
// One rule for every file: `NAME.cache` holds the version it was written with (the store's
// format, the cache's own format and the versions of whatever made its answers); read with
// another version it is empty. One flush: every file something was put in is written at exit,
// each whole or not at all (written beside, then renamed), from one `exit` hook.
//
// The file: a 4-byte length, a JSON header { version, entries }, then the bytes of the
// entries that are binary (in the header as { $b: [offset, length] }).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

const FORMAT = 'bs-cache-1';

export type Value = unknown; // JSON data or a Buffer
/** A value made when the file is written (V8's code cache holds what the run compiled). */
export type Deferred = () => Value;

export interface CacheFile {
  readonly path: string;
  get(key: string): Value | undefined;
  /** Keep `value` under `key`; written at exit. */
  put(key: string, value: Value | Deferred): void;
  /** Keep an entry read from the file (a file that holds only one run's entries). */
  keep(key: string): void;
  /** A new run in this process (`watch`): what the last run kept is what is read now. */
  newRun(): void;
}

export interface Options {
  /** 'all': entries read stay in the file; 'run': the file holds only what this run kept. */
  holds?: 'all' | 'run';
  /** Not written above this size (a cache costs more than it saves past it). */
  maxBytes?: number;
  /** Keep only the newest N files whose names start like this one's (up to its first '-'). */
  newest?: number;
}

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

class File implements CacheFile {
  private read: Map<string, Value>;
  private kept = new Map<string, Value | Deferred>();
  private runs = 0;
  dirty = false;

  constructor(
    readonly path: string,
    readonly version: string,
    readonly options: Options,
  ) {
    this.read = readEntries(path, version);
  }

  get(key: string): Value | undefined {
    const v = this.kept.get(key);
    if (v !== undefined) return typeof v === 'function' ? undefined : v;
    return this.read.get(key);
  }

  put(key: string, value: Value | Deferred): void {
    this.kept.set(key, value);
    this.dirty = true;
  }

  keep(key: string): void {
    if (this.kept.has(key)) return;
    const v = this.read.get(key);
    if (v !== undefined) this.kept.set(key, v);
  }

  newRun(): void {
    if (this.options.holds !== 'run' || this.runs++ === 0) return; // the first run reads the file
    this.read = new Map([...this.kept].filter(([, v]) => typeof v !== 'function')) as Map<string, Value>;
    this.kept = new Map();
  }

  write(): void {
    if (!this.dirty) return;
    const all = new Map<string, Value | Deferred>(this.options.holds === 'run' ? [] : this.read);
    for (const [k, v] of this.kept) all.set(k, v);
    const bytes = serialise(this.version, all);
    if (!bytes || bytes.length > (this.options.maxBytes ?? Infinity)) return;
    if (writeAtomically(this.path, bytes)) {
      this.dirty = false;
      if (this.options.newest) prune(this.path, this.options.newest);
    }
  }
}

const open = new Map<string, File>();
let hooked = false;

/**
 * The cache file `name` (a file name without extension: `para-…`, `shape-…`) as written with
 * `version`; null when caches are off. Opened once a process: opening it again returns the
 * same file.
 */
export function openCache(name: string, version: string, options: Options = {}): CacheFile | null {
  const dir = cacheDir();
  if (!dir) return null;
  const path = join(dir, `${name}.cache`);
  let f = open.get(path);
  if (!f) {
    f = new File(path, `${FORMAT}|${version}`, options);
    open.set(path, f);
    if (!hooked) {
      hooked = true;
      process.on('exit', flushCaches);
    }
  }
  return f;
}

/** Write every file something was put in (at exit; tests call it too). */
export function flushCaches(): void {
  for (const f of open.values()) {
    try {
      f.write();
    } catch {
      // a value that could not be made: computed again next run
    }
  }
}

/** `compute()`, kept in `file` under `key` (a string answer that never changes for its key). */
export function remembered(file: CacheFile | null, key: string, compute: () => string): string {
  const hit = file?.get(key);
  if (typeof hit === 'string') return hit;
  const v = compute();
  file?.put(key, v);
  return v;
}

/** The entries of a cache file, for tests and the bench (empty if unreadable). */
export function readCacheFile(path: string): { version: string; entries: Record<string, Value> } {
  try {
    const { version, entries } = parse(readFileSync(path));
    return { version, entries: Object.fromEntries(entries) };
  } catch {
    return { version: '', entries: {} };
  }
}

function readEntries(path: string, version: string): Map<string, Value> {
  try {
    const r = parse(readFileSync(path));
    if (r.version === version) return r.entries;
  } catch {
    // none yet, or damaged: computed afresh
  }
  return new Map();
}

function parse(buf: Buffer): { version: string; entries: Map<string, Value> } {
  const n = buf.readUInt32LE(0);
  const header = JSON.parse(buf.toString('utf8', 4, 4 + n)) as { version: string; entries: Record<string, Value>; binary?: string[] };
  const base = 4 + n;
  const entries = new Map<string, Value>(Object.entries(header.entries));
  for (const k of header.binary ?? []) {
    const [off, len] = entries.get(k) as [number, number];
    if (base + off + len > buf.length) throw new Error('cut');
    entries.set(k, buf.subarray(base + off, base + off + len));
  }
  return { version: header.version, entries };
}

function serialise(version: string, all: Map<string, Value | Deferred>): Buffer | null {
  const entries: Record<string, Value> = {};
  const binary: string[] = [];
  const parts: Buffer[] = [];
  let off = 0;
  for (const [k, v0] of all) {
    let v: Value;
    try {
      v = typeof v0 === 'function' ? (v0 as Deferred)() : v0;
    } catch {
      continue; // could not be made (V8 would not serialise a script): made again next run
    }
    if (Buffer.isBuffer(v)) {
      entries[k] = [off, v.length];
      binary.push(k);
      parts.push(v);
      off += v.length;
    } else entries[k] = v;
  }
  const header = Buffer.from(JSON.stringify({ version, entries, ...(binary.length ? { binary } : {}) }));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length, 0);
  return Buffer.concat([len, header, ...parts]);
}

/** Write a file whole or not at all (beside it, then renamed); false if it could not be. */
function writeAtomically(path: string, data: Uint8Array): boolean {
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

/** Keep the newest `keep` files of the family (tests and one-off issue files would pile up). */
function prune(path: string, keep: number): void {
  try {
    const dir = dirname(path);
    const base = path.slice(dir.length + 1);
    const family = base.slice(0, base.indexOf('-') + 1);
    const files = readdirSync(dir)
      .filter((f) => f.startsWith(family) && f.endsWith('.cache'))
      .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of files.slice(keep)) rmSync(join(dir, f), { force: true });
  } catch {
    // another process pruned first
  }
}

/** The version in the package's package.json, found above its entry point (a package's
 * `exports` may not export package.json itself). */
function packageVersion(require: NodeJS.Require, name: string): string {
  try {
    let dir = dirname(require.resolve(name));
    for (;;) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        if (pkg.name === name && pkg.version) return String(pkg.version);
      } catch {
        // no package.json here: go up
      }
      const up = dirname(dir);
      if (up === dir) return '?';
      dir = up;
    }
  } catch {
    return '?';
  }
}

const versions = new Map<string, string>();
/** `name@version` of installed packages: what made a cached answer (a new one starts afresh). */
export function packageVersions(names: string[]): string {
  const key = names.join(',');
  let v = versions.get(key);
  if (v === undefined) {
    const require = createRequire(import.meta.url);
    v = names.map((p) => `${p}@${packageVersion(require, p)}`).join(',');
    versions.set(key, v);
  }
  return v;
}
