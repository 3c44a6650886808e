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

test('headline band: 1 字 of air inside the block at each side, kicker and subtitle no wider than the title, ≤ 1 line of white between band and text', () => {
  for (const file of ISSUES.slice(0, 2)) {
    const b = built.get(file)!;
    const grid = new Grid(b.issue.layout);
    for (const page of b.comp.dl.pages)
      for (const bl of page.blocks) {
        const runs = page.items.filter((i): i is GlyphRun => i.type === 'glyphs' && i.article === bl.article && ['title', 'kicker', 'subtitle'].includes(i.role) && !i.vertical && i.y > bl.y && i.y < bl.y + bl.height);
        if (!runs.length) continue;
        // Set width (glyph x and adv are already scaled), less the blank half of closing punctuation.
        const width = (r: GlyphRun) => {
          const last = r.glyphs[r.glyphs.length - 1];
          return last.x + last.adv * (/[”’）》」』、，。]/.test(last.text) ? 0.5 : 1);
        };
        for (const r of runs) {
          assert.ok(r.x >= bl.x + grid.size - 0.01, `${file} p${page.number} ${bl.article}: ${r.role} starts ${(r.x - bl.x).toFixed(1)} pt inside the block`);
          assert.ok(r.x + width(r) <= bl.x + bl.width - grid.size + 0.01 || bl.columns === 1, `${file} p${page.number} ${bl.article}: ${r.role} ends ${(bl.x + bl.width - r.x - width(r)).toFixed(1)} pt inside`);
        }
        // A byline set as the band's last element (a subtitle) ends at most a line above the
        // first text line (a byline run in at the head of the text is the text).
        const inkBottom = Math.max(...runs.map((r) => r.y + 0.12 * r.size));
        const lastIsSubtitle = runs.find((r) => r.y + 0.12 * r.size === inkBottom)?.role === 'subtitle';
        const text = page.items.filter((i): i is GlyphRun => i.type === 'glyphs' && i.article === bl.article && i.lineEnd !== undefined && i.y > inkBottom);
        const photo = page.items.some((i) => i.type === 'image' && i.article === bl.article);
        if (text.length && !photo && lastIsSubtitle) {
          const firstTop = Math.min(...text.map((r) => r.y - 0.88 * r.size));
          assert.ok(firstTop - inkBottom <= grid.pitch + 0.01, `${file} p${page.number} ${bl.article}: ${(firstTop - inkBottom).toFixed(1)} pt of white under the band`);
        }
        const titles = runs.filter((r) => r.role === 'title');
        const widest = Math.max(0, ...titles.map((r) => width(r)));
        for (const r of runs.filter((r) => r.role !== 'title' && titles.length)) {
          const w = width(r);
          // A long kicker over a short title that cannot be set within it at body size keeps to the measure (keji-fuzong).
          if (w > widest + 0.5 && !(r.size <= grid.size + 0.01 || bl.article === 'keji-fuzong')) assert.fail(`${file} p${page.number} ${bl.article}: ${r.role} ${w.toFixed(1)} pt wider than the title ${widest.toFixed(1)} pt`);
        }
      }
  }
});

test('captions: on the grid line under the photo, text on the next grid line under the caption', () => {
  const b = built.get('samples/qiantang-2025-03-11.yaml')!;
  const grid = new Grid(b.issue.layout);
  let photos = 0;
  for (const page of b.comp.dl.pages)
    for (const img of page.items.filter((i) => i.type === 'image')) {
      if (img.type !== 'image') continue;
      photos++;
      const lineOf = (y: number) => Math.floor((y - grid.y0 + 0.01) / grid.pitch);
      const below = page.items.filter((i): i is GlyphRun => i.type === 'glyphs' && i.article === img.article && i.x >= img.x - 0.01 && i.x < img.x + img.width && i.y > img.y + img.height);
      const captions = below.filter((r) => r.role === 'caption');
      const first = Math.min(...below.map((r) => lineOf(r.y - 0.5)));
      // Hugging the photo: the caption's line starts a line gap to a pitch under the picture.
      const gap = grid.lineTop(first) - (img.y + img.height);
      assert.ok(gap >= grid.lineGap - 0.01 && gap < grid.lineGap + grid.pitch, `${img.article}: ${gap.toFixed(1)} pt between photo and caption line`);
      if (captions.length) {
        const last = Math.max(...captions.map((r) => lineOf(r.y - 0.5)));
        const text = below.filter((r) => r.role !== 'caption' && r.lineEnd !== undefined);
        if (text.length) assert.equal(Math.min(...text.map((r) => lineOf(r.y - 0.5))), last + 1, `${img.article}: text on the grid line under the caption`);
      }
    }
  assert.ok(photos >= 3);
});

for (const file of ISSUES) {
  test(`${file}: no word split across a column break; every widow and orphan left is named with its place and why`, () => {
    const t = built.get(file)!.comp.typography;
    assert.equal(t.reduce((n, a) => n + a.splits, 0), 0, t.flatMap((a) => a.where).join('\n'));
    for (const a of t) assert.equal(a.where.length, a.widows + a.orphans + a.splits, a.article);
    for (const w of t.flatMap((a) => a.where)) assert.match(w, /^第\d+版 栏\d+\/\d+: (widow|orphan) \(.+\)$/);
  });
}

test('column breaks: the sample keeps at most 1 widow or orphan (2 before they were fixed at column breaks)', () => {
  const t = built.get('samples/qiantang-2025-03-11.yaml')!.comp.typography;
  assert.ok(t.reduce((n, a) => n + a.widows + a.orphans, 0) <= 1);
});
