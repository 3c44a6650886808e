// typesetting.md §10, T01–T25: the test font TF, mode `reference`, kinsoku gb, punct
// quanjiao, CJK–Latin ¼ em, hang off, indent 0 unless ¶ (2 em). Positions are asserted in
// em from the line box's start (indent included), as the cases state them. A glyph's x is
// its origin: a trimmed opening mark's origin lies ½ em left of its visible cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tfFace } from './helpers/tf.js';
import { setParagraph, SetLine, SetParagraph, ParagraphOptions } from '../src/text/paragraph.js';
import { normalizeAscii } from '../src/text/normalize.js';
import { lineStats } from '../src/text/stats.js';

const CASES = {
  T01: '甲乙丙丁戊己庚辛壬癸',
  T02: '甲乙丙丁戊。己庚',
  T03: '甲乙，丙丁戊。己庚',
  T04: '甲。乙丙丁戊己，庚辛',
  T05: '甲乙丙丁《戊己》庚辛壬',
  T06: '甲乙丙丁，戊己庚辛壬',
  T07: '甲乙丙丁戊好。”己庚',
  T08: '甲乙丙丁戊己。”庚辛',
  T09a: '甲（“乙”）丙',
  T09b: '甲》、《乙',
  T09c: '他说：“你好。”',
  T09d: '钱塘区2025年',
  T09e: '2025年3月11日 星期二',
  T09f: '7日,钱塘(新)区',
  T10: '他说：“好。”我们走吧。',
  T11: '甲乙丙丁戊己？！庚辛',
  T12a: '甲乙丙丁——戊己庚辛',
  T12b: '甲乙丙丁戊……己庚',
  T13: '马克·吐温来到甲乙丙丁',
  T14: '甲乙丙丁戊/己庚辛',
  T15: '甲乙丙丁戊己庚辛壬癸子。',
  T16: '金承涛指出，立足新起点，钱塘围绕中央和省市委工作要求，牢牢把握“因地制宜”原则。',
  T17: '沈燕俊、陶峰、徐进、胡国伟、马于惠参加。',
  T18: '始终坚持“两个毫不动摇”“三个没有变”，以建设新时代“两个健康”先行示范区为引领。',
  T19: '“两个毫不动摇”“三个没有变”是基本遵循。',
  T20: '消纳场地面积2264亩，用于保障钱塘区及杭州市相关城区的土方消纳。',
  T21: '从产业基础、科研资源出发，谋划提出“55830”行动方案，构建起钱塘产业高质量发展的“四梁八柱”。',
  T22: '全面落实进一步深化改革“1+12+5”体系；扎实推进中央环境保护督察问题整改。',
  T23: '发布《钱塘(新)区新型工业化行动方案(2025-2027年)》，5家企业为高校人才颁发聘书。',
  T24: '本报讯(首席记者 赵一霖)春潮涌动催人进，奋楫扬帆正当时。7日，钱塘(新)区科技创新引领新型工业化高质量发展大会召开。',
  T25: 'qtxqdaily@126.com',
};

const { face } = tfFace(Object.values(CASES));
const SIZE = 10; // pt; every position below is pt / SIZE = em
const EPS = 1e-6;

function set(text: string, W: number, o: Partial<ParagraphOptions> = {}): SetParagraph {
  const spans = [{ text: normalizeAscii(text), face, role: 'body' }];
  return setParagraph(spans, { size: SIZE, measure: W * SIZE, indent: 0, align: 'justify', kinsoku: 'gb', cjkLatinGap: 0.25, compressStops: true, hang: false, breaker: 'reference', ...o });
}

/** The printed lines; the 1-em ideographic space (set from U+0020 between Han) shown as 　. */
function texts(r: SetParagraph): string {
  return r.lines.map((l) => l.text.replace(/ /g, '　')).join(' / ');
}

function expected(s: string): string {
  return s.replace(/ \/ /g, ' / ');
}

