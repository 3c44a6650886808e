// The command line as layout staff and newsroom CI use it: exit statuses, error lines,
// atomic output, proofs and diffs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePng } from '../src/visual/raster.js';
import { buildPdf } from '../src/pipeline.js';

const BIN = 'bin/broadsheet';
function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const BODY = '金承涛指出,钱塘要实现高质量发展,根基在实体经济,关键靠科技创新,方向是产业升级。近年来,全区上下深入贯彻落实中央和省市委决策要求,持续深化“146”工作部署,推动钱塘在改革开放中发展壮大,在创新提质中不断蝶变。';
function issue(dir: string, name: string, opts: { body?: string; pages?: number } = {}): string {
  const pages = opts.pages ?? 2;
  const list = Array.from({ length: pages }, (_, i) => `  - number: ${i + 1}
    articles:
      - { id: a${i + 1}, title: 第${i + 1}版的文章, body: "${opts.body && i === 0 ? opts.body : BODY}", columns: 3, column: 1 }
      - { id: b${i + 1}, title: 另一篇, body: "${BODY}", columns: 3, column: 5 }`).join('\n');
  const f = join(dir, name);
  writeFileSync(f, `layout: broadsheet\npaper: { name: 钱塘新区报 }\nissue: { date: 2025-03-11, number: 756 }\npages:\n${list}\n`);
  return f;
}

test('render: writes the PDF, exit 0; --png writes one PNG a page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-cli-'));
  const f = issue(dir, 'i.yaml');
  const r = run('render', f, '-o', join(dir, 'o.pdf'), '--png', join(dir, 'png'), '--quiet');
  assert.equal(r.code, 0, r.err);
  assert.equal(readFileSync(join(dir, 'o.pdf')).subarray(0, 5).toString(), '%PDF-');
  const p1 = decodePng(readFileSync(join(dir, 'png', 'page-1.png')));
  // 390 + 2 × 3 mm bleed at 72 dpi.
  assert.equal(p1.width, Math.round(((396 / 25.4) * 72 * 72) / 72));
  assert.ok(existsSync(join(dir, 'png', 'page-2.png')));
});

test('bad input: one line per problem, exit 2, no stack trace, the earlier output untouched', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-cli-'));
  const good = issue(dir, 'i.yaml');
  const out = join(dir, 'o.pdf');
  assert.equal(run('render', good, '-o', out, '--quiet').code, 0);
  const before = readFileSync(out);
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, readFileSync(good, 'utf8').replace('columns: 3, column: 1', 'columns: 0, column: 1'));
  const r = run('render', bad, '-o', out);
  assert.equal(r.code, 2);
  assert.match(r.err, /^.*bad\.yaml:\d+:\d+: .*columns.*; .+$/m);
  assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  assert.ok(readFileSync(out).equals(before), 'the earlier PDF is untouched');
});

test('diff: same input → exit 0 and 0 differing pixels', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-diff-'));
  const f = issue(dir, 'i.yaml');
  assert.equal(run('render', f, '-o', join(dir, 'o.pdf'), '--png', join(dir, 'ref'), '--quiet').code, 0);
  const r = run('diff', f, '--ref', join(dir, 'ref'));
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /page 1: 0\.000 % of pixels differ \(0\) same/);
});

test('diff: one character changed → exit 1, red pixels inside that article\'s block, --explain names it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-diff-'));
  const f = issue(dir, 'old.yaml');
  const g = issue(dir, 'new.yaml', { body: BODY.replace('实体经济', '实体产业') });
  assert.equal(run('render', f, '-o', join(dir, 'o.pdf'), '--png', join(dir, 'ref'), '--quiet').code, 0);
  const r = run('diff', g, '--ref', f, '--out', join(dir, 'out'), '--explain');
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.out, /moved: a1: /);
  assert.doesNotMatch(r.out, /moved: b1/);
  // Every red pixel of the diff image lies inside a1's block.
  const b = await buildPdf(g);
  const block = b.comp.dl.pages[0].blocks.find((x) => x.article === 'a1')!;
  const d = decodePng(readFileSync(join(dir, 'out', 'page-1.diff.png')));
  let red = 0;
  for (let y = 0; y < d.height; y++)
    for (let x = 0; x < d.width; x++) {
      const i = (y * d.width + x) * 4;
      if (d.data[i] > 200 && d.data[i + 1] < 80 && d.data[i + 2] < 80) {
        red++;
        assert.ok(x >= block.x - 2 && x <= block.x + block.width + 2 && y >= block.y - 2 && y <= block.y + block.height + 2, `red pixel at ${x},${y} outside the block`);
      }
    }
  assert.ok(red > 0, 'the change shows in red');
  assert.ok(existsSync(join(dir, 'out', 'page-1.compare.png')));
});

test('diff: a page added → exit 1 with a clear message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-diff-'));
  const f = issue(dir, 'i.yaml');
  const g = issue(dir, 'j.yaml', { pages: 3 });
  assert.equal(run('render', f, '-o', join(dir, 'o.pdf'), '--png', join(dir, 'ref'), '--quiet').code, 0);
  const r = run('diff', g, '--ref', join(dir, 'ref'));
  assert.equal(r.code, 1);
  assert.match(r.err, /page count differs: approved 2 pages, new 3/);
});

test('diff: a missing reference folder is bad input, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-diff-'));
  const f = issue(dir, 'i.yaml');
  copyFileSync(f, join(dir, 'copy.yaml'));
  const r = run('diff', f, '--ref', join(dir, 'nope'));
  assert.equal(r.code, 2);
  assert.match(r.err, /--ref/);
});

test('watch: renders, renders again when the issue file is saved (same bytes as render), keeps the PDF on bad input, exits 0 on Ctrl-C', async () => {
  const { spawn } = await import('node:child_process');
  const dir = mkdtempSync(join(tmpdir(), 'bs-watch-'));
  const f = issue(dir, 'w.yaml');
  const out = join(dir, 'w.pdf');
  const child = spawn(process.execPath, [BIN, 'watch', f, '-o', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const until = async (what: () => boolean, ms = 20000) => {
    const t = Date.now();
    while (!what()) {
      if (Date.now() - t > ms) throw new Error(`timed out; log:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const renders = () => (log.match(/w\.pdf: \d+ pages, \d+ ms/g) ?? []).length;
  try {
    await until(() => log.includes('watching'));
    assert.equal(renders(), 1);
    const first = readFileSync(out);
    writeFileSync(f, readFileSync(f, 'utf8').replace('高质量发展', '高质量发展和改革'));
    await until(() => renders() === 2);
    const second = readFileSync(out);
    assert.ok(!second.equals(first), 'the edit shows');
    const fresh = run('render', f, '-o', join(dir, 'fresh.pdf'));
    assert.equal(fresh.code, 0, fresh.err);
    assert.ok(second.equals(readFileSync(join(dir, 'fresh.pdf'))), 'watch writes what render writes');
    writeFileSync(f, readFileSync(f, 'utf8').replace('columns:', 'colums:'));
    await until(() => log.includes('not rendered'));
    assert.match(log, /w\.yaml:\d+:\d+: .*colums: unknown key/);
    assert.ok(readFileSync(out).equals(second), 'bad input: the PDF kept as it was');
  } finally {
    child.kill('SIGINT');
  }
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  assert.equal(code, 0, log);
});
