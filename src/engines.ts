// The two third-party engines, fontkit (measures and subsets) and pdfkit (writes the PDF),
// loaded through their CommonJS builds. Loading them is a third of a render of the sample:
// besides compiling, they build data tables at load time that a newspaper run never or
// rarely uses — the WOFF2 (Brotli) dictionary, the Unicode property tries of complex-script
// shaping and line breaking, AES tables for encrypted PDFs, pdfkit's line breaker (for its
// text() only). Those modules are handed out as stand-ins that load the real module on first
// use (src/adapters/loader.ts), so
// nothing changes but when the cost is paid (and whether). pdfkit is loaded only when a PDF
// is written (`check` and `fonts` never load it).
import type * as Fontkit from 'fontkit';
import type PDFKit from 'pdfkit';
import { requireWith, StandIn } from './adapters/loader.js';

type Trie = { get(cp: number): number };
type TrieClass = new (data: Uint8Array) => Trie;

/** unicode-trie's class, whose instances inflate their data on the first lookup. */
const lazyTrie: StandIn = (real) => {
  let Real: TrieClass | undefined;
  return class LazyTrie {
    private trie: Trie | undefined;
    constructor(private readonly data: Uint8Array) {}
    get(cp: number): number {
      return (this.trie ??= new (Real ??= real() as TrieClass)(this.data)).get(cp);
    }
  };
};

/** A function module, loaded when first called. */
const lazyFunction: StandIn = (real) => {
  let f: ((...a: unknown[]) => unknown) | undefined;
  return (...a: unknown[]) => (f ??= real() as (...a: unknown[]) => unknown)(...a);
};

/** A module of named exports, loaded when one is first read. */
const lazyExports: StandIn = (real) => {
  let m: Record<string | symbol, unknown> | undefined;
  return new Proxy({}, { get: (_t, k) => (m ??= real() as Record<string | symbol, unknown>)[k] });
};

/** A class, loaded when first constructed (pdfkit's line breaker: text() only, never called here). */
const lazyClass: StandIn = (real) => {
  let C: (new (...a: unknown[]) => object) | undefined;
  return function LazyClass(...a: unknown[]): object {
    return new (C ??= real() as new (...a: unknown[]) => object)(...a);
  };
};

const DEFERRED: Record<string, StandIn> = {
  'unicode-trie': lazyTrie,
  'brotli/decompress.js': lazyFunction,
  '@noble/ciphers/aes': lazyExports,
  linebreak: lazyClass,
};

export const fontkit = requireWith<typeof Fontkit>('fontkit', DEFERRED);

let pdfkit: typeof PDFKit | undefined;
/** pdfkit's PDFDocument, loaded on first use (it shares the fontkit loaded above). */
export function PDFDocument(): typeof PDFKit {
  return (pdfkit ??= requireWith<typeof PDFKit>('pdfkit', DEFERRED));
}
