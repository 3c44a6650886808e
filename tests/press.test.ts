// The press PDF, read back: PDF/X-1a:2001 keys and output intent, overprinting black, no RGB and
// no transparency anywhere, total ink of every photo measured on the pixels in the file, photos
// resampled to the layout's resolution, unique subset tags, marks, the masthead logo, and bad
// photo files refused with one line each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { buildPdf } from '../src/pipeline.js';
import { InputError } from '../src/issue/errors.js';
import { OUTPUT_DEFAULTS } from '../src/issue/layout.js';
import { applyTable, clearRasterCache, limitInk, maxInkOf, prepareRaster, PhotoError, separationTable } from '../src/render/photo.js';
import { subsetTag } from '../src/adapters/pdfkit-press.js';
import { MARKS_MARGIN } from '../src/layout/marks.js';
import { pdfImages, pdfObjects, pdfPages, refOf } from './helpers/pdfobjects.js';
import { readPdf } from '../src/readback/read.js';
import { preflight } from '../src/preflight/preflight.js';

const SAMPLE = 'samples/qiantang-2025-03-11.yaml';
const FIX = resolve('tests/fixtures/press');
const sample = buildPdf(SAMPLE);
const tabloid = buildPdf('samples/tabloid-2025-03-11.yaml');
const both = async () => [{ name: 'sample', pdf: (await sample).pdf }, { name: 'tabloid', pdf: (await tabloid).pdf }];

/** The graphics state (ExtGState name) in force at each text object and stroke of a page. */
function statesAtMarks(content: string): { bt: string[]; stroke: string[]; image: string[] } {
  const stack: string[] = [];
  let gs = 'none';
  const out = { bt: [] as string[], stroke: [] as string[], image: [] as string[] };
  const toks = content.split(/\s+/);
  toks.forEach((t, i) => {
    if (t === 'q') stack.push(gs);
    else if (t === 'Q') gs = stack.pop() ?? 'none';
    else if (t === 'gs') gs = toks[i - 1];
    else if (t === 'BT') out.bt.push(gs);
    else if (t === 'S') out.stroke.push(gs);
    else if (t === 'Do') out.image.push(gs);
  });
  return out;
}

