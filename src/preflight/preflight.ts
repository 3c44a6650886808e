// preflight: what a printer's preflight checks before a PDF goes to the plates, on any PDF
// read back (src/readback/): PDF/X-1a keys and output intent, page boxes, fonts embedded
// and their subset tags, colour spaces of text, rules, fills and images, the total ink of
// images (measured on their samples), image resolution at placed size, overprint of black,
// transparency. One line a check: `ok`, `problem` (refused: exit 1), `warning` or `note`.
import { Colour, DrawnImage, Space } from '../readback/content.js';
import { isBlack } from '../readback/fidelity.js';
import { imageSamples, totalInk } from '../readback/pixels.js';
import { Box, ReadDoc, ReadPage } from '../readback/read.js';

export interface PreflightOptions {
  inkLimit: number; // %, total area coverage allowed in images
  minPpi: number;
  maxPpi: number; // above this a note: more pixels than the press uses
}
export const DEFAULTS: PreflightOptions = { inkLimit: 240, minPpi: 200, maxPpi: 450 };

export interface Finding {
  /** problem: the press would refuse it (exit 1); warning: printed, not refused; note: for the record. */
  level: 'ok' | 'problem' | 'warning' | 'note';
  check: string; // a short name: version, pdfx, boxes, fonts, colour, images, ink, ppi, overprint, transparency
  message: string;
}

export async function preflight(doc: ReadDoc, o: PreflightOptions = DEFAULTS): Promise<Finding[]> {
  const out: Finding[] = [];
  const add = (level: Finding['level'], check: string, message: string) => out.push({ level, check, message });
  pdfx(doc, add);
  boxes(doc, add);
  fonts(doc, add);
  colours(doc, add);
  await images(doc, o, add);
  overprint(doc, add);
  transparency(doc, add);
  annotations(doc, add);
  return out;
}

type Add = (level: Finding['level'], check: string, message: string) => void;

function pdfx(doc: ReadDoc, add: Add): void {
  const v = doc.info.GTS_PDFXVersion;
  const conf = doc.info.GTS_PDFXConformance;
  const x2001 = v === 'PDF/X-1:2001' && conf === 'PDF/X-1a:2001';
  const x2003 = v === 'PDF/X-1a:2003';
  const maxVersion = x2003 ? '1.4' : '1.3';
  add(doc.version <= maxVersion ? 'ok' : 'problem', 'version', `PDF version ${doc.version}${doc.version <= maxVersion ? '' : ` (PDF/X-1a${x2003 ? ':2003' : ':2001'} is PDF ${maxVersion})`}`);
  if (x2001 || x2003) add('ok', 'pdfx', `GTS_PDFXVersion (${v})${conf ? `, GTS_PDFXConformance (${conf})` : ''}`);
  else add('problem', 'pdfx', v ? `GTS_PDFXVersion (${v})${conf ? ` GTS_PDFXConformance (${conf})` : ''}: not PDF/X-1a (PDF/X-1:2001 with PDF/X-1a:2001, or PDF/X-1a:2003)` : 'no GTS_PDFXVersion in the Info dictionary: not PDF/X');
  const t = doc.info.Trapped;
  add(t === '/False' || t === '/True' ? 'ok' : 'problem', 'pdfx', t === undefined ? 'no /Trapped in the Info dictionary (PDF/X wants /True or /False)' : t.startsWith('/') ? `/Trapped ${t}${t === '/False' || t === '/True' ? '' : ': PDF/X wants /True or /False'}` : `/Trapped is the string (${t}), not a name`);
  const missing = ['Title', 'CreationDate', 'ModDate'].filter((k) => !doc.info[k]);
  if (missing.length) add('problem', 'pdfx', `Info dictionary lacks ${missing.map((k) => `/${k}`).join(', ')}`);
  if (!doc.hasId) add('problem', 'pdfx', 'no /ID in the trailer (PDF/X requires one)');
  const gts = doc.outputIntents.filter((i) => i.S === 'GTS_PDFX');
  if (gts.length === 0) add('problem', 'intent', doc.outputIntents.length ? `output intents ${doc.outputIntents.map((i) => `/${i.S}`).join(', ')}, none /GTS_PDFX` : 'no OutputIntent: the printing condition is not named');
  else if (gts.length > 1) add('problem', 'intent', `${gts.length} /GTS_PDFX output intents; PDF/X allows one`);
  else {
    const i = gts[0];
    const registered = !!i.registry && !!i.identifier;
    if (!i.identifier) add('problem', 'intent', 'the OutputIntent has no /OutputConditionIdentifier');
    else if (i.profileN === 0 && !registered) add('problem', 'intent', `OutputIntent ${i.identifier}: neither a destination profile nor a /RegistryName for a registered condition`);
    else if (i.profileN !== 0 && i.profileN !== 4 && i.profileN !== 1) add('problem', 'intent', `OutputIntent ${i.identifier}: the destination profile has ${i.profileN} components (a CMYK or gray press profile expected)`);
    else add('ok', 'intent', `OutputIntent /GTS_PDFX ${i.identifier}${i.condition ? ` (${i.condition})` : ''}${i.profileN ? `, profile embedded (${i.profileN === 4 ? 'CMYK' : 'gray'})` : `, registered at ${i.registry}`}`);
  }
}

