// broadsheet preflight: a hand-made PDF/X-1a page that passes, then the same page broken one
// way at a time — each break found as exactly one problem; the samples as rendered today;
// the command's exit statuses (0 clean, 1 problems, 2 not a PDF).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPdf } from '../src/readback/read.js';
import { preflight, Finding } from '../src/preflight/preflight.js';
import { buildPdf } from '../src/pipeline.js';
import { Parts, parts, make, px } from './helpers/pdfx.js';

async function problems(pdf: Buffer, inkLimit = 240): Promise<Finding[]> {
  const found = await preflight(readPdf(new Uint8Array(pdf)), { inkLimit, minPpi: 200, maxPpi: 450 });
  return found.filter((f) => f.level === 'problem');
}

test('preflight: a hand-made PDF/X-1a page is clean, and every check reports a line', async () => {
  const found = await preflight(readPdf(new Uint8Array(make(parts()))));
  assert.deepEqual(found.filter((f) => f.level === 'problem'), []);
  const checks = new Set(found.map((f) => f.check));
  for (const c of ['version', 'pdfx', 'intent', 'boxes', 'fonts', 'colour', 'images', 'ppi', 'ink', 'overprint', 'transparency', 'annotations']) assert.ok(checks.has(c), c);
  assert.ok(found.some((f) => f.check === 'ink' && /max 220 %/.test(f.message)), 'ink measured: 220 %');
});

const breaks: [string, (p: Parts) => void, string, RegExp][] = [
  ['PDF 1.4', (p) => (p.version = '1.4'), 'version', /PDF version 1\.4/],
  ['no GTS_PDFXVersion', (p) => (p.info = p.info.replace(/\/GTS_PDFXVersion \([^)]*\)/, '')), 'pdfx', /no GTS_PDFXVersion/],
  ['/Trapped as a string', (p) => (p.info = p.info.replace('/Trapped /False', '/Trapped (False)')), 'pdfx', /string/],
  ['no /ID', (p) => (p.trailer = '/Info 4 0 R'), 'pdfx', /no \/ID/],
  ['no OutputIntent', (p) => (p.catalog = ''), 'intent', /no OutputIntent/],
  ['no TrimBox', (p) => (p.boxes = '/MediaBox [0 0 200 200] /BleedBox [0 0 200 200]'), 'boxes', /no TrimBox/],
  ['TrimBox outside the BleedBox', (p) => (p.boxes = '/MediaBox [0 0 200 200] /BleedBox [10 10 190 190] /TrimBox [5 5 195 195]'), 'boxes', /TrimBox outside the BleedBox/],
  ['a font not embedded', (p) => (p.descriptor = p.descriptor.replace('/FontFile2 7 0 R', '')), 'fonts', /not embedded/],
  ['one subset tag, two glyph sets', (p) => (p.moreFonts = '/F2 12 0 R'), 'fonts', /ABCDEF\+ names 2 different glyph sets/],
  ['RGB text', (p) => (p.content = p.content.replace('0 0 0 1 k', '0 0 0 rg')), 'colour', /text: 1 in DeviceRGB/],
  ['RGB rule', (p) => (p.content = p.content.replace('0 0 0 1 K', '0 0 0 RG')), 'colour', /rules .*DeviceRGB/],
  ['an RGB image', (p) => (p.image = { dict: '/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceRGB /BitsPerComponent 8', data: Buffer.alloc(12, 128), flate: true }), 'images', /DeviceRGB is not allowed/],
  ['a 16-bit image', (p) => (p.image = { dict: '/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 16', data: Buffer.alloc(8, 0), flate: true }), 'images', /16-bit/],
  ['ink 290 %', (p) => (p.image = { dict: '/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceCMYK /BitsPerComponent 8', data: Buffer.concat(Array.from({ length: 4 }, () => px([100, 100, 60, 30]))), flate: true }), 'ink', /max 290 %/],
  ['90 ppi', (p) => (p.content = p.content.replace('0.5 0 0 0.5 20 20 cm', '1.6 0 0 1.6 20 20 cm')), 'ppi', /90 ppi at placed size \(under 100, half the minimum 200\)/],
  ['black text knocks out', (p) => (p.content = p.content.replace('q /GSop gs 0 0 0 1 k', 'q 0 0 0 1 k')), 'overprint', /1 of 1 black glyphs and 1 of 1 black rules knock out/],
  ['overprint without OPM 1', (p) => (p.content = p.content.replace('/GSop gs', '/GSop gs /GSko gs /GSop gs').replace('q /GSop gs /GSko gs /GSop gs', 'q /GSko gs')), 'overprint', /knock out/],
  ['white overprints', (p) => (p.content = p.content.replace('10 10 m 100 10 l S', '10 10 m 100 10 l S 0 0 0 0 k 10 10 50 50 re f')), 'overprint', /white objects set to overprint/],
  ['a link annotation', (p) => (p.boxes = '/MediaBox [0 0 200 200] /BleedBox [0 0 200 200] /TrimBox [5 5 195 195] /Annots [<< /Type /Annot /Subtype /Link /Rect [10 10 50 50] >>]'), 'annotations', /1 annotations \(page 1: \/Link\)/],
  ['transparency (/ca 0.5)', (p) => (p.content = p.content.replace('/GSop gs', '/GSop gs /GStr gs')), 'transparency', /\/ca 0\.5/],
];

