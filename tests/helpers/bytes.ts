// The PDF bytes of the issues whose output speed work must not change (issue 16), pinned in
// tests/golden/bytes.json: a SHA-256 of the whole file, and one of the file with the photos'
// sample data cut out. The second holds on any machine; the first only where libvips runs the
// same code (its SIMD paths differ between CPU families), so the CPU model is recorded with it.
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { Name, PdfFile, Stream } from '../../src/readback/cos.js';

export const PINNED_FILE = 'tests/golden/bytes.json';
export const PINNED_ISSUES = ['samples/qiantang-2025-03-11.yaml', 'samples/tabloid-2025-03-11.yaml', 'tests/fixtures/makeup/short.yaml', 'tests/fixtures/makeup/long.yaml'];

export interface Pinned {
  whole: string; // sha256 of the PDF
  withoutImages: string; // sha256 of the PDF with every image XObject's stream data removed
  images: number; // image XObjects found
}
export interface PinnedFile {
  cpu: string; // os.cpus()[0].model where `whole` was recorded
  issues: Record<string, Pinned>;
}

export function cpuModel(): string {
  return cpus()[0]?.model ?? 'unknown';
}

export function pin(pdf: Uint8Array): Pinned {
  const f = new PdfFile(pdf);
  const cuts: [number, number][] = [];
  for (const num of [...f.xref.keys()].sort((a, b) => a - b)) {
    const o = f.get(num);
    if (!(o instanceof Stream)) continue;
    const sub = o.dict.get('Subtype');
    if (!(sub instanceof Name) || sub.name !== 'Image') continue;
    const start = o.raw.byteOffset - pdf.byteOffset;
    cuts.push([start, start + o.raw.length]);
  }
  cuts.sort((a, b) => a[0] - b[0]);
  const h = createHash('sha256');
  let at = 0;
  for (const [s, e] of cuts) {
    h.update(pdf.subarray(at, s));
    at = e;
  }
  h.update(pdf.subarray(at));
  return { whole: createHash('sha256').update(pdf).digest('hex'), withoutImages: h.digest('hex'), images: cuts.length };
}
