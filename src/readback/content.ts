// read-back, content: a page's content stream run as a PDF reader runs it — graphics state
// with q/Q and cm, text state (Tf Tc Tw Tz TL Ts Tr, which live in the graphics state and
// survive ET), Tm/Td/TJ moving the pen by the font's own widths, colour operators, paths,
// XObjects (images placed, forms entered) and ExtGState (overprint, transparency). What it
// hands back is what was drawn, in the DisplayList's coordinates: points from the MediaBox's
// top-left, y downwards.
import { Dict, Lexer, Name, Obj, Op, PdfFile, PdfString, Ref, Stream, decodeStream, filtersOf, nameOf, parseObj } from './cos.js';
import { FontInfo, fontInfo } from './fonts.js';

export type Matrix = [number, number, number, number, number, number];
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export function mul(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}
const apply = (m: Matrix, x: number, y: number): [number, number] => [x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]];
const xLen = (m: Matrix) => Math.hypot(m[0], m[1]);
const yLen = (m: Matrix) => Math.hypot(m[2], m[3]);

/** A colour space as a preflight names it: family (DeviceCMYK, ICCBased, Indexed …), components, base. */
export interface Space {
  family: string;
  n: number;
  base?: Space; // Indexed's base, Separation/DeviceN's alternate, ICCBased's alternate
  names?: string[]; // Separation/DeviceN colorants
}
export interface Colour {
  space: Space;
  c: number[];
}
/** The overprint and transparency parameters in force (ExtGState). */
export interface Blend {
  OP: boolean; // stroking overprint
  op: boolean; // non-stroking overprint
  OPM: number;
  transparency: string; // '' or what makes it transparent (/SMask, /ca 0.5, /BM /Multiply)
}

export interface DrawnGlyph {
  char: string;
  code: number;
  x: number; // origin, page pt top-down
  y: number;
  adv: number; // advance, page pt (width × size × horizontal scale, Tc/Tw included)
  size: number; // page pt
  scale: number; // horizontal scale, % (Tz and any anisotropy of Tm × CTM)
  ink?: [number, number]; // ink left and right, page pt (TrueType outlines)
  mode: number; // Tr
  fill: Colour;
  stroke: Colour;
  blend: Blend;
  font: FontInfo;
  /** Each text-state parameter as set inside this BT…ET (not inherited from before it). */
  setInside: Set<string>;
}
export interface DrawnPath {
  segs: [number, number, number, number][];
  width: number; // page pt
  dash: boolean;
  paint: 'stroke' | 'fill' | 'both' | 'shading';
  fill: Colour;
  stroke: Colour;
  blend: Blend;
}
export interface DrawnImage {
  x: number; // placement box, page pt top-down
  y: number;
  width: number;
  height: number;
  ppiX: number;
  ppiY: number;
  pixelsX: number;
  pixelsY: number;
  space: Space;
  bpc: number;
  filters: string[];
  imageMask: boolean;
  smask: boolean;
  stream: Stream;
  obj: number; // 0 for an inline image
  blend: Blend;
  fill: Colour; // for stencil masks
}
export interface Drawn {
  glyphs: DrawnGlyph[];
  paths: DrawnPath[];
  images: DrawnImage[];
  /** Transparency groups met (a page or form /Group with /S /Transparency). */
  groups: string[];
  /** Operators this reader does not know or could not follow (a damaged stream). */
  unknown: string[];
}

const GRAY: Space = { family: 'DeviceGray', n: 1 };
const DEVICE: Record<string, Space> = {
  DeviceGray: GRAY, G: GRAY,
  DeviceRGB: { family: 'DeviceRGB', n: 3 }, RGB: { family: 'DeviceRGB', n: 3 },
  DeviceCMYK: { family: 'DeviceCMYK', n: 4 }, CMYK: { family: 'DeviceCMYK', n: 4 },
  Pattern: { family: 'Pattern', n: 0 },
};

