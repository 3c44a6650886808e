// Node's module loader: every use of its internals. Two fast paths, each guarded — when the
// loader is not of the shape they expect, or BROADSHEET_FAST_PATHS=off, modules load the
// plain way and nothing but the time changes:
//
// - stand-ins (`Module._load`): while a library loads, some of the modules it requires are
//   handed out as stand-ins that load the real module on first use (src/engines.ts says which);
// - V8's code cache (`Module.prototype._compile`, as v8-compile-cache does for CommonJS): the
//   first run hands V8 each library module's source and keeps the compiled code V8 makes of it
//   — at exit, so the functions compiled during the run are in it too; later runs hand it back
//   and V8 skips parsing and compiling. A module whose source changed (sha1) or whose code V8
//   rejects is compiled as usual and kept again. In the caches' store (src/cache/store.ts),
//   one file per Node version; installed by bin/broadsheet before the CLI is imported.
import Module, { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { openCache } from '../cache/store.js';
import { fastPaths, took } from './fastpaths.js';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
type Compile = (this: NodeModule, content: string, filename: string) => unknown;
const M = Module as unknown as {
  _load?: Load;
  _resolveFilename?(r: string, m: unknown, main: boolean, o?: unknown): string;
  _extensions?: unknown;
  _cache?: unknown;
  wrap?(s: string): string;
};
const P = Module.prototype as unknown as { _compile?: Compile & { codeCache?: boolean } };

/**
 * V8 optimises a function (TurboFan, on a second thread) once it has run a fixed amount of
 * bytecode; in a run this short most of that work is never paid back: a warm re-render spent
 * ~1 s of compiler-thread time optimising the YAML parser and the PDF writer's loops for a few
 * ms of running them. Asking for ~9× more first leaves the optimising to what is really hot
 * (line breaking, the 100-page run's loops), and takes 0.3 s of CPU off a warm re-render and
 * ~0.5 s off a cold one. Only the time changes; a budget set on the command line is left as it is.
 */
export function tuneCompiler(): void {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('interrupt-budget'));
  if (!given) setFlagsFromString('--interrupt-budget=600000');
}

/** A stand-in for the module `request`, given what loads the real one. */
export type StandIn = (real: () => unknown) => unknown;

/** `require(id)` (from this package) with the modules named in `standIns` handed out as stand-ins. */
export function requireWith<T>(id: string, standIns: Record<string, StandIn>): T {
  const require = createRequire(import.meta.url);
  const load = M._load;
  if (!fastPaths() || typeof load !== 'function' || load.length < 3) return require(id) as T;
  took('loader:stand-ins');
  M._load = function (this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    const real = () => load.call(this, request, parent, isMain);
    const standIn = Object.hasOwn(standIns, request) ? standIns[request] : undefined;
    return standIn ? standIn(real) : real();
  };
  try {
    return require(id) as T;
  } finally {
    M._load = load;
  }
}

/** Route library modules' compilation through V8's code cache. */
export function installCodeCache(): void {
  const original = P._compile;
  if (!fastPaths() || typeof original !== 'function' || original.codeCache) return;
  const { wrap, _resolveFilename: resolveFilename, _extensions: extensions, _cache: cache } = M;
  if (typeof wrap !== 'function' || typeof resolveFilename !== 'function') return;
  const file = openCache(`code-${process.version}-${process.arch}`, `${process.version}|${process.arch}`);
  if (!file) return;
  took('loader:code-cache');
  const compile = function (this: NodeModule, content: string, filename: string): unknown {
    if (!filename.includes('/node_modules/')) return original.call(this, content, filename);
    const hash = createHash('sha1').update(content).digest('base64');
    const old = file.get(filename);
    const cachedData = Buffer.isBuffer(old) && file.get(`${filename}#sha1`) === hash ? old : undefined;
    const script = new Script(wrap(content), { filename, cachedData });
    if (cachedData && !script.cachedDataRejected) {
      file.keep(filename);
      file.keep(`${filename}#sha1`);
    } else {
      file.put(filename, () => script.createCachedData());
      file.put(`${filename}#sha1`, hash);
    }
    const fn = script.runInThisContext({ displayErrors: true }) as (...a: unknown[]) => unknown;
    const mod = this as NodeModule & { require(id: string): unknown };
    const req = ((id: string) => mod.require(id)) as NodeJS.Require;
    Object.assign(req, { resolve: (r: string, o?: unknown) => resolveFilename(r, mod, false, o), main: process.mainModule, extensions, cache });
    return fn.call(mod.exports, mod.exports, req, mod, filename, dirname(filename));
  };
  compile.codeCache = true;
  P._compile = compile;
}