/** Origin of the glyph for `ch` (the k-th one) on a line, in em. */
function xOf(l: SetLine, ch: string, k = 0): number {
  const gs = l.glyphs.filter((g) => g.text === ch);
  assert.ok(gs[k], `no ${ch} #${k} on ${l.text}`);
  return gs[k].x / SIZE;
}

function near(actual: number, want: number, what: string): void {
  assert.ok(Math.abs(actual - want) < EPS, `${what}: ${actual} ≠ ${want}`);
}

/** Every non-last line fills its measure exactly (±0.01 pt), as §5 requires. */
function justified(r: SetParagraph, W: number): void {
  for (const l of r.lines) if (!l.last && !l.emergency) assert.ok(Math.abs(l.width - W * SIZE) <= 0.01, `${l.text}: width ${l.width / SIZE} em, measure ${W}`);
}

/** I1/I2/I5 on every case, through the typography counter. */
function legal(r: SetParagraph): void {
  const st = lineStats(r.lines);
  assert.equal(st.kinsoku, 0, 'kinsoku');
  assert.equal(st.lone, 0, '孤字');
}

/** I6: the printed text is the normalised input. */
function complete(r: SetParagraph, input: string): void {
  assert.equal(r.lines.map((l) => l.text).join(''), normalizeAscii(input));
}

function check(id: keyof typeof CASES, W: number, want: string, o: Partial<ParagraphOptions> = {}): SetParagraph {
  const r = set(CASES[id], W, o);
  assert.equal(texts(r), expected(want));
  justified(r, W);
  legal(r);
  complete(r, CASES[id]);
  return r;
}

test('T01 solid lines, no adjustment', () => {
  const r = check('T01', 5, '甲乙丙丁戊 / 己庚辛壬癸');
  for (const l of r.lines) {
    assert.deepEqual(l.glyphs.map((g) => g.x / SIZE), [0, 1, 2, 3, 4]);
    assert.equal(l.addedPerGap, 0);
  }
});

test('T02 push-out: 。 may not start a line, nothing to shrink; +⅓ em in 3 gaps', () => {
  const r = check('T02', 5, '甲乙丙丁 / 戊。己庚');
  const x = r.lines[0].glyphs.map((g) => g.x / SIZE);
  [0, 4 / 3, 8 / 3, 4].forEach((v, i) => near(x[i], v, `line 1 glyph ${i}`));
  near(r.lines[0].addedPerGap, 1 / 3, 'added per gap');
  assert.ok(r.lines[1].startAligned);
});

test('T03 push-in: in-line ， to ½ em, line-end 。 ½ em', () => {
  const [l1] = check('T03', 6, '甲乙，丙丁戊。 / 己庚').lines;
  near(xOf(l1, '丙'), 2.5, '丙 after a ½-em ，');
  near(xOf(l1, '。'), 5.5, '。');
  near(l1.width / SIZE, 6, 'line 1 ends on the measure with 。 at ½ em');
  assert.equal(l1.addedPerGap, 0);
});

test('T04 in-line 。 to ½ em (step 6); with compressStops:false push-out, +¼ em in 4 gaps', () => {
  const [l1] = check('T04', 7, '甲。乙丙丁戊己， / 庚辛').lines;
  near(xOf(l1, '乙'), 1.5, '乙 after a ½-em 。');
  near(xOf(l1, '，'), 6.5, '，');
  const r = check('T04', 7, '甲。乙丙丁戊 / 己，庚辛', { compressStops: false });
  near(r.lines[0].addedPerGap, 0.25, 'added per gap');
  assert.deepEqual(['乙', '丙', '丁', '戊'].map((c) => xOf(r.lines[0], c)), [2.25, 3.5, 4.75, 6]);
});

test('T05 《 never ends a line; line 2 opens with a ½-em 《, natural 4.5, +¼ after 戊 and after 》 only', () => {
  const [, l2] = check('T05', 5, '甲乙丙丁 / 《戊己》庚 / 辛壬').lines;
  near(l2.natural / SIZE, 4.5, 'natural width');
  near(xOf(l2, '《'), -0.5, '《 origin (cell 0–½ em)');
  near(xOf(l2, '戊'), 0.5, '戊');
  near(xOf(l2, '己'), 1.75, '己: +¼ after 戊');
  near(xOf(l2, '》'), 2.75, '》: nothing added before a closing mark');
  near(xOf(l2, '庚'), 4, '庚: +¼ after 》');
});

