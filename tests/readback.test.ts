// The PDF is the product: every sample, generated issues and an issue with a condensed
// headline are rendered, the PDF is read back with our own content-stream reader, and what
// it draws is compared with the DisplayList glyph by glyph (same character, origin within
// 0.05 pt, same advance, size and horizontal scale), rule by rule and image by image; every
// justified body line must end on its column's measure as printed. On the writer before
// issue 11 (Tz never reset after a condensed headline) these fail by thousands of glyphs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPdf } from '../src/pipeline.js';
import { readPdf } from '../src/readback/read.js';
import { compareWithDisplayList, ORIGIN_TOLERANCE } from '../src/readback/fidelity.js';
import { checkJustification } from '../src/readback/measure.js';
import { genIssue } from './helpers/gen.js';
import { make, parts } from './helpers/pdfx.js';
import { onePage, replaceStream } from './helpers/rawpdf.js';
import { Ref, Stream, decodeStream } from '../src/readback/cos.js';
import { spawnSync } from 'node:child_process';

const samples = readdirSync('samples').filter((f) => f.endsWith('.yaml')).map((f) => join('samples', f));
const CONDENSED = 'tests/fixtures/readback/condensed.yaml';

async function readBackChecks(file: string, label = file) {
  const b = await buildPdf(file);
  const doc = readPdf(new Uint8Array(b.pdf));
  const fid = compareWithDisplayList(b.comp.dl, doc);
  assert.ok(fid.glyphs > 1000, `${label}: ${fid.glyphs} glyphs compared`);
  assert.deepEqual(fid.problems.slice(0, 5), [], `${label}: ${JSON.stringify(fid.counts)}`);
  assert.ok(fid.maxOrigin <= ORIGIN_TOLERANCE, `${label}: largest origin difference ${fid.maxOrigin}`);
  // No text state leaks: every glyph is shown with its font and horizontal scale set in its own BT.
  for (const p of doc.pages) {
    const leak = p.drawn.glyphs.find((g) => !g.setInside.has('Tf') || !g.setInside.has('Tz'));
    assert.equal(leak, undefined, `${label} page ${p.number}: 「${leak?.char}」 drawn with text state set before its BT`);
  }
  const just = checkJustification(b.comp.dl, doc, b.issue.layout.columnWidth);
  assert.ok(just.justified > 50, `${label}: ${just.justified} justified lines checked`);
  assert.deepEqual(just.problems.slice(0, 5), [], label);
  return { b, doc, fid, just };
}

for (const file of [...samples, CONDENSED])
  test(`read back ${file}: every glyph, rule and image where composed; justified lines on the measure`, async () => {
    const { b, doc, fid } = await readBackChecks(file);
    assert.ok(fid.rules >= 3 * b.comp.dl.pages.length, `${fid.rules} rules`);
    if (file === CONDENSED) {
      // The headline is condensed on the PDF, and the body after it is not.
      const title = doc.pages[0].drawn.glyphs.filter((g) => g.size === 14);
      assert.ok(title.length >= 17 && title.every((g) => g.scale < 100), 'the headline is printed condensed');
      const runs = b.comp.dl.pages[0].items.filter((i) => i.type === 'glyphs' && i.role === 'title' && i.article === 'changti');
      assert.ok(runs.every((r) => r.type === 'glyphs' && (r.scale ?? 100) < 100), 'the composer condensed it');
    }
  });

test('read back generated issues (3 × 4 pages)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-readback-'));
  for (const seed of [3, 7, 11]) {
    const f = join(dir, `g${seed}.yaml`);
    writeFileSync(f, genIssue(seed).yaml);
    await readBackChecks(f, `seed ${seed}`);
  }
});

// A font with widths of 500/1000 em for A and B, drawn at 10 pt.
const F1 = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 65 /LastChar 66 /Widths [500 1000] >>';

