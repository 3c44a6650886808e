// npm run bench: whole-process render times (cold process each run), peak RSS, PDF size and
// the time per stage, for the sample and a synthetic 100-page issue.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthIssue } from './synth.js';
import { benchText } from './text.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-'));
const sample = 'samples/qiantang-2025-03-11.yaml';
const big = join(dir, 'synthetic-100.yaml');
synthIssue(sample, 100, big);

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

function bench(name: string, issue: string): void {
  const out = join(dir, `${name}.pdf`);
  const walls: number[] = [];
  const rss: number[] = [];
  let stages: Record<string, number> = {};
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['bin/broadsheet', 'render', issue, '-o', out, '--quiet'], { env: { ...process.env, BROADSHEET_TIMINGS: '1' }, encoding: 'utf8' });
    walls.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const line = r.stderr.split('\n').find((l) => l.startsWith('timings '));
    if (line) {
      const t = JSON.parse(line.slice(8));
      rss.push(t.maxRssMB);
      stages = t.stages;
    } else process.stderr.write(r.stderr);
  }
  const w = stats(walls);
  const pages = name === 'sample' ? 4 : 100;
  console.log(`| ${name} (${pages} pages) | ${w.median.toFixed(0)} | ${w.min.toFixed(0)} | ${w.max.toFixed(0)} | ${Math.max(...rss).toFixed(0)} | ${(statSync(out).size / 1024).toFixed(0)} | ${Object.entries(stages).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')} |`);
}

console.log(`runs per issue: ${RUNS}, cold process each`);
console.log('| issue | wall median ms | min | max | peak RSS MB | PDF KB | stages (ms, last run) |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
bench('sample', sample);
bench('synthetic', big);

console.log('');
console.log('line breaking, 13 characters a line, fonts loaded (ms; median, min, max of 20):');
console.log('| breaker | characters | median | min | max |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of benchText(sample)) console.log(row);
