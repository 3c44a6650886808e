// Hand-made PDFs, object by object, for the read-back and preflight tests: each one holds
// exactly the keys and operators a test wants to see found (or missed).
import { deflateSync } from 'node:zlib';

export interface RawStream {
  dict: string; // the dictionary's inside, without << >> and /Length
  data: Buffer | string;
  flate?: boolean;
}
export type RawObj = string | RawStream;

/** Objects 1…n (object 1 is the catalog); `trailer` is added to the trailer dictionary. */
export function rawPdf(objs: RawObj[], o: { version?: string; trailer?: string } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from(`%PDF-${o.version ?? '1.3'}\n%\xe2\xe3\xcf\xd3\n`, 'latin1')];
  let len = parts[0].length;
  const offsets: number[] = [];
  objs.forEach((ob, i) => {
    offsets.push(len);
    let b: Buffer;
    if (typeof ob === 'string') b = Buffer.from(`${i + 1} 0 obj\n${ob}\nendobj\n`, 'latin1');
    else {
      const raw = typeof ob.data === 'string' ? Buffer.from(ob.data, 'latin1') : ob.data;
      const data = ob.flate ? deflateSync(raw) : raw;
      b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< ${ob.dict}${ob.flate ? ' /Filter /FlateDecode' : ''} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
    }
    parts.push(b);
    len += b.length;
  });
  const xref = [`xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`, ...offsets.map((x) => `${String(x).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R ${o.trailer ?? ''} >>\nstartxref\n${len}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

export interface OnePage {
  content: string;
  resources?: string; // inside of the page's /Resources << >>
  boxes?: string; // page box keys, default a MediaBox 200 × 200 with Trim and Bleed
  extra?: RawObj[]; // objects 4… (referenced from resources as 4 0 R …)
  catalog?: string; // added to the catalog
  trailer?: string;
  version?: string;
}

/** A one-page PDF: 1 catalog, 2 pages, 3 the page's content, 4… `extra`; the page is object 2's kid. */
export function onePage(p: OnePage): Buffer {
  const n = 4 + (p.extra?.length ?? 0);
  const boxes = p.boxes ?? '/MediaBox [0 0 200 200] /BleedBox [0 0 200 200] /TrimBox [5 5 195 195]';
  return rawPdf(
    [
      `<< /Type /Catalog /Pages 2 0 R ${p.catalog ?? ''} >>`,
      `<< /Type /Pages /Count 1 /Kids [${n} 0 R] >>`,
      { dict: '', data: p.content, flate: true },
      ...(p.extra ?? []),
      `<< /Type /Page /Parent 2 0 R ${boxes} /Resources << ${p.resources ?? ''} >> /Contents 3 0 R >>`,
    ],
    { version: p.version, trailer: p.trailer },
  );
}

/** An incremental update (the way an editor saves): `pdf` with object `num` replaced by a new
 * stream holding `data` (Flate), appended with its own xref section and a trailer whose /Prev
 * is the old one. `trailer` is the old trailer's inside, e.g. `/Root 1 0 R /Info 9 0 R`. */
export function replaceStream(pdf: Buffer, num: number, data: Buffer, trailer: string, size: number): Buffer {
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.toString('latin1', pdf.length - 64))?.[1];
  if (!prev) throw new Error('no startxref');
  const z = deflateSync(data);
  const obj = Buffer.concat([Buffer.from(`\n${num} 0 obj\n<< /Filter /FlateDecode /Length ${z.length} >>\nstream\n`, 'latin1'), z, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
  const at = pdf.length + 1;
  const xrefAt = pdf.length + obj.length;
  const tail = `xref\n0 1\n0000000000 65535 f \n${num} 1\n${String(at).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size} ${trailer} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, obj, Buffer.from(tail, 'latin1')]);
}
