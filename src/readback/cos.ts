// read-back, objects: the PDF file as COS objects (numbers, names, strings, arrays,
// dictionaries, streams, references), found through the xref table or xref streams, with
// object streams and the usual stream filters. Our own small reader rather than pdf.js:
// pdf.js normalises what it reads (it hides text state, merges runs, converts colour),
// while a preflight must see exactly the operators and keys the file holds.
import { inflateSync, constants as zc } from 'node:zlib';

export class Name {
  constructor(readonly name: string) {}
}
export class Ref {
  constructor(readonly num: number, readonly gen: number) {}
}
/** A string's bytes (literal or hex); `.text` reads them as PDFDocEncoding/UTF-16BE. */
export class PdfString {
  constructor(readonly bytes: Uint8Array) {}
  get text(): string {
    const b = this.bytes;
    if (b[0] === 0xfe && b[1] === 0xff) {
      let s = '';
      for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i] << 8) | b[i + 1]);
      return s;
    }
    return String.fromCharCode(...b);
  }
}
export class Dict {
  constructor(readonly map: Map<string, Obj> = new Map()) {}
  get(k: string): Obj | undefined {
    return this.map.get(k);
  }
  has(k: string): boolean {
    return this.map.has(k);
  }
}
export class Stream {
  constructor(readonly dict: Dict, readonly raw: Uint8Array) {}
}
export class Op {
  constructor(readonly op: string) {}
}
export type Obj = null | boolean | number | Name | PdfString | Ref | Dict | Stream | Obj[];

/** Not a PDF we can read: the message is for one error line. */
export class NotPdf extends Error {}

const WS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

/** A tokenizer over bytes; used for the file's objects and for content streams. */
export class Lexer {
  pos: number;
  constructor(readonly b: Uint8Array, pos = 0) {
    this.pos = pos;
  }
  skipWs(): void {
    const b = this.b;
    for (;;) {
      while (this.pos < b.length && WS[b[this.pos]]) this.pos++;
      if (b[this.pos] !== 37) return; // %
      while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
    }
  }
  /** The next token: an object, '[' ']' '<<' '>>', an Op keyword, or undefined at the end. */
  token(): Obj | Op | '[' | ']' | '<<' | '>>' | '{' | '}' | undefined {
    this.skipWs();
    const b = this.b;
    if (this.pos >= b.length) return undefined;
    const c = b[this.pos];
    if (c === 91) return this.pos++, '[';
    if (c === 93) return this.pos++, ']';
    if (c === 123) return this.pos++, '{';
    if (c === 125) return this.pos++, '}';
    if (c === 60) {
      if (b[this.pos + 1] === 60) return (this.pos += 2), '<<';
      return this.hexString();
    }
    if (c === 62) {
      if (b[this.pos + 1] === 62) return (this.pos += 2), '>>';
      this.pos++;
      return new Op('>');
    }
    if (c === 40) return this.literalString();
    if (c === 47) return this.name();
    const start = this.pos;
    while (this.pos < b.length && !WS[b[this.pos]] && !DELIM[b[this.pos]]) this.pos++;
    if (this.pos === start) {
      this.pos++; // a stray delimiter such as ')'
      return new Op(String.fromCharCode(c));
    }
    const word = latin1(b, start, this.pos);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return Number(word);
    if (/^[+-]?\d*\.?\d*$/.test(word)) return 0; // '-' or '.' alone: readers take 0
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return new Op(word);
  }
  private name(): Name {
    const b = this.b;
    this.pos++;
    let s = '';
    while (this.pos < b.length && !WS[b[this.pos]] && !DELIM[b[this.pos]]) {
      const c = b[this.pos];
      if (c === 35 && isHex(b[this.pos + 1]) && isHex(b[this.pos + 2])) {
        s += String.fromCharCode(parseInt(latin1(b, this.pos + 1, this.pos + 3), 16));
        this.pos += 3;
      } else {
        s += String.fromCharCode(c);
        this.pos++;
      }
    }
    return new Name(s);
  }
  private hexString(): PdfString {
    const b = this.b;
    this.pos++;
    const out: number[] = [];
    let hi = -1;
    while (this.pos < b.length && b[this.pos] !== 62) {
      const v = hexVal(b[this.pos++]);
      if (v < 0) continue;
      if (hi < 0) hi = v;
      else out.push((hi << 4) | v), (hi = -1);
    }
    if (hi >= 0) out.push(hi << 4);
    this.pos++;
    return new PdfString(Uint8Array.from(out));
  }
  private literalString(): PdfString {
    const b = this.b;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < b.length) {
      let c = b[this.pos++];
      if (c === 40) depth++;
      else if (c === 41 && --depth === 0) break;
      else if (c === 92) {
        c = b[this.pos++];
        const esc: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 };
        if (esc[c] !== undefined) c = esc[c];
        else if (c >= 48 && c <= 55) {
          let v = c - 48;
          for (let k = 0; k < 2 && b[this.pos] >= 48 && b[this.pos] <= 55; k++) v = v * 8 + b[this.pos++] - 48;
          c = v & 255;
        } else if (c === 13 || c === 10) {
          if (c === 13 && b[this.pos] === 10) this.pos++;
          continue; // a line continuation
        }
      }
      out.push(c);
    }
    return new PdfString(Uint8Array.from(out));
  }
}