test('T06 ， at ½ em ends the line at 5 em; +⅙ em in 甲乙, 乙丙, 丙丁', () => {
  const [l1] = check('T06', 5, '甲乙丙丁， / 戊己庚辛壬').lines;
  near(xOf(l1, '，') + 0.5, 5, 'the ， box ends');
  [0, 7 / 6, 14 / 6, 3.5].forEach((v, i) => near(l1.glyphs[i].x / SIZE, v, `glyph ${i}`));
  near(l1.addedPerGap, 1 / 6, 'added per gap');
});

test('T07 the chain 好。” moves as one; +¼ em ×4', () => {
  const [l1] = check('T07', 6, '甲乙丙丁戊 / 好。”己庚').lines;
  near(l1.addedPerGap, 0.25, 'added per gap');
  near(xOf(l1, '戊'), 5, '戊');
});

test('T08 。” at the line end: 。 ½ (adjacent) + ” ½ (line end), solid', () => {
  const [l1] = check('T08', 7, '甲乙丙丁戊己。” / 庚辛').lines;
  near(xOf(l1, '。'), 6, '。');
  near(xOf(l1, '”'), 6.5, '”');
  near(l1.natural / SIZE, 7, 'natural');
  assert.equal(l1.addedPerGap, 0);
});

test('T09 natural widths of single lines (adjacent marks, CJK–Latin gaps, ideographic space, ASCII → full width)', () => {
  const one = (id: keyof typeof CASES, w: number, printed = CASES[id]) => {
    const r = set(CASES[id], 20);
    assert.equal(r.lines.length, 1);
    assert.equal(r.lines[0].text, printed);
    near(r.lines[0].width / SIZE, w, `${id} width`);
    return r.lines[0];
  };
  one('T09a', 6);
  one('T09b', 4);
  one('T09c', 6.5);
  const d = one('T09d', 6.5);
  near(xOf(d, '2'), 3.25, '¼ em before 2025');
  near(xOf(d, '年'), 5.5, '¼ em after 2025');
  const e = one('T09e', 11.75);
  near(xOf(e, '星'), 8.75, 'the space between 日 and 星 is one em');
  one('T09f', 8.75, '7日，钱塘（新）区');
});

test('T10 line 1 natural 5.5, +¼ after 他 and after ： only', () => {
  const [l1] = check('T10', 6, '他说：“好。” / 我们走吧。').lines;
  near(l1.natural / SIZE, 5.5, 'natural');
  near(xOf(l1, '说'), 1.25, '说');
  near(xOf(l1, '“'), 3, '“ (after ：, +¼)');
  near(xOf(l1, '好'), 4, '好');
  near(xOf(l1, '”') + 0.5, 6, 'line ends with ”');
});

test('T11 ？！ take 1 em together', () => {
  const [l1] = check('T11', 7, '甲乙丙丁戊己？！ / 庚辛').lines;
  near(xOf(l1, '？'), 6, '？');
  near(xOf(l1, '！'), 6.5, '！');
  assert.equal(l1.addedPerGap, 0);
});

test('T12 —— and …… are never split; strict kinsoku keeps them off the line start', () => {
  check('T12a', 5, '甲乙丙丁 / ——戊己 / 庚辛');
  check('T12b', 6, '甲乙丙丁戊 / ……己庚');
  const a = check('T12a', 5, '甲乙丙 / 丁——戊己 / 庚辛', { kinsoku: 'strict' });
  const b = check('T12b', 6, '甲乙丙丁 / 戊……己庚', { kinsoku: 'strict' });
  // The strict results need more than ½ em a gap on line 1 (I7): the engine reports it.
  assert.ok(a.warnings.some((w) => /per gap/.test(w)));
  assert.ok(b.warnings.some((w) => /per gap/.test(w)));
});

