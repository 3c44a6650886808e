// npm run bench: whole-process render times (a cold process each run), peak RSS, PDF size and
// the time per stage, for the sample and a synthetic 100-page issue; then line breaking alone.
//
// The sample is measured three ways, because the caches (src/text/shapecache.ts,
// src/cache/paragraphs.ts) change what a run has to do:
//   no cache      BROADSHEET_CACHE=off: every run shapes and sets everything (a new machine)
//   first render  a new issue file: the font shaping cache is warm, no paragraph is cached
//   after an edit the issue just rendered, one sentence changed: what layout staff wait for
//   watch         `broadsheet watch`: each re-render after a save, timed by the process itself
// The synthetic issue runs with no cache.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { synthIssue } from './synth.js';
import { benchText } from './text.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-'));
const sample = 'samples/qiantang-2025-03-11.yaml';
const big = join(dir, 'synthetic-100.yaml');
synthIssue(sample, 100, big);

// The sample as a file of its own (photos by absolute path), to edit between runs.
const sampleText = readFileSync(sample, 'utf8').replaceAll('photos/', `${resolve('samples/photos')}/`);
const edited = join(dir, 'issue.yaml');
const SENTENCE = '方向是产业升级';
if (!sampleText.includes(SENTENCE)) throw new Error(`bench: the sample no longer has "${SENTENCE}"`);

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

interface Case {
  name: string;
  issue: string;
  cache: string;
  before?: (run: number) => void; // runs before each timed run, untimed
}

function bench(c: Case): void {
  const out = join(dir, `${c.name.replace(/\W+/g, '-')}.pdf`);
  const walls: number[] = [];
  const rss: number[] = [];
  const stages: Record<string, number[]> = {};
  let paras = '';
  for (let i = 0; i < RUNS; i++) {
    c.before?.(i);
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['bin/broadsheet', 'render', c.issue, '-o', out, '--quiet'], { env: { ...process.env, BROADSHEET_TIMINGS: '1', BROADSHEET_CACHE: c.cache }, encoding: 'utf8' });
    walls.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const line = r.stderr.split('\n').find((l) => l.startsWith('timings '));
    if (!line) {
      process.stderr.write(r.stderr);
      continue;
    }
    const t = JSON.parse(line.slice(8));
    rss.push(t.maxRssMB);
    for (const [k, v] of Object.entries(t.stages as Record<string, number>)) (stages[k] ??= []).push(v);
    if (t.paragraphs) paras = ` (paragraphs set ${t.paragraphs.misses}, from cache ${t.paragraphs.hits})`;
  }
  const w = stats(walls);
  const st = Object.entries(stages)
    .map(([k, v]) => `${k} ${stats(v).median.toFixed(0)}`)
    .join(', ');
  console.log(`| ${c.name} | ${w.median.toFixed(0)} | ${w.min.toFixed(0)} | ${w.max.toFixed(0)} | ${Math.max(...rss).toFixed(0)} | ${(statSync(out).size / 1024).toFixed(0)} | ${st}${paras} |`);
}

// A cache directory holding only the shaping cache of the faces (filled by one untimed run).
const cache = join(dir, 'cache');
mkdirSync(cache);
const dropParagraphs = () => {
  for (const f of readdirSync(cache)) if (f.startsWith('para-')) rmSync(join(cache, f));
};

/** `broadsheet watch`: the time each re-render after a save takes in the watching process. */
async function benchWatch(): Promise<void> {
  const { spawn } = await import('node:child_process');
  writeFileSync(edited, sampleText);
  const child = spawn(process.execPath, ['bin/broadsheet', 'watch', edited, '-o', join(dir, 'watch.pdf')], { env: { ...process.env, BROADSHEET_CACHE: cache }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const renders = () => [...log.matchAll(/watch\.pdf: \d+ pages, (\d+) ms/g)].map((m) => Number(m[1]));
  const until = async (n: number) => {
    const t = Date.now();
    while (renders().length < n) {
      if (Date.now() - t > 30000) throw new Error(`bench: watch did not render; ${log}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await until(1);
  for (let i = 0; i < RUNS; i++) {
    writeFileSync(edited, sampleText.replace(SENTENCE, `${SENTENCE}${'，又升级'.repeat(i + 1)}`));
    await until(i + 2);
  }
  child.kill('SIGINT');
  const w = stats(renders().slice(1));
  console.log(`| sample, watch: re-render after a save (in the process) | ${w.median.toFixed(0)} | ${w.min.toFixed(0)} | ${w.max.toFixed(0)} | — | — | compose and write, no process start |`);
}

console.log(`runs per case: ${RUNS}, a cold process each; times in ms (stages: medians, exclusive)`);
console.log('| case | wall median | min | max | peak RSS MB | PDF KB | stages |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
bench({ name: 'sample, no cache (4 pages)', issue: sample, cache: 'off' });
writeFileSync(edited, sampleText);
spawnSync(process.execPath, ['bin/broadsheet', 'render', edited, '-o', join(dir, 'warm.pdf'), '--quiet'], { env: { ...process.env, BROADSHEET_CACHE: cache } });
bench({ name: 'sample, first render', issue: edited, cache, before: dropParagraphs });
bench({
  name: 'sample, after an edit',
  issue: edited,
  cache,
  // Each run changes the sentence again: one paragraph differs from the run before.
  before: (i) => writeFileSync(edited, sampleText.replace(SENTENCE, `${SENTENCE}${'，再升级'.repeat(i + 1)}`)),
});
await benchWatch();
bench({ name: 'synthetic, no cache (100 pages)', issue: big, cache: 'off' });

console.log('');
console.log('line breaking, 13 characters a line, fonts loaded (ms; median, min, max of 20):');
console.log('| breaker | characters | median | min | max |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of benchText(sample)) console.log(row);
rmSync(dir, { recursive: true, force: true });
