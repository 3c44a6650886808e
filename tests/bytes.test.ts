// Speed work leaves the PDF bytes as they were (issue 16): each pinned issue, rendered with
// the caches off, must give the bytes recorded in tests/golden/bytes.json (`npm run approve`
// records them after a reviewed change of the output). The file without its photos' samples
// must match on every machine; the whole file where it was recorded (same CPU model — libvips
// may round a resampled pixel differently on another CPU family).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildPdf } from '../src/pipeline.js';
import { cpuModel, pin, PINNED_FILE, PINNED_ISSUES, type PinnedFile } from './helpers/bytes.js';

const pinned = JSON.parse(readFileSync(PINNED_FILE, 'utf8')) as PinnedFile;

for (const issue of PINNED_ISSUES) {
  test(`PDF bytes as pinned: ${issue}`, async (t) => {
    const want = pinned.issues[issue];
    assert.ok(want, `${issue} is not in ${PINNED_FILE}; run npm run approve`);
    const got = pin((await buildPdf(issue)).pdf);
    assert.equal(got.images, want.images, 'image count');
    assert.equal(got.withoutImages, want.withoutImages, 'the PDF apart from the photos’ samples changed');
    if (pinned.cpu === cpuModel()) assert.equal(got.whole, want.whole, 'the photos’ samples changed');
    else t.diagnostic(`photos' samples not compared: pinned on "${pinned.cpu}", this is "${cpuModel()}"`);
  });
}
