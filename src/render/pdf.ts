// write: DisplayList → PDF through pdfkit. A thin backend: it draws what it is given, where
// it is given, and decides nothing. Text and rules are 100 % black in DeviceCMYK (0,0,0,1)
// and overprint; photos and the logo arrive converted for the press (src/render/prepare.ts).
// Glyphs are written as positioned runs (one TJ per run) into the page's content stream,
// with subset fonts embedded from the very fontkit objects the text stage measured with.
// The file is PDF/X-1a:2001 unless the layout says otherwise (src/render/press.ts).
import { PDFDocument } from '../engines.js';
import { DisplayList, GlyphRun, Rule, ImageItem, LogoItem, Item } from '../layout/displaylist.js';
import { OUTPUT_DEFAULTS } from '../issue/layout.js';
import { Press, preparePress } from './prepare.js';
import { addOutputIntent, deflateStreamsWith, drawSvg, graphicsStates, imageObject, pdfxInfo, placeImage, PressDoc, tagSubset, pressPage } from '../adapters/pdfkit-press.js';
import { fitBox } from './logo.js';
import { Face } from '../text/face.js';
import { outlines } from '../text/fontfile.js';
import { timed } from '../timing.js';
import { addContentText, embedFont, newDocument, embeddedGlyphs, PdfFont, setPageEntry, useOnPage } from '../adapters/pdfkit.js';
import { keepSubsets, subsetKept } from '../cache/subsets.js';
import { keptDeflate } from '../cache/streams.js';

type Doc = PDFKit.PDFDocument & { addContent(s: string): Doc };

const n = (v: number) => {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}

/** Write the PDF. `press` holds the converted photos and logo; without it they are converted
 * here for the default output condition. */
export async function writePdf(dl: DisplayList, faces: Map<string, Face>, press?: Press): Promise<Buffer> {
  press ??= await preparePress(dl, OUTPUT_DEFAULTS);
  const out = press.output;
  // Dates come from the issue, never the clock: the same input gives the same bytes.
  const date = new Date(`${dl.date}T00:00:00Z`);
  const PDFDoc = timed('write:engine', () => PDFDocument());
  const svgLogo = [...press.logos.values()].some((a) => a.kind === 'svg'); // svg-to-pdfkit may set text in pdfkit's fonts
  const options = {
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.3',
    info: { Title: dl.title, Producer: 'broadsheet', Creator: 'broadsheet', CreationDate: date, ModDate: date, ...pdfxInfo(out) } as PDFKit.DocumentInfo,
  };
  const doc = newDocument(PDFDoc as unknown as new (o: Record<string, unknown>) => Doc, options, svgLogo);
  const pdoc = doc as unknown as PressDoc;
  const deflate = keptDeflate(); // streams compressed by the last run (src/cache/streams.ts)
  if (deflate) deflateStreamsWith(pdoc, deflate);
  addOutputIntent(pdoc, out);
  const gs = graphicsStates(pdoc);
  let imageCount = 0;
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const pdfFonts = new Map<string, PdfFont>();
  const fontFor = (key: string): PdfFont => {
    let f = pdfFonts.get(key);
    if (!f) {
      const face = faces.get(key);
      if (!face) throw new Error(`no face ${key}`);
      keepSubsets(face.font, face.file); // encoded subsets from the last run (src/cache/subsets.ts)
      f = embedFont(doc, key, face.font, () => outlines(face.font).all());
      tagSubset(f);
      pdfFonts.set(key, f);
    }
    return f;
  };

  for (const page of dl.pages) timed('write:pages', () => {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    const H = page.height;
    const box = (b: [number, number, number, number]) => [b[0], H - b[1] - b[3], b[0] + b[2], H - b[1]];
    setPageEntry(doc, 'TrimBox', box(page.trimBox));
    setPageEntry(doc, 'BleedBox', box(page.bleedBox));
    pressPage(pdoc, gs);
    // Pictures first, knocking out; then the type and rules over them, overprinting.
    for (const it of page.items) {
      if (it.type === 'image') image(doc, pdoc, it, press, `Im${++imageCount}`);
      else if (it.type === 'logo') logo(doc, pdoc, it, press, `Im${++imageCount}`);
    }
    const black = (it: Item) => (it.type === 'glyphs' || it.type === 'rule') && !it.colour;
    const marks = (it: Item) => (it.type === 'glyphs' || it.type === 'rule') && it.colour === 'registration';
    addContentText(doc, ['q', '/GSop gs', '0 0 0 1 k', '0 0 0 1 K', ...page.items.filter(black).map(draw), 'Q'].join('\n'));
    const reg = page.items.filter(marks);
    if (reg.length) addContentText(doc, ['q', '/GSko gs', '1 1 1 1 k', '1 1 1 1 K', ...reg.map(draw), 'Q'].join('\n'));
  });
  // The outlines the subsets take, read in one sorted pass per face (faces are opened
  // without them: src/text/fontfile.ts).
  timed('write:outlines', () => {
    for (const [key, f] of pdfFonts) {
      const ids = embeddedGlyphs(f);
      const font = faces.get(key)!.font;
      // None for a subset the last run encoded (src/cache/subsets.ts): its bytes are kept.
      if (!subsetKept(font, ids)) outlines(font).glyphs([...ids].sort((a, b) => a - b));
    }
  });
  timed('write:fonts', () => doc.end()); // subsets encoded and compressed, the file finished
  await done;
  return Buffer.concat(chunks);

  function draw(it: Item): string {
    return it.type === 'glyphs' ? glyphRun(doc, fontFor(it.face), faces.get(it.face)!, it) : rule(it as Rule);
  }
}