test('PDF/X-1a:2001: PDF 1.3, the GTS keys, Trapped /False, an IFRA26 output intent, a file ID', async () => {
  const { pdf } = await sample;
  assert.equal(pdf.subarray(0, 8).toString(), '%PDF-1.3');
  const objs = pdfObjects(pdf);
  const s = pdf.toString('latin1');
  const trailer = s.slice(s.lastIndexOf('trailer'));
  assert.match(trailer, /\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  const info = objs.get(Number(/\/Info (\d+) 0 R/.exec(trailer)![1]))!.dict;
  const val = (k: string) => objs.get(refOf(info, k)!)!.dict.trim();
  assert.equal(val('GTS_PDFXVersion'), '(PDF/X-1:2001)');
  assert.equal(val('GTS_PDFXConformance'), '(PDF/X-1a:2001)');
  assert.equal(val('Trapped'), '/False');
  assert.equal(val('CreationDate'), '(D:20250311000000Z)');
  assert.equal(val('ModDate'), '(D:20250311000000Z)');
  assert.ok(refOf(info, 'Title'));
  const catalog = [...objs.values()].find((o) => /\/Type \/Catalog/.test(o.dict))!.dict;
  assert.match(catalog, /\/OutputIntents \[<<\n\/Type \/OutputIntent\n\/S \/GTS_PDFX\n\/OutputConditionIdentifier \(IFRA26\)\n\/OutputCondition \(.*newsprint.*\)\n\/RegistryName \(http:\/\/www\.color\.org\)/);
  assert.doesNotMatch(catalog, /DestOutputProfile/, 'no profile named in the layout: a registered condition alone');
});

test('no RGB, no ICC-based colour, no transparency, no key newer than PDF 1.3 anywhere (both samples)', async () => {
  for (const { pdf } of await both()) {
    const objs = pdfObjects(pdf);
    for (const o of objs.values()) {
      assert.doesNotMatch(o.dict, /DeviceRGB|ICCBased|CalRGB|\/Lab\b|\/SMask|\/Group|\/CA |\/ca |\/BM /, `object ${o.id}`);
      // Keys of PDF 1.4–1.6 pdfkit could write: none in a PDF 1.3 file.
      assert.doesNotMatch(o.dict, /\/UserUnit|\/ObjStm|\/XRefStm|\/Metadata|\/StructTreeRoot|\/MarkInfo|\/Lang /, `object ${o.id}`);
    }
    for (const [i, p] of pdfPages(objs).entries()) assert.doesNotMatch(p.content, /\b(rg|RG|sc|SC)\b/, `page ${i + 1} sets an RGB colour`);
  }
});

test('black text and rules overprint (/OP true /op true /OPM 1); photos knock out (both samples)', async () => {
  for (const { pdf } of await both()) {
    const objs = pdfObjects(pdf);
    const op = [...objs.values()].find((o) => /\/Type \/ExtGState/.test(o.dict) && /\/OP true/.test(o.dict))!;
    assert.match(op.dict, /\/OP true\n\/op true\n\/OPM 1/);
    for (const [i, p] of pdfPages(objs).entries()) {
      assert.match(p.resources, new RegExp(`/GSop ${op.id} 0 R`), `page ${i + 1} resources`);
      const st = statesAtMarks(p.content);
      assert.ok(st.bt.length > 100 && st.stroke.length > 0);
      assert.deepEqual([...new Set(st.bt)], ['/GSop'], `page ${i + 1}: every text object overprints`);
      assert.deepEqual([...new Set(st.stroke)], ['/GSop'], `page ${i + 1}: every rule overprints`);
      for (const g of st.image) assert.equal(g, '/GSko');
      // Text and rules are 100 % K.
      assert.match(p.content, /\/GSop gs\n0 0 0 1 k\n0 0 0 1 K/);
    }
  }
});

test('every photo is 8-bit CMYK with total ink ≤ 240 %, measured on its samples in the PDF (both samples)', async () => {
  for (const { name, pdf } of await both()) {
    const imgs = pdfImages(pdfObjects(pdf));
    assert.equal(imgs.length, name === 'sample' ? 4 : 3);
    const inks = imgs.map((im) => maxInkOf(im.data));
    for (const [i, im] of imgs.entries()) {
      assert.equal(im.space, 'DeviceCMYK');
      assert.match(im.dict, /\/BitsPerComponent 8/);
      assert.equal(im.data.length, im.width * im.height * 4);
      assert.ok(inks[i] <= 240, `total ink ${inks[i].toFixed(1)} %`);
    }
    // libvips' built-in profile (perceptual) peaks at 192–226 % on these: within the limit as converted.
    assert.ok(Math.max(...inks) > 180, `highest ${Math.max(...inks).toFixed(1)} %: not washed out`);
  }
});

test('the ink limit keeps every pixel at or below it, and leaves pixels under it alone', () => {
  const px = Buffer.from([255, 255, 255, 255, 200, 180, 190, 100, 10, 20, 30, 40, 0, 255, 255, 200]);
  const before = Buffer.from(px);
  const max = limitInk(px, 240);
  assert.ok(max <= 240);
  for (let i = 0; i < px.length; i += 4) assert.ok(px[i] + px[i + 1] + px[i + 2] + px[i + 3] <= Math.floor(2.4 * 255));
  assert.deepEqual([...px.subarray(8, 12)], [...before.subarray(8, 12)], 'a light pixel is unchanged');
  assert.ok(px[7] > before[7], 'grey moved to black first (under-colour removal)');
});

test('subset tags: six capitals from the glyph set, different for different subsets, stable', async () => {
  const { pdf } = await sample;
  const names = [...pdf.toString('latin1').matchAll(/\/FontName \/([A-Z]{6})\+(\S+)/g)].map((m) => m[1]);
  assert.equal(names.length, 5);
  assert.equal(new Set(names).size, 5);
  assert.ok(!names.some((t) => /^[A-Z]ZZZZZ$/.test(t)), `pdfkit's fixed tags: ${names}`);
  assert.equal(subsetTag('NotoSerifSC-Regular', [0, 5, 9]), subsetTag('NotoSerifSC-Regular', [0, 5, 9]));
  assert.notEqual(subsetTag('NotoSerifSC-Regular', [0, 5, 9]), subsetTag('NotoSerifSC-Regular', [0, 5, 10]));
  assert.notEqual(subsetTag('NotoSerifSC-Regular', [0, 5, 9]), subsetTag('NotoSansSC-Bold', [0, 5, 9]));
});

// ---- photos of every kind ----------------------------------------------------------------

async function photoIssue(opts: { output?: string; big?: boolean } = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bs-press-'));
  mkdirSync(join(dir, 'photos'));
  const p = (f: string) => join(dir, 'photos', f);
  copyFileSync('samples/photos/dahui.jpg', p('rgb.jpg'));
  const red = { r: 200, g: 30, b: 40 };
  await sharp({ create: { width: 1200, height: 800, channels: 3, background: red } }).toColourspace('rgb16').png().toFile(p('deep.png'));
  await sharp({ create: { width: 1000, height: 660, channels: 3, background: { r: 20, g: 130, b: 40 } } }).toColourspace('cmyk').jpeg().toFile(p('cmyk.jpg'));
  // Left half transparent, right half opaque blue.
  const alpha = Buffer.alloc(1000 * 660 * 4);
  for (let y = 0; y < 660; y++) for (let x = 500; x < 1000; x++) alpha.set([0, 0, 255, 255], (y * 1000 + x) * 4);
  await sharp(alpha, { raw: { width: 1000, height: 660, channels: 4 } }).png().toFile(p('alpha.png'));
  // Far more than 300 ppi at placed size.
  if (opts.big !== false) await sharp('samples/photos/dahui.jpg').resize(3000, 1866).toFile(p('big.jpg'));
  else copyFileSync('samples/photos/dahui.jpg', p('big.jpg'));
  await sharp('samples/photos/dahui.jpg').grayscale().toFile(p('gray.jpg'));
  // broadsheet.yaml with its output: section (the last) replaced.
  const base = readFileSync('layouts/broadsheet.yaml', 'utf8');
  const layout = base.slice(0, base.indexOf('\noutput:') + 1) + (opts.output ?? 'output: { mono: [2], ink_limit: 200% }\n');
  writeFileSync(join(dir, 'press.yaml'), layout);
  const art = (id: string, file: string, columns: number) =>
    `      - id: ${id}\n        title: 图片${id}\n        body: |\n          ${'正文内容。'.repeat(40)}\n        columns: ${columns}\n        photo: { file: photos/${file}, columns: ${columns} }\n`;
  writeFileSync(
    join(dir, 'issue.yaml'),
    `layout: press.yaml\npaper: { name: 钱塘新区报 }\nissue: { date: 2025-03-11, number: 756 }\npages:\n  - number: 1\n    articles:\n` +
      art('rgb', 'rgb.jpg', 2) + art('deep', 'deep.png', 2) + art('cmyk', 'cmyk.jpg', 2) + art('alpha', 'alpha.png', 2) +
      `  - number: 2\n    articles:\n` + art('big', 'big.jpg', 4) + art('gray', 'gray.jpg', 2),
  );
  return join(dir, 'issue.yaml');
}

const photos = photoIssue();

test('RGB, 16-bit, CMYK and alpha photos become 8-bit CMYK; a mono page gets gray; ink ≤ the layout\'s 200 %', async () => {
  const b = await buildPdf(await photos);
  const objs = pdfObjects(b.pdf);
  const pages = pdfPages(objs);
  const imgs = pdfImages(objs);
  assert.equal(imgs.length, 6);
  const byId = new Map(imgs.map((im) => [im.id, im]));
  const onPage = (i: number) => [...pages[i].resources.matchAll(/\/Im\d+ (\d+) 0 R/g)].map((m) => byId.get(Number(m[1]))!);
  for (const im of onPage(0)) {
    assert.equal(im.space, 'DeviceCMYK');
    assert.ok(maxInkOf(im.data) <= 200, `total ink ${maxInkOf(im.data).toFixed(1)} %`);
  }
  // Converted without the limit, the RGB photo goes over 200 %: the limit did the work.
  const raw = await sharp('samples/photos/dahui.jpg').withIccProfile('cmyk').toColourspace('cmyk').raw().toBuffer();
  assert.ok(maxInkOf(raw) > 220, `unlimited ${maxInkOf(raw).toFixed(1)} %`);
  assert.ok(maxInkOf(onPage(0)[0].data) > 195, 'held at the limit, not far under it');
  for (const im of onPage(1)) assert.equal(im.space, 'DeviceGray', 'page 2 is black only (output.mono: [2])');
  // The alpha photo: white paper where it was transparent, blue ink where it was opaque.
  const a = pdfImages(objs).find((im) => im.space === 'DeviceCMYK' && im.data[0] + im.data[1] + im.data[2] + im.data[3] === 0)!;
  assert.ok(a, 'a CMYK image with a blank (flattened) corner');
  const right = (a.width - 1) * 4;
  assert.ok(a.data[right] > 100, 'cyan on the opaque side');
  // The big photo is resampled to 300 ppi at placed size: no more pixels than the press uses.
  const big = b.comp.dl.pages[1].items.find((i) => i.type === 'image' && i.file.endsWith('big.jpg'))!;
  assert.ok(big.type === 'image');
  const bigImg = onPage(1).find((im) => im.width > 1000)!;
  assert.equal(bigImg.width, Math.round((big.width / 72) * 300));
  assert.ok(bigImg.width < 3000);
  // broadsheet preflight (i11's reader) finds nothing to refuse, at the layout's 200 % limit.
  const found = await preflight(readPdf(new Uint8Array(b.pdf)), { inkLimit: 200, minPpi: 200, maxPpi: 450 });
  assert.deepEqual(found.filter((f) => f.level === 'problem').map((f) => `${f.check}: ${f.message}`), []);
});

test('a photo below 200 ppi at placed size is a warning naming the file and its ppi', async () => {
  const b = await buildPdf(SAMPLE);
  const w = b.comp.warnings.filter((x) => /ppi/.test(x));
  assert.equal(w.length, 2);
  assert.match(w[0], /samples\/qiantang-2025-03-11\.yaml:\d+:\d+: [\w-]+\.photo: samples\/photos\/\w+\.jpg: 176 ppi at placed size, below 200 ppi/);
});

test('the separation table agrees with LittleCMS pixel by pixel: mean < 1.5 levels, 95 % within 4', async () => {
  const table = await separationTable('cmyk', 4);
  const direct = await sharp('samples/photos/dahui.jpg').withIccProfile('cmyk').toColourspace('cmyk').raw().toBuffer();
  const rgb = await sharp('samples/photos/dahui.jpg').toColourspace('srgb').raw().toBuffer();
  const lut = applyTable(rgb, table);
  let sum = 0;
  let near = 0;
  for (let i = 0; i < lut.length; i++) {
    const d = Math.abs(lut[i] - direct[i]);
    sum += d;
    if (d <= 4) near++;
  }
  assert.ok(sum / lut.length < 1.5, `mean ${(sum / lut.length).toFixed(2)}`);
  assert.ok(near / lut.length > 0.95, `${((near / lut.length) * 100).toFixed(1)} % within 4 levels`);
  // The nodes themselves are LittleCMS's answers: a node colour is converted exactly.
  const node = Buffer.from([255, 0, 0, 0, 0, 255, 128, 128, 128]);
  const exact = await sharp(node, { raw: { width: 3, height: 1, channels: 3 } }).withIccProfile('cmyk').toColourspace('cmyk').raw().toBuffer();
  assert.deepEqual([...applyTable(Buffer.from([255, 0, 0, 0, 0, 255]), table)], [...exact.subarray(0, 8)]);
});

test('the same photo converted twice gives the same samples (no cache)', async () => {
  clearRasterCache();
  const a = await prepareRaster(resolve('samples/photos/xiaona.jpg'), 200, 130, false, OUTPUT_DEFAULTS);
  clearRasterCache();
  const b = await prepareRaster(resolve('samples/photos/xiaona.jpg'), 200, 130, false, OUTPUT_DEFAULTS);
  assert.ok(a.data.equals(b.data));
  assert.equal(a.width, Math.round((200 / 72) * 300));
});

test('a truncated photo is one error line at its photo: line, no stack', async () => {
  const f = await photoIssue({ big: false });
  const full = readFileSync(join(f, '..', 'photos', 'rgb.jpg'));
  writeFileSync(join(f, '..', 'photos', 'rgb.jpg'), full.subarray(0, full.length >> 1));
  await assert.rejects(buildPdf(f), (e: unknown) => {
    assert.ok(e instanceof InputError);
    const lines = e.lines();
    assert.equal(lines.length, 1);
    assert.match(lines[0], /issue\.yaml:\d+:\d+: rgb\.photo: .*rgb\.jpg: cannot be decoded \(premature end of JPEG/);
    return true;
  });
});

test('a photo file that is no image is one error line at its photo:', async () => {
  const f = await photoIssue({ big: false });
  writeFileSync(join(f, '..', 'photos', 'rgb.jpg'), 'not a picture at all');
  await assert.rejects(buildPdf(f), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.lines().length, 1);
    assert.match(e.lines()[0], /issue\.yaml:\d+:\d+: rgb\.photo: .*photos\/rgb\.jpg is not a PNG or JPEG image/);
    return true;
  });
});

test('a 20,000 × 20,000 photo is resampled to the press resolution; over 1,000 Mpx is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-huge-'));
  const huge = join(dir, 'huge.tif');
  await sharp({ create: { width: 20000, height: 20000, channels: 3, background: '#ffffff' }, limitInputPixels: false }).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1 }).toFile(huge);
  const r = await prepareRaster(huge, 300, 300, false, OUTPUT_DEFAULTS);
  assert.equal(r.width, 1250);
  assert.equal(r.height, 1250);
  // A header claiming 40,000 × 40,000 (pixel data need not exist: it is refused before decoding).
  const small = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } }).png().toBuffer();
  const claim = Buffer.from(small);
  claim.writeUInt32BE(40000, 16);
  claim.writeUInt32BE(40000, 20);
  writeFileSync(join(dir, 'claim.png'), claim);
  await assert.rejects(prepareRaster(join(dir, 'claim.png'), 300, 300, false, OUTPUT_DEFAULTS), (e: unknown) => e instanceof PhotoError && /40000 × 40000 px is more than 1000 megapixels|not a readable image/.test(e.message));
});

