// Issue 14 items 3–5 on the composed page: headline quotes kerned, ASCII and full-width
// brackets set alike, subheads with their own depth kept with two lines, feature bylines,
// vertical titles with ½-em column spacing, 错落 and the byline set with the title.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/pipeline.js';
import type { GlyphRun } from '../src/layout/displaylist.js';
import { Grid } from '../src/layout/grid.js';
import { openFaces } from '../src/layout/faces.js';
import { setVerticalTitle } from '../src/layout/vertical.js';
import { normalizeAscii } from '../src/text/normalize.js';
import { buildUnits } from '../src/text/units.js';
import { loadLayout } from '../src/issue/layout.js';
import { InputError } from '../src/issue/errors.js';

const sample = build('samples/qiantang-2025-03-11.yaml');
const runs = (page: number) => sample.comp.dl.pages[page - 1].items.filter((i): i is GlyphRun => i.type === 'glyphs');

test('headline quotes set tight: 托起“一老一小” has no half-em hole before “', () => {
  const title = runs(3).find((r) => r.role === 'title' && r.glyphs.map((g) => g.text).join('') === '托起“一老一小”');
  assert.ok(title, 'the title line');
  const at = (ch: string) => title!.glyphs.find((g) => g.text === ch)!;
  // The quote's 1-em glyph starts half an em after 起 (its blank left half under 起's cell).
  assert.ok(Math.abs(at('“').x - at('起').x - 0.5 * title!.size) < 0.01, `${(at('“').x - at('起').x) / title!.size} em`);
  assert.ok(Math.abs(at('一').x - at('“').x - title!.size) < 0.01);
  // Body text keeps its in-line quotes full (§4.1): the rule is for headline sizes.
  const body = runs(3).find((r) => r.role === 'body' && r.glyphs.some((g, i) => g.text === '“' && i > 0));
  assert.ok(body);
});

test('ASCII brackets and commas are printed as the full-width ones: (新)区 and （新）区 set alike', () => {
  const { byRole } = openFaces(sample.issue);
  const widths = (t: string) => buildUnits([{ text: normalizeAscii(t), face: byRole.body, role: 'body' }]).map((u) => [u.text, u.width]);
  assert.deepEqual(widths('钱塘(新)区,7日'), widths('钱塘（新）区，7日'));
  assert.deepEqual(widths('(新)区'), widths('（新）区'));
});

test('subheads: on the grid, a blank line above unless at a column head, and kept with the two lines after', () => {
  const page = runs(2);
  const grid = new Grid(sample.issue.layout);
  const subs = page.filter((r) => r.role === 'subhead');
  assert.equal(subs.length, 3);
  let spaced = 0;
  for (const s of subs) {
    const column = page.filter((r) => Math.abs(r.x - s.x) < 0.5 && r.role !== 'subhead' && r.article === s.article);
    const below = column.filter((r) => r.y > s.y && r.y < s.y + 2.5 * grid.pitch);
    assert.equal(new Set(below.map((r) => r.y.toFixed(1))).size, 2, `${s.glyphs.map((g) => g.text).join('')}: two lines after it`);
    const above = column.filter((r) => r.y < s.y && r.y > s.y - 1.5 * grid.pitch);
    const head = !column.some((r) => r.y < s.y);
    if (!head && above.length === 0) spaced++;
  }
  assert.ok(spaced >= 1, 'a blank line above a subhead inside a column');
});

test('vertical title: columns ½ em apart at least, the byline with the title, 错落 when asked', () => {
  const v = runs(4).filter((r) => r.vertical && r.article === 'dushu-tiangong');
  const title = v.filter((r) => r.role === 'title');
  const xs = [...new Set(title.map((r) => r.x))].sort((a, b) => b - a);
  assert.equal(xs.length, 2);
  assert.ok(xs[0] - xs[1] >= 1.5 * title[0].size - 0.01, `column pitch ${(xs[0] - xs[1]) / title[0].size} em`);
  const by = v.find((r) => r.role === 'byline');
  assert.ok(by, 'the byline set vertically with the title');
  assert.ok(by!.x < xs[1] && xs[1] - (by!.x + by!.size) >= 0.5 * title[0].size - 0.01, 'left of the title, ½ em apart');
  // Cell bottoms (baseline − 0.88 em is the cell top in Noto, §1): the byline ends with the title.
  const bottom = (r: GlyphRun) => r.y - 0.88 * r.size + (r.dy ? r.dy[r.dy.length - 1] : 0) + r.size;
  const titleEnd = Math.max(...title.map(bottom));
  const byEnd = Math.max(...v.filter((r) => r.role === 'byline').map(bottom));
  assert.ok(Math.abs(byEnd - titleEnd) < 0.01, `byline ends ${byEnd - titleEnd} pt from the title's end`);
  // 错落: 说天工 / 灯下 has the shorter line first; 灯下 / 三个字 lowers the second.
  const grid = new Grid(sample.issue.layout);
  const { byRole } = openFaces(sample.issue);
  const top = (t: ReturnType<typeof setVerticalTitle>, k: number) => [...new Set(t.runs.map((r) => r.x))].sort((a, b) => b - a).map((x) => Math.min(...t.runs.filter((r) => r.x === x).map((r) => r.y)))[k];
  const plain = setVerticalTitle(['三个字', '灯下'], grid, byRole, 26, 'x');
  const stag = setVerticalTitle(['三个字', '灯下'], grid, byRole, 26, 'x', { stagger: true });
  assert.ok(Math.abs(top(plain, 1) - top(plain, 0)) < 0.01);
  assert.ok(Math.abs(top(stag, 1) - top(stag, 0) - stag.size) < 0.01, 'the second column lowered one cell');
});

