// Shaping and the engine's parts one rule at a time, with the test font TF: adjacent
// punctuation (§4.2), Western runs and numbers (§6), long Latin tokens (§3.3), hanging
// punctuation (§3.4), the I8 ink check, looseness (§5.5), the typography counter, and the
// O(1) line measures the total-fit breaker relies on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tfFace } from './helpers/tf.js';
import { openFace } from '../src/text/face.js';
import { buildUnits, splitLongRuns, tokenBreaks, Unit } from '../src/text/units.js';
import { Para } from '../src/text/line.js';
import { normalizeAscii } from '../src/text/normalize.js';
import { setParagraph, SetParagraph, ParagraphOptions, SetLine } from '../src/text/paragraph.js';
import { lineStats, mergeStats } from '../src/text/stats.js';
import { punctuationInk } from '../src/text/ink.js';

const ADJACENT_15 = ['。”', '。」', '”，', '）。', '》《', '，“', '（“', '（「', '”）'];
const STRINGS = [
  ...ADJACENT_15,
  '》、《（）？！？？？甲乙丙丁戊己庚辛壬癸子丑寅卯辰',
  '2025-2027 1,234.5 3.8% 11:30 2026—2028 3～5℃ $100 23.5℃ qtxqdaily@126.com',
  'https://www.example.com/news/2025/index.html 见网址',
  'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  '；：“”‘’《》「」·——……甲乙丙丁《戊己》庚辛壬',
];
const { face } = tfFace(STRINGS);
const SIZE = 10;
const EPS = 1e-6;

function units(text: string): Unit[] {
  return buildUnits([{ text: normalizeAscii(text), face, role: 'body' }]);
}

function set(text: string, W: number, o: Partial<ParagraphOptions> = {}): SetParagraph {
  const spans = [{ text: normalizeAscii(text), face, role: 'body' }];
  return setParagraph(spans, { size: SIZE, measure: W * SIZE, indent: 0, align: 'justify', kinsoku: 'gb', cjkLatinGap: 0.25, compressStops: true, hang: false, breaker: 'reference', ...o });
}

const ENGINE = { kinsoku: 'gb' as const, cjkLatinGap: 0.25, compressStops: true, hang: false };

/** Width of a pair of marks set between two Han characters (no line edge involved). */
function pairWidth(pair: string): number {
  const p = new Para(units(`甲${pair}乙`), ENGINE);
  return p.nat(0, p.n) - 2;
}

test('TF: fontkit reads the opentype.js font: exactly the characters asked for, GB advances and metrics', () => {
  const { face: tf, buf } = tfFace(['甲，“·a1 —…']);
  assert.ok(buf.length > 0);
  for (const [ch, adv] of [['甲', 1], ['，', 1], ['“', 1], ['·', 1], ['a', 0.5], ['1', 0.5], [' ', 0.25], ['—', 1], ['…', 1]] as const) {
    assert.ok(tf.has(ch.codePointAt(0)!), ch);
    assert.equal(tf.glyph(ch.codePointAt(0)!).adv, adv, ch);
  }
  assert.ok(!tf.has('乙'.codePointAt(0)!), 'only the code points of the strings');
  assert.equal(tf.upm, 1000);
  assert.equal(tf.ascent, 0.88);
  const comma = tf.glyph('，'.codePointAt(0)!);
  assert.ok(comma.inkR <= 0.5, '， ink in the left half');
  assert.ok(tf.glyph('“'.codePointAt(0)!).inkL >= 0.5, '“ ink in the right half');
});

test('§4.2 adjacent marks: 1.5 em pairs, 》、《 2 em, （） 2 em, ？！ pairs 1 em', () => {
  for (const pair of ADJACENT_15) assert.equal(pairWidth(pair), 1.5, pair);
  assert.equal(pairWidth('》、《'), 2);
  assert.equal(pairWidth('（）'), 2);
  assert.equal(pairWidth('？！'), 1);
  assert.equal(pairWidth('？？？'), 2);
});

test('§4.2 brackets stay against the text they enclose: （“ loses the blank left of “', () => {
  const u = units('甲（“乙');
  assert.equal(u[1].width, 1, '（ keeps its blank left half');
  assert.equal(u[2].width, 0.5, '“ lost its blank left half');
  assert.equal(u[2].glyphs[0].x, -0.5, '“ glyph moves left with it');
});

