// Spacing figures per issue (issue 14): loose lines (over ⅛ em between two Han characters),
// CJK–Latin gaps, letter-spaced run-ins, kinsoku and 孤字, widows/orphans, for the sample, the
// tabloid sample and generated test issues. `node dist/tests/bench/spacing.js [N]`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../src/pipeline.js';
import { mergeStats } from '../../src/text/stats.js';
import { genIssue } from '../helpers/gen.js';
import { bylinesOf, gapDistribution, printedLines, spacingFigures } from '../helpers/spacing.js';

function report(name: string, file: string): void {
  const b = build(file);
  const f = spacingFigures(printedLines(b.comp.dl), bylinesOf(b.issue));
  const t = mergeStats(...b.comp.typography);
  const widows = b.comp.typography.reduce((n, x) => n + x.widows, 0);
  const orphans = b.comp.typography.reduce((n, x) => n + x.orphans, 0);
  const d = gapDistribution(f.cjkLatin);
  const pct = (a: number, n: number) => (n ? ((100 * a) / n).toFixed(1) : '-') + '%';
  console.log(
    `${name.padEnd(22)} lines ${String(f.lines).padStart(5)}  loose>⅛ ${String(f.loose).padStart(4)} (${((1000 * f.loose) / Math.max(1, f.lines)).toFixed(1)}‰)  maxHan ${f.maxHanGap.toFixed(3)}  ` +
      `CJK–Latin n ${d.n} ¼ ${pct(d.quarter, d.n)} outside ${d.outside} [${d.min.toFixed(3)}, ${d.max.toFixed(3)}]  spaced run-ins ${f.spacedRunIns}  kinsoku ${t.kinsoku} 孤字 ${t.lone} widows/orphans ${widows}/${orphans}`,
  );
  if (process.env.SPACING_EXAMPLES) for (const e of f.looseExamples) console.log('   ', e);
}

report('sample', 'samples/qiantang-2025-03-11.yaml');
report('tabloid', 'samples/tabloid-2025-03-11.yaml');
const dir = mkdtempSync(join(tmpdir(), 'bs-spacing-'));
const n = Number(process.argv[2] ?? 6);
for (let seed = 1; seed <= n; seed++) {
  const f = join(dir, `g${seed}.yaml`);
  writeFileSync(f, genIssue(seed).yaml);
  report(`generated seed ${seed}`, f);
}
