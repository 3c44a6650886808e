// V8's code cache for the libraries (as v8-compile-cache does for CommonJS): the first run
// hands V8 each library module's source and keeps the compiled code V8 makes of it — at
// exit, so the functions compiled during the run are in it too; later runs hand it back and
// V8 skips parsing and compiling. One file per Node version beside the shaping cache
// ($BROADSHEET_CACHE, `off` disables); a module whose source changed (sha1) or whose code V8
// rejects is compiled as usual and kept again. Installed by bin/broadsheet before the CLI is
// imported, so yaml, commander, fontkit and pdfkit all go through it.
import Module from 'node:module';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheDir, writeCacheFile } from './cachedir.js';

type Compile = (this: NodeModule, content: string, filename: string) => unknown;
interface Entry {
  hash: string;
  data: Buffer;
}

const P = Module.prototype as unknown as { _compile: Compile };
const R = Module as unknown as { _resolveFilename(r: string, m: unknown, main: boolean, o?: unknown): string; _extensions: unknown; _cache: unknown; wrap(s: string): string };

let file = '';
let stored = new Map<string, Entry>();
const used = new Map<string, Entry | { hash: string; script: Script }>();
let fresh = 0;

/** Read the cache and route library modules' compilation through it. */
export function install(): void {
  const dir = cacheDir();
  if (!dir || (P._compile as { codeCache?: boolean }).codeCache) return;
  file = join(dir, `code-${process.version}-${process.arch}.bin`);
  stored = readStore(file);
  const original = P._compile;
  const compile = function (this: NodeModule, content: string, filename: string): unknown {
    if (!filename.includes('/node_modules/')) return original.call(this, content, filename);
    const hash = createHash('sha1').update(content).digest('base64');
    const old = stored.get(filename);
    const cachedData = old && old.hash === hash ? old.data : undefined;
    const script = new Script(R.wrap(content), { filename, cachedData });
    if (cachedData && !script.cachedDataRejected) used.set(filename, old!);
    else {
      used.set(filename, { hash, script });
      if (fresh++ === 0) process.on('exit', save);
    }
    const fn = script.runInThisContext({ displayErrors: true }) as (...a: unknown[]) => unknown;
    const mod = this as NodeModule & { require(id: string): unknown };
    const req = ((id: string) => mod.require(id)) as NodeJS.Require;
    Object.assign(req, { resolve: (r: string, o?: unknown) => R._resolveFilename(r, mod, false, o), main: process.mainModule, extensions: R._extensions, cache: R._cache });
    return fn.call(mod.exports, mod.exports, req, mod, filename, dirname(filename));
  };
  (compile as { codeCache?: boolean }).codeCache = true;
  P._compile = compile;
}

/** The file: a 4-byte header length, a JSON header { filename: [hash, offset, length] }, the data. */
function readStore(path: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  try {
    const buf = readFileSync(path);
    const n = buf.readUInt32LE(0);
    const header = JSON.parse(buf.toString('utf8', 4, 4 + n)) as Record<string, [string, number, number]>;
    const base = 4 + n;
    for (const [name, [hash, off, len]] of Object.entries(header)) out.set(name, { hash, data: buf.subarray(base + off, base + off + len) });
  } catch {
    // none yet, or damaged: compiled as usual
  }
  return out;
}

function save(): void {
  try {
    const header: Record<string, [string, number, number]> = {};
    const parts: Buffer[] = [];
    let off = 0;
    // Modules of earlier runs that this one did not load (pdfkit, after a `check`) stay.
    const all = new Map<string, Entry | { hash: string; script: Script }>(stored);
    for (const [name, e] of used) all.set(name, e);
    for (const [name, e] of all) {
      const data = 'script' in e ? e.script.createCachedData() : e.data;
      header[name] = [e.hash, off, data.length];
      parts.push(data);
      off += data.length;
    }
    const h = Buffer.from(JSON.stringify(header));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(h.length, 0);
    writeCacheFile(file, Buffer.concat([len, h, ...parts]));
  } catch {
    // V8 could not serialise a script: compiled again next time
  }
}
