// The objects of a PDF that pdfkit wrote (classic xref, no object streams), read back for
// the press tests: each object's dictionary text and its decoded stream. Not a general PDF
// reader — just enough to check what the writer wrote.
import { inflateSync } from 'node:zlib';

export interface PdfObject {
  id: number;
  dict: string; // the object's text before `stream` (the whole object when it has none)
  stream?: Buffer; // decoded (Flate) stream data
}

export function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const s = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const id = Number(m[1]);
    const start = m.index + m[0].length;
    const sIdx = s.indexOf('\nstream\n', start);
    const eIdx = s.indexOf('\nendobj', start);
    if (sIdx >= 0 && sIdx < eIdx) {
      const dict = s.slice(start, sIdx);
      const len = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
      const raw = pdf.subarray(sIdx + 8, sIdx + 8 + len);
      out.set(id, { id, dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : Buffer.from(raw) });
      re.lastIndex = sIdx + 8 + len;
    } else {
      out.set(id, { id, dict: s.slice(start, eIdx) });
      re.lastIndex = eIdx;
    }
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
