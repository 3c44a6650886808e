// read-back, fonts: what the content stream needs to follow the pen (code length, widths)
// and what a reader needs to know what was printed (ToUnicode, the glyph's ink box from
// the embedded TrueType outlines) and what a preflight asks (embedded? subset tag?).
import { createHash } from 'node:crypto';
import { Dict, Lexer, Name, Obj, Op, PdfFile, PdfString, Ref, Stream, decodeStream, nameOf } from './cos.js';

export interface FontInfo {
  /** Where it is: the font dictionary's object number (0 when direct). */
  obj: number;
  baseFont: string;
  subtype: string; // Type0, TrueType, Type1, Type3 …
  /** The font program's kind when embedded (FontFile, FontFile2, FontFile3), else ''. */
  embedded: string;
  /** `ABCDEF` of `ABCDEF+Name`, '' when not a subset name. */
  subsetTag: string;
  /** sha1 of the embedded font program, '' when not embedded. */
  programHash: string;
  /** Bytes per character code (2 for Identity-H/V CID fonts). */
  codeBytes: 1 | 2;
  vertical: boolean;
  widthOf(code: number): number; // glyph space, 1/1000 em
  unicodeOf(code: number): string;
  /** The glyph's ink left and right, 1/1000 em (undefined when not known: no TrueType outlines). */
  inkOf(code: number): [number, number] | undefined;
  /** Type3 glyph-space to text-space scale (FontMatrix a), 0.001 otherwise. */
  matrixScale: number;
}

const cacheByFile = new WeakMap<PdfFile, Map<string, FontInfo>>();

