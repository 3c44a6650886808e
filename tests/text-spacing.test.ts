// The spacing budget (issue 14 item 1) and bylines (item 4) in the line engine, on the test
// font TF (Han 1 em, digits ½ em): where a line's slack goes, in which order, when a line is
// loose, and that a byline is never letter-spaced nor broken inside a word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tfFace } from './helpers/tf.js';
import { normalizeAscii } from '../src/text/normalize.js';
import { setParagraph, SetParagraph, ParagraphOptions, SetLine, Span } from '../src/text/paragraph.js';
import { DEFAULT_BUDGET, Para } from '../src/text/line.js';
import { buildUnits } from '../src/text/units.js';
import { lineStats } from '../src/text/stats.js';

const TEXTS = ['甲乙丙丁戊。己庚', '甲乙丙丁12戊己庚辛壬癸', '甲。乙12丙丁', '本报讯（首席记者　赵一霖）春潮涌动催人进，奋楫扬帆正当时。', '本报讯（记者 钱宣 通讯员 水言）甲乙丙丁戊己庚辛壬癸子丑寅卯辰', '吧'];
const { face } = tfFace(TEXTS);
const SIZE = 10;
const EPS = 1e-6;

function set(spans: Span[], W: number, o: Partial<ParagraphOptions> = {}): SetParagraph {
  return setParagraph(spans, { size: SIZE, measure: W * SIZE, indent: 0, align: 'justify', kinsoku: 'gb', cjkLatinGap: 0.25, compressStops: true, hang: false, breaker: 'reference', spacing: DEFAULT_BUDGET, ...o });
}
const body = (text: string): Span[] => [{ text: normalizeAscii(text), face, role: 'body' }];

/** Space after glyph `a` up to glyph `b` on a line, em (glyphs by their text, first match). */
function gap(l: SetLine, a: string, b: string): number {
  const i = l.glyphs.findIndex((g, k) => g.text === a && l.glyphs[k + 1]?.text === b);
  assert.ok(i >= 0, `${a}${b} on ${l.text}`);
  return (l.glyphs[i + 1].x - l.glyphs[i].x - l.glyphs[i].adv) / SIZE;
}

test('budget: slack goes to inter-character space up to ⅛ em before any CJK–Latin gap leaves ¼', () => {
  // 甲乙丙丁12戊己 is 7.5 em with its two ¼-em gaps; four expandable gaps (甲乙 乙丙 丙丁 戊己).
  const at8 = set(body(TEXTS[1]), 8).lines[0];
  assert.equal(at8.text, '甲乙丙丁12戊己');
  for (const [a, b] of [['甲', '乙'], ['丙', '丁'], ['戊', '己']]) assert.ok(Math.abs(gap(at8, a, b) - 0.125) < EPS, `${a}${b}`);
  assert.ok(Math.abs(gap(at8, '丁', '1') - 0.25) < EPS && Math.abs(gap(at8, '2', '戊') - 0.25) < EPS, 'CJK–Latin gaps stay ¼');
  // §5.2 order without the budget: the gaps take the slack first, to ½ em.
  const ref = set(body(TEXTS[1]), 8, { spacing: undefined }).lines[0];
  assert.ok(Math.abs(gap(ref, '丁', '1') - 0.5) < EPS && Math.abs(gap(ref, '甲', '乙')) < EPS);
  // 0.75 em: ⅛ a gap (0.5), then the CJK–Latin gaps to ⅜ (0.25): not loose.
  const at825 = set(body(TEXTS[1]), 8.25).lines[0];
  assert.ok(Math.abs(gap(at825, '甲', '乙') - 0.125) < EPS && Math.abs(gap(at825, '丁', '1') - 0.375) < EPS);
  assert.equal(lineStats([at825], 'gb', DEFAULT_BUDGET.letter).loose, 0);
  // 0.9 em: the gaps stop at ⅜; the rest goes back to the characters, and the line is loose.
  const at85 = set(body(TEXTS[1]), 8.4).lines[0];
  assert.equal(at85.text, '甲乙丙丁12戊己');
  assert.ok(Math.abs(gap(at85, '丁', '1') - 0.375) < EPS);
  assert.ok(Math.abs(at85.addedPerGap - 0.1625) < EPS, `${at85.addedPerGap}`);
  assert.equal(lineStats([at85], 'gb', DEFAULT_BUDGET.letter).loose, 1);
  assert.equal(lineStats([at85]).loose, 0, '§5.2 counts loose only past ¼ em');
});