test('§6 numbers with their separators and signs are one W run', () => {
  for (const t of ['2025-2027', '1,234.5', '3.8%', '11:30', '$100', '23.5℃', 'qtxqdaily@126.com', '1+12+5']) {
    const u = units(`甲${t}乙`);
    assert.deepEqual(u.map((x) => x.cls), ['H', 'W', 'H'], t);
    assert.equal(u[1].text, t);
  }
});

test('a number range with — or ～ stays whole: no break before or after the connector', () => {
  for (const t of ['2026—2028', '3～5℃']) {
    const p = new Para(units(`甲${t}乙`), ENGINE);
    assert.deepEqual(p.units.map((x) => x.cls), ['H', 'W', 'CONN', 'W', 'H'], t);
    assert.ok(p.brk[1] && p.brk[4], `${t}: breakable around the range`);
    assert.ok(!p.brk[2] && !p.brk[3], `${t}: not inside it`);
    assert.ok(p.range[3], `${t}: after the connector only as the total-fit breaker's last resort`);
  }
  // A connector between Han characters may end a line as usual.
  const q = new Para(units('甲—乙'), ENGINE);
  assert.ok(!q.brk[1] && q.brk[2]);
});

test('§3.3 token breaks: after / . @ - _ only, never after the first or before the last character, never inside ://', () => {
  const at = (s: string, limit = Infinity) => {
    const chars = Array.from(s);
    return [...tokenBreaks(chars, chars.map(() => 0.5), limit).entries()].map(([c, k]) => `${chars.slice(0, c).join('')}|${k}`);
  };
  assert.deepEqual(at('qtxqdaily@126.com'), ['qtxqdaily@|sep', 'qtxqdaily@126.|sep']);
  assert.deepEqual(at('https://www.a.cn/x'), ['https://|sep', 'https://www.|sep', 'https://www.a.|sep']);
  assert.deepEqual(at('a.bc'), ['a.|sep'], 'the line keeps two characters of the token');
  assert.deepEqual(at('ab.c'), [], 'not before the last character');
  assert.deepEqual(at('x_yz'), ['x_|sep']);
  assert.deepEqual(at('ab_yz'), ['ab_|sep']);
  // A segment still wider than the measure may break after any character, away from the ends.
  assert.deepEqual(at('abcdef', 1), ['ab|char', 'abc|char', 'abcd|char']);
});

test('§3.3 URLs and e-mail addresses get their break points at any length; plain runs only when wider than the measure', () => {
  const pieces = (t: string, limit: number) => splitLongRuns(units(t), limit).map((u) => u.text + (u.emergencySplit ? '!' : ''));
  assert.deepEqual(pieces('见qtxqdaily@126.com', 20), ['见', 'qtxqdaily@', '126.', 'com'], 'a URL-like token: soft breaks, not an emergency');
  assert.deepEqual(pieces('见网址https://www.example.com/news/2025/index.html', 40), ['见', '网', '址', 'https://', 'www.', 'example.', 'com/', 'news/', '2025/', 'index.', 'html']);
  assert.deepEqual(pieces('1,234.5', 2.5), ['1,', '2!', '3!', '4!', '.5!'], 'a number wider than the measure, no separator of § 3.3: any character, an emergency');
  assert.deepEqual(pieces('1,234.5', 20), ['1,234.5'], 'a number that fits stays whole');
  assert.deepEqual(pieces('abcdefghijklmnopqrstuvwxyz', 5), 'ab c d e f g h i j k l m n o p q r s t u v w x yz'.split(' ').map((x, i) => (i ? x + '!' : x)));
});

test('§3.3 a long URL in running text: breaks only at its separators, lines ending inside it start-aligned and reported', () => {
  const text = '见网址https://www.example.com/news/2025/index.html';
  for (const breaker of ['reference', 'optimal'] as const) {
    const r = set(text, 8, { breaker });
    assert.equal(r.lines.map((l) => l.text).join(''), text);
    for (const l of r.lines.slice(0, -1)) {
      const last = l.text[l.text.length - 1];
      if (l.emergency) assert.ok('/.@-_'.includes(last), `${breaker}: ${l.text} ends after a separator`);
    }
    assert.equal(r.warnings.filter((w) => /longer than the measure/.test(w)).length, 1);
    assert.equal(lineStats(r.lines).offMeasure, 0);
  }
});