interface Text {
  font?: FontInfo;
  size: number;
  Tc: number;
  Tw: number;
  Th: number;
  TL: number;
  Ts: number;
  Tr: number;
}
interface GS {
  ctm: Matrix;
  fill: Colour;
  stroke: Colour;
  lw: number;
  dash: boolean;
  blend: Blend;
  text: Text;
}

const clone = (g: GS): GS => ({ ...g, text: { ...g.text }, blend: { ...g.blend } });

/** Run a page (or form) content with its resources; `toPage` maps PDF space to top-down page pt. */
export function runContent(f: PdfFile, data: Uint8Array, resources: Dict | undefined, mediaBox: number[]): Drawn {
  const out: Drawn = { glyphs: [], paths: [], images: [], groups: [], unknown: [] };
  const [x0, , , y1] = mediaBox;
  const flip: Matrix = [1, 0, 0, -1, -x0, y1];
  const gs: GS = {
    ctm: flip, fill: { space: GRAY, c: [0] }, stroke: { space: GRAY, c: [0] }, lw: 1, dash: false,
    blend: { OP: false, op: false, OPM: 0, transparency: '' },
    text: { size: 0, Tc: 0, Tw: 0, Th: 1, TL: 0, Ts: 0, Tr: 0 },
  };
  run(f, data, resources, gs, out, 0);
  return out;
}

/** One content stream being run: its state, and the operators as methods on it. */
class Interp {
  readonly stack: GS[] = [];
  g: GS;
  ops: (Obj | undefined)[] = [];
  tm: Matrix = IDENTITY;
  tlm: Matrix = IDENTITY;
  // Copied on change: each glyph keeps the set as it was when the glyph was shown.
  setInside = new Set<string>();
  path: [number, number, number, number][] = [];
  cur: [number, number] = [0, 0];
  sub: [number, number] = [0, 0];