test('budget: push-in takes the marks first, then the CJK–Latin gaps (§5.1 step 5 after step 6)', () => {
  // 6.5 em natural in 6.25: 。 gives ¼ em and the gaps keep ¼; §5.1's order narrows the gaps.
  const budget = set(body(TEXTS[2]), 6.25).lines;
  assert.equal(budget.length, 1);
  assert.ok(Math.abs(gap(budget[0], '乙', '1') - 0.25) < EPS && Math.abs(gap(budget[0], '2', '丙') - 0.25) < EPS);
  const ref = set(body(TEXTS[2]), 6.25, { spacing: undefined }).lines;
  assert.ok(Math.abs(gap(ref[0], '乙', '1') - 0.125) < EPS);
});

test('the budget’s capacities agree with the justified lines (every [s, e) of a paragraph)', () => {
  const p = new Para(buildUnits(body('甲乙丙12丁，戊（己）庚2025年辛')), { kinsoku: 'gb', cjkLatinGap: 0.25, compressStops: true, hang: false, budget: DEFAULT_BUDGET });
  for (let s = 0; s < p.n; s++)
    for (let e = s + 2; e <= p.n; e++) {
      const k = p.lastInk(s, e);
      const listed = p.shrinkSteps(s, e).flat().reduce((t, it) => t + it.cap, 0);
      assert.ok(Math.abs(p.shrinkTo(s, k) - listed) < EPS);
      const plan = p.stretchTo(s, k, 1);
      const used = plan.words + plan.letters * p.expandableCountTo(s, k) + plan.cjk * p.gapCountTo(s, k) + plan.left;
      assert.ok(Math.abs(used - 1) < EPS, `[${s},${e}) spends ${used}`);
    }
});

const byline = (t: string, rest: string): Span[] => {
  const k = t.indexOf('（');
  return [
    { text: t.slice(0, k), face, role: 'byline' },
    { text: normalizeAscii(t.slice(k)), face, role: 'byline' },
    ...body(rest),
  ];
};

test('a byline is never broken inside a word nor letter-spaced; its spaces give way first', () => {
  for (const breaker of ['reference', 'optimal'] as const) {
    // 13 em with the 2-em indent: 本报讯（首席记者　赵一霖） cannot keep its space; it keeps its name.
    const r = set(byline('本报讯（首席记者　赵一霖）', '春潮涌动催人进，奋楫扬帆正当时。'), 13, { indent: 2, breaker });
    assert.equal(r.lines[0].text, '本报讯（首席记者　赵一霖）', breaker);
    assert.ok(Math.abs(gap(r.lines[0], '者', '赵')) < EPS, 'the space narrowed to nothing');
    for (const [a, b] of [['本', '报'], ['赵', '一'], ['一', '霖']]) assert.ok(Math.abs(gap(r.lines[0], a, b)) < EPS, `${a}${b} solid`);
    // 12 em (the tabloid column): the line ends at a space, which takes the slack.
    const t = set(byline('本报讯（记者 钱宣 通讯员 水言）', '甲乙丙丁戊己庚辛壬癸子丑寅卯辰'), 12, { indent: 2, breaker });
    const first = t.lines[0].text.replace(/ /g, '　').replace(/　+$/, '');
    assert.ok(['本报讯（记者　钱宣', '本报讯（记者　钱宣　通讯员'].includes(first), `${breaker}: ${first}`);
    for (const [a, b] of [['本', '报'], ['记', '者'], ['钱', '宣']]) assert.ok(Math.abs(gap(t.lines[0], a, b)) < EPS, `${a}${b} solid`);
    assert.ok(Math.abs(t.lines[0].width - t.lines[0].measure) < 0.01, 'justified at its space');
  }
});

test('a bold run-in is not letter-spaced; the text after it takes the space', () => {
  // 戊。 cannot fit in 8 em: push-out leaves 本报讯甲乙丙丁 with 1 em to spread (as T02).
  const spans: Span[] = [{ text: '本报讯', face, role: 'bold' }, ...body('甲乙丙丁戊。己庚')];
  const l = set(spans, 8).lines[0];
  assert.equal(l.text, '本报讯甲乙丙丁');
  assert.ok(Math.abs(gap(l, '本', '报')) < EPS && Math.abs(gap(l, '报', '讯')) < EPS, 'the run-in solid');
  assert.ok(Math.abs(gap(l, '讯', '甲') - 0.25) < EPS && Math.abs(gap(l, '甲', '乙') - 0.25) < EPS, 'four gaps take 1 em');
});