function isHex(c: number): boolean {
  return hexVal(c) >= 0;
}
function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}
export function latin1(b: Uint8Array, s: number, e: number): string {
  let r = '';
  for (let i = s; i < e; i++) r += String.fromCharCode(b[i]);
  return r;
}

/** Parse one object from the lexer (arrays and dictionaries nested; `N G R` as a Ref). */
export function parseObj(lx: Lexer, first?: ReturnType<Lexer['token']>): Obj | Op | undefined {
  const t = first === undefined ? lx.token() : first;
  if (t === '[') {
    const arr: Obj[] = [];
    for (;;) {
      const x = lx.token();
      if (x === ']' || x === undefined) return arr;
      const v = parseObj(lx, x);
      if (v instanceof Op) {
        if (v.op === 'R' && arr.length >= 2) {
          const gen = arr.pop() as number;
          arr.push(new Ref(arr.pop() as number, gen));
        }
        continue;
      }
      if (v !== undefined) arr.push(v);
    }
  }
  if (t === '<<') {
    const d = new Dict();
    for (;;) {
      const k = lx.token();
      if (k === '>>' || k === undefined) return d;
      if (!(k instanceof Name)) continue;
      const v = parseObj(lx);
      if (v instanceof Op || v === undefined) continue;
      // `/Key N G R`: look ahead for the reference.
      if (typeof v === 'number') {
        const save = lx.pos;
        const g = lx.token();
        if (typeof g === 'number') {
          const r = lx.token();
          if (r instanceof Op && r.op === 'R') {
            d.map.set(k.name, new Ref(v, g));
            continue;
          }
        }
        lx.pos = save;
      }
      d.map.set(k.name, v);
    }
  }
  if (t === ']' || t === '>>' || t === '{' || t === '}') return new Op(t);
  return t;
}

interface XEntry {
  type: 1 | 2;
  a: number; // offset, or the object stream's number
  b: number; // generation, or the index in the object stream
}

/** A PDF file: its trailer, its objects by number, resolved on demand. */
export class PdfFile {
  readonly version: string;
  trailer = new Dict();
  readonly xref = new Map<number, XEntry>();
  /** How the cross-reference was found: 'table', 'stream' or 'rebuilt' (a damaged file). */
  xrefKind: 'table' | 'stream' | 'rebuilt' = 'table';
  private cache = new Map<number, Obj>();
  private objStms = new Map<number, Map<number, Obj>>();

  constructor(readonly b: Uint8Array) {
    const head = latin1(b, 0, Math.min(b.length, 1024));
    const m = /%PDF-(\d\.\d)/.exec(head);
    if (!m) throw new NotPdf('no %PDF- header');
    this.version = m[1];
    try {
      this.readXrefChain();
    } catch {
      this.xref.clear();
    }
    if (!this.trailer.get('Root') || this.xref.size === 0) this.rebuild();
    if (!this.trailer.get('Root')) throw new NotPdf('no document catalog (/Root) found');
    if (this.trailer.get('Encrypt')) throw new NotPdf('the file is encrypted');
  }

  private readXrefChain(): void {
    const tail = latin1(this.b, Math.max(0, this.b.length - 2048), this.b.length);
    const m = /startxref\s+(\d+)/g;
    let last: RegExpExecArray | null = null;
    for (let x; (x = m.exec(tail)); ) last = x;
    if (!last) throw new Error('no startxref');
    let off: number | undefined = Number(last[1]);
    const seen = new Set<number>();
    while (off !== undefined && !seen.has(off)) {
      seen.add(off);
      const t = this.readXrefAt(off);
      for (const [k, v] of t.map) if (!this.trailer.has(k)) this.trailer.map.set(k, v);
      const stm = t.get('XRefStm');
      if (typeof stm === 'number' && !seen.has(stm)) seen.add(stm), this.readXrefAt(stm);
      const prev = t.get('Prev');
      off = typeof prev === 'number' ? prev : undefined;
    }
  }