// ---- marks --------------------------------------------------------------------------------

test('--marks: crop and registration marks and a slug outside the BleedBox; the boxes keep their size', async () => {
  const plain = await sample;
  const marked = await buildPdf(SAMPLE, { marks: true });
  const box = (dict: string, k: string): number[] => new RegExp(`/${k} \\[([^\\]]+)\\]`).exec(dict)![1].trim().split(/\s+/).map(Number);
  const p0 = pdfPages(pdfObjects(plain.pdf))[0].dict;
  const p1 = pdfPages(pdfObjects(marked.pdf))[0].dict;
  const M = MARKS_MARGIN;
  const media0 = box(p0, 'MediaBox'), media1 = box(p1, 'MediaBox');
  assert.deepEqual(media1.map((v) => Math.round(v)), [0, 0, Math.round(media0[2] + 2 * M), Math.round(media0[3] + 2 * M)]);
  for (const k of ['TrimBox', 'BleedBox']) {
    const a = box(p0, k), b = box(p1, k);
    assert.deepEqual(b.map((v) => Math.round(v * 100) / 100), a.map((v) => Math.round((v + M) * 100) / 100), k);
  }
  // The marks: hairlines in all four inks, none inside the BleedBox.
  const page = marked.comp.dl.pages[0];
  const marks = page.items.filter((i) => (i.type === 'rule' || i.type === 'glyphs') && i.colour === 'registration');
  assert.ok(marks.length >= 8 + 24, `${marks.length} marks`);
  const [bx, by, bw, bh] = page.bleedBox;
  for (const m of marks) {
    if (m.type !== 'rule') continue;
    const inside = (x: number, y: number) => x > bx && x < bx + bw && y > by && y < by + bh;
    assert.ok(!inside(m.x1, m.y1) && !inside(m.x2, m.y2), 'a mark inside the bleed');
  }
  const slug = marks.filter((m) => m.type === 'glyphs').flatMap((m) => (m.type === 'glyphs' ? m.glyphs.map((g) => g.text) : [])).join('');
  assert.match(slug, /钱塘新区报.*总第756期.*第1版.*2025年3月11日/);
  assert.match(pdfPages(pdfObjects(marked.pdf))[0].content, /\/GSko gs\n1 1 1 1 k\n1 1 1 1 K/);
});

