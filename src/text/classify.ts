// Character classes of typesetting.md §3.1 (not raw UAX #14) and the kinsoku sets of §3.2.

export type Cls =
  | 'H' // han and other ideographic characters: 1 em
  | 'OPEN' // 开始标号: ink right, blank left ½
  | 'CLOSE' // 结束标号: ink left, blank right ½
  | 'STOP' // 点号: ink left, blank right ½
  | 'DASH' // 破折号 ——: 2 em, one unit
  | 'ELL' // 省略号 ……: 2 em, one unit
  | 'CONN' // 连接号 – — ～
  | 'MID' // 间隔号 ·: ½-em cell
  | 'SOL' // 分隔号 ／ (1 em) or / outside a Western run (½ em)
  | 'W' // Western run: letters, digits, internal separators
  | 'WP' // Western punctuation left ASCII (not touching CJK): font advance, no blanks
  | 'SP' // word space between Western words
  | 'ISP'; // ideographic space: U+3000 or spaces between non-Western characters: 1 em

export type KinsokuLevel = 'basic' | 'gb' | 'strict';

const OPEN = new Set('“‘（《〈「『【〔〖［｛｟');
const CLOSE = new Set('”’）》〉」』】〕〗］｝｠');
const STOP = new Set('。，、；：？！．');
const CONN = new Set('\u2013\u2014～');
const MID = new Set('·・‧');
/** ，、；： compress before 。？！． (typesetting.md §5.1 steps 4 and 6). */
export const PAUSE = new Set('，、；：');

export function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f) ||
    cp === 0x3007 || // 〇
    (cp >= 0x3040 && cp <= 0x30ff && cp !== 0x30fb) || // kana
    (cp >= 0xac00 && cp <= 0xd7af) || // hangul
    (cp >= 0xff10 && cp <= 0xff19) || // full-width digits: printed as given
    (cp >= 0xff21 && cp <= 0xff3a) ||
    (cp >= 0xff41 && cp <= 0xff5a) ||
    (cp >= 0x2e80 && cp <= 0x2fdf) || // radicals
    (cp >= 0x3190 && cp <= 0x31ff) ||
    (cp >= 0x3200 && cp <= 0x33ff) || // enclosed CJK, squared
    (cp >= 0x2460 && cp <= 0x24ff) || // ① …
    cp === 0x25cb || cp === 0x25cf || cp === 0x25a0 || cp === 0x25a1 || cp === 0x2605 || cp === 0x2606 || cp === 0x203b ||
    cp === 0x2103 || cp === 0x2116
  );
}

/** Letters and digits of a Western run (ASCII and Latin-1 / Latin Extended-A letters). */
export function isWesternAlnum(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x391 && c <= 0x3c9) // Greek letters in formulae
  );
}
/** Separators allowed inside a Western run, between two letters/digits. */
export const W_INTERNAL = new Set(".,:/@_-+%&'#=~");
export const W_LEADING = new Set('¥$€£');
export const W_TRAILING = new Set('%‰℃°′″');

const classes = new Map<string, Cls>(); // a paragraph asks for every character: remember

/** Class of a single character that is not part of a Western run. */
export function classOf(ch: string): Cls {
  let c = classes.get(ch);
  if (c === undefined) classes.set(ch, (c = classify(ch)));
  return c;
}

function classify(ch: string): Cls {
  if (OPEN.has(ch)) return 'OPEN';
  if (CLOSE.has(ch)) return 'CLOSE';
  if (STOP.has(ch)) return 'STOP';
  if (CONN.has(ch)) return 'CONN';
  if (MID.has(ch)) return 'MID';
  if (ch === '／' || ch === '/') return 'SOL';
  if (ch === '\u3000') return 'ISP';
  if (ch === ' ') return 'SP';
  if (isWesternAlnum(ch) || W_LEADING.has(ch) || W_TRAILING.has(ch)) return 'W';
  const cp = ch.codePointAt(0)!;
  if (cp < 0x2000 || (cp >= 0xff01 && cp <= 0xff60 && !isHan(cp))) return 'WP';
  return 'H';
}

/** Western punctuation that may not start a line (closing kind) or end one (opening kind). */
const WP_NO_START = new Set(',.;:!?)]}"\'%');
const WP_NO_END = new Set('([{"\'');

export function forbiddenAtStart(cls: Cls, level: KinsokuLevel, text: string): boolean {
  switch (cls) {
    case 'STOP':
    case 'CLOSE':
    case 'CONN':
    case 'MID':
      return true;
    case 'SOL':
      return level !== 'basic';
    case 'DASH':
    case 'ELL':
      return level === 'strict';
    case 'WP':
      return WP_NO_START.has(text[0]) && !WP_NO_END.has(text[0]);
    default:
      return false;
  }
}

export function forbiddenAtEnd(cls: Cls, level: KinsokuLevel, text: string): boolean {
  switch (cls) {
    case 'OPEN':
      return true;
    case 'SOL':
      return level !== 'basic';
    case 'WP':
      return '([{'.includes(text[text.length - 1]);
    default:
      return false;
  }
}

/** Marks whose blank halves take part in adjacent-punctuation and edge compression. */
export function isMark(cls: Cls): boolean {
  return cls === 'OPEN' || cls === 'CLOSE' || cls === 'STOP';
}
