// Newsroom text arrives with ASCII punctuation inside Chinese (`7日,钱塘(新)区`). The issue-file
// contract: ASCII , ; : ? ! ( ) touching a CJK character are printed full-width; `.` is left
// alone (it may be a decimal point). Every typesetting rule applies to what is printed.
import { isHan } from './classify.js';

const FULL: Record<string, string | undefined> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
// Any of FULL's keys (escaped for the character class): copy without them is left as it is.
const ASCII_MARK = new RegExp(`[${Object.keys(FULL).map((c) => `\\${c}`).join('')}]`);
const FULLWIDTH_MARKS = new Set('，；：？！（）。、“”‘’《》〈〉「」『』【】〔〕〖〗［］｛｝…—～·／');

function isCjk(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  return isHan(ch.codePointAt(0)!) || FULLWIDTH_MARKS.has(ch);
}

/** Map ASCII punctuation that touches CJK to its full-width form. Length is preserved. */
export function normalizeAscii(text: string): string {
  if (!ASCII_MARK.test(text)) return text; // nothing to map (most copy typed with full-width marks)
  const chars = Array.from(text);
  // Only the ASCII marks can change: both passes visit them alone (a paragraph is ~100
  // characters for a mark or two).
  const marks: number[] = [];
  for (let i = 0; i < chars.length; i++) if (chars[i].length === 1 && chars[i].charCodeAt(0) < 0x80 && FULL[chars[i]]) marks.push(i);
  // Left to right, so a converted mark counts as CJK for its right neighbour: `区(`, then `)(`.
  for (const i of marks) if (isCjk(chars[i - 1]) || isCjk(chars[i + 1])) chars[i] = FULL[chars[i]] ?? chars[i];
  // A second pass from the right catches `(2025` … `)` chains like `）(`.
  for (let k = marks.length - 1; k >= 0; k--) {
    const i = marks[k];
    if (isCjk(chars[i - 1]) || isCjk(chars[i + 1])) chars[i] = FULL[chars[i]] ?? chars[i];
  }
  // A bracket pair is printed in one style: `（2025）` even when `)` touches only digits.
  const open: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '(' || chars[i] === '（') open.push(i);
    else if (chars[i] === ')' || chars[i] === '）') {
      const j = open.pop();
      if (j === undefined) continue;
      if (chars[j] === '（' && chars[i] === ')') chars[i] = '）';
      else if (chars[j] === '(' && chars[i] === '）') chars[j] = '（';
    }
  }
  return chars.join('');
}