test('T13 · in a ½-em cell; line 1 +¼ after 马 and after 吐 only', () => {
  const [l1] = check('T13', 5, '马克·吐温 / 来到甲乙 / 丙丁').lines;
  const dot = l1.glyphs.find((g) => g.text === '·')!;
  near((dot.x + dot.adv / 2) / SIZE, 2.5, '· centred in its ½-em cell 2.25–2.75');
  near(xOf(l1, '克'), 1.25, '克');
  near(xOf(l1, '吐'), 2.75, '吐');
  near(xOf(l1, '温'), 4, '温');
});

test('T14 / neither starts nor ends a line', () => {
  check('T14', 5, '甲乙丙丁 / 戊/己庚辛');
});

test('T15 孤字 子。 fixed by push-out', () => {
  check('T15', 5, '甲乙丙丁戊 / 己庚辛壬 / 癸子。');
});

test('T16 push-out on line 2 (+1/11 em ×11); 则。 pulled back: “ ” ， at ½ em, line 3 exactly 13', () => {
  const r = check('T16', 13, '金承涛指出，立足新起点，钱 / 塘围绕中央和省市委工作要 / 求，牢牢把握“因地制宜”原则。');
  near(r.lines[1].addedPerGap, 1 / 11, 'line 2 added per gap');
  const l3 = r.lines[2];
  near(l3.width / SIZE, 13, 'line 3 width');
  near(xOf(l3, '牢'), 1.5, '， ½ em');
  near(xOf(l3, '因'), 6, '“ ½ em (cell 5.5–6)');
  near(xOf(l3, '原'), 10.5, '” ½ em (cell 10–10.5)');
});

test('T17 3 in-line 、 give ⅙ em each, the last 、 is ½ em', () => {
  const [l1] = check('T17', 13, '沈燕俊、陶峰、徐进、胡国伟、 / 马于惠参加。').lines;
  near(xOf(l1, '陶'), 3 + 5 / 6, '陶');
  near(xOf(l1, '徐'), 6 + 4 / 6, '徐');
  near(xOf(l1, '胡'), 9.5, '胡');
  near(xOf(l1, '、', 3) + 0.5, 13, 'last 、 ends on the measure');
});

test('T18 ¶ line 1 (measure 11) push-in; line 2 opens with a ½-em “, solid; line 3 push-out for 孤字, +⅙ ×9', () => {
  const r = check('T18', 13, '始终坚持“两个毫不动摇” / “三个没有变”，以建设新时代 / “两个健康”先行示范区为 / 引领。', { indent: 2 });
  const [l1, l2, l3] = r.lines;
  near(xOf(l1, '始'), 2, 'indent');
  near(l1.width / SIZE - 2, 11, 'line 1 fills its measure of 11 em');
  near(xOf(l1, '两'), 6.5, '“ −½ em');
  near(xOf(l1, '”') + 0.5, 13, '” ends on the measure');
  near(xOf(l2, '三'), 0.5, '“ ½ em at the line start');
  assert.equal(l2.addedPerGap, 0);
  near(l2.natural / SIZE, 13, 'line 2 solid');
  near(l3.addedPerGap, 1 / 6, 'line 3 added per gap');
  near(xOf(l3, '为'), 12, '为');
});

test('T19 ¶ 两 at 2.5 em; ”“ = 1.5 em', () => {
  const [l1] = check('T19', 13, '“两个毫不动摇”“三个没 / 有变”是基本遵循。', { indent: 2 }).lines;
  near(xOf(l1, '两'), 2.5, '两');
  near(xOf(l1, '三') - (xOf(l1, '摇') + 1), 1.5, '”“');
});