// ---- the masthead logo --------------------------------------------------------------------

/** A one-article issue (no photos) whose paper names `logo`. */
function logoIssue(logo: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bs-logo-'));
  writeFileSync(join(dir, 'issue.yaml'), `layout: broadsheet\npaper: { name: 钱塘新区报, name_en: QIANTANG NEW AREA DAILY, logo: ${logo} }\nissue: { date: 2025-03-11, number: 756 }\npages:\n  - number: 1\n    articles:\n      - id: a\n        title: 标题\n        body: |\n          ${'正文内容。'.repeat(40)}\n        columns: 4\n`);
  return join(dir, 'issue.yaml');
}

test('paper.logo (SVG): drawn on page 1 as CMYK paths in place of the set name', async () => {
  const b = await buildPdf(logoIssue(join(FIX, 'art/logo.svg')));
  const p1 = b.comp.dl.pages[0];
  assert.equal(p1.items.filter((i) => i.type === 'glyphs' && i.role === 'masthead' && i.glyphs.some((g) => g.text === '钱')).length, 0, 'the name is not set in type');
  const logo = p1.items.find((i) => i.type === 'logo');
  assert.ok(logo);
  const content = pdfPages(pdfObjects(b.pdf))[0].content;
  // The logo's paths: filled in DeviceCMYK, the black ones K only, the red seal within the limit.
  const fills = [...content.matchAll(/\/DeviceCMYK cs\n([\d. ]+) scn/g)].map((m) => m[1].split(' ').map(Number));
  assert.ok(fills.some((c) => c[0] === 0 && c[1] === 0 && c[2] === 0 && c[3] === 1), 'black as K alone');
  const red = fills.find((c) => c[1] > 0.5);
  assert.ok(red && red[0] + red[1] + red[2] + red[3] <= 2.4, `the seal: ${red}`);
  assert.ok((content.match(/ c\n/g) ?? []).length >= 10, 'curves drawn');
  assert.doesNotMatch(content, /\b(rg|RG)\b/);
  // Red and white in it: knocks out (white never overprints).
  assert.match(content, /q \/GSko gs\n/);
  // The name on the page's text read back is gone from the masthead (the folio lines are on other pages).
  assert.ok(!/钱塘新区报/.test(p1.items.filter((i) => i.type === 'glyphs' && i.role === 'masthead').flatMap((i) => (i.type === 'glyphs' ? i.glyphs.map((g) => g.text) : [])).join('')));
});