const mm = (pt: number) => ((pt * 25.4) / 72).toFixed(1);
const size = (b: Box) => `${mm(b[2] - b[0])} × ${mm(b[3] - b[1])} mm`;
const inside = (a: Box, b: Box) => a[0] >= b[0] - 0.01 && a[1] >= b[1] - 0.01 && a[2] <= b[2] + 0.01 && a[3] <= b[3] + 0.01;

function boxes(doc: ReadDoc, add: Add): void {
  const lines = new Map<string, number[]>();
  for (const p of doc.pages) {
    const problems: string[] = [];
    if (!p.trimBox && !p.artBox) problems.push('no TrimBox');
    if (p.trimBox && p.artBox) problems.push('both TrimBox and ArtBox');
    if (!p.bleedBox) problems.push('no BleedBox');
    if (p.trimBox && p.bleedBox && !inside(p.trimBox, p.bleedBox)) problems.push('TrimBox outside the BleedBox');
    if (p.bleedBox && !inside(p.bleedBox, p.mediaBox)) problems.push('BleedBox outside the MediaBox');
    if (p.trimBox && !inside(p.trimBox, p.mediaBox)) problems.push('TrimBox outside the MediaBox');
    const trim = p.trimBox ?? p.artBox;
    const bleed = trim && p.bleedBox ? `, bleed ${mm(trim[0] - p.bleedBox[0])}/${mm(trim[1] - p.bleedBox[1])}/${mm(p.bleedBox[2] - trim[2])}/${mm(p.bleedBox[3] - trim[3])} mm` : '';
    const desc = `MediaBox ${size(p.mediaBox)}${trim ? `, ${p.trimBox ? 'TrimBox' : 'ArtBox'} ${size(trim)}` : ''}${bleed}${p.rotate ? `, rotated ${p.rotate}°` : ''}`;
    const key = `${problems.length ? 'problem' : 'ok'}|${desc}${problems.length ? `: ${problems.join(', ')}` : ''}`;
    if (!lines.has(key)) lines.set(key, []);
    lines.get(key)!.push(p.number);
  }
  for (const [key, pages] of lines) {
    const [level, msg] = key.split('|');
    add(level as Finding['level'], 'boxes', `${pagesText(pages, doc.pages.length)}: ${msg}`);
  }
  if (!doc.pages.length) add('problem', 'boxes', 'no pages');
}

function pagesText(pages: number[], total: number): string {
  if (pages.length === total && total > 1) return `pages 1–${total}`;
  return pages.length === 1 ? `page ${pages[0]}` : `pages ${pages.join(', ')}`;
}