  /** One xref section (table or stream) at `off`; entries already known win (newer first). */
  private readXrefAt(off: number): Dict {
    const lx = new Lexer(this.b, off);
    const t = lx.token();
    if (t instanceof Op && t.op === 'xref') {
      for (;;) {
        const s = lx.token();
        if (s instanceof Op && s.op === 'trailer') break;
        const count = lx.token();
        if (typeof s !== 'number' || typeof count !== 'number') throw new Error('bad xref');
        for (let i = 0; i < count; i++) {
          const o = lx.token() as number;
          const g = lx.token() as number;
          const kind = lx.token();
          if (kind instanceof Op && kind.op === 'n' && !this.xref.has(s + i) && o > 0) this.xref.set(s + i, { type: 1, a: o, b: g });
        }
      }
      const d = parseObj(lx);
      if (!(d instanceof Dict)) throw new Error('bad trailer');
      return d;
    }
    // An xref stream: `N G obj << /Type /XRef … >> stream`.
    lx.pos = off;
    const o = this.parseIndirectAt(off);
    if (!(o instanceof Stream)) throw new Error('bad xref stream');
    this.xrefKind = 'stream';
    const data = decodeStream(o, this);
    const W = (this.resolve(o.dict.get('W')) as number[]).map(Number);
    const size = Number(this.resolve(o.dict.get('Size')));
    const index = (this.resolve(o.dict.get('Index')) as number[] | undefined) ?? [0, size];
    const rec = W[0] + W[1] + W[2];
    let p = 0;
    const field = (w: number, dflt: number) => {
      if (w === 0) return dflt;
      let v = 0;
      for (let i = 0; i < w; i++) v = v * 256 + data[p++];
      return v;
    };
    for (let k = 0; k + 1 < index.length; k += 2) {
      for (let i = 0; i < index[k + 1] && p + rec <= data.length; i++) {
        const type = field(W[0], 1);
        const a = field(W[1], 0);
        const b = field(W[2], 0);
        const num = index[k] + i;
        if ((type === 1 || type === 2) && !this.xref.has(num)) this.xref.set(num, { type, a, b });
      }
    }
    return o.dict;
  }

  /** A damaged file: find every `N G obj` and the last trailer (or xref stream) by scanning. */
  private rebuild(): void {
    this.xrefKind = 'rebuilt';
    this.xref.clear();
    const s = latin1(this.b, 0, this.b.length);
    const re = /(?:^|[\s>])(\d+)\s+(\d+)\s+obj\b/g;
    for (let m; (m = re.exec(s)); ) {
      const at = m.index + m[0].indexOf(m[1]);
      this.xref.set(Number(m[1]), { type: 1, a: at, b: Number(m[2]) });
    }
    const tr = s.lastIndexOf('trailer');
    if (tr >= 0) {
      const d = parseObj(new Lexer(this.b, tr + 7));
      if (d instanceof Dict) this.trailer = d;
    }
    if (!this.trailer.get('Root')) {
      for (const num of this.xref.keys()) {
        const o = this.get(num);
        const d = o instanceof Stream ? o.dict : o instanceof Dict ? o : undefined;
        if (d && nameOf(d.get('Type')) === 'XRef' && d.get('Root')) this.trailer = d;
        if (d && nameOf(d.get('Type')) === 'Catalog' && !this.trailer.get('Root')) this.trailer.map.set('Root', new Ref(num, 0));
      }
    }
  }

  private parseIndirectAt(off: number): Obj {
    const lx = new Lexer(this.b, off);
    lx.token();
    lx.token();
    const kw = lx.token();
    if (!(kw instanceof Op) || kw.op !== 'obj') throw new Error(`no object at ${off}`);
    const o = parseObj(lx);
    const save = lx.pos;
    const next = lx.token();
    if (o instanceof Dict && next instanceof Op && next.op === 'stream') {
      let start = lx.pos;
      if (this.b[start] === 13) start++;
      if (this.b[start] === 10) start++;
      let len = this.resolve(o.get('Length'));
      const endAt = (p: number) => latin1(this.b, p, Math.min(this.b.length, p + 30)).trimStart().startsWith('endstream');
      if (typeof len !== 'number' || start + len > this.b.length || !endAt(start + len)) {
        const e = latin1(this.b, start, this.b.length).indexOf('endstream');
        len = e < 0 ? this.b.length - start : e;
        while (len > 0 && (this.b[start + len - 1] === 10 || this.b[start + len - 1] === 13)) len--;
      }
      return new Stream(o, this.b.subarray(start, start + (len as number)));
    }
    lx.pos = save;
    return o instanceof Op || o === undefined ? null : o;
  }