test('reader: Tz survives ET (the leak issue 11 found), TJ moves the pen, q/Q and cm', () => {
  const pdf = onePage({
    resources: '/Font << /F1 4 0 R >>',
    extra: [F1],
    content: 'q 1 0 0 1 0 0 cm BT /F1 10 Tf 90 Tz 1 0 0 1 10 100 Tm [(A) -200 (B)] TJ ET BT 1 0 0 1 10 50 Tm (A) Tj ET Q BT /F1 10 Tf 100 Tz 20 20 Td (B) Tj ET',
  });
  const [p] = readPdf(pdf).pages;
  const [a, b, a2, b2] = p.drawn.glyphs;
  assert.deepEqual([a.char, b.char, a2.char, b2.char], ['A', 'B', 'A', 'B']);
  assert.equal(a.x, 10);
  assert.equal(a.y, 100); // 200 − 100, top-down
  assert.ok(Math.abs(b.x - (10 + 0.5 * 10 * 0.9 + 2 * 0.9)) < 1e-9, `B at ${b.x}`);
  assert.ok(Math.abs(a.adv - 4.5) < 1e-9);
  assert.equal(a2.scale, 90, 'the second BT inherits 90 Tz');
  assert.ok(!a2.setInside.has('Tz') && !a2.setInside.has('Tf'), 'and did not set it');
  assert.equal(b2.scale, 100);
  assert.deepEqual([b2.x, b2.y], [20, 180]);
});

test('fidelity: a glyph 0.06 pt off, a changed scale and a moved rule are each found', async () => {
  const b = await buildPdf(CONDENSED);
  const doc = readPdf(new Uint8Array(b.pdf));
  const dl = structuredClone(b.comp.dl);
  const items = dl.pages[0].items;
  const body = items.find((i) => i.type === 'glyphs' && i.role === 'body');
  const rule = items.find((i) => i.type === 'rule');
  assert.ok(body?.type === 'glyphs' && rule?.type === 'rule');
  body.glyphs[1].x += 0.06;
  body.scale = 90;
  rule.y1 += 0.1;
  const r = compareWithDisplayList(dl, doc);
  assert.equal(r.counts.origin, 1);
  assert.equal(r.counts.scale, body.glyphs.length);
  assert.equal(r.counts.rule, 1);
});

/** The PDF with every page's content as the writer before issue 11 wrote it: `Tz` only where not 100. */
function oldWriter(pdf: Buffer): Buffer {
  const doc = readPdf(new Uint8Array(pdf));
  const f = doc.file;
  const tr = `/Root ${refText(f.trailer.get('Root'))} /Info ${refText(f.trailer.get('Info'))}`;
  let out = pdf;
  const kids = f.arr(f.dict(f.dict(f.trailer.get('Root'))?.get('Pages'))?.get('Kids')) ?? [];
  for (const kid of kids) {
    const ref = f.dict(kid)?.get('Contents');
    const s = f.resolve(ref);
    if (!(ref instanceof Ref) || !(s instanceof Stream)) throw new Error('page content not a stream');
    const text = Buffer.from(decodeStream(s, f)).toString('latin1').replace(/ 100 Tz/g, '');
    out = replaceStream(out, ref.num, Buffer.from(text, 'latin1'), tr, Number(f.trailer.get('Size')));
  }
  return out;
}
const refText = (r: unknown) => (r instanceof Ref ? `${r.num} ${r.gen} R` : '');