function glyphRun(doc: Doc, f: PdfFont, face: Face, run: GlyphRun): string {
  useOnPage(doc, f);
  const size = run.size;
  const tz = run.scale && run.scale !== 100 ? run.scale / 100 : 1;
  // Each glyph once: its subset id, width and ToUnicode entry, and its code, kept per font
  // by the face's glyph id.
  const codes = (f.codes ??= []);
  const ems = (f.ems ??= []);
  const gs = run.glyphs;
  for (const g of gs) {
    if (codes[g.id] !== undefined) continue;
    const gid = f.subset.includeGlyph(g.id);
    if (f.widths[gid] == null) f.widths[gid] = face.advanceOf(g.id) * f.scale;
    if (f.unicode[gid] == null) f.unicode[gid] = Array.from(g.text).map((c) => c.codePointAt(0)!);
    codes[g.id] = `<${hex4(gid)}>`;
    ems[g.id] = f.widths[gid];
  }
  // Text state survives ET: every run states its font, size and horizontal scale (100 too),
  // so a condensed headline cannot condense what is drawn after it (issue 11).
  let out = `BT\n/${f.id} ${n(size)} Tf ${n(tz * 100)} Tz`;
  if (run.vertical) {
    // One glyph per position: each carries its own offsets.
    gs.forEach((g, i) => {
      out += `\n1 0 0 -1 ${n(run.x + g.x)} ${n(run.y + (run.dy?.[i] ?? 0))} Tm ${codes[g.id]} Tj`;
    });
  } else {
    // One TJ: each glyph's offset from where the previous one's advance left the pen.
    out += `\n1 0 0 -1 ${n(run.x + (gs[0]?.x ?? 0))} ${n(run.y)} Tm\n[`;
    let pen = gs[0]?.x ?? 0;
    const last = gs.length - 1;
    for (let i = 0; i <= last; i++) {
      const g = gs[i];
      const shift = g.x - pen;
      if (i > 0 && Math.abs(shift) > 1e-4) out += n((-shift * 1000) / (size * tz)) + ' ';
      out += i < last ? codes[g.id] + ' ' : codes[g.id];
      pen = g.x + ((ems[g.id] ?? 0) * size * tz) / 1000;
    }
    out += '] TJ';
  }
  return out + '\nET';
}

function rule(r: Rule): string {
  return `${n(r.width)} w ${n(r.x1)} ${n(r.y1)} m ${n(r.x2)} ${n(r.y2)} l S`;
}

/** A converted photo, knocking out (images never overprint). */
function image(doc: Doc, pdoc: PressDoc, im: ImageItem, press: Press, name: string): void {
  const r = press.rasters.get(im);
  if (!r) throw new Error(`photo ${im.file} was not prepared`);
  placeImage(pdoc, name, imageObject(pdoc, r));
  doc.addContent(`q /GSko gs ${n(im.width)} 0 0 ${n(-im.height)} ${n(im.x)} ${n(im.y + im.height)} cm /${name} Do Q`);
}

/** The masthead logo in its box: fitted, aspect kept, at the left, centred vertically. */
function logo(doc: Doc, pdoc: PressDoc, it: LogoItem, press: Press, name: string): void {
  const art = press.logos.get(it);
  if (!art) throw new Error(`logo ${it.file} was not prepared`);
  if (art.kind === 'raster') {
    const f = fitBox(art.aspect, it.width, it.height);
    placeImage(pdoc, name, imageObject(pdoc, art.raster));
    const y = it.y + (it.height - f.height) / 2;
    doc.addContent(`q /GSko gs ${n(f.width)} 0 0 ${n(-f.height)} ${n(it.x)} ${n(y + f.height)} cm /${name} Do Q`);
    return;
  }
  // Drawn without opacity (PDF/X-1a has no transparency: the SVG was checked for it), in the
  // device colours prepared for each SVG colour.
  doc.addContent(`q /${art.blackOnly ? 'GSop' : 'GSko'} gs`);
  try {
    drawSvg(doc, art.svg, it.x, it.y, {
      width: it.width,
      height: it.height,
      assumePt: true,
      preserveAspectRatio: 'xMinYMid meet',
      colorCallback: (c: [number[], number] | undefined) => (c && c[0].length === 3 ? [art.colours.get(c[0].join(',')) ?? c[0], 1] : c),
    });
  } finally {
    doc.addContent('Q');
  }
}