  get(num: number): Obj {
    if (this.cache.has(num)) return this.cache.get(num)!;
    const e = this.xref.get(num);
    let o: Obj = null;
    this.cache.set(num, null); // a reference loop reads as null
    try {
      if (e?.type === 1) o = this.parseIndirectAt(e.a);
      else if (e?.type === 2) o = this.fromObjStm(e.a, num);
    } catch {
      // The xref points where the object is not (an edited file): find every object by
      // scanning, once, and look again.
      o = null;
      if (e?.type === 1 && this.xrefKind !== 'rebuilt') {
        const trailer = this.trailer;
        this.rebuild();
        if (trailer.get('Root')) this.trailer = trailer;
        this.cache.clear();
        return this.get(num);
      }
    }
    this.cache.set(num, o);
    return o;
  }

  private fromObjStm(stmNum: number, num: number): Obj {
    let m = this.objStms.get(stmNum);
    if (!m) {
      m = new Map();
      this.objStms.set(stmNum, m);
      const s = this.get(stmNum);
      if (s instanceof Stream) {
        const data = decodeStream(s, this);
        const n = Number(this.resolve(s.dict.get('N')));
        const first = Number(this.resolve(s.dict.get('First')));
        const lx = new Lexer(data);
        const heads: [number, number][] = [];
        for (let i = 0; i < n; i++) heads.push([lx.token() as number, lx.token() as number]);
        for (const [k, off] of heads) {
          const v = parseObj(new Lexer(data, first + off));
          m.set(k, v instanceof Op || v === undefined ? null : v);
        }
      }
    }
    return m.get(num) ?? null;
  }

  resolve(o: Obj | undefined): Obj | undefined {
    for (let i = 0; o instanceof Ref && i < 32; i++) o = this.get(o.num);
    return o;
  }
  dict(o: Obj | undefined): Dict | undefined {
    const r = this.resolve(o);
    return r instanceof Dict ? r : r instanceof Stream ? r.dict : undefined;
  }
  num(o: Obj | undefined): number | undefined {
    const r = this.resolve(o);
    return typeof r === 'number' ? r : undefined;
  }
  arr(o: Obj | undefined): Obj[] | undefined {
    const r = this.resolve(o);
    return Array.isArray(r) ? r : undefined;
  }
}

export function nameOf(o: Obj | undefined): string | undefined {
  return o instanceof Name ? o.name : undefined;
}

/** The filters of a stream, outermost first. */
export function filtersOf(s: Stream, f: PdfFile): { names: string[]; parms: (Dict | undefined)[] } {
  const fo = f.resolve(s.dict.get('Filter') ?? s.dict.get('F'));
  const po = f.resolve(s.dict.get('DecodeParms') ?? s.dict.get('DP'));
  const names = (Array.isArray(fo) ? fo : fo ? [fo] : []).map((x) => nameOf(f.resolve(x)) ?? '');
  const parms = (Array.isArray(po) ? po : [po]).map((x) => f.dict(x ?? undefined));
  return { names, parms };
}

const IMAGE_FILTERS = new Set(['DCTDecode', 'DCT', 'JPXDecode', 'CCITTFaxDecode', 'CCF', 'JBIG2Decode']);

/** A stream's data with its general filters applied; image codecs (DCT, JPX …) are left on. */
export function decodeStream(s: Stream, f: PdfFile): Uint8Array {
  const { names, parms } = filtersOf(s, f);
  let d = s.raw;
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    if (IMAGE_FILTERS.has(n)) break;
    if (n === 'FlateDecode' || n === 'Fl') d = predict(inflate(d), parms[i], f);
    else if (n === 'LZWDecode' || n === 'LZW') d = predict(lzw(d), parms[i], f);
    else if (n === 'ASCIIHexDecode' || n === 'AHx') d = asciiHex(d);
    else if (n === 'ASCII85Decode' || n === 'A85') d = ascii85(d);
    else if (n === 'RunLengthDecode' || n === 'RL') d = runLength(d);
    else throw new Error(`unknown filter /${n}`);
  }
  return d;
}