for (const [what, breakIt, check, message] of breaks)
  test(`preflight finds ${what}`, async () => {
    const p = parts();
    breakIt(p);
    const found = await problems(make(p));
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0].check, check);
    assert.match(found[0].message, message);
  });

test('preflight: total ink of an Adobe CMYK JPEG (inverted, /Decode [1 0 …]) measured through pdf.js’s decoder', async () => {
  const jpeg = readFileSync('tests/fixtures/preflight/cmyk-260-adobe.jpg'); // 80/70/60/50 % from Ghostscript's jpegcmyk
  const p = parts();
  p.image = { dict: '/Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /DCTDecode /Decode [1 0 1 0 1 0 1 0]', data: jpeg };
  p.content = p.content.replace('0.5 0 0 0.5 20 20 cm', '4 0 0 4 20 20 cm'); // 288 ppi
  const found = await problems(make(p));
  assert.equal(found.length, 1, JSON.stringify(found));
  const ink = /max (\d+) %/.exec(found[0].message);
  assert.ok(ink && Math.abs(Number(ink[1]) - 260) <= 2, found[0].message);
  assert.deepEqual(await problems(make(p), 265), [], 'under a 265 % limit');
});

// What the PDF/X-1a writer (issue 12) leaves on the samples: only their drawn illustrations
// placed at fewer than 200 ppi (900 px across 130 mm) — the files have no more pixels; a print
// shop would want larger originals or smaller photos. A change either way is seen.
test('preflight: a photo under 200 ppi but over 100 is a warning, not a problem', async () => {
  const p = parts();
  p.content = p.content.replace('0.5 0 0 0.5 20 20 cm', '0.96 0 0 0.96 20 20 cm'); // 150 ppi
  const found = await preflight(readPdf(new Uint8Array(make(p))));
  assert.deepEqual(found.filter((f) => f.level === 'problem'), []);
  assert.deepEqual(found.filter((f) => f.level === 'warning').map((f) => f.message), ['page 1 image 1 (obj 8): 150 ppi at placed size (under 200: prints soft)']);
});