  constructor(readonly f: PdfFile, readonly lx: Lexer, readonly res: Dict | undefined, start: GS, readonly out: Drawn, readonly depth: number) {
    this.g = clone(start);
  }
  num(i: number): number {
    return typeof this.ops[i] === 'number' ? (this.ops[i] as number) : 0;
  }
  name(i: number): string {
    return nameOf(this.ops[i] as Obj) ?? '';
  }
  comps(): number[] {
    return this.ops.filter((o): o is number => typeof o === 'number');
  }
  resDict(kind: string): Dict | undefined {
    return this.f.dict(this.res?.get(kind));
  }
  pt(x: number, y: number): [number, number] {
    return apply(this.g.ctm, x, y);
  }
  seg(a: [number, number], b: [number, number]): void {
    this.path.push([a[0], a[1], b[0], b[1]]);
  }
  lineTo(x: number, y: number): void {
    const p = this.pt(x, y);
    this.seg(this.cur, p);
    this.cur = p;
  }
  mark(k: string): void {
    if (!this.setInside.has(k)) (this.setInside = new Set(this.setInside)).add(k);
  }
  nextLine(): void {
    this.tm = this.tlm = mul([1, 0, 0, 1, 0, -this.g.text.TL], this.tlm);
  }
  moveText(x: number, y: number): void {
    this.tm = this.tlm = mul([1, 0, 0, 1, x, y], this.tlm);
  }
  setSpace(which: 'fill' | 'stroke', o: Obj | undefined): void {
    const sp = space(this.f, o, this.resDict('ColorSpace'));
    this.g[which] = { space: sp, c: sp.family === 'Indexed' ? [0] : sp.n === 4 ? [0, 0, 0, 1] : new Array(sp.n).fill(0) };
  }
  paint(kind: DrawnPath['paint']): void {
    const g = this.g;
    if (this.path.length || kind === 'shading') this.out.paths.push({ segs: this.path, width: g.lw * Math.sqrt(Math.abs(g.ctm[0] * g.ctm[3] - g.ctm[1] * g.ctm[2])), dash: g.dash, paint: kind, fill: g.fill, stroke: g.stroke, blend: { ...g.blend } });
    this.path = [];
  }
  rect(): void {
    const [x, y, w, h] = [this.num(0), this.num(1), this.num(2), this.num(3)];
    const a = this.pt(x, y), b = this.pt(x + w, y), c = this.pt(x + w, y + h), d = this.pt(x, y + h);
    this.seg(a, b), this.seg(b, c), this.seg(c, d), this.seg(d, a);
    this.cur = this.sub = a;
  }
  /** A string shown: each code's glyph recorded at the pen, the pen moved by its width. */
  show(s: Obj | undefined): void {
    const font = this.g.text.font;
    if (!font || !(s instanceof PdfString)) return;
    const t = this.g.text;
    const bytes = s.bytes;
    for (let i = 0; i + font.codeBytes <= bytes.length; i += font.codeBytes) {
      const code = font.codeBytes === 2 ? (bytes[i] << 8) | bytes[i + 1] : bytes[i];
      const m = mul(this.tm, this.g.ctm);
      const trm = mul([t.size * t.Th, 0, 0, t.size, 0, t.Ts], m);
      const w0 = font.widthOf(code) * font.matrixScale;
      const tx = font.vertical ? 0 : (w0 * t.size + t.Tc + (font.codeBytes === 1 && code === 32 ? t.Tw : 0)) * t.Th;
      const [ox, oy] = apply(trm, 0, 0);
      const ink = font.inkOf(code);
      const k = xLen(trm) / 1000;
      this.out.glyphs.push({
        char: font.unicodeOf(code), code, x: ox, y: oy, adv: tx * xLen(m), size: t.size * yLen(m),
        scale: (t.Th * xLen(m) * 100) / (yLen(m) || 1), ink: ink ? [ox + ink[0] * k, ox + ink[1] * k] : undefined,
        mode: t.Tr, fill: this.g.fill, stroke: this.g.stroke, blend: { ...this.g.blend }, font, setInside: this.setInside,
      });
      this.tm = font.vertical ? mul([1, 0, 0, 1, 0, -(w0 * t.size + t.Tc)], this.tm) : mul([1, 0, 0, 1, tx, 0], this.tm);
    }
  }
  showArray(): void {
    for (const e of Array.isArray(this.ops[0]) ? this.ops[0] : []) {
      if (typeof e !== 'number') {
        this.show(e);
        continue;
      }
      const d = (-e / 1000) * this.g.text.size;
      this.tm = this.g.text.font?.vertical ? mul([1, 0, 0, 1, 0, d], this.tm) : mul([1, 0, 0, 1, d * this.g.text.Th, 0], this.tm);
    }
  }
  textParam(k: 'Tc' | 'Tw' | 'TL' | 'Ts' | 'Tr', v: number): void {
    this.g.text[k] = v;
    this.mark(k);
  }
}

const DEVICE_CMYK = { family: 'DeviceCMYK', n: 4 };
const DEVICE_RGB = { family: 'DeviceRGB', n: 3 };
const IGNORED = ['BX', 'EX', 'MP', 'DP', 'BMC', 'BDC', 'EMC', 'd0', 'd1', 'i', 'ri', 'J', 'j', 'M', 'W', 'W*', 'ET'];

