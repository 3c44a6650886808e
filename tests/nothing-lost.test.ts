// Nothing lost: generated valid issues rendered to PDF, every body character read back in
// order (jumps included); and `check` agrees with `render` on the sample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build, buildPdf } from '../src/pipeline.js';
import { genIssue } from './helpers/gen.js';
import { readBack } from './helpers/readback.js';

test('generated issues: every body character read back from the PDF in order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-lost-'));
  let checked = 0;
  for (let seed = 100; checked < 6; seed++) {
    const f = join(dir, `g${seed}.yaml`);
    writeFileSync(f, genIssue(seed, 2).yaml);
    const b = await buildPdf(f);
    // Only issues without layout problems promise all their text.
    if (b.comp.dl.problems.some((p) => p.kind === 'over' || p.kind === 'overfull')) continue;
    assert.deepEqual(await readBack(b), [], `seed ${seed}`);
    checked++;
  }
});

test('check and render agree on every article of the sample (same lines, same jump)', () => {
  const r = spawnSync(process.execPath, ['bin/broadsheet', 'check', 'samples/qiantang-2025-03-11.yaml', '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  const b = build('samples/qiantang-2025-03-11.yaml');
  const blocks = b.comp.dl.pages.flatMap((p) => p.blocks.map((bl) => ({ ...bl, page: p.number })));
  assert.equal(report.fits.length, blocks.length);
  for (const fit of report.fits) {
    const bl = blocks.find((x) => x.article === fit.article && x.part === fit.part && x.page === fit.page);
    assert.ok(bl, `${fit.article} on page ${fit.page}`);
    assert.equal(fit.lines, bl.lines, fit.article);
    assert.equal(fit.column, bl.column, fit.article);
    assert.equal(fit.jumpTo, bl.jumpTo, fit.article);
  }
});