function inflate(d: Uint8Array): Uint8Array {
  try {
    return inflateSync(d);
  } catch {
    // A truncated or unterminated stream: take what inflates.
    return inflateSync(d, { finishFlush: zc.Z_SYNC_FLUSH });
  }
}

/** PNG (10–15) and TIFF (2) predictors of Flate and LZW streams. */
function predict(d: Uint8Array, p: Dict | undefined, f: PdfFile): Uint8Array {
  const pred = f.num(p?.get('Predictor')) ?? 1;
  if (pred < 2) return d;
  const colors = f.num(p?.get('Colors')) ?? 1;
  const bpc = f.num(p?.get('BitsPerComponent')) ?? 8;
  const cols = f.num(p?.get('Columns')) ?? 1;
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const row = Math.ceil((colors * bpc * cols) / 8);
  if (pred === 2) {
    const out = Uint8Array.from(d);
    if (bpc === 8) for (let r = 0; r < out.length; r += row) for (let i = bpp; i < row && r + i < out.length; i++) out[r + i] = (out[r + i] + out[r + i - bpp]) & 255;
    return out;
  }
  const rows = Math.floor(d.length / (row + 1));
  const out = new Uint8Array(rows * row);
  let prev = new Uint8Array(row);
  for (let r = 0; r < rows; r++) {
    const t = d[r * (row + 1)];
    const cur = out.subarray(r * row, (r + 1) * row);
    const src = d.subarray(r * (row + 1) + 1, (r + 1) * (row + 1));
    for (let i = 0; i < row; i++) {
      const a = i >= bpp ? cur[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      let v = src[i];
      if (t === 1) v += a;
      else if (t === 2) v += b;
      else if (t === 3) v += (a + b) >> 1;
      else if (t === 4) {
        const pp = a + b - c;
        const pa = Math.abs(pp - a), pb = Math.abs(pp - b), pc = Math.abs(pp - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = v & 255;
    }
    prev = cur;
  }
  return out;
}

function asciiHex(d: Uint8Array): Uint8Array {
  const out: number[] = [];
  let hi = -1;
  for (const c of d) {
    if (c === 62) break;
    const v = hexVal(c);
    if (v < 0) continue;
    if (hi < 0) hi = v;
    else out.push((hi << 4) | v), (hi = -1);
  }
  if (hi >= 0) out.push(hi << 4);
  return Uint8Array.from(out);
}

function ascii85(d: Uint8Array): Uint8Array {
  const out: number[] = [];
  let group: number[] = [];
  for (let i = 0; i < d.length; i++) {
    const c = d[i];
    if (c === 126) break; // ~>
    if (c === 122 && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    if (c < 33 || c > 117) continue;
    group.push(c - 33);
    if (group.length === 5) {
      let v = 0;
      for (const g of group) v = v * 85 + g;
      out.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
      group = [];
    }
  }
  if (group.length > 1) {
    const n = group.length;
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const g of group) v = v * 85 + g;
    const bytes = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
    out.push(...bytes.slice(0, n - 1));
  }
  return Uint8Array.from(out);
}

function runLength(d: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < d.length; ) {
    const n = d[i++];
    if (n === 128) break;
    if (n < 128) for (let k = 0; k <= n && i < d.length; k++) out.push(d[i++]);
    else {
      const v = d[i++];
      for (let k = 0; k < 257 - n; k++) out.push(v);
    }
  }
  return Uint8Array.from(out);
}

function lzw(d: Uint8Array): Uint8Array {
  const out: number[] = [];
  let dict: number[][] = [];
  const reset = () => {
    dict = [];
    for (let i = 0; i < 256; i++) dict.push([i]);
    dict.push([], []);
  };
  reset();
  let width = 9;
  let bits = 0;
  let acc = 0;
  let prev: number[] | null = null;
  for (let i = 0; i < d.length; i++) {
    acc = (acc << 8) | d[i];
    bits += 8;
    while (bits >= width) {
      const code = (acc >>> (bits - width)) & ((1 << width) - 1);
      bits -= width;
      if (code === 256) {
        reset();
        width = 9;
        prev = null;
        continue;
      }
      if (code === 257) return Uint8Array.from(out);
      let entry = dict[code];
      if (!entry && prev) entry = [...prev, prev[0]];
      if (!entry) return Uint8Array.from(out);
      out.push(...entry);
      if (prev) dict.push([...prev, entry[0]]);
      prev = entry;
      if (dict.length + 1 >= 1 << width && width < 12) width++;
    }
  }
  return Uint8Array.from(out);
}
