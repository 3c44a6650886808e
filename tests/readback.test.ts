// The PDF is the product: every sample, generated issues and an issue with a condensed
// headline are rendered, the PDF is read back with our own content-stream reader, and what
// it draws is compared with the DisplayList glyph by glyph (same character, origin within
// 0.05 pt, same advance, size and horizontal scale), rule by rule and image by image; every
// justified body line must end on its column's measure as printed. On the writer before
// issue 11 (Tz never reset after a condensed headline) these fail by thousands of glyphs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPdf } from '../src/pipeline.js';
import { readPdf } from '../src/readback/read.js';
import { compareWithDisplayList, ORIGIN_TOLERANCE } from '../src/readback/fidelity.js';
import { checkJustification } from '../src/readback/measure.js';
import { genIssue } from './helpers/gen.js';
import { onePage } from './helpers/rawpdf.js';

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