/** Every operator this reader follows. */
const OPS: Record<string, (it: Interp) => void> = {
  q: (it) => it.stack.push(clone(it.g)),
  Q: (it) => void (it.stack.length && (it.g = it.stack.pop()!)),
  cm: (it) => void (it.g.ctm = mul([it.num(0), it.num(1), it.num(2), it.num(3), it.num(4), it.num(5)], it.g.ctm)),
  w: (it) => void (it.g.lw = it.num(0)),
  d: (it) => {
    const a = it.ops[0];
    it.g.dash = Array.isArray(a) && a.some((x) => typeof x === 'number' && x > 0);
  },
  gs: (it) => extGState(it.f, it.resDict('ExtGState')?.get(it.name(0)), it.g),
  g: (it) => void (it.g.fill = { space: GRAY, c: [it.num(0)] }),
  G: (it) => void (it.g.stroke = { space: GRAY, c: [it.num(0)] }),
  rg: (it) => void (it.g.fill = { space: DEVICE_RGB, c: it.comps() }),
  RG: (it) => void (it.g.stroke = { space: DEVICE_RGB, c: it.comps() }),
  k: (it) => void (it.g.fill = { space: DEVICE_CMYK, c: it.comps() }),
  K: (it) => void (it.g.stroke = { space: DEVICE_CMYK, c: it.comps() }),
  cs: (it) => it.setSpace('fill', it.ops[0]),
  CS: (it) => it.setSpace('stroke', it.ops[0]),
  sc: (it) => void (it.g.fill = { space: it.g.fill.space, c: it.comps() }),
  SC: (it) => void (it.g.stroke = { space: it.g.stroke.space, c: it.comps() }),
  m: (it) => void (it.cur = it.sub = it.pt(it.num(0), it.num(1))),
  l: (it) => it.lineTo(it.num(0), it.num(1)),
  c: (it) => it.lineTo(it.num(4), it.num(5)),
  v: (it) => it.lineTo(it.num(2), it.num(3)),
  h: (it) => {
    if (it.cur[0] !== it.sub[0] || it.cur[1] !== it.sub[1]) it.seg(it.cur, it.sub);
    it.cur = it.sub;
  },
  re: (it) => it.rect(),
  S: (it) => it.paint('stroke'),
  f: (it) => it.paint('fill'),
  B: (it) => it.paint('both'),
  n: (it) => void (it.path = []),
  sh: (it) => it.paint('shading'),
  BT: (it) => {
    it.tm = it.tlm = IDENTITY;
    it.setInside = new Set();
  },
  Tf: (it) => {
    it.g.text.font = fontInfo(it.f, it.resDict('Font')?.get(it.name(0)));
    it.g.text.size = it.num(1);
    it.mark('Tf');
  },
  Tc: (it) => it.textParam('Tc', it.num(0)),
  Tw: (it) => it.textParam('Tw', it.num(0)),
  TL: (it) => it.textParam('TL', it.num(0)),
  Ts: (it) => it.textParam('Ts', it.num(0)),
  Tr: (it) => it.textParam('Tr', it.num(0)),
  Tz: (it) => {
    it.g.text.Th = it.num(0) / 100;
    it.mark('Tz');
  },
  Tm: (it) => void (it.tm = it.tlm = [it.num(0), it.num(1), it.num(2), it.num(3), it.num(4), it.num(5)]),
  Td: (it) => it.moveText(it.num(0), it.num(1)),
  TD: (it) => {
    it.g.text.TL = -it.num(1);
    it.moveText(it.num(0), it.num(1));
  },
  'T*': (it) => it.nextLine(),
  Tj: (it) => it.show(it.ops[0]),
  "'": (it) => {
    it.nextLine();
    it.show(it.ops[0]);
  },
  '"': (it) => {
    it.g.text.Tw = it.num(0);
    it.g.text.Tc = it.num(1);
    it.nextLine();
    it.show(it.ops[2]);
  },
  TJ: (it) => it.showArray(),
  Do: (it) => doXObject(it.f, it.name(0), it.resDict('XObject'), it.res, it.g, it.out, it.depth),
  BI: (it) => inlineImage(it.f, it.lx, it.res, it.g, it.out),
};
OPS.scn = OPS.sc;
OPS.SCN = OPS.SC;
OPS.y = OPS.v;
OPS.s = OPS.S;
OPS.F = OPS['f*'] = OPS.f;
OPS['B*'] = OPS.b = OPS['b*'] = OPS.B;
for (const op of IGNORED) OPS[op] = () => undefined;
// ET ends the text object; what was set inside it no longer counts as set "inside".
OPS.ET = (it) => void (it.setInside = new Set());

