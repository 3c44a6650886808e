// Generated issues: random articles (spans 1–8, with and without lines / column / jump),
// composed and checked on the DisplayList. 200+ pages per run, from a fixed seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/pipeline.js';
import { overlaps, outsideTypeArea } from './helpers/geometry.js';
import { DLPage } from '../src/layout/displaylist.js';
import { genIssue } from './helpers/gen.js';
import { balanceFaults } from './helpers/makeup.js';
import { Grid } from '../src/layout/grid.js';

/** Empty grid lines per page, counted from the blocks alone. */
function emptyLines(page: DLPage, top: number, lines: number, columns: number): number {
  let total = 0;
  for (let c = 1; c <= columns; c++) {
    const mine = page.blocks.filter((b) => b.column <= c && c < b.column + b.columns).sort((p, q) => p.firstLine - q.firstLine);
    let cursor = top;
    for (const b of mine) {
      total += Math.max(0, b.firstLine - cursor - (cursor > top ? 1 : 0));
      cursor = Math.max(cursor, b.firstLine + b.lines);
    }
    total += Math.max(0, lines - cursor);
  }
  return total;
}

test('200+ generated pages: no overlaps, ink in the type area, every empty line reported, columns balanced in every block', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-gen-'));
  let pages = 0;
  for (let seed = 1; pages < 200; seed++) {
    const { yaml } = genIssue(seed);
    const f = join(dir, `g${seed}.yaml`);
    writeFileSync(f, yaml);
    const b = build(f);
    const L = b.issue.layout;
    for (const page of b.comp.dl.pages) {
      pages++;
      const where = `seed ${seed} page ${page.number}`;
      assert.deepEqual(overlaps(page), [], where);
      assert.deepEqual(outsideTypeArea(page, b.comp.faces), [], where);
      const top = page.number === 1 ? L.masthead.pitches : L.folio.pitches;
      const empty = emptyLines(page, top, L.grid.lines, L.grid.columns);
      const reported = b.comp.dl.problems.find((p) => p.kind === 'underfull' && p.page === page.number);
      if (empty > 0) {
        assert.ok(reported, `${where}: ${empty} empty lines not reported`);
        assert.match(reported.message, new RegExp(`余 ${empty} 行 — ${empty} column-lines`), where);
      } else assert.equal(reported, undefined, where);
      // Short copy leaves holes (reported above), never a block with a column empty beside text.
      assert.deepEqual(balanceFaults(page, new Grid(L)), [], where);
      // Every article without a jump that did not fit is named with its lines over.
      for (const fit of b.comp.fits.filter((x) => x.page === page.number && x.free < 0 && !x.jumpTo))
        assert.ok(b.comp.dl.problems.some((p) => p.kind === 'over' && p.article === fit.article), `${where}: ${fit.article} over without a problem`);
    }
  }
  assert.ok(pages >= 200);
});