function fonts(doc: ReadDoc, add: Add): void {
  const notEmbedded = doc.fonts.filter((f) => !f.embedded);
  for (const f of notEmbedded) add('problem', 'fonts', `${f.baseFont || '(no name)'} (${f.subtype}) is not embedded`);
  const byTag = new Map<string, Set<string>>();
  for (const f of doc.fonts) if (f.subsetTag && f.programHash) {
    if (!byTag.has(f.subsetTag)) byTag.set(f.subsetTag, new Set());
    byTag.get(f.subsetTag)!.add(f.programHash);
  }
  const clashes = [...byTag].filter(([, h]) => h.size > 1);
  for (const [tag, h] of clashes) add('problem', 'fonts', `subset tag ${tag}+ names ${h.size} different glyph sets`);
  const fixed = doc.fonts.filter((f) => /^[A-Z]ZZZZZ$/.test(f.subsetTag));
  if (fixed.length) add('note', 'fonts', `subset tags ${fixed.map((f) => f.subsetTag).join(', ')} look fixed (pdfkit's), not derived from the glyph set: the same tag may name other glyphs in another file of the same RIP job`);
  if (!notEmbedded.length && !clashes.length) add('ok', 'fonts', `${doc.fonts.length} fonts, all embedded${doc.fonts.some((f) => f.subsetTag) ? `, ${doc.fonts.filter((f) => f.subsetTag).length} subsets with distinct tags` : ''}`);
}

const ALLOWED = new Set(['DeviceCMYK', 'DeviceGray', 'Separation', 'DeviceN', 'Indexed', 'Pattern']);

/** The space's problem for PDF/X-1a (CMYK, gray, spot colours only), '' when fine. */
function spaceProblem(s: Space): string {
  if (!ALLOWED.has(s.family)) return s.family === 'ICCBased' ? `ICCBased (${s.n} components)` : s.family;
  if (s.base && s.family !== 'Separation' && s.family !== 'DeviceN') return spaceProblem(s.base);
  if ((s.family === 'Separation' || s.family === 'DeviceN') && s.base && spaceProblem(s.base)) return `${s.family} with a ${spaceProblem(s.base)} alternate`;
  return '';
}

function colours(doc: ReadDoc, add: Add): void {
  const tally = (what: string, colours: { c: Colour; page: number }[]) => {
    const spaces = new Map<string, { n: number; pages: Set<number>; bad: string }>();
    for (const { c, page } of colours) {
      const k = c.space.family + (c.space.base ? `/${c.space.base.family}` : '');
      const e = spaces.get(k) ?? { n: 0, pages: new Set<number>(), bad: spaceProblem(c.space) };
      e.n++;
      e.pages.add(page);
      spaces.set(k, e);
    }
    if (!colours.length) return add('ok', 'colour', `${what}: none`);
    for (const [k, e] of spaces) add(e.bad ? 'problem' : 'ok', 'colour', `${what}: ${e.n} in ${k}${e.bad ? ` (${pagesText([...e.pages], doc.pages.length)}): not allowed in PDF/X-1a (CMYK, gray and spot colours only)` : ''}`);
  };
  const text: { c: Colour; page: number }[] = [];
  const rules: { c: Colour; page: number }[] = [];
  const fills: { c: Colour; page: number }[] = [];
  for (const p of doc.pages) {
    for (const g of p.drawn.glyphs) {
      if (g.mode === 3 || g.mode === 7) continue; // invisible
      if (g.mode !== 1 && g.mode !== 5) text.push({ c: g.fill, page: p.number });
      if (g.mode === 1 || g.mode === 2 || g.mode === 5 || g.mode === 6) text.push({ c: g.stroke, page: p.number });
    }
    for (const d of p.drawn.paths) {
      if (d.paint === 'stroke' || d.paint === 'both') rules.push({ c: d.stroke, page: p.number });
      if (d.paint === 'fill' || d.paint === 'both') fills.push({ c: d.fill, page: p.number });
    }
  }
  tally('text', text);
  tally('rules (stroked paths)', rules);
  if (fills.length) tally('fills', fills);
}