test('T20 line 1 natural 12.5: both CJK–Latin gaps ¼→½, no other expansion', () => {
  const [l1] = check('T20', 13, '消纳场地面积2264亩，用于 / 保障钱塘区及杭州市相关城区 / 的土方消纳。').lines;
  near(l1.natural / SIZE, 12.5, 'natural');
  near(xOf(l1, '2'), 6.5, '½ em before 2264');
  near(xOf(l1, '亩'), 9, '½ em after 2264');
  assert.equal(l1.addedPerGap, 0);
  near(xOf(l1, '于'), 12, '于');
});

test('T21 no gap between “ and 5 or 0 and ”; line 2 solid 13', () => {
  const [, l2] = check('T21', 13, '从产业基础、科研资源出发， / 谋划提出“55830”行动方案， / 构建起钱塘产业高质量发展的 / “四梁八柱”。').lines;
  near(l2.natural / SIZE, 13, 'line 2 natural');
  assert.equal(l2.addedPerGap, 0);
  near(xOf(l2, '5'), 5, '5 against “ (cell 4–5)');
  near(xOf(l2, '”'), 7.5, '” against 0');
});

test('T22 push-out, +0.2 em ×10', () => {
  const [l1] = check('T22', 13, '全面落实进一步深化改革 / “1+12+5”体系；扎实推进中 / 央环境保护督察问题整改。').lines;
  near(l1.addedPerGap, 0.2, 'added per gap');
  near(xOf(l1, '革'), 12, '革');
});

test('T23 line 2 push-in (（ −¼ em); line 3 push-out for 孤字 (gap after 5 → ½, +2/9 ×9)', () => {
  const r = check('T23', 13, '发布《钱塘（新）区新型工业 / 化行动方案（2025-2027年）》， / 5家企业为高校人才颁发 / 聘书。');
  const [, l2, l3] = r.lines;
  near(xOf(l2, '（'), 4.75, '（ origin: ¼ em trimmed at its left');
  near(xOf(l2, '2'), 5.75, '2025 against （');
  near(xOf(l3, '家'), 1, '½ em after 5');
  near(l3.addedPerGap, 2 / 9, 'added per gap');
});

test('T24 ¶ byline: space → 1-em ideographic space; line 3: gap after 7 ¼→½, then +1/14 ×7', () => {
  // The case prints the space as 　: the engine keeps the input's U+0020 in the text (I6)
  // and sets it as one 1-em ideographic space unit.
  const r = check('T24', 13, '本报讯（首席记者　赵一 / 霖）春潮涌动催人进，奋楫扬 / 帆正当时。7日，钱塘（新） / 区科技创新引领新型工业化高 / 质量发展大会召开。', { indent: 2 });
  const [l1, , l3] = r.lines;
  near(xOf(l1, '赵'), 11, 'one em between 者 and 赵');
  near(xOf(l3, '日') - (xOf(l3, '7') + 0.5), 0.5, 'gap after 7');
  near(l3.addedPerGap, 1 / 14, 'added per gap');
});

test('T25 an e-mail address longer than the measure breaks after @; both lines start-aligned, one warning', () => {
  const r = check('T25', 6, 'qtxqdaily@ / 126.com');
  assert.equal(r.warnings.length, 1);
  assert.ok(r.lines.every((l) => l.startAligned));
  // Both lines hold a piece of a run wider than the measure: reported as emergency lines.
  assert.ok(r.lines.every((l) => l.emergency));
  assert.equal(lineStats(r.lines).emergency, 2);
});

test('the total-fit breaker sets every case legally, never with more loose lines or 孤字', () => {
  for (const [id, text] of Object.entries(CASES)) {
    for (const W of [5, 6, 7, 13]) {
      for (const indent of [0, 2]) {
        const ref = lineStats(set(text, W, { indent }).lines);
        const r = set(text, W, { indent, breaker: 'optimal' });
        const st = lineStats(r.lines);
        complete(r, text);
        assert.equal(st.kinsoku, 0, `${id} at ${W}`);
        assert.ok(st.lone <= ref.lone, `${id} at ${W}: 孤字`);
        assert.ok(st.loose <= ref.loose, `${id} at ${W}: loose ${st.loose} > ${ref.loose}`);
      }
    }
  }
});
