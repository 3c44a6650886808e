// The shaping cache (src/text/shapecache.ts): filled by the first run, read by the next, and
// never a cause of different output; a damaged cache file is shaped afresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/broadsheet');
const SAMPLE = join(ROOT, 'samples/qiantang-2025-03-11.yaml');

function render(cache: string, out: string): Buffer {
  const r = spawnSync(process.execPath, [BIN, 'render', SAMPLE, '-o', out, '--quiet'], { encoding: 'utf8', env: { ...process.env, BROADSHEET_CACHE: cache } });
  assert.equal(r.status, 0, r.stderr);
  return readFileSync(out);
}

test('shaping cache: filled on the first run, same PDF bytes from the cache, from a damaged cache and with it off', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-cache-'));
  const cache = join(dir, 'cache');
  const first = render(cache, join(dir, 'a.pdf'));
  const files = readdirSync(cache).filter((f) => f.startsWith('shape-'));
  assert.ok(files.length >= 2, `cache files: ${files.join(', ')}`);
  const all = files.map((f) => JSON.parse(readFileSync(join(cache, f), 'utf8')).entries);
  assert.ok(all.some((e) => Array.isArray(e['|——'])), 'the 2-em dash ligature is cached');
  assert.ok(all.some((e) => Object.keys(e).some((k) => k.startsWith('vert|'))), 'the vertical title is cached');
  assert.ok(first.equals(render(cache, join(dir, 'b.pdf'))), 'from the cache: same bytes');
  for (const f of files) writeFileSync(join(cache, f), '{"format":1,"entries":');
  assert.ok(first.equals(render(cache, join(dir, 'c.pdf'))), 'damaged cache: same bytes');
  assert.ok(first.equals(render('off', join(dir, 'd.pdf'))), 'cache off: same bytes');
  // The cache is what is read: a wrong glyph in it shows in the output.
  const f = files.find((x) => JSON.parse(readFileSync(join(cache, x), 'utf8')).entries?.['|——'])!;
  const e = JSON.parse(readFileSync(join(cache, f), 'utf8'));
  e.entries['|——'] = [3, 1000];
  writeFileSync(join(cache, f), JSON.stringify(e));
  assert.ok(!first.equals(render(cache, join(dir, 'e.pdf'))), 'a tampered cache entry is used');
});