async function images(doc: ReadDoc, o: PreflightOptions, add: Add): Promise<void> {
  let count = 0;
  const measured = new Map<DrawnImage['stream'], Awaited<ReturnType<typeof imageSamples>>>();
  for (const p of doc.pages) for (const [i, im] of p.drawn.images.entries()) {
    count++;
    const name = `page ${p.number} image ${i + 1}${im.obj ? ` (obj ${im.obj})` : ' (inline)'}`;
    const desc = `${im.pixelsX} × ${im.pixelsY} px, ${im.space.family}${im.space.base ? `/${im.space.base.family}` : ''}, ${im.bpc} bit, ${im.filters.length ? im.filters.map((f) => `/${f}`).join(' ') : 'unfiltered'}, placed ${mm(im.width)} × ${mm(im.height)} mm`;
    const bad: string[] = [];
    const sp = im.imageMask ? '' : spaceProblem(im.space);
    if (sp) bad.push(`${sp} is not allowed in PDF/X-1a`);
    if (im.bpc > 8) bad.push(`${im.bpc}-bit samples (PDF 1.3 has at most 8)`);
    if (im.filters.some((f) => f === 'JPXDecode' || f === 'JBIG2Decode')) bad.push(`${im.filters.join(' ')} is later than PDF 1.3`);
    if (im.smask) bad.push('a soft mask (/SMask: transparency)');
    add(bad.length ? 'problem' : 'ok', 'images', `${name}: ${desc}${bad.length ? `: ${bad.join('; ')}` : ''}`);
    const ppi = Math.min(im.ppiX, im.ppiY);
    if (!im.imageMask) resolution(name, ppi, o, add);
    if (im.imageMask) continue;
    if (!measured.has(im.stream)) measured.set(im.stream, await imageSamples(doc.file, im));
    const s = measured.get(im.stream)!;
    if (typeof s === 'string') {
      add('note', 'ink', `${name}: total ink not measured: ${s}`);
      continue;
    }
    const ink = totalInk(s);
    // (The space itself is reported above as a problem.)
    if (!ink) add('note', 'ink', `${name}: ${s.family}: total ink left to the RIP's conversion`);
    else add(ink.p999 > o.inkLimit ? 'problem' : 'ok', 'ink', `${name}: total ink max ${ink.max.toFixed(0)} %, 99.9 % of pixels ≤ ${ink.p999.toFixed(0)} % (limit ${o.inkLimit} %)`);
  }
  if (!count) add('ok', 'images', 'no images');
}

/** Two levels, as newspaper preflight profiles have them: under the minimum a warning (the
 * photo prints soft), under half of it a problem (it prints as pixels). */
function resolution(name: string, ppi: number, o: PreflightOptions, add: Add): void {
  const at = `${name}: ${ppi.toFixed(0)} ppi at placed size`;
  if (ppi < o.minPpi / 2) add('problem', 'ppi', `${at} (under ${o.minPpi / 2}, half the minimum ${o.minPpi})`);
  else if (ppi < o.minPpi) add('warning', 'ppi', `${at} (under ${o.minPpi}: prints soft)`);
  else if (ppi > o.maxPpi) add('note', 'ppi', `${at} (over ${o.maxPpi}: more pixels than the press uses)`);
  else add('ok', 'ppi', at);
}

function overprint(doc: ReadDoc, add: Add): void {
  const per = (p: ReadPage) => {
    let text = 0, textOk = 0, rules = 0, rulesOk = 0, white = 0;
    for (const g of p.drawn.glyphs) {
      if (g.mode !== 0 && g.mode !== 2) continue;
      if (isBlack(g.fill)) {
        text++;
        if (g.blend.op && (g.fill.space.family !== 'DeviceCMYK' || g.blend.OPM === 1)) textOk++;
      } else if (isWhite(g.fill) && g.blend.op) white++;
    }
    for (const d of [...p.drawn.paths, ...p.drawn.images.filter((i) => i.imageMask).map((i) => ({ paint: 'mask', fill: i.fill, stroke: i.fill, blend: i.blend }))]) {
      if ((d.paint === 'stroke' || d.paint === 'both') && isBlack(d.stroke)) {
        rules++;
        if (d.blend.OP && (d.stroke.space.family !== 'DeviceCMYK' || d.blend.OPM === 1)) rulesOk++;
      }
      if (d.paint !== 'stroke' && isWhite(d.fill) && d.blend.op) white++;
      if (d.paint === 'stroke' && isWhite(d.stroke) && d.blend.OP) white++;
    }
    return { text, textOk, rules, rulesOk, white };
  };
  let text = 0, textOk = 0, rules = 0, rulesOk = 0, white = 0;
  const badPages: number[] = [];
  for (const p of doc.pages) {
    const r = per(p);
    text += r.text, textOk += r.textOk, rules += r.rules, rulesOk += r.rulesOk, white += r.white;
    if (r.textOk < r.text || r.rulesOk < r.rules) badPages.push(p.number);
  }
  if (textOk < text || rulesOk < rules) add('problem', 'overprint', `black does not overprint (${pagesText(badPages, doc.pages.length)}): ${text - textOk} of ${text} black glyphs and ${rules - rulesOk} of ${rules} black rules knock out (an ExtGState /OP true /op true /OPM 1 is wanted)`);
  else add('ok', 'overprint', `black overprints: ${text} glyphs, ${rules} rules`);
  if (white) add('problem', 'overprint', `${white} white objects set to overprint: they vanish on the plate`);
}

