// Tiny PDFs made with pdfkit, for the visual tests.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

export const NOTO_SERIF_SC = createRequire(import.meta.url).resolve(
  '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
);

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TinyPdfOptions {
  /** Page size in points; default 200 × 200. */
  size?: [number, number];
  /** Black rectangles, in points from the top-left (pdfkit's own coordinates). */
  rects?: Box[];
  /** Text in Noto Serif SC at (x, y) top-left of the line box. */
  text?: { str: string; x: number; y: number; size: number };
  /** Pages to make; each gets the same content. */
  pages?: number;
}

export function makePdf(opts: TinyPdfOptions = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: opts.size ?? [200, 200],
    margin: 0,
    autoFirstPage: false,
    // Fixed date: the same input gives the same bytes apart from the random file ID.
    info: { CreationDate: new Date(Date.UTC(2025, 2, 11)) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.registerFont('serif', NOTO_SERIF_SC);
  for (let p = 0; p < (opts.pages ?? 1); p++) {
    doc.addPage();
    for (const r of opts.rects ?? []) doc.rect(r.x, r.y, r.w, r.h).fill('#000000');
    if (opts.text) {
      const t = opts.text;
      doc.font('serif').fontSize(t.size).fillColor('#000000').text(t.str, t.x, t.y, { lineBreak: false });
    }
  }
  doc.end();
  return done;
}
