// The total-fit breaker on the sample's real paragraphs at 11–14 characters a line:
// the bars of typesetting.md §5.6 and "never worse than the reference procedure", counted
// by the typography counter; and looseness ±1 as the page composer uses it (§5.5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadIssue } from '../src/issue/load.js';
import { articleCopy } from '../src/layout/copy.js';
import { openFaces } from '../src/layout/compose.js';
import { setParagraph, ParagraphOptions } from '../src/text/paragraph.js';
import { lineStats, mergeStats, Stats } from '../src/text/stats.js';

const issue = loadIssue('samples/qiantang-2025-03-11.yaml');
const { byRole } = openFaces(issue);
const paras = issue.pages.flatMap((p) => p.items).flatMap((a) => (a.kind === 'article' ? articleCopy(a, byRole).filter((c) => c.kind === 'body') : []));
const options = (chars: number, breaker: 'reference' | 'optimal'): ParagraphOptions => ({ size: 9, measure: chars * 9, indent: 2, align: 'justify', kinsoku: 'gb', cjkLatinGap: 0.25, compressStops: true, hang: false, breaker });

for (const chars of [11, 12, 13, 14]) {
  test(`sample paragraphs at ${chars} characters: optimal never worse than reference, no 孤字, gaps ≤ ½ em`, (t) => {
    const ref: Stats[] = [];
    const opt: Stats[] = [];
    for (const p of paras) {
      ref.push(lineStats(setParagraph(p.spans, options(chars, 'reference')).lines));
      const q = setParagraph(p.spans, options(chars, 'optimal'));
      assert.equal(q.lines.map((l) => l.text).join(''), p.text.trim(), 'nothing lost, doubled or reordered');
      opt.push(lineStats(q.lines));
    }
    const r = mergeStats(...ref);
    const s = mergeStats(...opt);
    t.diagnostic(`reference: ${r.lines} lines, loose ${r.loose}, max gap ${r.maxGap.toFixed(3)}; optimal: ${s.lines} lines, loose ${s.loose}, max gap ${s.maxGap.toFixed(3)}, mean ${s.meanGap.toFixed(3)}`);
    assert.ok(s.loose <= r.loose, `loose lines: optimal ${s.loose}, reference ${r.loose}`);
    assert.equal(s.lone, 0);
    assert.equal(s.kinsoku, 0);
    assert.equal(s.offMeasure, 0);
    assert.ok(s.maxGap <= 0.5 + 1e-9, `largest gap ${s.maxGap} em`);
  });
}

test('looseness ±1 on the sample at 13 characters: one line more or fewer, legal, or a warning', (t) => {
  let met = 0;
  let tried = 0;
  for (const p of paras) {
    const base = setParagraph(p.spans, options(13, 'optimal')).lines.length;
    if (base < 3) continue;
    for (const looseness of [1, -1]) {
      tried++;
      const r = setParagraph(p.spans, { ...options(13, 'optimal'), looseness });
      const st = lineStats(r.lines);
      assert.equal(st.kinsoku, 0);
      assert.equal(st.lone, 0);
      assert.equal(r.lines.map((l) => l.text).join(''), p.text.trim());
      if (r.lines.length === base + looseness) {
        met++;
        assert.equal(st.offMeasure, 0);
        assert.ok(st.maxGap <= 0.5 + 1e-9);
      } else assert.ok(r.warnings.some((w) => /looseness/.test(w)), 'an unmet looseness is reported');
    }
  }
  t.diagnostic(`looseness met for ${met} of ${tried}`);
  assert.ok(met > 0);
});
