// The total-fit breaker on the sample's real paragraphs at 11–14 characters a line:
// the bars of typesetting.md §5.6 and "never worse than the reference procedure".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadIssue } from '../src/issue/load.js';
import { articleCopy } from '../src/layout/copy.js';
import { openFaces } from '../src/layout/compose.js';
import { setParagraph, SetLine } from '../src/text/paragraph.js';
import { classOf, forbiddenAtEnd, forbiddenAtStart } from '../src/text/classify.js';

const issue = loadIssue('samples/qiantang-2025-03-11.yaml');
const { byRole } = openFaces(issue);
const paras = issue.pages.flatMap((p) => p.items).flatMap((a) => (a.kind === 'article' ? articleCopy(a, byRole).filter((c) => c.kind === 'body') : []));

function stats(lines: SetLine[]) {
  let loose = 0;
  let lone = 0;
  let kinsoku = 0;
  let maxGap = 0;
  let off = 0;
  lines.forEach((l, i) => {
    const chars = Array.from(l.text.trim());
    if (i > 0 && forbiddenAtStart(classOf(chars[0]), 'gb', chars[0])) kinsoku++;
    if (!l.last && forbiddenAtEnd(classOf(chars[chars.length - 1]), 'gb', chars[chars.length - 1])) kinsoku++;
    if (l.addedPerGap > 0.25 + 1e-9) loose++;
    if (l.last && lines.length >= 2 && l.chars < 2) lone++;
    maxGap = Math.max(maxGap, l.gapMax);
    if (!l.last && !l.emergency && Math.abs(l.width - l.measure) > 0.1) off++;
  });
  return { loose, lone, kinsoku, maxGap, off };
}

for (const chars of [11, 12, 13, 14]) {
  test(`sample paragraphs at ${chars} characters: optimal never worse than reference, no 孤字, gaps ≤ ½ em`, () => {
    const size = 9;
    let ref = { loose: 0, lone: 0 };
    let opt = { loose: 0, lone: 0, kinsoku: 0, maxGap: 0, off: 0 };
    for (const p of paras) {
      const o = { size, measure: chars * size, indent: 2, align: 'justify' as const, kinsoku: 'gb' as const, cjkLatinGap: 0.25, compressStops: true, hang: false };
      const r = stats(setParagraph(p.spans, { ...o, breaker: 'reference' }).lines);
      const q = setParagraph(p.spans, { ...o, breaker: 'optimal' });
      const s = stats(q.lines);
      assert.equal(q.lines.map((l) => l.text).join(''), p.text.trim(), 'nothing lost, doubled or reordered');
      ref = { loose: ref.loose + r.loose, lone: ref.lone + r.lone };
      opt = { loose: opt.loose + s.loose, lone: opt.lone + s.lone, kinsoku: opt.kinsoku + s.kinsoku, maxGap: Math.max(opt.maxGap, s.maxGap), off: opt.off + s.off };
    }
    assert.ok(opt.loose <= ref.loose, `loose lines: optimal ${opt.loose}, reference ${ref.loose}`);
    assert.equal(opt.lone, 0);
    assert.equal(opt.kinsoku, 0);
    assert.equal(opt.off, 0);
    assert.ok(opt.maxGap <= 0.5 + 1e-9, `largest gap ${opt.maxGap} em`);
  });
}
