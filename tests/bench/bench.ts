// npm run bench: whole-process times (a cold process each run) — CPU (user + system, all
// threads, from the child's resource usage as its shell reaps it) beside wall time, since wall
// time on a shared 2-core machine swings by 2× — peak RSS, PDF size and the time per stage,
// for the sample and a synthetic 100-page issue; then line breaking alone.
//
// The sample is measured several ways, because the caches (src/cache/) change what a run has to do:
//   no cache      BROADSHEET_CACHE=off: every run shapes and sets everything (a new machine)
//   first render  a new issue file: the font shaping and code caches are warm, no paragraph is
//   after an edit the issue just rendered, one sentence changed: what layout staff wait for
//   check         `broadsheet check` (no PDF), caches warm
//   watch         `broadsheet watch`: each re-render after a save, timed by the process itself
// The synthetic issue runs with no cache.
//
// BENCH_RUNS (default 7) runs a case; BENCH_BASE=/path/to/another/checkout runs every case in
// that tree too, interleaved run by run with this one (same load on the machine), for a
// before/after table.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { synthIssue } from './synth.js';
import { benchText } from './text.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TREES = [{ name: 'this', root: resolve('.') }, ...(process.env.BENCH_BASE ? [{ name: 'base', root: resolve(process.env.BENCH_BASE) }] : [])];
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-'));
const sample = resolve('samples/qiantang-2025-03-11.yaml');
const big = join(dir, 'synthetic-100.yaml');
synthIssue(sample, 100, big);

// The sample as a file of its own (photos by absolute path), to edit between runs.
const sampleText = readFileSync(sample, 'utf8').replaceAll('photos/', `${resolve('samples/photos')}/`);
const SENTENCE = '方向是产业升级';
if (!sampleText.includes(SENTENCE)) throw new Error(`bench: the sample no longer has "${SENTENCE}"`);

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s.length ? s[Math.floor(s.length / 2)] : NaN, min: s[0], max: s[s.length - 1] };
}

interface Run {
  wall: number; // ms
  cpu: number; // ms, user + system of the child
  rss?: number; // MB
  stages?: Record<string, number>;
  paragraphs?: { hits: number; misses: number } | null;
}

/**
 * One cold process: `broadsheet ARGS` under bash, whose `times` reports the child's CPU. The
 * timed runs have the stage timers off (they cost ~40 ms of a cold render); one more run per
 * case, not timed, has them on for the stages, peak RSS and paragraph counts.
 */
function run(root: string, args: string[], env: Record<string, string>, timings = false): Run {
  const cmd = `"$0" "$@" >/dev/null 2>"$BENCH_ERR"; times`;
  const err = join(dir, 'stderr.txt');
  const { BROADSHEET_TIMINGS: _off, ...rest } = process.env;
  const t0 = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', cmd, process.execPath, join(root, 'bin/broadsheet'), ...args], { env: { ...rest, ...(timings ? { BROADSHEET_TIMINGS: '1' } : {}), BENCH_ERR: err, ...env }, encoding: 'utf8', cwd: root });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  // `times`: the shell's user and system time, then its children's.
  const line = r.stdout.trim().split('\n').pop() ?? '';
  const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  const out: Run = { wall, cpu: (secs[0] + secs[1]) * 1000 };
  const t = readFileSync(err, 'utf8').split('\n').find((l) => l.startsWith('timings '));
  if (t) {
    const j = JSON.parse(t.slice(8));
    Object.assign(out, { rss: j.maxRssMB, stages: j.stages, paragraphs: j.paragraphs });
  }
  return out;
}

interface Case {
  name: string;
  args: (tree: string) => string[];
  cache: (tree: string) => string;
  before?: (tree: string, run: number) => void; // runs before each timed run, untimed
}

const caches = (tree: string) => join(dir, `cache-${tree}`);
const edited = (tree: string) => join(dir, `issue-${tree}.yaml`);
const out = (tree: string, name: string) => join(dir, `${tree}-${name.replace(/\W+/g, '-')}.pdf`);

