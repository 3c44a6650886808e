// 竖排 titles: vertical forms a cell a character, and 纵中横 — a number of one or two digits
// upright across one cell, its digits side by side (clreq §3.2.2); longer numbers a digit a cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/pipeline.js';
import { GlyphRun } from '../src/layout/displaylist.js';
import { overlaps, outsideTypeArea } from './helpers/geometry.js';
import { PARAS } from './helpers/gen.js';

test('a vertical title with numbers: 12 across one cell, 3 alone in one, 2025 a digit a cell, cells one after another', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-vert-'));
  const f = join(dir, 'v.yaml');
  const body = PARAS.join('\n\n');
  writeFileSync(f, `layout: broadsheet\npaper: { name: 钱塘新区报 }\nissue: { date: 2025-03-11, number: 756 }\npages:\n  - number: 1\n    articles:\n      - { id: v, title: "第12届\\n2025年3月", title_style: vertical, columns: 3, column: 1, body: ${JSON.stringify(body)} }\n`);
  const b = build(f);
  const page = b.comp.dl.pages[0];
  assert.deepEqual(overlaps(page), []);
  assert.deepEqual(outsideTypeArea(page, b.comp.faces), []);
  const runs = page.items.filter((i): i is GlyphRun => i.type === 'glyphs' && i.role === 'title' && i.article === 'v');
  const size = runs[0].size;
  // Every cell of the first title line, top to bottom: [y of the cell's baseline, text].
  const cells = (x0: number, x1: number) =>
    runs
      .filter((r) => r.x >= x0 && r.x < x1)
      .flatMap((r) => (r.vertical ? r.glyphs.map((g, i) => [r.y + (r.dy?.[i] ?? 0), g.text] as [number, string]) : [[r.y, r.glyphs.map((g) => g.text).join('')] as [number, string]]))
      .sort((a, c) => a[0] - c[0]);
  const right = Math.max(...runs.filter((r) => r.vertical).map((r) => r.x));
  const first = cells(right - size, right + size);
  assert.deepEqual(first.map((c) => c[1]), ['第', '12', '届']);
  const second = cells(-Infinity, right - size);
  assert.deepEqual(second.map((c) => c[1]), ['2', '0', '2', '5', '年', '3', '月']);
  for (const line of [first, second]) for (let i = 1; i < line.length; i++) assert.ok(Math.abs(line[i][0] - line[i - 1][0] - size) < 1e-6, `cells a size apart: ${line.map((c) => c[1]).join('')}`);
  // 纵中横: the pair is one horizontal run, its digits on one baseline, inside the column's cell.
  const pair = runs.find((r) => !r.vertical && r.glyphs.map((g) => g.text).join('') === '12')!;
  assert.ok(pair, 'the pair is set as one horizontal run');
  const face = b.comp.faces.get(pair.face)!;
  const k = (pair.scale ?? 100) / 100;
  const left = pair.x + pair.glyphs[0].x;
  const last = pair.glyphs[pair.glyphs.length - 1];
  const width = last.x + last.adv - pair.glyphs[0].x;
  assert.ok(width <= size + 1e-6, `the pair fits its cell: ${width} ≤ ${size}`);
  // A vertical run's x is its cells' left edge: the pair is centred across the cell.
  assert.ok(Math.abs(left + width / 2 - (right + size / 2)) < 0.5, 'centred in the cell');
  assert.ok(k <= 1 && face.upm > 0);
});
