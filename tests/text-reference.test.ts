// typesetting.md §10, T01–T25, in `reference` mode with the real body face (Noto Serif SC):
// its Han characters and full-width marks are 1 em like the test font TF, so line breaks
// and the adjustments of pure-CJK lines are exactly the cases'; where digits and Latin
// (≈ 0.55 em here, 0.5 in TF) change widths, the line breaks are asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { openFace } from '../src/text/face.js';
import { normalizeAscii } from '../src/text/normalize.js';
import { setParagraph, SetParagraph } from '../src/text/paragraph.js';

const face = openFace('body', createRequire(import.meta.url).resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'));
const SIZE = 10; // 1 em = 10 pt: positions read directly in em × 10

function set(text: string, W: number, opts: { indent?: boolean; kinsoku?: 'gb' | 'strict'; compressStops?: boolean } = {}): SetParagraph {
  return setParagraph([{ text: normalizeAscii(text), face, role: 'body' }], {
    size: SIZE,
    measure: W * SIZE,
    indent: opts.indent ? 2 : 0,
    align: 'justify',
    kinsoku: opts.kinsoku ?? 'gb',
    cjkLatinGap: 0.25,
    compressStops: opts.compressStops ?? true,
    hang: false,
    breaker: 'reference',
  });
}
const lines = (r: SetParagraph) => r.lines.map((l) => l.text);
const xs = (r: SetParagraph, i: number) => r.lines[i].glyphs.map((g) => Math.round((g.x / SIZE) * 1000) / 1000);
const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

const cases: [string, string, number, string[], { indent?: boolean; kinsoku?: 'gb' | 'strict' }?][] = [
  ['T01', '甲乙丙丁戊己庚辛壬癸', 5, ['甲乙丙丁戊', '己庚辛壬癸']],
  ['T02', '甲乙丙丁戊。己庚', 5, ['甲乙丙丁', '戊。己庚']],
  ['T03', '甲乙，丙丁戊。己庚', 6, ['甲乙，丙丁戊。', '己庚']],
  ['T04', '甲。乙丙丁戊己，庚辛', 7, ['甲。乙丙丁戊己，', '庚辛']],
  ['T05', '甲乙丙丁《戊己》庚辛壬', 5, ['甲乙丙丁', '《戊己》庚', '辛壬']],
  ['T06', '甲乙丙丁，戊己庚辛壬', 5, ['甲乙丙丁，', '戊己庚辛壬']],
  ['T07', '甲乙丙丁戊好。”己庚', 6, ['甲乙丙丁戊', '好。”己庚']],
  ['T08', '甲乙丙丁戊己。”庚辛', 7, ['甲乙丙丁戊己。”', '庚辛']],
  ['T10', '他说：“好。”我们走吧。', 6, ['他说：“好。”', '我们走吧。']],
  ['T11', '甲乙丙丁戊己？！庚辛', 7, ['甲乙丙丁戊己？！', '庚辛']],
  ['T12a', '甲乙丙丁——戊己庚辛', 5, ['甲乙丙丁', '——戊己', '庚辛']],
  ['T12b', '甲乙丙丁戊……己庚', 6, ['甲乙丙丁戊', '……己庚']],
  ['T12c', '甲乙丙丁——戊己庚辛', 5, ['甲乙丙', '丁——戊己', '庚辛'], { kinsoku: 'strict' }],
  ['T12d', '甲乙丙丁戊……己庚', 6, ['甲乙丙丁', '戊……己庚'], { kinsoku: 'strict' }],
  ['T13', '马克·吐温来到甲乙丙丁', 5, ['马克·吐温', '来到甲乙', '丙丁']],
  ['T14', '甲乙丙丁戊/己庚辛', 5, ['甲乙丙丁', '戊/己庚辛']],
  ['T15', '甲乙丙丁戊己庚辛壬癸子。', 5, ['甲乙丙丁戊', '己庚辛壬', '癸子。']],
  ['T16', '金承涛指出，立足新起点，钱塘围绕中央和省市委工作要求，牢牢把握“因地制宜”原则。', 13, ['金承涛指出，立足新起点，钱', '塘围绕中央和省市委工作要', '求，牢牢把握“因地制宜”原则。']],
  ['T17', '沈燕俊、陶峰、徐进、胡国伟、马于惠参加。', 13, ['沈燕俊、陶峰、徐进、胡国伟、', '马于惠参加。']],
  ['T18', '始终坚持“两个毫不动摇”“三个没有变”，以建设新时代“两个健康”先行示范区为引领。', 13, ['始终坚持“两个毫不动摇”', '“三个没有变”，以建设新时代', '“两个健康”先行示范区为', '引领。'], { indent: true }],
  ['T19', '“两个毫不动摇”“三个没有变”是基本遵循。', 13, ['“两个毫不动摇”“三个没', '有变”是基本遵循。'], { indent: true }],
  ['T20', '消纳场地面积2264亩，用于保障钱塘区及杭州市相关城区的土方消纳。', 13, ['消纳场地面积2264亩，用于', '保障钱塘区及杭州市相关城区', '的土方消纳。']],
  ['T21', '从产业基础、科研资源出发，谋划提出“55830”行动方案，构建起钱塘产业高质量发展的“四梁八柱”。', 13, ['从产业基础、科研资源出发，', '谋划提出“55830”行动方案，', '构建起钱塘产业高质量发展的', '“四梁八柱”。']],
  ['T22', '全面落实进一步深化改革“1+12+5”体系；扎实推进中央环境保护督察问题整改。', 13, ['全面落实进一步深化改革', '“1+12+5”体系；扎实推进中', '央环境保护督察问题整改。']],
  ['T23', '发布《钱塘(新)区新型工业化行动方案(2025-2027年)》，5家企业为高校人才颁发聘书。', 13, ['发布《钱塘（新）区新型工业', '化行动方案（2025-2027年）》，', '5家企业为高校人才颁发', '聘书。']],
  ['T24', '本报讯(首席记者 赵一霖)春潮涌动催人进，奋楫扬帆正当时。7日，钱塘(新)区科技创新引领新型工业化高质量发展大会召开。', 13, ['本报讯（首席记者 赵一', '霖）春潮涌动催人进，奋楫扬', '帆正当时。7日，钱塘（新）', '区科技创新引领新型工业化高', '质量发展大会召开。'], { indent: true }],
];

for (const [name, text, W, expected, opts] of cases) {
  test(`${name}: ${text} at ${W} em`, () => {
    const r = set(text, W, opts);
    assert.deepEqual(lines(r), expected);
    // Every line but the last ends on the measure; none passes it.
    r.lines.forEach((l, i) => {
      if (i < r.lines.length - 1) assert.ok(near(l.width, W * SIZE), `${name} line ${i + 1} width ${l.width / SIZE} em`);
      assert.ok(l.width <= W * SIZE + 1e-6);
    });
  });
}

test('T02 adjustments: push-out, +⅓ em in each of 3 gaps', () => {
  assert.deepEqual(xs(set('甲乙丙丁戊。己庚', 5), 0), [0, 4 / 3, 8 / 3, 4].map((x) => Math.round(x * 1000) / 1000));
});

test('T03: push-in, ， and 。 take ½ em', () => {
  const r = set('甲乙，丙丁戊。己庚', 6);
  assert.deepEqual(xs(r, 0), [0, 1, 2, 2.5, 3.5, 4.5, 5.5]);
});

test('T05: line 2 opens with 《 of ½ em, +¼ after 戊 and after 》 only', () => {
  const r = set('甲乙丙丁《戊己》庚辛壬', 5);
  // 《 drawn ½ em left of the line start (its blank half trimmed), 戊 at 0.5, 己 at 1.75, 》 at 2.75, 庚 at 4.
  assert.deepEqual(xs(r, 1), [-0.5, 0.5, 1.75, 2.75, 4]);
});

test('T06: ， at the line end is ½ em, its box ends at 5 em; +⅙ in 甲乙, 乙丙, 丙丁', () => {
  const r = set('甲乙丙丁，戊己庚辛壬', 5);
  assert.deepEqual(xs(r, 0), [0, 7 / 6, 14 / 6, 3.5, 4.5].map((x) => Math.round(x * 1000) / 1000));
  assert.ok(near(r.lines[0].width, 50));
});

test('T09: natural widths of one line', () => {
  const w = (t: string) => set(t, 20).lines[0].width / SIZE;
  assert.ok(near(w('甲（“乙”）丙'), 6));
  assert.ok(near(w('甲》、《乙'), 4));
  assert.ok(near(w('他说：“你好。”'), 6.5));
  assert.equal(set('7日,钱塘(新)区', 20).lines[0].text, '7日，钱塘（新）区');
});

test('T11: ？！ take 1 em together', () => {
  assert.ok(near(set('甲乙丙丁戊己？！庚辛', 7).lines[0].width, 70));
});

test('T13: · is a ½-em cell; +¼ after 马 and after 吐 only', () => {
  const r = set('马克·吐温来到甲乙丙丁', 5);
  const x = xs(r, 0);
  assert.ok(near(x[1], 1.25), `克 at ${x[1]}`);
  assert.ok(near(x[3], 2.75), `吐 at ${x[3]}`); // 马 1 + ¼ + 克 1 + · ½
  assert.ok(near(x[4], 4), `温 at ${x[4]}`);
});

test('T19: after the 2-em indent, an opening quote loses its blank half: 两 at 2.5 em', () => {
  const r = set('“两个毫不动摇”“三个没有变”是基本遵循。', 13, { indent: true });
  assert.ok(near(r.lines[0].glyphs[1].x / SIZE, 2.5));
});

test('T25: a long e-mail address breaks after @, start-aligned, one warning', () => {
  const r = set('qtxqdaily@126.com', 6);
  assert.deepEqual(lines(r), ['qtxqdaily@', '126.com']);
  assert.equal(r.warnings.length, 1);
  assert.ok(r.lines.every((l) => l.startAligned));
});
