// The two third-party engines, fontkit (measures and subsets) and pdfkit (writes the PDF),
// loaded through their CommonJS builds. Loading them is a third of a render of the sample:
// besides compiling, they build data tables at load time that a newspaper run never or
// rarely uses — the WOFF2 (Brotli) dictionary, the Unicode property tries of complex-script
// shaping and line breaking, AES tables for encrypted PDFs. Those three modules are handed
// out as stand-ins that load the real module on first use, so nothing changes but when the
// cost is paid (and whether). pdfkit is loaded only when a PDF is written (`check` and
// `fonts` never load it). Their compiled code is kept by src/codecache.ts.
import Module, { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import type PDFKit from 'pdfkit';

const require = createRequire(import.meta.url);

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const M = Module as unknown as { _load: Load };

/** Require `id` with the deferred modules handed out as stand-ins. */
function requireDeferring<T>(id: string): T {
  const load = M._load;
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