function run(f: PdfFile, data: Uint8Array, res: Dict | undefined, start: GS, out: Drawn, depth: number): void {
  const lx = new Lexer(data);
  const it = new Interp(f, lx, res, start, out, depth);
  for (let tok = lx.token(); tok !== undefined; tok = lx.token()) {
    if (!(tok instanceof Op)) {
      const v = tok === '[' || tok === '<<' ? parseObj(lx, tok) : tok;
      it.ops.push(v instanceof Op ? undefined : (v as Obj));
      continue;
    }
    const handle = OPS[tok.op];
    if (handle) handle(it);
    else if (out.unknown.length < 20) out.unknown.push(tok.op);
    it.ops = [];
  }
}

function extGState(f: PdfFile, ref: Obj | undefined, g: GS): void {
  const d = f.dict(ref);
  if (!d) return;
  const b = (k: string) => f.resolve(d.get(k));
  if (typeof b('OP') === 'boolean') {
    g.blend.OP = b('OP') as boolean;
    if (!d.has('op')) g.blend.op = g.blend.OP;
  }
  if (typeof b('op') === 'boolean') g.blend.op = b('op') as boolean;
  if (typeof b('OPM') === 'number') g.blend.OPM = b('OPM') as number;
  if (typeof b('LW') === 'number') g.lw = b('LW') as number;
  const why: string[] = [];
  const sm = b('SMask');
  if (sm !== undefined && nameOf(sm) !== 'None') why.push('/SMask');
  for (const k of ['CA', 'ca']) if (typeof b(k) === 'number' && (b(k) as number) < 1) why.push(`/${k} ${b(k)}`);
  const bm = b('BM');
  const bmName = Array.isArray(bm) ? nameOf(bm[0]) : nameOf(bm);
  if (bmName && bmName !== 'Normal' && bmName !== 'Compatible') why.push(`/BM /${bmName}`);
  g.blend.transparency = why.join(' ');
}

export function space(f: PdfFile, o: Obj | undefined, named?: Dict): Space {
  let v = f.resolve(o);
  if (v instanceof Name && !DEVICE[v.name] && named?.get(v.name) !== undefined) v = f.resolve(named.get(v.name));
  if (v instanceof Name) return DEVICE[v.name] ?? { family: v.name, n: 1 };
  if (!Array.isArray(v) || !(f.resolve(v[0]) instanceof Name)) return { family: 'unknown', n: 1 };
  const fam = nameOf(f.resolve(v[0]))!;
  if (fam === 'ICCBased') {
    const s = f.resolve(v[1]);
    const n = s instanceof Stream ? (f.num(s.dict.get('N')) ?? 3) : 3;
    const alt = s instanceof Stream && s.dict.get('Alternate') ? space(f, s.dict.get('Alternate'), named) : undefined;
    return { family: 'ICCBased', n, base: alt };
  }
  if (fam === 'Indexed' || fam === 'I') return { family: 'Indexed', n: 1, base: space(f, v[1], named) };
  if (fam === 'Separation') return { family: 'Separation', n: 1, base: space(f, v[2], named), names: [nameOf(f.resolve(v[1])) ?? ''] };
  if (fam === 'DeviceN') {
    const names = (f.arr(v[1]) ?? []).map((x) => nameOf(f.resolve(x)) ?? '');
    return { family: 'DeviceN', n: names.length, base: space(f, v[2], named), names };
  }
  if (fam === 'Pattern') return { family: 'Pattern', n: 0, base: v[1] ? space(f, v[1], named) : undefined };
  return { family: fam, n: fam === 'Lab' ? 3 : fam === 'CalGray' ? 1 : 3 };
}

