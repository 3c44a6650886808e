// The 四开 tabloid layout (layouts/tabloid.yaml, typesetting.md §2): 6 × 12 字 小五 on a
// 273 × 390 mm trim. The grid is derived, and an issue set on it keeps every rule the
// broadsheet keeps: blocks apart, ink inside the type area, body lines on the measure,
// stories cut and continued with their jump lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/pipeline.js';
import { GlyphRun } from '../src/layout/displaylist.js';
import { Grid } from '../src/layout/grid.js';
import { loadLayout, repoRoot } from '../src/issue/layout.js';
import { offGrid, offMeasure, outsideTypeArea, overlaps } from './helpers/geometry.js';
import { PARAS } from './helpers/gen.js';
import { mergeStats } from '../src/text/stats.js';

const MM = 72 / 25.4;

test('tabloid.yaml: 6 columns of 12 字 小五, 73 lines, type area 693 × 981 pt centred on 273 × 390 mm', () => {
  const L = loadLayout('tabloid', repoRoot());
  assert.equal(L.grid.columns, 6);
  assert.equal(L.grid.columnChars, 12);
  assert.equal(L.grid.lines, 73);
  assert.equal(L.columnWidth, 108);
  assert.equal(L.columnStep, 117);
  assert.ok(Math.abs(L.typeArea.width - 693) < 1e-6, `width ${L.typeArea.width}`);
  assert.ok(Math.abs(L.typeArea.height - (9 + 72 * 13.5)) < 1e-6, `height ${L.typeArea.height}`);
  assert.ok(Math.abs(L.trim.width - 273 * MM) < 1e-6 && Math.abs(L.trim.height - 390 * MM) < 1e-6);
  assert.ok(Math.abs(L.typeArea.x - (L.trim.width - 693) / 2) < 1e-6, 'centred across');
});

test('a two-page tabloid issue: geometry on the grid, a story cut on page 1 and continued on page 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-tabloid-'));
  const body = (n: number, from = 0) => Array.from({ length: n }, (_, i) => PARAS[(i + from) % PARAS.length]).join('\n\n');
  const f = join(dir, 'tabloid.yaml');
  writeFileSync(
    f,
    `layout: tabloid
paper: { name: 钱塘新区报, name_en: QIANTANG NEW AREA DAILY }
issue: { date: 2025-03-11, number: 756, pages: 2 }
pages:
  - number: 1
    section: 要闻
    articles:
      - { id: a, kicker: 引题在这里, title: 主题在四开版面上, columns: 4, column: 1, lines: 40, jump: 2, body: ${JSON.stringify(body(40))} }
      - { id: b, title: 右边两栏, columns: 2, column: 5, body: ${JSON.stringify(body(16, 2))} }
      - { id: c, title: 下面四栏, columns: 4, column: 1, body: ${JSON.stringify(body(5, 3))} }
  - number: 2
    section: 综合
    articles:
      - { continued: a, columns: 3, column: 1 }
      - { id: d, title: 第二版的文章, columns: 3, column: 4, body: ${JSON.stringify(body(14, 1))} }
`,
  );
  if (process.env.TABLOID_KEEP) writeFileSync(process.env.TABLOID_KEEP, readFileSync(f));
  const b = build(f);
  const grid = new Grid(b.issue.layout);
  assert.equal(b.comp.dl.pages.length, 2);
  for (const page of b.comp.dl.pages) {
    assert.ok(Math.abs(page.width - (273 + 6) * MM) < 1e-6 && Math.abs(page.height - (390 + 6) * MM) < 1e-6, 'trim plus bleed');
    assert.deepEqual(overlaps(page), [], `page ${page.number}`);
    assert.deepEqual(outsideTypeArea(page, b.comp.faces), [], `page ${page.number}`);
    assert.deepEqual(offMeasure(page, grid), [], `page ${page.number}`);
    assert.deepEqual(offGrid(page, grid, b.comp.faces), [], `page ${page.number}`);
  }
  const a = b.comp.fits.find((x) => x.article === 'a' && x.part === 'article')!;
  assert.equal(a.jumpTo, 2);
  const cont = b.comp.fits.find((x) => x.article === 'a' && x.part === 'continued')!;
  assert.equal(cont.jumpFrom, 1);
  assert.ok(cont.used > 0);
  const text = (n: number) => b.comp.dl.pages[n].items.flatMap((i) => (i.type === 'glyphs' ? i.glyphs.map((g) => g.text) : [])).join('');
  assert.match(text(0), /（下转第2版）/);
  assert.match(text(1), /（上接第1版）/);
  const t = mergeStats(...b.comp.typography);
  assert.ok(t.lines > 300, `${t.lines} lines`);
  assert.equal(t.kinsoku, 0);
  assert.equal(t.lone, 0);
  assert.equal(t.offMeasure, 0);
  assert.ok(t.maxGap <= 0.5 + 1e-9, `largest gap ${t.maxGap} em`);
});

test('the tabloid sample: every block fits, and the masthead date block keeps clear of the name and the info box', () => {
  const b = build('samples/tabloid-2025-03-11.yaml');
  assert.deepEqual(b.comp.dl.problems.filter((p) => p.kind !== 'underfull'), []);
  const grid = new Grid(b.issue.layout);
  for (const page of b.comp.dl.pages) {
    assert.deepEqual(overlaps(page), [], `page ${page.number}`);
    assert.deepEqual(outsideTypeArea(page, b.comp.faces), [], `page ${page.number}`);
    assert.deepEqual(offMeasure(page, grid), [], `page ${page.number}`);
  }
  const p1 = b.comp.dl.pages[0];
  const mast = p1.items.filter((i): i is GlyphRun => i.type === 'glyphs' && i.role === 'masthead');
  const right = (r: GlyphRun) => r.x + Math.max(...r.glyphs.map((g) => g.x + g.adv * ((r.scale ?? 100) / 100)));
  const text = (r: GlyphRun) => r.glyphs.map((g) => g.text).join('');
  const name = mast.filter((r) => '钱塘新区报'.includes(text(r)) && r.size >= 40);
  const date = mast.filter((r) => /星期|农历|总第/.test(text(r)));
  const info = mast.filter((r) => /热线|投稿|钱塘发布|征订|下沙/.test(text(r)));
  assert.ok(name.length && date.length === 3 && info.length >= 4, `${name.length} ${date.length} ${info.length}`);
  const nameRight = Math.max(...name.map(right));
  const infoLeft = Math.min(...info.map((r) => r.x));
  for (const d of date) {
    assert.ok(d.x >= nameRight + 12, `${text(d)} starts ${(d.x - nameRight).toFixed(1)} pt after the name`);
    assert.ok(right(d) <= infoLeft - 12, `${text(d)} ends ${(infoLeft - right(d)).toFixed(1)} pt before the info box`);
  }
});