test('the read-back checks fail on the old writer (Tz left to leak), read through an incremental update', async () => {
  const b = await buildPdf(CONDENSED);
  const old = oldWriter(b.pdf);
  const doc = readPdf(new Uint8Array(old));
  const fid = compareWithDisplayList(b.comp.dl, doc);
  assert.ok((fid.counts.scale ?? 0) > 1000, JSON.stringify(fid.counts));
  assert.ok(fid.maxOrigin > 10, `${fid.maxOrigin}`);
  const just = checkJustification(b.comp.dl, doc, b.issue.layout.columnWidth);
  assert.ok(just.problems.some((p) => /长体/.test(p.message)) && just.problems.some((p) => /右端差/.test(p.message)), JSON.stringify(just.problems.slice(0, 3)));
  // check --pdf says the same, one line per problem, exit 1; on the PDF as written, exit 0.
  const dir = mkdtempSync(join(tmpdir(), 'bs-checkpdf-'));
  writeFileSync(join(dir, 'old.pdf'), old);
  writeFileSync(join(dir, 'new.pdf'), b.pdf);
  const bad = spawnSync(process.execPath, ['bin/broadsheet', 'check', '--pdf', join(dir, 'old.pdf'), CONDENSED], { encoding: 'utf8' });
  assert.equal(bad.status, 1, bad.stderr);
  assert.match(bad.stdout, /第1版 changti 第2行: justified line ends \d+\.\d\d pt short of the measure \(右端差 \d+\.\d\d pt\)/);
  const good = spawnSync(process.execPath, ['bin/broadsheet', 'check', '--pdf', join(dir, 'new.pdf'), CONDENSED], { encoding: 'utf8' });
  assert.equal(good.status, 0, good.stdout + good.stderr);
  assert.match(good.stdout, /checked 108 body lines \(86 justified.*no problems/);
});

test('reader: the same page through qpdf (object streams, an xref stream, PDF 1.5) and with broken xref offsets', async () => {
  const clean = readPdf(new Uint8Array(make(parts())));
  // tests/fixtures/preflight/objstm-qpdf.pdf: `qpdf --object-streams=generate` of make(parts()).
  const qpdf = readPdf(new Uint8Array(readFileSync('tests/fixtures/preflight/objstm-qpdf.pdf')));
  assert.equal(qpdf.file.xrefKind, 'stream');
  const sum = (d: typeof clean) => ({
    info: d.info.GTS_PDFXVersion, intents: d.outputIntents.length, fonts: d.fonts.map((f) => [f.baseFont, f.embedded]),
    glyphs: d.pages[0].drawn.glyphs.map((g) => [g.char, g.x, g.y, g.adv, g.blend.op]),
    images: d.pages[0].drawn.images.map((i) => [i.x, i.y, i.width, i.pixelsX, i.space.family]),
    trim: d.pages[0].trimBox,
  });
  assert.deepEqual(sum(qpdf), sum(clean));
  // Twelve bytes slipped in after the header: every xref offset is wrong; the objects are found by scanning.
  const pdf = make(parts());
  const shifted = Buffer.concat([pdf.subarray(0, 9), Buffer.from('% shifted \n'), pdf.subarray(9)]);
  const re = readPdf(new Uint8Array(shifted));
  assert.equal(re.file.xrefKind, 'rebuilt');
  assert.deepEqual(sum(re), sum(clean));
  // The xref right, the objects moved (bytes slipped in before object 2): found by scanning too.
  const at = pdf.indexOf('2 0 obj');
  const moved = Buffer.concat([pdf.subarray(0, at), Buffer.from('\n\n\n\n'), pdf.subarray(at, pdf.lastIndexOf('xref')), Buffer.from(pdf.subarray(pdf.lastIndexOf('xref')).toString('latin1').replace(/startxref\n(\d+)/, (_m, n) => `startxref\n${Number(n) + 4}`), 'latin1')]);
  const mv = readPdf(new Uint8Array(moved));
  assert.equal(mv.file.xrefKind, 'rebuilt');
  assert.deepEqual(sum(mv), sum(clean));
});

test('read back an issue with a masthead logo (SVG paths, PNG image): glyphs, rules and the logo where composed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-readback-logo-'));
  const { default: sharp } = await import('sharp');
  await sharp({ create: { width: 400, height: 100, channels: 3, background: '#c8102e' } }).png().toFile(join(dir, 'logo.png'));
  for (const logo of [join(process.cwd(), 'tests/fixtures/press/art/logo.svg'), join(dir, 'logo.png')]) {
    const f = join(dir, `issue-${logo.endsWith('.png') ? 'png' : 'svg'}.yaml`);
    writeFileSync(f, `layout: broadsheet\npaper: { name: 钱塘新区报, name_en: QIANTANG NEW AREA DAILY, logo: ${logo} }\nissue: { date: 2025-03-11, number: 756 }\npages:\n  - number: 1\n    articles:\n      - id: a\n        title: 标题\n        body: |\n          ${'正文内容，钱塘区推进高质量发展。'.repeat(30)}\n        columns: 4\n`);
    const b = await buildPdf(f);
    const doc = readPdf(new Uint8Array(b.pdf));
    assert.ok(b.comp.dl.pages[0].items.some((i) => (i.type as string) === 'logo'), 'a logo item');
    const fid = compareWithDisplayList(b.comp.dl, doc);
    assert.deepEqual(fid.problems.slice(0, 5), [], `${logo}: ${JSON.stringify(fid.counts)}`);
    assert.ok(fid.glyphs > 300 && fid.rules >= 2, `${fid.glyphs} glyphs, ${fid.rules} rules`);
    assert.equal(fid.images, logo.endsWith('.png') ? 1 : 0);
    if (!logo.endsWith('.png')) assert.ok(doc.pages[0].drawn.paths.filter((p) => p.paint !== 'stroke').length > 5, 'the SVG drawn as paths');
    assert.deepEqual(checkJustification(b.comp.dl, doc, b.issue.layout.columnWidth).problems, []);
  }
});