function doXObject(f: PdfFile, name: string, xobjs: Dict | undefined, res: Dict | undefined, g: GS, out: Drawn, depth: number): void {
  const ref = xobjs?.get(name);
  const s = f.resolve(ref);
  if (!(s instanceof Stream)) return;
  const sub = nameOf(f.resolve(s.dict.get('Subtype')));
  if (sub === 'Image') {
    out.images.push(placeImage(f, s.dict, s, ref instanceof Ref ? ref.num : 0, res, g));
    return;
  }
  if (sub !== 'Form' || depth > 12) return;
  const grp = f.dict(s.dict.get('Group'));
  if (grp && nameOf(f.resolve(grp.get('S'))) === 'Transparency') out.groups.push(`form ${ref instanceof Ref ? ref.num : name}`);
  const m = (f.arr(s.dict.get('Matrix')) ?? [1, 0, 0, 1, 0, 0]).map((x) => f.num(x) ?? 0) as Matrix;
  const inner = clone(g);
  inner.ctm = mul(m, g.ctm);
  let data: Uint8Array;
  try {
    data = decodeStream(s, f);
  } catch {
    out.unknown.push(`form ${name}: undecodable`);
    return;
  }
  run(f, data, f.dict(s.dict.get('Resources')) ?? res, inner, out, depth + 1);
}

function placeImage(f: PdfFile, d: Dict, s: Stream, obj: number, res: Dict | undefined, g: GS): DrawnImage {
  const corners = [apply(g.ctm, 0, 0), apply(g.ctm, 1, 0), apply(g.ctm, 0, 1), apply(g.ctm, 1, 1)];
  const xs = corners.map((c) => c[0]), ys = corners.map((c) => c[1]);
  const get = (k: string, alt: string) => f.resolve(d.get(k) ?? d.get(alt));
  const pixelsX = Number(get('Width', 'W')) || 0;
  const pixelsY = Number(get('Height', 'H')) || 0;
  const imageMask = get('ImageMask', 'IM') === true;
  const { names } = filtersOf(s, f);
  const cs = get('ColorSpace', 'CS');
  let sp = imageMask ? { family: 'stencil', n: 1 } : cs !== undefined ? space(f, cs, f.dict(res?.get('ColorSpace'))) : { family: names.includes('JPXDecode') ? 'JPX' : 'unknown', n: 3 };
  if (cs instanceof Name && !DEVICE[cs.name] && sp.family === cs.name) sp = { family: cs.name, n: 1 };
  const wPt = xLen(g.ctm), hPt = yLen(g.ctm);
  return {
    x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys),
    ppiX: wPt ? (pixelsX * 72) / wPt : 0, ppiY: hPt ? (pixelsY * 72) / hPt : 0, pixelsX, pixelsY,
    space: sp, bpc: imageMask ? 1 : Number(get('BitsPerComponent', 'BPC')) || 0, filters: names, imageMask,
    smask: d.get('SMask') !== undefined, stream: s, obj, blend: { ...g.blend }, fill: g.fill,
  };
}

/** BI … ID data EI: the dictionary read, the data skipped to the EI that ends it. */
function inlineImage(f: PdfFile, lx: Lexer, res: Dict | undefined, g: GS, out: Drawn): void {
  const d = new Dict();
  for (;;) {
    const k = lx.token();
    if (k === undefined || (k instanceof Op && k.op === 'ID')) break;
    if (!(k instanceof Name)) continue;
    const v = parseObj(lx);
    if (!(v instanceof Op) && v !== undefined) d.map.set(k.name, v);
  }
  const b = lx.b;
  const start = lx.pos + 1;
  let p = start;
  const ws = (c: number | undefined) => c === undefined || c === 32 || c === 10 || c === 13 || c === 9;
  while (p + 1 < b.length && !(b[p] === 69 && b[p + 1] === 73 && ws(b[p - 1]) && ws(b[p + 2]))) p++;
  lx.pos = p + 2;
  const s = new Stream(d, b.subarray(start, Math.max(start, p - 1)));
  out.images.push(placeImage(f, d, s, 0, res, g));
}
