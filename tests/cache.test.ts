// The caches' store (src/cache/store.ts) and what keeps answers in it — shaping
// (src/text/shapecache.ts), paragraphs (src/cache/paragraphs.ts), lunar dates, V8's code
// cache (src/adapters/loader.ts): filled by the first run, read by the next, and never a
// cause of different output; a damaged cache file is computed afresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readCacheFile } from '../src/cache/store.js';

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
  const all = files.map((f) => readCacheFile(join(cache, f)).entries);
  assert.ok(all.some((e) => Array.isArray(e['|——'])), 'the 2-em dash ligature is cached');
  assert.ok(all.some((e) => Object.keys(e).some((k) => k.startsWith('vert|'))), 'the vertical title is cached');
  const lunar = readdirSync(cache).find((f) => f.startsWith('lunar-'))!;
  assert.deepEqual(readCacheFile(join(cache, lunar)).entries, { '2025-3-11': '农历乙巳年二月十二' }, 'the lunar date line is kept, in a file of its own');
  assert.ok(all.every((e) => !Object.keys(e).some((k) => k.includes('2025-3-11'))), 'no lunar date in the shaping cache');
  const code = readdirSync(cache).filter((f) => f.startsWith('code-'));
  assert.equal(code.length, 1, 'one V8 code cache file');
  const blob = readFileSync(join(cache, code[0]));
  const header = Object.keys(readCacheFile(join(cache, code[0])).entries);
  assert.ok(Buffer.isBuffer(readCacheFile(join(cache, code[0])).entries[header.find((f) => f.endsWith('fontkit/dist/main.cjs'))!]), 'compiled code kept as bytes');
  // One versioning rule: every file says what it was written with; fontkit's version is known.
  for (const f of readdirSync(cache)) assert.match(readCacheFile(join(cache, f)).version, /^bs-cache-1\|/, f);
  for (const f of files) assert.match(readCacheFile(join(cache, f)).version, /fontkit@2\.0\.4,restructure@\d/, f);
  for (const lib of ['fontkit/dist/main.cjs', 'pdfkit/js/pdfkit.js', 'yaml/dist/index.js', 'commander/index.js']) assert.ok(header.some((f) => f.endsWith(lib)), `code cache holds ${lib}`);
  // Converted photos (src/render/prepare.ts): the four of the sample, kept as the samples written.
  const photos = readdirSync(cache).filter((f) => f.startsWith('photos-'));
  assert.equal(photos.length, 1, 'one photo cache for the issue');
  assert.equal(Object.values(readCacheFile(join(cache, photos[0])).entries).filter((v) => Buffer.isBuffer(v)).length, 4);
  assert.ok(first.equals(render(cache, join(dir, 'b.pdf'))), 'from the cache: same bytes');
  // Encoded font subsets (src/cache/subsets.ts): one file a face, read by the run above.
  const subsets = readdirSync(cache).filter((f) => f.startsWith('subset-'));
  assert.ok(subsets.length >= 3, `subset files: ${subsets.join(', ')}`);
  assert.ok(subsets.every((f) => Object.values(readCacheFile(join(cache, f)).entries).every((v) => Buffer.isBuffer(v) && v.length > 100)), 'subsets kept as bytes');
  const dash = files.find((x) => readCacheFile(join(cache, x)).entries['|——'])!;
  const paras = () => readdirSync(cache).filter((f) => f.startsWith('para-'));
  assert.equal(paras().length, 1, 'one paragraph cache for the issue');
  // Without the paragraph cache the text is set again, shaping from the shaping cache.
  const noParas = () => paras().forEach((f) => rmSync(join(cache, f)));
  for (const f of [...files, ...paras(), ...photos]) writeFileSync(join(cache, f), readFileSync(join(cache, f)).subarray(0, 40));
  writeFileSync(join(cache, code[0]), blob.subarray(0, blob.length - 100_000)); // a cut file: its code is rejected or missing, compiled afresh
  assert.ok(first.equals(render(cache, join(dir, 'c.pdf'))), 'damaged caches: same bytes');
  assert.ok(first.equals(render('off', join(dir, 'd.pdf'))), 'cache off: same bytes');
  // The cache is what is read: a wrong glyph in it shows in the output.
  noParas();
  const e = readCacheFile(join(cache, dash));
  e.entries['|——'] = [3, 1000];
  const head = Buffer.from(JSON.stringify(e));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  writeFileSync(join(cache, dash), Buffer.concat([len, head]));
  assert.ok(!first.equals(render(cache, join(dir, 'e.pdf'))), 'a tampered cache entry is used');
});

test('paragraph cache: after an edit only the edited paragraph is set again, and the PDF is what a run without cache makes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-para-'));
  const cache = join(dir, 'cache');
  const issue = join(dir, 'issue.yaml');
  // The sample next to its photos: a copy in the samples folder's place.
  const text = readFileSync(SAMPLE, 'utf8').replaceAll('photos/', `${join(ROOT, 'samples/photos')}/`);
  writeFileSync(issue, text);
  const stats = (out: string, c = cache) => {
    const r = spawnSync(process.execPath, [BIN, 'render', issue, '-o', out, '--quiet'], { encoding: 'utf8', env: { ...process.env, BROADSHEET_CACHE: c, BROADSHEET_TIMINGS: '1' } });
    assert.equal(r.status, 0, r.stderr);
    const line = r.stderr.split('\n').find((l) => l.startsWith('timings '))!;
    return JSON.parse(line.slice(8)).paragraphs as { hits: number; misses: number } | null;
  };
  const a = stats(join(dir, 'a.pdf'));
  // (a paragraph set twice in one run, at the same measure, hits already)
  assert.ok(a && a.misses > 200, JSON.stringify(a));
  const b = stats(join(dir, 'b.pdf'));
  assert.ok(b && b.misses === 0 && b.hits === a.hits + a.misses, JSON.stringify(b));
  assert.ok(readFileSync(join(dir, 'a.pdf')).equals(readFileSync(join(dir, 'b.pdf'))));
  // Edit one sentence of one paragraph.
  const edited = text.replace('方向是产业升级', '方向是产业转型升级');
  assert.notEqual(edited, text);
  writeFileSync(issue, edited);
  const c = stats(join(dir, 'c.pdf'));
  assert.ok(c && c.misses >= 1 && c.misses <= 4 && c.hits > 200, JSON.stringify(c));
  assert.equal(stats(join(dir, 'd.pdf'), 'off'), null);
  assert.ok(readFileSync(join(dir, 'c.pdf')).equals(readFileSync(join(dir, 'd.pdf'))), 'edited: same bytes as without the cache');
  assert.ok(!readFileSync(join(dir, 'c.pdf')).equals(readFileSync(join(dir, 'a.pdf'))), 'the edit shows');
});