test('§3.4 hang: off by default; on, only 。，、 hang, one per line, never after another mark, ½ em past the measure', () => {
  assert.equal(set('甲乙丙丁戊，己庚', 5).lines.map((l) => l.text).join(' / '), '甲乙丙丁 / 戊，己庚', 'off: push-out');
  const r = set('甲乙丙丁戊，己庚', 5, { hang: true });
  assert.equal(r.lines.map((l) => l.text).join(' / '), '甲乙丙丁戊， / 己庚');
  const l1 = r.lines[0];
  assert.ok(l1.hung);
  assert.equal(l1.width, 5 * SIZE, 'the text still ends on the measure');
  assert.ok(Math.abs(l1.overhang! - 0.5 * SIZE) < EPS, '½ em protrudes');
  assert.ok(Math.abs(l1.glyphs[5].x - 5 * SIZE) < EPS, '， starts at the measure');
  assert.equal(lineStats(r.lines).hung, 1);
  assert.equal(lineStats(r.lines).offMeasure, 0);
  // ；is not one of 。，、: no hang, pushed out as usual.
  assert.equal(set('甲乙丙丁戊；己庚', 5, { hang: true }).lines.map((l) => l.text).join(' / '), '甲乙丙丁 / 戊；己庚');
  // Never after another mark: ”， does not hang.
  const q = set('甲乙丙丁”，己庚', 4.5, { hang: true });
  assert.ok(q.lines.every((l) => !l.hung));
  // A mark that fits inside the measure does not hang.
  assert.ok(set('甲乙丙丁，己庚', 5, { hang: true }).lines.every((l) => !l.hung));
  // Total-fit hangs too, and the hung line is legal.
  const o = set('甲乙丙丁戊，己庚辛壬癸子丑寅卯', 5, { hang: true, breaker: 'optimal' });
  assert.equal(lineStats(o.lines).kinsoku, 0);
  assert.equal(o.lines.map((l) => l.text).join(''), '甲乙丙丁戊，己庚辛壬癸子丑寅卯');
});

test('I8 at font load: GB ink positions pass; a centred pause mark is reported', () => {
  assert.deepEqual(punctuationInk(face), []);
  for (const f of ['noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf', 'noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf']) {
    assert.deepEqual(punctuationInk(openFace('body', `node_modules/@expo-google-fonts/${f}`)).map((v) => v.message), [], f);
  }
  const tc = tfFace(['。，“'], { '。': [350, 650], '“': [100, 400] }).face;
  const v = punctuationInk(tc);
  assert.deepEqual(v.map((x) => x.char).sort(), ['“', '。'].sort());
  assert.match(v.find((x) => x.char === '。')!.message, /left half/);
});

test('I8 on set lines: the ink of every mark stays inside its (trimmed) cell, no two inks overlap', () => {
  const text = '他说：“你好。”（甲乙）《丙丁》、戊，己。“庚辛”？！壬癸';
  for (const W of [5, 6, 7]) {
    for (const l of set(text, W, { breaker: 'optimal' }).lines) {
      const inks = l.glyphs.map((g) => {
        const info = face.glyph(g.text.codePointAt(0)!);
        return [g.x / SIZE + info.inkL, g.x / SIZE + info.inkR, g.text] as const;
      });
      for (const [a, b, ch] of inks) assert.ok(a >= -EPS && b <= W + EPS, `${l.text}: ${ch} ink ${a}–${b}`);
      for (let i = 1; i < inks.length; i++) assert.ok(inks[i][0] >= inks[i - 1][1] - EPS, `${l.text}: ${inks[i - 1][2]}${inks[i][2]} overlap`);
    }
  }
});

