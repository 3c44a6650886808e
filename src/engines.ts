// The two third-party engines, fontkit (measures and subsets) and pdfkit (writes the PDF),
// loaded through their CommonJS builds. Loading them is a third of a render of the sample:
// besides compiling, they build data tables at load time that a newspaper run never or
// rarely uses — the WOFF2 (Brotli) dictionary, the Unicode property tries of complex-script
// shaping and line breaking, AES tables for encrypted PDFs. Those three modules are handed
// out as stand-ins that load the real module on first use, so nothing changes but when the
// cost is paid (and whether). pdfkit is loaded only when a PDF is written (`check` and
// `fonts` never load it). Measured in the closing note of the speed issue.
import Module, { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheDir } from './text/shapecache.js';
import type * as Fontkit from 'fontkit';
import type PDFKit from 'pdfkit';

const require = createRequire(import.meta.url);

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const M = Module as unknown as { _load: Load };

// V8's code cache for these modules (as v8-compile-cache does): the compiled code of a
// library is kept beside the shaping cache and handed back to V8, which then skips parsing
// and compiling it. The cache is made at exit, so it also holds the functions compiled
// during the run. Keyed by file, size, mtime and Node's version; rejected data is remade.
type Compile = (this: NodeModule, content: string, filename: string) => unknown;
const P = Module.prototype as unknown as { _compile: Compile };
const fresh: { path: string; script: Script }[] = [];
let codeCacheHooked = false;

function compileCached(this: NodeModule, content: string, filename: string): unknown {
  const dir = cacheDir();
  if (!dir || !filename.includes('node_modules')) return originalCompile.call(this, content, filename);
  const key = createHash('sha1').update(`${process.version}|${filename}|${content.length}`).update(content).digest('hex').slice(0, 24);
  const path = join(dir, 'code', `${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(path);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(content), { filename, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    fresh.push({ path, script });
    if (!codeCacheHooked) {
      codeCacheHooked = true;
      process.on('exit', writeCodeCache);
    }
  }
  const fn = script.runInThisContext({ displayErrors: true }) as (...a: unknown[]) => unknown;
  const mod = this as NodeModule & { require(id: string): unknown };
  const req = ((id: string) => mod.require(id)) as NodeJS.Require;
  const R = Module as unknown as { _resolveFilename(r: string, m: unknown, main: boolean, o?: unknown): string; _extensions: unknown; _cache: unknown };
  Object.assign(req, { resolve: (r: string, o?: unknown) => R._resolveFilename(r, mod, false, o), main: process.mainModule, extensions: R._extensions, cache: R._cache });
  return fn.call(mod.exports, mod.exports, req, mod, filename, dirname(filename));
}
let originalCompile: Compile = P._compile;

function writeCodeCache(): void {
  for (const { path, script } of fresh.splice(0)) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, path);
    } catch {
      // unwritable: compiled again next time
    }
  }
}

/** Require `id` with the deferred modules handed out as stand-ins. */
function requireDeferring<T>(id: string): T {
  const load = M._load;
  originalCompile = P._compile;
  P._compile = compileCached;
  M._load = function (this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    const real = () => load.call(this, request, parent, isMain);
    if (request === 'unicode-trie') return lazyTrie(real as () => TrieClass);
    if (request === 'brotli/decompress.js') {
      let f: ((...a: unknown[]) => unknown) | undefined;
      return (...a: unknown[]) => (f ??= real() as (...a: unknown[]) => unknown)(...a);
    }
    if (request === '@noble/ciphers/aes') {
      let m: Record<string | symbol, unknown> | undefined;
      return new Proxy({}, { get: (_t, k) => (m ??= real() as Record<string | symbol, unknown>)[k] });
    }
    return load.call(this, request, parent, isMain);
  };
  try {
    return require(id) as T;
  } finally {
    M._load = load;
    P._compile = originalCompile;
  }
}

type Trie = { get(cp: number): number };
type TrieClass = new (data: Uint8Array) => Trie;

/** unicode-trie's class, whose instances inflate their data on the first lookup. */
function lazyTrie(real: () => TrieClass): TrieClass {
  let Real: TrieClass | undefined;
  return class LazyTrie {
    private trie: Trie | undefined;
    constructor(private readonly data: Uint8Array) {}
    get(cp: number): number {
      return (this.trie ??= new (Real ??= real())(this.data)).get(cp);
    }
  } as unknown as TrieClass;
}

export const fontkit = requireDeferring<typeof Fontkit>('fontkit');

let pdfkit: typeof PDFKit | undefined;
/** pdfkit's PDFDocument, loaded on first use (it shares the fontkit loaded above). */
export function PDFDocument(): typeof PDFKit {
  return (pdfkit ??= requireDeferring<typeof PDFKit>('pdfkit'));
}
