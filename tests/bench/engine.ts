// Line-breaking speed (issue 3: under 30 ms): a 5,000-character article set into
// 13-character lines at 9 pt in the real body face, after the font is loaded; median of 20
// runs for each breaker. Build, then run: npx tsc -p tsconfig.json && node dist/bench/text.js
//
//   article     the corpus paragraphs (tests/fixtures/text/corpus.txt) in turn up to 5,000
//               characters, each set by setParagraph (shaping, breaking, justifying)
//   paragraph   the same text as one 5,000-character paragraph
//   break only  that paragraph's breaker alone, units and prefix sums built beforehand
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openFace } from '../../src/text/face.js';
import { normalizeAscii } from '../../src/text/normalize.js';
import { setParagraph, ParagraphOptions, Span } from '../../src/text/paragraph.js';
import { buildUnits, splitLongRuns } from '../../src/text/units.js';
import { Para } from '../../src/text/line.js';
import { breakReference } from '../../src/text/break.js';
import { breakOptimal } from '../../src/text/optimal.js';

const RUNS = 20;
const CHARS = 5000;
const SIZE = 9;
const face = openFace('body', 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
const corpus = readFileSync(new URL('../../../tests/fixtures/text/corpus.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map(normalizeAscii);

const paras: string[] = [];
let n = 0;
for (let i = 0; n < CHARS; i++) {
  const p = corpus[i % corpus.length];
  const take = Array.from(p).slice(0, CHARS - n).join('');
  paras.push(take);
  n += Array.from(take).length;
}
const whole = paras.join('');

type Breaker = 'reference' | 'optimal';
const options = (breaker: Breaker): ParagraphOptions => ({ size: SIZE, measure: 13 * SIZE, indent: 2, align: 'justify', kinsoku: 'gb', cjkLatinGap: 0.25, compressStops: true, hang: false, breaker });
const spans = (text: string): Span[] => [{ text, face, role: 'body' }];

function median(f: () => void): { median: number; min: number; max: number } {
  f(); // warm the glyph cache and the JIT
  const t: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { median: (t[RUNS / 2 - 1] + t[RUNS / 2]) / 2, min: t[0], max: t[RUNS - 1] };
}

const engine = { kinsoku: 'gb' as const, cjkLatinGap: 0.25, compressStops: true, hang: false };
const unitsOnce = splitLongRuns(buildUnits(spans(whole)), 13);
const m = { first: 11, rest: 13 };

console.log(`${CHARS} characters (${paras.length} paragraphs), 13 characters a line, ${SIZE} pt, Noto Serif SC; ms over ${RUNS} runs`);
console.log('| breaker | what | lines | median | min | max |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const breaker of ['reference', 'optimal'] as const) {
  let lines = 0;
  // Fresh span arrays each run: units are built again, not taken from the cache.
  const a = median(() => {
    lines = 0;
    for (const p of paras) lines += setParagraph(spans(p), options(breaker)).lines.length;
  });
  console.log(`| ${breaker} | article | ${lines} | ${a.median.toFixed(1)} | ${a.min.toFixed(1)} | ${a.max.toFixed(1)} |`);
  const b = median(() => {
    lines = setParagraph(spans(whole), options(breaker)).lines.length;
  });
  console.log(`| ${breaker} | paragraph | ${lines} | ${b.median.toFixed(1)} | ${b.min.toFixed(1)} | ${b.max.toFixed(1)} |`);
  const c = median(() => {
    const p = new Para(unitsOnce, engine);
    lines = breaker === 'optimal' ? breakOptimal(p, m)!.ends.length : breakReference(p, m).length;
  });
  console.log(`| ${breaker} | break only | ${lines} | ${c.median.toFixed(1)} | ${c.min.toFixed(1)} | ${c.max.toFixed(1)} |`);
}
const lz = median(() => setParagraph(spans(whole), { ...options('optimal'), looseness: 1 }));
console.log(`| optimal | paragraph, looseness +1 | | ${lz.median.toFixed(1)} | ${lz.min.toFixed(1)} | ${lz.max.toFixed(1)} |`);
