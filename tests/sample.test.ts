// The sample issue end to end: four pages, every body character read back from the PDF in
// order, the jump lines, the furniture, and the same bytes twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPdf } from '../src/pipeline.js';
import { extractText } from '../src/visual/pdftext.js';
import { readBack } from './helpers/readback.js';
import { Grid } from '../src/layout/grid.js';
import { overlaps, outsideTypeArea, offMeasure, offGrid } from './helpers/geometry.js';

const SAMPLE = 'samples/qiantang-2025-03-11.yaml';
const built = buildPdf(SAMPLE);
const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

test('the sample renders to a four-page PDF with TrimBox and BleedBox', async () => {
  const b = await built;
  assert.equal(b.comp.dl.pages.length, 4);
  const pdf = b.pdf.toString('latin1');
  assert.equal((pdf.match(/\/Type \/Page\b/g) ?? []).length, 4);
  assert.equal((pdf.match(/\/TrimBox/g) ?? []).length, 4);
  assert.equal((pdf.match(/\/BleedBox/g) ?? []).length, 4);
  const pages = await extractText(new Uint8Array(b.pdf));
  assert.equal(pages.length, 4);
});

test('same input, same bytes', async () => {
  const a = await built;
  const b = await buildPdf(SAMPLE);
  assert.ok(a.pdf.equals(b.pdf), 'two renders of the sample differ');
});

test('every body character is read back from the PDF, in order, on its pages', async () => {
  assert.deepEqual(await readBack(await built), []);
});

test('T28: the page-1 story with jump: 3 ends in （下转第3版） and continues on page 3 without a widow', async () => {
  const b = await built;
  const jumping = b.comp.dl.pages[0].blocks.filter((bl) => bl.jumpTo);
  assert.ok(jumping.length >= 1, 'a story jumps from page 1');
  for (const bl of jumping) {
    assert.equal(bl.jumpTo, 3);
    const cont = b.comp.dl.pages[2].blocks.find((x) => x.article === bl.article && x.part === 'continued');
    assert.ok(cont, `${bl.article} continues on page 3`);
    assert.equal(cont!.jumpFrom, 1);
  }
});

test('T30: furniture: masthead on page 1 only, folio lines on pages 2–4', async () => {
  const b = await built;
  const pages = await extractText(new Uint8Array(b.pdf));
  const text = pages.map((p) => squash(p.items.map((i) => i.str).join('')));
  assert.ok(text[0].includes('今日4版'));
  assert.ok(text[0].includes('总第756期'));
  assert.ok(text[0].includes('农历乙巳年二月十二'));
  assert.ok(text[0].includes('2025年3月11日星期二'));
  assert.ok(!text[0].includes('第1版'), 'no folio on page 1');
  const grid = new Grid(b.issue.layout);
  for (const n of [2, 3, 4]) {
    const items = pages[n - 1].items;
    const folio = items.find((i) => squash(i.str).startsWith(`第${n}版`));
    assert.ok(folio, `第${n}版 on page ${n}`);
    assert.ok(text[n - 1].includes('2025年3月11日星期二'));
    // Outer edge: left on even pages, right on odd.
    const mid = grid.x0 + grid.width / 2;
    if (n % 2 === 0) assert.ok(folio!.x < mid, `第${n}版 at the left`);
    else assert.ok(folio!.x > mid, `第${n}版 at the right`);
  }
});

test('the sample: no overlaps, ink inside the type area, body on the grid and justified to the measure', async () => {
  const b = await built;
  const grid = new Grid(b.issue.layout);
  for (const page of b.comp.dl.pages) {
    assert.deepEqual(overlaps(page), []);
    assert.deepEqual(outsideTypeArea(page, b.comp.faces), []);
    assert.deepEqual(offGrid(page, grid, b.comp.faces), []);
    assert.deepEqual(offMeasure(page, grid), []);
  }
  // Every column of every page ends on the type area's last line; nothing over its block.
  assert.deepEqual(b.comp.dl.problems.map((p) => p.message), []);
});
