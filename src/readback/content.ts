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

function run(f: PdfFile, data: Uint8Array, res: Dict | undefined, start: GS, out: Drawn, depth: number): void {
  const lx = new Lexer(data);
  const stack: GS[] = [];
  let g = clone(start);
  let ops: (Obj | undefined)[] = [];
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let setInside = new Set<string>();
  let path: [number, number, number, number][] = [];
  let cur: [number, number] = [0, 0];
  let sub: [number, number] = [0, 0];
  const num = (i: number) => (typeof ops[i] === 'number' ? (ops[i] as number) : 0);
  const resDict = (kind: string) => f.dict(res?.get(kind));
  const pt = (x: number, y: number) => apply(g.ctm, x, y);
  const seg = (a: [number, number], b: [number, number]) => path.push([a[0], a[1], b[0], b[1]]);
  // Copied on change: each glyph keeps the set as it was when the glyph was shown.
  const mark = (k: string) => {
    if (!setInside.has(k)) (setInside = new Set(setInside)).add(k);
  };

  const show = (s: PdfString) => {
    const font = g.text.font;
    if (!font) return;
    const t = g.text;
    const bytes = s.bytes;
    for (let i = 0; i + font.codeBytes <= bytes.length; i += font.codeBytes) {
      const code = font.codeBytes === 2 ? (bytes[i] << 8) | bytes[i + 1] : bytes[i];
      const trm = mul([t.size * t.Th, 0, 0, t.size, 0, t.Ts], mul(tm, g.ctm));
      const w0 = font.widthOf(code) * font.matrixScale;
      const tx = font.vertical ? 0 : (w0 * t.size + t.Tc + (font.codeBytes === 1 && code === 32 ? t.Tw : 0)) * t.Th;
      const m = mul(tm, g.ctm);
      const [ox, oy] = apply(trm, 0, 0);
      const ink = font.inkOf(code);
      const k = xLen(trm) / 1000;
      out.glyphs.push({
        char: font.unicodeOf(code), code, x: ox, y: oy, adv: tx * xLen(m), size: t.size * yLen(m),
        scale: (t.Th * xLen(m) * 100) / (yLen(m) || 1), ink: ink ? [ox + ink[0] * k, ox + ink[1] * k] : undefined,
        mode: t.Tr, fill: g.fill, stroke: g.stroke, blend: { ...g.blend }, font, setInside,
      });
      tm = font.vertical ? mul([1, 0, 0, 1, 0, -(w0 * t.size + t.Tc)], tm) : mul([1, 0, 0, 1, tx, 0], tm);
    }
  };
  const setSpace = (which: 'fill' | 'stroke', o: Obj | undefined) => {
    const sp = space(f, o, resDict('ColorSpace'));
    g[which] = { space: sp, c: sp.family === 'Indexed' ? [0] : sp.n === 4 ? [0, 0, 0, 1] : new Array(sp.n).fill(0) };
  };
  const comps = () => ops.filter((o): o is number => typeof o === 'number');
  const paint = (kind: DrawnPath['paint']) => {
    if (path.length || kind === 'shading') out.paths.push({ segs: path, width: g.lw * Math.sqrt(Math.abs(g.ctm[0] * g.ctm[3] - g.ctm[1] * g.ctm[2])), dash: g.dash, paint: kind, fill: g.fill, stroke: g.stroke, blend: { ...g.blend } });
    path = [];
  };

  for (let tok = lx.token(); tok !== undefined; tok = lx.token()) {
    if (!(tok instanceof Op)) {
      const v = tok === '[' || tok === '<<' ? parseObj(lx, tok) : tok;
      ops.push(v instanceof Op ? undefined : (v as Obj));
      continue;
    }
    const op = tok.op;
    switch (op) {
      case 'q': stack.push(clone(g)); break;
      case 'Q': if (stack.length) g = stack.pop()!; break;
      case 'cm': g.ctm = mul([num(0), num(1), num(2), num(3), num(4), num(5)], g.ctm); break;
      case 'w': g.lw = num(0); break;
      case 'd': { const a = ops[0]; g.dash = Array.isArray(a) && a.some((x) => typeof x === 'number' && x > 0); break; }
      case 'gs': extGState(f, resDict('ExtGState')?.get(nameOf(ops[0] as Obj) ?? ''), g); break;
      case 'g': g.fill = { space: GRAY, c: [num(0)] }; break;
      case 'G': g.stroke = { space: GRAY, c: [num(0)] }; break;
      case 'rg': g.fill = { space: DEVICE.DeviceRGB, c: comps() }; break;
      case 'RG': g.stroke = { space: DEVICE.DeviceRGB, c: comps() }; break;
      case 'k': g.fill = { space: DEVICE.DeviceCMYK, c: comps() }; break;
      case 'K': g.stroke = { space: DEVICE.DeviceCMYK, c: comps() }; break;
      case 'cs': setSpace('fill', ops[0]); break;
      case 'CS': setSpace('stroke', ops[0]); break;
      case 'sc': case 'scn': g.fill = { space: g.fill.space, c: comps() }; break;
      case 'SC': case 'SCN': g.stroke = { space: g.stroke.space, c: comps() }; break;
      case 'm': cur = sub = pt(num(0), num(1)); break;
      case 'l': { const p = pt(num(0), num(1)); seg(cur, p); cur = p; break; }
      case 'c': { const p = pt(num(4), num(5)); seg(cur, p); cur = p; break; }
      case 'v': case 'y': { const p = pt(num(2), num(3)); seg(cur, p); cur = p; break; }
      case 'h': if (cur[0] !== sub[0] || cur[1] !== sub[1]) seg(cur, sub); cur = sub; break;
      case 're': {
        const [x, y, w, h] = [num(0), num(1), num(2), num(3)];
        const a = pt(x, y), b = pt(x + w, y), c = pt(x + w, y + h), d = pt(x, y + h);
        seg(a, b), seg(b, c), seg(c, d), seg(d, a);
        cur = sub = a;
        break;
      }
      case 'S': case 's': paint('stroke'); break;
      case 'f': case 'F': case 'f*': paint('fill'); break;
      case 'B': case 'B*': case 'b': case 'b*': paint('both'); break;
      case 'n': path = []; break;
      case 'W': case 'W*': break;
      case 'sh': paint('shading'); break;
      case 'BT': tm = tlm = IDENTITY; setInside = new Set(); break;
      case 'ET': setInside = new Set(); break;
      case 'Tf': g.text.font = fontInfo(f, resDict('Font')?.get(nameOf(ops[0] as Obj) ?? '')); g.text.size = num(1); mark('Tf'); break;
      case 'Tc': g.text.Tc = num(0); mark('Tc'); break;
      case 'Tw': g.text.Tw = num(0); mark('Tw'); break;
      case 'Tz': g.text.Th = num(0) / 100; mark('Tz'); break;
      case 'TL': g.text.TL = num(0); mark('TL'); break;
      case 'Ts': g.text.Ts = num(0); mark('Ts'); break;
      case 'Tr': g.text.Tr = num(0); mark('Tr'); break;
      case 'Tm': tm = tlm = [num(0), num(1), num(2), num(3), num(4), num(5)]; break;
      case 'Td': tm = tlm = mul([1, 0, 0, 1, num(0), num(1)], tlm); break;
      case 'TD': g.text.TL = -num(1); tm = tlm = mul([1, 0, 0, 1, num(0), num(1)], tlm); break;
      case 'T*': tm = tlm = mul([1, 0, 0, 1, 0, -g.text.TL], tlm); break;
      case 'Tj': if (ops[0] instanceof PdfString) show(ops[0]); break;
      case "'": tm = tlm = mul([1, 0, 0, 1, 0, -g.text.TL], tlm); if (ops[0] instanceof PdfString) show(ops[0]); break;
      case '"': g.text.Tw = num(0); g.text.Tc = num(1); tm = tlm = mul([1, 0, 0, 1, 0, -g.text.TL], tlm); if (ops[2] instanceof PdfString) show(ops[2]); break;
      case 'TJ': for (const e of (Array.isArray(ops[0]) ? ops[0] : [])) {
        if (e instanceof PdfString) show(e);
        else if (typeof e === 'number') {
          const d = (-e / 1000) * g.text.size;
          tm = g.text.font?.vertical ? mul([1, 0, 0, 1, 0, d], tm) : mul([1, 0, 0, 1, d * g.text.Th, 0], tm);
        }
      } break;
      case 'Do': doXObject(f, nameOf(ops[0] as Obj) ?? '', resDict('XObject'), res, g, out, depth); break;
      case 'BI': inlineImage(f, lx, res, g, out); break;
      case 'BX': case 'EX': case 'MP': case 'DP': case 'BMC': case 'BDC': case 'EMC': case 'd0': case 'd1': case 'i': case 'ri': case 'J': case 'j': case 'M': break;
      default: if (out.unknown.length < 20) out.unknown.push(op);
    }
    ops = [];
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