test('paper.logo: an all-black SVG overprints; PNG goes the photos\' way; bad files are one line at logo:', async () => {
  const black = await buildPdf(logoIssue(join(FIX, 'art/black.svg')));
  assert.match(pdfPages(pdfObjects(black.pdf))[0].content, /q \/GSop gs\n/);
  const dir = mkdtempSync(join(tmpdir(), 'bs-logo-'));
  await sharp({ create: { width: 400, height: 100, channels: 3, background: '#c8102e' } }).png().toFile(join(dir, 'logo.png'));
  const png = await buildPdf(logoIssue(join(dir, 'logo.png')));
  const imgs = pdfImages(pdfObjects(png.pdf));
  assert.equal(imgs.length, 1);
  assert.ok(png.comp.dl.pages[0].items.some((i) => i.type === 'logo'));
  assert.ok(imgs.every((i) => i.space === 'DeviceCMYK' || i.space === 'DeviceGray'));
  for (const [name, why] of [
    ['transparent.svg', /transparency/],
    ['broken.svg', /not an SVG file/],
  ] as const) {
    if (name === 'broken.svg') writeFileSync(join(dir, name), 'this is not svg');
    const f = logoIssue(name === 'broken.svg' ? join(dir, name) : join(FIX, 'art', name));
    await assert.rejects(buildPdf(f), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.lines().length, 1);
      assert.match(e.lines()[0], new RegExp(`issue\\.yaml:2:\\d+: paper\\.logo: .*${name}: `));
      assert.match(e.lines()[0], why);
      return true;
    });
  }
});
