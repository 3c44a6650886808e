// Character classes (typesetting.md §3.1), kinsoku sets by level (§3.2) and the ASCII →
// full-width normalisation of the issue-format contract (§6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classOf, forbiddenAtEnd, forbiddenAtStart, isHan, isMark, Cls, KinsokuLevel } from '../src/text/classify.js';
import { normalizeAscii } from '../src/text/normalize.js';

test('§3.1 classes of single characters', () => {
  const table: [Cls, string][] = [
    ['H', '甲钱塘〇㐀豈'],
    ['OPEN', '“‘（《〈「『【〔〖［｛｟'],
    ['CLOSE', '”’）》〉」』】〕〗］｝｠'],
    ['STOP', '。，、；：？！．'],
    ['CONN', '\u2013\u2014～'],
    ['MID', '·・‧'],
    ['SOL', '／/'],
    ['W', 'aZ09éß$¥€£%‰℃'],
    ['ISP', '\u3000'],
    ['SP', ' '],
    ['WP', ',.;:!?()"\''],
  ];
  for (const [cls, chars] of table) for (const ch of chars) assert.equal(classOf(ch), cls, `${ch} U+${ch.codePointAt(0)!.toString(16)}`);
});

test('full-width letters and digits are printed as given (class H, counted as characters)', () => {
  for (const ch of 'ＡＺａｚ０９') assert.equal(classOf(ch), 'H', ch);
  assert.ok(isHan('𠀀'.codePointAt(0)!), 'CJK extension B');
  assert.ok(!isHan('a'.codePointAt(0)!));
});

test('marks with blank halves: OPEN, CLOSE, STOP only', () => {
  for (const c of ['OPEN', 'CLOSE', 'STOP'] as Cls[]) assert.ok(isMark(c));
  for (const c of ['H', 'DASH', 'ELL', 'CONN', 'MID', 'SOL', 'W', 'WP', 'SP', 'ISP'] as Cls[]) assert.ok(!isMark(c));
});

test('§3.2 line-start prohibitions by level', () => {
  const start = (cls: Cls, level: KinsokuLevel, text = '') => forbiddenAtStart(cls, level, text);
  for (const level of ['basic', 'gb', 'strict'] as KinsokuLevel[]) {
    for (const c of ['STOP', 'CLOSE', 'CONN', 'MID'] as Cls[]) assert.ok(start(c, level), `${c} at ${level}`);
    for (const c of ['H', 'OPEN', 'W', 'ISP'] as Cls[]) assert.ok(!start(c, level), `${c} at ${level}`);
  }
  assert.ok(!start('SOL', 'basic'));
  assert.ok(start('SOL', 'gb'));
  assert.ok(start('SOL', 'strict'));
  for (const c of ['DASH', 'ELL'] as Cls[]) {
    assert.ok(!start(c, 'basic'));
    assert.ok(!start(c, 'gb'));
    assert.ok(start(c, 'strict'));
  }
  // Western punctuation left in ASCII: closing kinds may not start a line, opening ones may.
  for (const ch of ',.;:!?)') assert.ok(start('WP', 'gb', ch), ch);
  assert.ok(!start('WP', 'gb', '('));
});

test('§3.2 line-end prohibitions by level', () => {
  for (const level of ['basic', 'gb', 'strict'] as KinsokuLevel[]) {
    assert.ok(forbiddenAtEnd('OPEN', level, '“'));
    for (const c of ['H', 'CLOSE', 'STOP', 'DASH', 'ELL', 'CONN', 'MID', 'W'] as Cls[]) assert.ok(!forbiddenAtEnd(c, level, ''), `${c} at ${level}`);
  }
  assert.ok(!forbiddenAtEnd('SOL', 'basic', '／'));
  assert.ok(forbiddenAtEnd('SOL', 'gb', '／'));
  assert.ok(forbiddenAtEnd('WP', 'gb', '('));
  assert.ok(!forbiddenAtEnd('WP', 'gb', ')'));
});

test('normalisation: ASCII , ; : ? ! ( ) touching CJK become full width; . stays', () => {
  const cases: [string, string][] = [
    ['7日,钱塘(新)区', '7日，钱塘（新）区'],
    ['方案(2025-2027年)', '方案（2025-2027年）'],
    ['他说:你好!好吗?', '他说：你好！好吗？'],
    ['首先;其次', '首先；其次'],
    ['本报讯(首席记者 赵一霖)春潮', '本报讯（首席记者 赵一霖）春潮'],
    ['增长3.5%.', '增长3.5%.'],
    ['结束.', '结束.'],
    // Inside a bracket pair one style: `)` touching only digits follows its `（`.
    ['号码(2025)', '号码（2025）'],
    ['(2025)年', '（2025）年'],
  ];
  for (const [a, b] of cases) assert.equal(normalizeAscii(a), b, a);
});

test('normalisation leaves Western text, numbers with separators and lone ASCII alone', () => {
  for (const s of ['Hello, world (again)!', '1,234.5', '11:30', 'e.g. (a)', 'qtxqdaily@126.com', 'C++ (2023)']) assert.equal(normalizeAscii(s), s, s);
  assert.equal(normalizeAscii('收到1,234.5元'), '收到1,234.5元', 'a thousands separator between digits stays');
  assert.equal(Array.from(normalizeAscii('甲,乙(丙)')).length, Array.from('甲,乙(丙)').length, 'length kept');
});