const rows: string[] = [];
function bench(c: Case): void {
  const runs = new Map<string, Run[]>(TREES.map((t) => [t.name, []]));
  for (let i = 0; i < RUNS; i++)
    for (const t of TREES) {
      c.before?.(t.name, i);
      runs.get(t.name)!.push(run(t.root, c.args(t.name), { BROADSHEET_CACHE: c.cache(t.name) }));
    }
  for (const t of TREES) {
    const rs = runs.get(t.name)!;
    const cpu = stats(rs.map((r) => r.cpu));
    const wall = stats(rs.map((r) => r.wall));
    c.before?.(t.name, RUNS);
    const probe = run(t.root, c.args(t.name), { BROADSHEET_CACHE: c.cache(t.name) }, true);
    const rss = probe.rss ? [probe.rss] : [];
    const st = Object.entries(probe.stages ?? {})
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ');
    const p = probe.paragraphs;
    const paras = p ? ` (paragraphs set ${p.misses}, from cache ${p.hits})` : '';
    const pdf = c.args(t.name)[0] === 'render' ? (statSync(c.args(t.name)[3]).size / 1024).toFixed(0) : '—';
    const tree = TREES.length > 1 ? ` [${t.name}]` : '';
    rows.push(`| ${c.name}${tree} | ${cpu.median.toFixed(0)} | ${cpu.min.toFixed(0)}–${cpu.max.toFixed(0)} | ${wall.median.toFixed(0)} | ${rss.length ? Math.max(...rss).toFixed(0) : '—'} | ${pdf} | ${st}${paras} |`);
    console.log(rows[rows.length - 1]);
  }
}

const dropParagraphs = (tree: string) => {
  for (const f of readdirSync(caches(tree))) if (f.startsWith('para-')) rmSync(join(caches(tree), f));
};

/** `broadsheet watch`: the time each re-render after a save takes in the watching process. */
async function benchWatch(): Promise<void> {
  const { spawn } = await import('node:child_process');
  const file = edited('this');
  writeFileSync(file, sampleText);
  const child = spawn(process.execPath, ['bin/broadsheet', 'watch', file, '-o', join(dir, 'watch.pdf')], { env: { ...process.env, BROADSHEET_CACHE: caches('this') }, stdio: ['ignore', 'ignore', 'pipe'] });
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
    writeFileSync(file, sampleText.replace(SENTENCE, `${SENTENCE}${'，又升级'.repeat(i + 1)}`));
    await until(i + 2);
  }
  child.kill('SIGINT');
  const w = stats(renders().slice(1));
  console.log(`| sample, watch: re-render after a save (in the process) | — | — | ${w.median.toFixed(0)} (${w.min.toFixed(0)}–${w.max.toFixed(0)}) | — | — | compose and write, no process start |`);
}

console.log(`runs per case: ${RUNS}, a cold process each${TREES.length > 1 ? `, interleaved with ${TREES[1].root}` : ''}; times in ms (CPU and wall: stage timers off; stages and peak RSS: one more run with them on, exclusive)`);
console.log('| case | CPU median | CPU min–max | wall median | peak RSS MB | PDF KB | stages |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
bench({ name: 'sample, no cache', args: (t) => ['render', sample, '-o', out(t, 'cold')], cache: () => 'off' });
// The code and shaping caches filled by one untimed run; no paragraph kept for the edited file.
for (const t of TREES) {
  mkdirSync(caches(t.name));
  writeFileSync(edited(t.name), sampleText);
  run(t.root, ['render', edited(t.name), '-o', out(t.name, 'warm')], { BROADSHEET_CACHE: caches(t.name) });
}
bench({ name: 'sample, first render', args: (t) => ['render', edited(t), '-o', out(t, 'first')], cache: caches, before: dropParagraphs });
bench({
  name: 'sample, after an edit',
  args: (t) => ['render', edited(t), '-o', out(t, 'edit')],
  cache: caches,
  // Each run changes the sentence again: one paragraph differs from the run before.
  before: (t, i) => writeFileSync(edited(t), sampleText.replace(SENTENCE, `${SENTENCE}${'，再升级'.repeat(i + 1)}`)),
});
bench({ name: 'sample, check (caches warm)', args: (t) => ['check', edited(t), '--quiet'], cache: caches });
bench({ name: 'sample, check, no cache', args: () => ['check', sample, '--quiet'], cache: () => 'off' });
await benchWatch();
bench({ name: 'synthetic 100 pages, no cache', args: (t) => ['render', big, '-o', out(t, 'big')], cache: () => 'off' });

console.log('');
console.log('line breaking, 13 characters a line, fonts loaded (ms; median, min, max of 20):');
console.log('| breaker | characters | median | min | max |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of benchText(sample)) console.log(row);
rmSync(dir, { recursive: true, force: true });
