// Visual regression: the sample, rendered now, against the approved golden pages.
// After a reviewed change: `npm run approve`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPdf } from '../src/pipeline.js';
import { rasterizePdf } from '../src/visual/raster.js';
import { compareWithRef } from '../src/visual/diff.js';
import { GOLDEN_DIR, GOLDEN_DPI, GOLDEN_ISSUE } from './golden/approve.js';

test('the sample matches its golden pages pixel for pixel', async () => {
  const b = await buildPdf(GOLDEN_ISSUE);
  const pages = await rasterizePdf(new Uint8Array(b.pdf), GOLDEN_DPI);
  const res = await compareWithRef(pages, GOLDEN_DIR, undefined, { threshold: 0.1 });
  const bad = res.pages.filter((p) => p.status !== 'same').map((p) => `page ${p.number}: ${p.status} ${(p.share * 100).toFixed(3)} %`);
  assert.deepEqual(bad, [], 'differs from tests/golden: review, then npm run approve');
  assert.equal(res.pageCountDiffers, false);
});
