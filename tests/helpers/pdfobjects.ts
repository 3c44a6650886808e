// The objects of a PDF as text, for the press tests, which check what the writer wrote down to
// its spelling (`/OP true\n/op true\n/OPM 1`): each object's dictionary text and its decoded
// stream. The objects are found and their streams decoded by the read-back reader
// (src/readback/cos.ts: its xref, its filters); only the text of each object is sliced here.
import { PdfFile, Stream, decodeStream, latin1 } from '../../src/readback/cos.js';

export interface PdfObject {
  id: number;
  dict: string; // the object's text before `stream` (the whole object when it has none)
  stream?: Buffer; // decoded stream data
}

export function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const f = new PdfFile(pdf);
  const out = new Map<number, PdfObject>();
  for (const [id, e] of [...f.xref].sort((a, b) => a[0] - b[0])) {
    if (e.type !== 1) continue; // pdfkit writes no object streams
    const o = f.get(id);
    const head = o instanceof Stream ? o.raw.byteOffset - pdf.byteOffset : pdf.indexOf('endobj', e.a, 'latin1');
    const text = latin1(pdf, e.a, head).replace(/^\d+ \d+ obj\n/, '');
    if (o instanceof Stream) out.set(id, { id, dict: text.replace(/\nstream\r?\n$/, ''), stream: Buffer.from(decodeStream(o, f)) });
    else out.set(id, { id, dict: text.replace(/\n$/, '') });
  }
  return out;
}

/** `/Key 12 0 R` → object 12. */
export function refOf(dict: string, key: string): number | undefined {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
}

/** Pages in order with their dictionary and decoded content. */
export function pdfPages(objs: Map<number, PdfObject>): { dict: string; resources: string; content: string }[] {
  const pagesObj = [...objs.values()].find((o) => /\/Type \/Pages/.test(o.dict))!;
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(pagesObj.dict)![1].matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  return kids.map((id) => {
    const dict = objs.get(id)!.dict;
    const c = refOf(dict, 'Contents')!;
    const r = refOf(dict, 'Resources');
    return { dict, resources: r ? objs.get(r)!.dict : dict, content: objs.get(c)!.stream!.toString('latin1') };
  });
}

/** Image XObjects: dictionary and decoded samples. */
export function pdfImages(objs: Map<number, PdfObject>): { id: number; dict: string; width: number; height: number; space: string; data: Buffer }[] {
  return [...objs.values()]
    .filter((o) => /\/Subtype \/Image/.test(o.dict))
    .map((o) => ({
      id: o.id,
      dict: o.dict,
      width: Number(/\/Width (\d+)/.exec(o.dict)![1]),
      height: Number(/\/Height (\d+)/.exec(o.dict)![1]),
      space: /\/ColorSpace \/(\w+)/.exec(o.dict)?.[1] ?? '?',
      data: o.stream!,
    }));
}
