// The library adapters (src/adapters/): with every fast path taken, with none
// (BROADSHEET_FAST_PATHS=off: the libraries' public paths, as with a library of another
// shape) with no cache, and with every fast path while the caches fill and from warm caches,
// each sample's PDF is the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/broadsheet');

function render(issue: string, out: string, env: Record<string, string>): { pdf: Buffer; fastPaths: string[]; paragraphs: { hits: number; misses: number } | null } {
  const r = spawnSync(process.execPath, [BIN, 'render', issue, '-o', out, '--quiet'], { encoding: 'utf8', env: { ...process.env, BROADSHEET_TIMINGS: '1', ...env } });
  assert.equal(r.status, 0, r.stderr);
  const t = JSON.parse(r.stderr.split('\n').find((l) => l.startsWith('timings '))!.slice(8));
  return { pdf: readFileSync(out), fastPaths: t.fastPaths, paragraphs: t.paragraphs };
}

const ALL = ['fontkit:cmap', 'fontkit:hmtx', 'fontkit:sparse', 'fontkit:subset', 'fontkit:subset-encode', 'loader:code-cache', 'loader:stand-ins'];

for (const sample of ['qiantang-2025-03-11', 'tabloid-2025-03-11']) {
  test(`${sample}: the same bytes with the fast paths and without, with the caches off and warm`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-adapters-'));
    const issue = join(ROOT, 'samples', `${sample}.yaml`);
    const cache = join(dir, 'cache');
    const slow = render(issue, join(dir, 'slow.pdf'), { BROADSHEET_CACHE: 'off', BROADSHEET_FAST_PATHS: 'off' });
    const cold = render(issue, join(dir, 'cold.pdf'), { BROADSHEET_CACHE: cache });
    const warm = render(issue, join(dir, 'warm.pdf'), { BROADSHEET_CACHE: cache });
    // Each run is what it says it is.
    assert.deepEqual(slow.fastPaths, []);
    assert.deepEqual(cold.fastPaths, ALL);
    assert.ok(cold.paragraphs && cold.paragraphs.hits < cold.paragraphs.misses, JSON.stringify(cold.paragraphs));
    assert.ok(warm.paragraphs && warm.paragraphs.misses === 0 && warm.paragraphs.hits > 50, JSON.stringify(warm.paragraphs));
    assert.ok(slow.pdf.length > 100_000);
    assert.ok(slow.pdf.equals(cold.pdf), 'fast paths and caches filling: the bytes of the public paths with no cache');
    assert.ok(slow.pdf.equals(warm.pdf), 'caches warm: same bytes');
  });
}