export function fontInfo(f: PdfFile, ref: Obj | undefined): FontInfo | undefined {
  const d = f.dict(ref);
  if (!d) return undefined;
  let cache = cacheByFile.get(f);
  if (!cache) cacheByFile.set(f, (cache = new Map()));
  const key = ref instanceof Ref ? `${ref.num}` : `direct:${cache.size}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const fi = readFont(f, d, ref instanceof Ref ? ref.num : 0);
  cache.set(key, fi);
  return fi;
}

function readFont(f: PdfFile, d: Dict, obj: number): FontInfo {
  const subtype = nameOf(f.resolve(d.get('Subtype'))) ?? '';
  const baseFont = nameOf(f.resolve(d.get('BaseFont'))) ?? '';
  const tag = /^([A-Z]{6})\+/.exec(baseFont)?.[1] ?? '';
  const toUni = readToUnicode(f, d.get('ToUnicode'));
  if (subtype === 'Type0') {
    const desc = f.dict(f.arr(d.get('DescendantFonts'))?.[0]);
    const enc = nameOf(f.resolve(d.get('Encoding'))) ?? '';
    const fd = f.dict(desc?.get('FontDescriptor'));
    const prog = fontProgram(f, fd);
    const widths = cidWidths(f, desc);
    const dw = f.num(desc?.get('DW')) ?? 1000;
    const c2g = f.resolve(desc?.get('CIDToGIDMap'));
    const gidOf = c2g instanceof Stream ? mapFrom(decodeStream(c2g, f)) : (cid: number) => cid;
    const ink = prog.kind === 'FontFile2' ? trueTypeInk(prog.data) : undefined;
    return {
      obj, baseFont, subtype, embedded: prog.kind, subsetTag: tag, programHash: prog.hash,
      codeBytes: 2, vertical: enc.endsWith('-V'),
      widthOf: (c) => widths.get(c) ?? dw,
      unicodeOf: (c) => toUni.get(c) ?? '',
      inkOf: (c) => ink?.(gidOf(c)),
      matrixScale: 0.001,
    };
  }
  const fd = f.dict(d.get('FontDescriptor'));
  const prog = subtype === 'Type3' ? { kind: 'Type3', hash: '', data: new Uint8Array() } : fontProgram(f, fd);
  const first = f.num(d.get('FirstChar')) ?? 0;
  const ws = (f.arr(d.get('Widths')) ?? []).map((w) => f.num(w) ?? 0);
  const missing = f.num(fd?.get('MissingWidth')) ?? 0;
  const fm = f.arr(d.get('FontMatrix'));
  const matrixScale = subtype === 'Type3' && fm ? (f.num(fm[0]) ?? 0.001) : 0.001;
  return {
    obj, baseFont, subtype, embedded: prog.kind, subsetTag: tag, programHash: prog.hash,
    codeBytes: 1, vertical: false,
    widthOf: (c) => (c >= first && c - first < ws.length ? ws[c - first] : missing),
    unicodeOf: (c) => toUni.get(c) ?? String.fromCharCode(c),
    inkOf: () => undefined,
    matrixScale,
  };
}

function fontProgram(f: PdfFile, fd: Dict | undefined): { kind: string; hash: string; data: Uint8Array } {
  for (const kind of ['FontFile2', 'FontFile', 'FontFile3']) {
    const s = f.resolve(fd?.get(kind));
    if (s instanceof Stream) {
      let data: Uint8Array = s.raw;
      try {
        data = decodeStream(s, f);
      } catch {
        /* hash the raw bytes */
      }
      return { kind, hash: createHash('sha1').update(data).digest('hex'), data };
    }
  }
  return { kind: '', hash: '', data: new Uint8Array() };
}

/** A CIDFont's /W: `c [w1 w2 …]` and `cFirst cLast w`. */
function cidWidths(f: PdfFile, desc: Dict | undefined): Map<number, number> {
  const out = new Map<number, number>();
  const w = f.arr(desc?.get('W')) ?? [];
  for (let i = 0; i < w.length; ) {
    const c = f.num(w[i]) ?? 0;
    const next = f.resolve(w[i + 1]);
    if (Array.isArray(next)) {
      next.forEach((v, k) => out.set(c + k, f.num(v) ?? 0));
      i += 2;
    } else {
      const last = f.num(next) ?? c;
      const v = f.num(w[i + 2]) ?? 0;
      for (let k = c; k <= last && k - c < 65536; k++) out.set(k, v);
      i += 3;
    }
  }
  return out;
}

function mapFrom(b: Uint8Array): (cid: number) => number {
  return (cid) => (2 * cid + 1 < b.length ? (b[2 * cid] << 8) | b[2 * cid + 1] : cid);
}

/** A ToUnicode CMap's bfchar and bfrange entries. */
export function readToUnicode(f: PdfFile, ref: Obj | undefined): Map<number, string> {
  const out = new Map<number, string>();
  const s = f.resolve(ref);
  if (!(s instanceof Stream)) return out;
  let data: Uint8Array;
  try {
    data = decodeStream(s, f);
  } catch {
    return out;
  }
  const lx = new Lexer(data);
  const code = (p: PdfString) => p.bytes.reduce((a, b) => a * 256 + b, 0);
  const uni = (p: PdfString) => {
    let s2 = '';
    for (let i = 0; i + 1 < p.bytes.length; i += 2) s2 += String.fromCharCode((p.bytes[i] << 8) | p.bytes[i + 1]);
    return s2;
  };
  const ops: Obj[] = [];
  for (let t = lx.token(); t !== undefined; t = lx.token()) {
    if (t instanceof Op) {
      if (t.op === 'endbfchar') for (let i = 0; i + 1 < ops.length; i += 2) {
        const a = ops[i], b = ops[i + 1];
        if (a instanceof PdfString && b instanceof PdfString) out.set(code(a), uni(b));
      }
      if (t.op === 'endbfrange') for (let i = 0; i + 2 < ops.length; i += 3) {
        const a = ops[i], b = ops[i + 1], c = ops[i + 2];
        if (!(a instanceof PdfString) || !(b instanceof PdfString)) continue;
        const lo = code(a), hi = code(b);
        for (let k = lo; k <= hi && k - lo < 65536; k++) {
          if (Array.isArray(c)) {
            const v = c[k - lo];
            if (v instanceof PdfString) out.set(k, uni(v));
          } else if (c instanceof PdfString) {
            const base = uni(c);
            out.set(k, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (k - lo)));
          }
        }
      }
      ops.length = 0;
      continue;
    }
    if (t === '[') {
      const arr: Obj[] = [];
      for (let x = lx.token(); x !== ']' && x !== undefined; x = lx.token()) if (x instanceof PdfString) arr.push(x);
      ops.push(arr);
    } else if (t instanceof PdfString || typeof t === 'number' || t instanceof Name) ops.push(t);
  }
  return out;
}

/** The ink (xMin, xMax) of each glyph of an embedded TrueType program, in 1/1000 em. */
function trueTypeInk(b: Uint8Array): ((gid: number) => [number, number] | undefined) | undefined {
  if (b.length < 12) return undefined;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const tables = new Map<string, [number, number]>();
  const n = dv.getUint16(4);
  for (let i = 0; i < n && 12 + 16 * i + 16 <= b.length; i++) {
    const p = 12 + 16 * i;
    tables.set(String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3]), [dv.getUint32(p + 8), dv.getUint32(p + 12)]);
  }
  const head = tables.get('head'), loca = tables.get('loca'), glyf = tables.get('glyf');
  if (!head || !loca || !glyf) return undefined;
  const upm = dv.getUint16(head[0] + 18);
  const long = dv.getInt16(head[0] + 50) === 1;
  return (gid) => {
    const at = (i: number) => (long ? dv.getUint32(loca[0] + 4 * i) : dv.getUint16(loca[0] + 2 * i) * 2);
    if ((gid + 1) * (long ? 4 : 2) >= loca[1]) return undefined;
    const s = at(gid), e = at(gid + 1);
    if (e <= s) return undefined; // no outline (a space)
    const g = glyf[0] + s;
    if (g + 10 > b.length) return undefined;
    return [(dv.getInt16(g + 2) * 1000) / upm, (dv.getInt16(g + 6) * 1000) / upm];
  };
}