// The samples as main renders them (PDF/X-1a): no problem — `broadsheet preflight` exits 0 —
// and exactly these warnings: the photos with too few pixels for their placed size.
const WARNINGS: Record<string, RegExp[]> = {
  'qiantang-2025-03-11.yaml': [/^ppi: page 1 image 1 \(obj \d+\): 176 ppi/, /^ppi: page 4 image 1 \(obj \d+\): 176 ppi/],
  // page 3's photo is a column wider since it closes the hole under it (issue 13's fill)
  'tabloid-2025-03-11.yaml': [/^ppi: page 1 image 1 \(obj \d+\): 189 ppi/, /^ppi: page 3 image 1 \(obj \d+\): 189 ppi/],
};

for (const name of readdirSync('samples').filter((f) => f.endsWith('.yaml')))
  test(`preflight on samples/${name} as rendered: clean (exit 0), photos under 200 ppi warned`, async () => {
    const b = await buildPdf(join('samples', name));
    const doc = readPdf(new Uint8Array(b.pdf));
    assert.ok(doc.info.GTS_PDFXVersion, 'written as PDF/X');
    const found = await preflight(doc);
    assert.deepEqual(found.filter((f) => f.level === 'problem').map((f) => `${f.check}: ${f.message}`), []);
    const warned = found.filter((f) => f.level === 'warning').map((f) => `${f.check}: ${f.message}`);
    const want = WARNINGS[name];
    assert.ok(want, `no expectation for ${name}: ${JSON.stringify(warned)}`);
    assert.equal(warned.length, want.length, warned.join('\n'));
    want.forEach((w, i) => assert.match(warned[i], w));
    const dir = mkdtempSync(join(tmpdir(), 'bs-preflight-sample-'));
    writeFileSync(join(dir, 'out.pdf'), b.pdf);
    const r = spawnSync(process.execPath, ['bin/broadsheet', 'preflight', '--quiet', join(dir, 'out.pdf')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, want.length, r.stdout);
  });

const BIN = 'bin/broadsheet';
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

test('broadsheet preflight: exit 0 clean, 1 problems, 2 not a PDF (one line, no stack)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-preflight-'));
  const clean = join(dir, 'clean.pdf');
  writeFileSync(clean, make(parts()));
  const r0 = run('preflight', clean);
  assert.equal(r0.status, 0, r0.stdout + r0.stderr);
  assert.match(r0.stdout, /ok +overprint: black overprints: 1 glyphs, 1 rules/);
  const p = parts();
  p.catalog = '';
  const bad = join(dir, 'bad.pdf');
  writeFileSync(bad, make(p));
  const r1 = run('preflight', '--quiet', bad);
  assert.equal(r1.status, 1);
  assert.equal(r1.stdout.trim().split('\n').length, 1, r1.stdout);
  const notPdf = join(dir, 'x.pdf');
  writeFileSync(notPdf, 'hello');
  const r2 = run('preflight', notPdf);
  assert.equal(r2.status, 2);
  assert.equal(r2.stderr.trim().split('\n').length, 1, r2.stderr);
  assert.match(r2.stderr, /^.*x\.pdf: \(pdf\): not a readable PDF/);
  // Two files for one RIP job: the same subset tag over two glyph sets is found across them.
  const other = parts();
  other.program = 'other glyphs';
  const b2 = join(dir, 'b2.pdf');
  writeFileSync(b2, make(other));
  const rt = run('preflight', '--quiet', clean, b2);
  assert.equal(rt.status, 1, rt.stdout + rt.stderr);
  assert.match(rt.stdout, /^together: problem +fonts: ABCDEF\+Test names 2 different glyph sets across the files/m);
  const same = run('preflight', clean, clean);
  assert.equal(same.status, 0);
  assert.match(same.stdout, /together: ok +fonts: 2 files: no subset tag names two glyph sets/);
  const truncated = join(dir, 't.pdf');
  writeFileSync(truncated, make(parts()).subarray(0, 300));
  const r3 = run('preflight', truncated);
  assert.ok(r3.status === 1 || r3.status === 2, `truncated: ${r3.status} ${r3.stderr}`);
  assert.doesNotMatch(r3.stderr, /\n\s+at /, 'no stack trace');
});
