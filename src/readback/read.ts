// read-back, the document: pages (boxes and resources inherited down the page tree), what
// each page draws, and the document-level keys a printer asks about (Info, OutputIntents).
import { Dict, Name, NotPdf, Obj, PdfFile, PdfString, Ref, Stream, decodeStream, nameOf } from './cos.js';
import { Drawn, runContent } from './content.js';
import { FontInfo, fontInfo } from './fonts.js';

export { NotPdf } from './cos.js';

export type Box = [number, number, number, number]; // llx lly urx ury, PDF space

export interface ReadPage {
  number: number;
  mediaBox: Box;
  cropBox?: Box;
  trimBox?: Box;
  bleedBox?: Box;
  artBox?: Box;
  rotate: number;
  /** The page's /Group is a transparency group. */
  transparencyGroup: boolean;
  drawn: Drawn;
  fonts: FontInfo[]; // the page's font resources
  /** Subtypes of the page's annotations (Link, Widget, PrinterMark …). */
  annotations: string[];
}

export interface OutputIntent {
  S: string;
  identifier: string; // OutputConditionIdentifier
  condition: string;
  registry: string;
  info: string;
  /** The embedded destination profile's colour components (4 CMYK, 1 gray), or 0 when none. */
  profileN: number;
}

export interface ReadDoc {
  file: PdfFile;
  version: string; // the header's, or the catalog's /Version when later
  /** Info values as text; a name is given as `/Name` (so /Trapped /False reads '/False'). */
  info: Record<string, string>;
  outputIntents: OutputIntent[];
  hasId: boolean;
  pages: ReadPage[];
  /** Every font met on any page, once. */
  fonts: FontInfo[];
}

export function readPdf(bytes: Uint8Array): ReadDoc {
  const f = new PdfFile(bytes);
  const cat = f.dict(f.trailer.get('Root'));
  if (!cat) throw new NotPdf('no document catalog'); // a /Root that names no dictionary
  const catVersion = nameOf(f.resolve(cat.get('Version')));
  const version = catVersion && catVersion > f.version ? catVersion : f.version;
  const pages = pageList(f, f.dict(cat.get('Pages')));
  const fonts = new Map<FontInfo, true>();
  for (const p of pages) {
    for (const fi of p.fonts) fonts.set(fi, true);
    for (const g of p.drawn.glyphs) fonts.set(g.font, true);
  }
  const id = f.resolve(f.trailer.get('ID'));
  return { file: f, version, info: infoOf(f), outputIntents: intents(f, cat), hasId: Array.isArray(id) && id.length === 2, pages, fonts: [...fonts.keys()] };
}

function text(f: PdfFile, o: Obj | undefined): string {
  const v = f.resolve(o);
  if (v instanceof PdfString) return v.text;
  if (v instanceof Name) return `/${v.name}`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

function infoOf(f: PdfFile): Record<string, string> {
  const d = f.dict(f.trailer.get('Info'));
  const out: Record<string, string> = {};
  if (d) for (const k of d.map.keys()) out[k] = text(f, d.get(k));
  return out;
}

function intents(f: PdfFile, cat: Dict): OutputIntent[] {
  return (f.arr(cat.get('OutputIntents')) ?? []).flatMap((o) => {
    const d = f.dict(o);
    if (!d) return [];
    const prof = f.resolve(d.get('DestOutputProfile'));
    return [{
      S: nameOf(f.resolve(d.get('S'))) ?? '',
      identifier: text(f, d.get('OutputConditionIdentifier')),
      condition: text(f, d.get('OutputCondition')),
      registry: text(f, d.get('RegistryName')),
      info: text(f, d.get('Info')),
      profileN: prof instanceof Stream ? (f.num(prof.dict.get('N')) ?? 0) : 0,
    }];
  });
}

function boxOf(f: PdfFile, o: Obj | undefined): Box | undefined {
  const a = f.arr(o);
  if (!a || a.length !== 4) return undefined;
  const [x1, y1, x2, y2] = a.map((v) => f.num(v) ?? 0);
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}

interface Inherited {
  res?: Dict;
  media?: Box;
  crop?: Box;
  rotate: number;
}

function pageList(f: PdfFile, root: Dict | undefined): ReadPage[] {
  const out: ReadPage[] = [];
  const seen = new Set<Dict>();
  const walk = (node: Dict | undefined, inh: Inherited) => {
    if (!node || seen.has(node) || out.length > 100000) return;
    seen.add(node);
    const here: Inherited = {
      res: f.dict(node.get('Resources')) ?? inh.res,
      media: boxOf(f, node.get('MediaBox')) ?? inh.media,
      crop: boxOf(f, node.get('CropBox')) ?? inh.crop,
      rotate: f.num(node.get('Rotate')) ?? inh.rotate,
    };
    const kids = f.arr(node.get('Kids'));
    if (nameOf(f.resolve(node.get('Type'))) === 'Pages' || (kids && !node.get('Contents'))) {
      for (const k of kids ?? []) walk(f.dict(k), here);
      return;
    }
    out.push(readPage(f, node, here, out.length + 1));
  };
  walk(root, { rotate: 0 });
  return out;
}

function readPage(f: PdfFile, d: Dict, inh: Inherited, number: number): ReadPage {
  const media = inh.media ?? [0, 0, 612, 792];
  const data = contentsOf(f, d.get('Contents'));
  const drawn = runContent(f, data, inh.res, media);
  const grp = f.dict(d.get('Group'));
  const fontRes = f.dict(inh.res?.get('Font'));
  const fonts = fontRes ? [...fontRes.map.values()].flatMap((r) => fontInfo(f, r) ?? []) : [];
  return {
    number, mediaBox: media, cropBox: inh.crop, trimBox: boxOf(f, d.get('TrimBox')), bleedBox: boxOf(f, d.get('BleedBox')),
    artBox: boxOf(f, d.get('ArtBox')), rotate: inh.rotate,
    transparencyGroup: !!grp && nameOf(f.resolve(grp.get('S'))) === 'Transparency', drawn, fonts,
    annotations: (f.arr(d.get('Annots')) ?? []).map((a) => nameOf(f.resolve(f.dict(a)?.get('Subtype'))) ?? '?'),
  };
}

function contentsOf(f: PdfFile, o: Obj | undefined): Uint8Array {
  const v = f.resolve(o);
  const parts = (Array.isArray(v) ? v : [v]).map((x) => (x instanceof Ref ? f.resolve(x) : x));
  const chunks: Uint8Array[] = [];
  for (const s of parts) {
    if (!(s instanceof Stream)) continue;
    try {
      chunks.push(decodeStream(s, f), Uint8Array.of(10));
    } catch {
      /* an undecodable part draws nothing */
    }
  }
  return Buffer.concat(chunks);
}

/** A box in the DisplayList's coordinates: x, y from the MediaBox's top-left, width, height. */
export function topDown(b: Box, media: Box): [number, number, number, number] {
  return [b[0] - media[0], media[3] - b[3], b[2] - b[0], b[3] - b[1]];
}

export { decodeStream };
