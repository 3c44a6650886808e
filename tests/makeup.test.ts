// Page make-up on the samples and on issues whose copy does not match the plan (every story
// 40 % short, or 20 % long): balanced columns, holes reported with their places.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from '../src/pipeline.js';
import { Grid } from '../src/layout/grid.js';
import { balanceFaults, columnCounts, ruleJoins } from './helpers/makeup.js';
import type { GlyphRun, Rule } from '../src/layout/displaylist.js';

const ISSUES = ['samples/qiantang-2025-03-11.yaml', 'samples/tabloid-2025-03-11.yaml', 'tests/fixtures/makeup/short.yaml', 'tests/fixtures/makeup/long.yaml'];
const built = new Map(ISSUES.map((f) => [f, build(f)]));

for (const file of ISSUES) {
  test(`${file}: no block has an empty column beside text; columns within a block differ by ≤ 1 line`, () => {
    const b = built.get(file)!;
    const grid = new Grid(b.issue.layout);
    assert.deepEqual(b.comp.dl.pages.flatMap((p) => balanceFaults(p, grid)), []);
  });

  test(`${file}: every empty grid line is reported once per page, with its place`, () => {
    const b = built.get(file)!;
    const L = b.issue.layout;
    for (const page of b.comp.dl.pages) {
      const top = page.number === 1 ? L.masthead.pitches : L.folio.pitches;
      let empty = 0;
      for (let c = 1; c <= L.grid.columns; c++) {
        const mine = page.blocks.filter((bl) => bl.column <= c && c < bl.column + bl.columns).sort((p, q) => p.firstLine - q.firstLine);
        let cursor = top;
        for (const bl of mine) {
          empty += Math.max(0, bl.firstLine - cursor - (cursor > top ? 1 : 0));
          cursor = Math.max(cursor, bl.firstLine + bl.lines);
        }
        empty += L.grid.lines - cursor;
      }
      const reported = b.comp.dl.problems.filter((p) => p.kind === 'underfull' && p.page === page.number);
      if (!empty) {
        assert.equal(reported.length, 0);
        continue;
      }
      assert.equal(reported.length, 1, `page ${page.number}`);
      assert.match(reported[0].message, new RegExp(`^第${page.number}版: 余 ${empty} 行`));
      // The places add up to the count: 栏a–b 第x–y行 (n栏×m行).
      const places = [...reported[0].message.matchAll(/\((\d+)栏×(\d+)行\)/g)].reduce((a, m) => a + Number(m[1]) * Number(m[2]), 0);
      assert.equal(places, empty, reported[0].message);
    }
  });
}

test('short copy: blocks shrink to their text (no block holds more than a line of white per column) and the blocks below move up', () => {
  const b = built.get('tests/fixtures/makeup/short.yaml')!;
  const grid = new Grid(b.issue.layout);
  for (const page of b.comp.dl.pages) {
    for (const { block, lines, figure } of columnCounts(page, grid)) {
      const fit = b.comp.fits.find((f) => f.page === page.number && f.article === block.article && f.part === block.part)!;
      if (fit.jumpTo) continue;
      const free = lines.filter((_, c) => !figure[c]);
      // The longest text column reaches the block's last line (a block with a photo or a
      // vertical title may end at the figure's foot instead).
      if (!figure.some(Boolean)) assert.equal(Math.max(...free), block.lines - fit.headLines, `page ${page.number} ${block.article}`);
      assert.ok(fit.free < block.columns, `page ${page.number} ${block.article}: 余 ${fit.free} column-lines inside the block`);
    }
    // Stacked blocks touch: one pitch (the rule's) between a block and the block above it.
    for (const bl of page.blocks) {
      const above = page.blocks.filter((o) => o !== bl && o.firstLine < bl.firstLine && o.column < bl.column + bl.columns && bl.column < o.column + o.columns);
      if (above.length) assert.equal(bl.firstLine, Math.max(...above.map((o) => o.firstLine + o.lines)) + 1, `page ${page.number} ${bl.article}`);
    }
  }
  // The copy is short: holes are left, and reported.
  assert.ok(b.comp.dl.problems.filter((p) => p.kind === 'underfull').length >= 3);
});

test('long copy: 超 is reported for every block over, with the lines over', () => {
  const b = built.get('tests/fixtures/makeup/long.yaml')!;
  for (const fit of b.comp.fits.filter((f) => f.free < 0 && !f.jumpTo)) {
    assert.ok(b.comp.dl.problems.some((p) => p.kind === 'over' && p.article === fit.article && /超 \d+ 行/.test(p.message)), fit.article);
  }
});

for (const file of ISSUES) {
  test(`${file}: every rule join is a T or a corner (no cross, no gap, no double), measured on the DisplayList`, () => {
    const b = built.get(file)!;
    const L = b.issue.layout;
    const grid = new Grid(L);
    let joins = 0;
    for (const page of b.comp.dl.pages) {
      const top = page.number === 1 ? L.masthead.pitches : L.folio.pitches;
      const j = ruleJoins(page, grid.lineTop(top));
      assert.deepEqual(j.faults, [], `page ${page.number}`);
      joins += j.t + j.corner;
    }
    assert.ok(joins > 0, 'the pages have joined rules');
  });
}

test('rules keep ½ em from body type beside them and ½ pitch above and below', () => {
  const b = built.get('samples/qiantang-2025-03-11.yaml')!;
  const L = b.issue.layout;
  const grid = new Grid(L);
  for (const page of b.comp.dl.pages) {
    const top = grid.lineTop(page.number === 1 ? L.masthead.pitches : L.folio.pitches);
    const rules = page.items.filter((i): i is Rule => i.type === 'rule' && Math.min(i.y1, i.y2) >= top - 0.05);
    const body = page.items.filter((i): i is GlyphRun => i.type === 'glyphs' && i.lineEnd !== undefined);
    for (const r of rules)
      for (const run of body) {
        const left = run.x;
        const right = run.lineEnd!;
        const upper = run.y - 0.88 * run.size;
        const lower = upper + run.size;
        if (r.x1 === r.x2 && r.y1 < lower && r.y2 > upper) assert.ok(r.x1 <= left - grid.size / 2 + 0.01 || r.x1 >= right + grid.size / 2 - 0.01, `page ${page.number}: vertical at ${r.x1} within ½ em of body type ${left}..${right}`);
        if (r.y1 === r.y2 && r.x1 < right && r.x2 > left) assert.ok(r.y1 <= upper - grid.pitch / 2 + 0.01 || r.y1 >= lower + grid.pitch / 2 - 0.01, `page ${page.number}: horizontal at ${r.y1} within ½ pitch of body type ${upper}..${lower}`);
      }
  }
});