function isWhite(c: Colour): boolean {
  if (c.space.family === 'DeviceCMYK') return c.c.every((v) => v === 0);
  if (c.space.family === 'DeviceGray') return c.c[0] === 1;
  return false;
}

function transparency(doc: ReadDoc, add: Add): void {
  const found = new Set<string>();
  for (const p of doc.pages) {
    if (p.transparencyGroup) found.add(`page ${p.number}: a transparency group`);
    for (const g of p.drawn.groups) found.add(`page ${p.number}: ${g} is a transparency group`);
    const all = [...p.drawn.glyphs.map((g) => g.blend), ...p.drawn.paths.map((d) => d.blend), ...p.drawn.images.map((i) => i.blend)];
    for (const b of all) if (b.transparency) found.add(`page ${p.number}: ExtGState ${b.transparency}`);
    for (const im of p.drawn.images) if (im.smask) found.add(`page ${p.number}: an image with /SMask`);
  }
  if (found.size) for (const f of found) add('problem', 'transparency', `${f} (PDF/X-1a allows no transparency)`);
  else add('ok', 'transparency', 'none');
}

/** PDF/X-1a keeps annotations off the page, but for printer's marks and trap networks. */
function annotations(doc: ReadDoc, add: Add): void {
  const found = doc.pages.flatMap((p) => p.annotations.filter((a) => a !== 'PrinterMark' && a !== 'TrapNet').map((a) => `page ${p.number}: /${a}`));
  if (found.length) add('problem', 'annotations', `${found.length} annotations (${[...new Set(found)].slice(0, 5).join(', ')}): PDF/X-1a allows only printer's marks and trap networks`);
  else add('ok', 'annotations', 'none');
}

/** Files sent to one RIP job: a subset tag that names different glyph sets in two of them
 * lets the RIP take one file's glyphs for the other's (issue 12). */
export function sharedTags(docs: { name: string; doc: ReadDoc }[]): Finding[] {
  const seen = new Map<string, Map<string, string>>(); // tag+name → program hash → file
  const out: Finding[] = [];
  for (const { name, doc } of docs)
    for (const f of doc.fonts) {
      if (!f.subsetTag || !f.programHash) continue;
      const m = seen.get(f.baseFont) ?? new Map<string, string>();
      seen.set(f.baseFont, m);
      if (!m.has(f.programHash)) m.set(f.programHash, name);
    }
  for (const [font, m] of seen)
    if (m.size > 1) out.push({ level: 'problem', check: 'fonts', message: `${font} names ${m.size} different glyph sets across the files (${[...new Set(m.values())].join(', ')}): one RIP job may swap their glyphs` });
  if (docs.length > 1 && !out.length) out.push({ level: 'ok', check: 'fonts', message: `${docs.length} files: no subset tag names two glyph sets` });
  return out;
}

/** Lines as printed: `problem  fonts: …`. */
export function formatFindings(fs: Finding[]): string[] {
  return fs.map((f) => `${f.level.padEnd(7)} ${f.check}: ${f.message}`);
}