test('a feature byline (文/陈墨): followed by a 1-em space, or on its own line (feature_byline: own_line)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-byline-'));
  const issue = (extra: string) => `layout: ${extra ? 'own.yaml' : 'broadsheet'}
paper: { name: 钱塘新区报 }
issue: { date: 2025-03-11, number: 756, pages: 1 }
pages:
  - number: 1
    articles:
      - { id: fukan, title: 外婆的灶间, byline: 文/陈墨, columns: 8, body: 小时候，每到冬天，外婆的灶间总是全家最暖和的地方。柴火在灶膛里噼啪作响，锅里的年糕慢慢变软，香气飘满了整个院子。外婆总说，灶间的火不能断，断了，日子就冷了。 }
`;
  const layout = readFileSync('layouts/broadsheet.yaml', 'utf8').replace('feature_byline: space', 'feature_byline: own_line');
  assert.ok(layout.includes('feature_byline: own_line'));
  writeFileSync(join(dir, 'own.yaml'), layout);
  for (const style of ['', 'own']) {
    const f = join(dir, `issue-${style || 'space'}.yaml`);
    writeFileSync(f, issue(style));
    const b = build(f);
    const rs = b.comp.dl.pages[0].items.filter((i): i is GlyphRun => i.type === 'glyphs' && i.article === 'fukan' && i.lineEnd !== undefined);
    const by = rs.find((r) => r.role === 'byline')!;
    // The same line of the same column (a short text is balanced across the columns, so other
    // columns have lines at the same height).
    const next = rs.find((r) => r.role === 'body' && Math.abs(r.y - by.y) < 0.01 && r.x >= by.x && r.x < by.x + b.issue.layout.columnWidth);
    if (!style) {
      assert.ok(next, 'run in');
      const last = by.glyphs[by.glyphs.length - 1];
      assert.ok(Math.abs(next!.x + next!.glyphs[0].x - (by.x + last.x + last.adv) - by.size) < 0.01, '1 em after the name');
    } else assert.equal(next, undefined, 'on a line of its own');
  }
});

test('layout keys of issue 14: the budget, its off switch, subhead space, feature byline, 错落; bad values named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-keys-'));
  const grid = 'trim: { width: 390mm, height: 546mm }\ngrid: { columns: 8, column_chars: 13, body_size: 9pt, lines: 103 }\n';
  const load = (text: string) => {
    writeFileSync(join(dir, 'l.yaml'), grid + text);
    return loadLayout('l.yaml', dir, 'l.yaml');
  };
  const d = load('');
  assert.deepEqual(d.text.spacing, { letter: 0.125, gapMin: 0.125, gapMax: 0.375 });
  assert.equal(d.text.subheadSpace, 1);
  assert.equal(d.text.featureByline, 'space');
  assert.equal(d.headline.verticalStagger, false);
  assert.equal(load('text: { even_spacing: false }\n').text.spacing, undefined, 'typesetting.md §5.2 exactly');
  const l = load('text: { letter_space: 0.25em, cjk_latin_gap_max: 0.5em, subhead_space: 0, feature_byline: own_line }\nheadline: { vertical_stagger: true }\n');
  assert.deepEqual(l.text.spacing, { letter: 0.25, gapMin: 0.125, gapMax: 0.5 });
  assert.equal(l.text.subheadSpace, 0);
  assert.equal(l.text.featureByline, 'own_line');
  assert.equal(l.headline.verticalStagger, true);
  assert.throws(() => load('text: { feature_byline: below, subhead_space: 5 }\n'), (err: unknown) => {
    const msgs = (err as InputError).problems.map((p) => `${p.field}: ${p.message}`).join('\n');
    assert.match(msgs, /text\.feature_byline/);
    assert.match(msgs, /text\.subhead_space/);
    return true;
  });
});