test('looseness ±1: the best solution with one line more or fewer, every line legal', () => {
  // Room to loosen (+1), and enough marks to push in a line's worth (−1).
  const a = '甲乙，丙丁、戊己“庚辛”壬癸，子丑、寅卯（辰甲）乙丙，丁戊、己庚辛壬。癸子';
  const b = a + '丑寅卯，辰甲乙';
  for (const [text, looseness] of [[a, 1], [b, -1]] as const) {
    const base = set(text, 10, { breaker: 'optimal' });
    const r = set(text, 10, { breaker: 'optimal', looseness });
    assert.equal(r.lines.length, base.lines.length + looseness, `${looseness}`);
    assert.deepEqual(r.warnings, []);
    const st = lineStats(r.lines);
    assert.equal(st.kinsoku, 0);
    assert.equal(st.lone, 0);
    assert.equal(st.offMeasure, 0);
    assert.ok(st.maxGap <= 0.5 + EPS);
    assert.equal(r.lines.map((l) => l.text).join(''), text);
  }
  // No room: set as close as it can be, and said so.
  assert.ok(set(a, 10, { breaker: 'optimal', looseness: -1 }).warnings.some((w) => /looseness/.test(w)));
  // Solid Han text cannot lose a line: set as close as it can, and said so.
  const solid = set('甲乙丙丁戊己庚辛壬癸', 5, { breaker: 'optimal', looseness: -1 });
  assert.equal(solid.lines.length, 2);
  assert.ok(solid.warnings.some((w) => /looseness/.test(w)));
});

test('the typography counter: kinsoku, 孤字, gaps, loose, off-measure, merged', () => {
  const line = (text: string, o: Partial<SetLine> = {}): SetLine => ({ glyphs: [], text, width: 50, natural: 50, measure: 50, last: false, startAligned: false, emergency: false, overfull: false, addedPerGap: 0, gapMax: 0, chars: Array.from(text).length, ...o });
  const a = lineStats([
    line('甲乙丙丁戊'),
    line('，乙丙丁“', { addedPerGap: 0.3, gapMax: 0.3 }), // starts with ，, ends with “: 2 violations; loose
    line('甲乙丙丁', { width: 45 }), // off the measure
    line('子。', { last: true, chars: 1, width: 15 }), // 孤字
  ]);
  assert.equal(a.lines, 4);
  assert.equal(a.paragraphs, 1);
  assert.equal(a.kinsoku, 2);
  assert.equal(a.lone, 1);
  assert.equal(a.loose, 1);
  assert.equal(a.offMeasure, 1);
  assert.equal(a.maxGap, 0.3);
  assert.ok(Math.abs(a.meanGap - 0.15) < EPS, 'mean over the two justified lines');
  // A paragraph may open with a mark; a one-line paragraph has no 孤字.
  const b = lineStats([line('“甲”', { last: true, chars: 1, first: true })]);
  assert.equal(b.kinsoku, 0);
  assert.equal(b.lone, 0);
  const m = mergeStats(a, b);
  assert.equal(m.lines, 5);
  assert.equal(m.paragraphs, 2);
  assert.equal(m.kinsoku, 2);
  assert.ok(Math.abs(m.meanGap - 0.15) < EPS);
  // The engine's lines carry their first and last unit classes.
  const set1 = set('甲乙丙丁戊。己庚', 5).lines[1];
  assert.equal(set1.firstCls, 'H');
  assert.equal(set1.lastCls, 'H');
  const closing = set('甲乙丙丁戊己庚辛壬“癸”', 5).lines;
  assert.equal(set('甲乙丙丁《戊己》庚辛壬', 5).lines[1].firstCls, 'OPEN');
  assert.equal(closing[closing.length - 1].lastCls, 'CLOSE');
});

test('O(1) shrink, stretch and counts agree with the item lists they stand for', () => {
  const texts = ['他说：“好。”我们走吧。', '甲（“乙”）丙，丁、戊；己：庚。辛？！壬', 'abc def 甲2025年乙 ghi，丙', '《丙丁》、“戊”（己）'];
  for (const compressStops of [true, false]) {
    for (const text of texts) {
      const p = new Para(units(text), { ...ENGINE, compressStops });
      for (let s = 0; s < p.n; s++) {
        for (let e = s + 1; e <= p.n; e++) {
          const listed = p.shrinkSteps(s, e).flat().reduce((t, it) => t + it.cap, 0);
          assert.ok(Math.abs(p.shrink(s, e) - listed) < EPS, `${text} [${s},${e}) shrink ${p.shrink(s, e)} vs ${listed}`);
          assert.equal(p.expandableCount(s, e), p.expandableGaps(s, e).length);
          let chars = 0;
          for (let i = s; i < e; i++) chars += p.units[i].chars;
          assert.equal(p.chars(s, e), chars);
        }
      }
    }
  }
});
