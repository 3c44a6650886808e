// Shaping: a paragraph's spans become units, the atoms of line breaking. A unit is one Han
// character, one mark, a whole Western run, a 2-em dash or ellipsis, or a space. Widths are
// in em of the paragraph's size; each unit knows its blank halves (for punctuation
// compression) and where its glyphs sit in its cell.
import { Face } from './face.js';
import {
  Cls,
  KinsokuLevel,
  PAUSE,
  W_INTERNAL,
  W_LEADING,
  W_TRAILING,
  classOf,
  forbiddenAtEnd,
  forbiddenAtStart,
  isMark,
  isWesternAlnum,
} from './classify.js';

export interface Span {
  text: string;
  face: Face;
  role: string;
  /** A face for characters `face` lacks (the layout's `faces.fallback`). */
  fallback?: Face;
}

/** The span as it sets `text`: its own face, or the fallback face when only that has every character. */
function faceFor(span: Span, text: string): Span {
  const fb = span.fallback;
  if (!fb) return span;
  const all = (f: Face) => Array.from(text).every((ch) => ch === ' ' || f.has(ch.codePointAt(0)!));
  return !all(span.face) && all(fb) ? { ...span, face: fb } : span;
}

export interface UnitGlyph {
  id: number;
  x: number; // em from the cell's left edge (untrimmed)
  adv: number; // em
  text: string;
}

export interface Unit {
  cls: Cls;
  text: string;
  face: Face;
  role: string;
  width: number; // em: the full cell (marks 1 em, dash 2 em, W run its advances)
  blankL: number; // em still removable at the left (OPEN: ½ until compressed)
  blankR: number; // em still removable at the right (CLOSE/STOP: ½)
  glyphs: UnitGlyph[];
  /** STOP kind for §5.1: pause marks ，、；： shrink before 。？！． */
  pause: boolean;
  /** Counts toward the 孤字 rule: Han characters and Western letters/digits. */
  chars: number;
  /** Set on pieces of a split Western token (§3.3): the break before this piece is legal,
   * after a separator (`sep`) or, in a run wider than the measure, after any character. */
  tokenBreak?: 'sep' | 'char';
  /** The token is wider than the measure: a line ending before this piece is an emergency
   * (start-aligned, reported). */
  emergencySplit?: boolean;
  missing?: string[]; // characters the face lacks
}

export interface UnitOptions {
  kinsoku: KinsokuLevel;
  cjkLatinGap: number; // em
}

// A paragraph's characters, each with its span: two arrays side by side (not an object per character).
function westernStart(c: string[], sp: Span[], i: number): boolean {
  const ch = c[i];
  if (isWesternAlnum(ch)) return true;
  return W_LEADING.has(ch) && i + 1 < c.length && sp[i + 1] === sp[i] && isWesternAlnum(c[i + 1]);
}

/** Where the Western run starting at i ends (letters and digits, a connector between two of
 * them, then trailing marks), within one span and before b. */
function westernEnd(c: string[], sp: Span[], i: number, b: number): number {
  const same = (j: number) => j < b && sp[j] === sp[i];
  let j = i + 1;
  while (same(j)) {
    const x = c[j];
    if (isWesternAlnum(x)) j++;
    else if (W_INTERNAL.has(x) && isWesternAlnum(c[j - 1]) && same(j + 1) && isWesternAlnum(c[j + 1])) j++;
    else if (W_TRAILING.has(x)) {
      j++;
      while (same(j) && W_TRAILING.has(c[j])) j++;
      break;
    } else break;
  }
  return j;
}

/** Build the units of a paragraph. Spans are already normalised (ASCII → full-width). */
export function buildUnits(spans: Span[]): Unit[] {
  const c: string[] = [];
  const sp: Span[] = [];
  for (const span of spans)
    for (const ch of span.text) {
      c.push(ch);
      sp.push(span);
    }
  // Trim spaces at the paragraph's edges.
  let a = 0;
  let b = c.length;
  while (a < b && (c[a] === ' ' || c[a] === '\u3000')) a++;
  while (b > a && (c[b - 1] === ' ' || c[b - 1] === '\u3000')) b--;
  const units: Unit[] = [];
  let i = a;
  while (i < b) {
    const ch = c[i];
    const span = sp[i];
    const code = ch.charCodeAt(0);
    if (code >= 0x4e00 && code <= 0x9fff) {
      // Most of a paragraph: a Han character is its own unit (none of the cases below).
      units.push(hanUnitOf(code, ch, span));
      i += 1;
      continue;
    }
    const same = (j: number) => j < b && sp[j] === span;
    // 破折号 —— and 省略号 ……: two cells, one inseparable unit.
    if (ch === '\u2014' && same(i + 1) && c[i + 1] === '\u2014') {
      units.push(dashUnit(span));
      i += 2;
      continue;
    }
    if (ch === '\u2e3a') {
      units.push(dashUnit(span, '\u2e3a'));
      i += 1;
      continue;
    }
    if ((ch === '\u2026' || ch === '\u22ef') && same(i + 1) && c[i + 1] === ch) {
      units.push(ellUnit(span, ch + ch));
      i += 2;
      continue;
    }
    if (ch === '\u2026' || ch === '\u22ef') {
      units.push(ellUnit(span, ch));
      i += 1;
      continue;
    }
    const url = westernStart(c, sp, i) ? urlAt(c, sp, i, b) : 0;
    if (url > 0) {
      units.push(runUnit('W', c.slice(i, i + url).join(''), span));
      i += url;
      continue;
    }
    if (westernStart(c, sp, i)) {
      const j = westernEnd(c, sp, i, b);
      units.push(runUnit('W', c.slice(i, j).join(''), span));
      i = j;
      continue;
    }
    if (ch === ' ') {
      let j = i;
      while (j < b && c[j] === ' ') j++;
      const prev = units[units.length - 1];
      const western = (prev && (prev.cls === 'W' || prev.cls === 'WP')) || (j < b && (westernStart(c, sp, j) || classOf(c[j]) === 'WP'));
      units.push(western ? spaceUnit(span) : ideoSpace(span, ' '));
      i = j;
      continue;
    }
    units.push(charUnitOf(ch, span));
    i += 1;
  }
  compressAdjacent(units);
  return units;
}

// A URL with a scheme is one Western token even where its punctuation (`://`, `?`, `=`)
// would end a plain run; a trailing . , ; : ! ? belongs to the sentence.
const URL = /^(?:https?|ftp):\/\/[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+/i;
const URL_CHAR = /[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]/;

/** Length of a URL starting at c[i] within one span and before b, else 0. */
function urlAt(c: string[], sp: Span[], i: number, b: number): number {
  const h = c[i].toLowerCase();
  if (h !== 'h' && h !== 'f') return 0;
  let text = '';
  for (let j = i; j < b && sp[j] === sp[i] && URL_CHAR.test(c[j]); j++) text += c[j];
  const m = URL.exec(text);
  if (!m) return 0;
  return Array.from(m[0].replace(/[.,;:!?]+$/, '')).length;
}

function missingOf(face: Face, text: string): string[] | undefined {
  const miss: string[] = [];
  for (const ch of text) if (ch !== ' ' && !face.has(ch.codePointAt(0)!)) miss.push(ch);
  return miss.length ? miss : undefined;
}

function base(cls: Cls, text: string, span: Span, width: number, glyphs: UnitGlyph[]): Unit {
  let chars = 0;
  if (cls === 'H') chars = 1;
  else if (cls === 'W') for (const ch of text) if (isWesternAlnum(ch)) chars++;
  return {
    cls,
    text,
    face: span.face,
    role: span.role,
    width,
    blankL: 0,
    blankR: 0,
    glyphs,
    pause: false,
    chars,
    missing: missingOf(span.face, text),
    tokenBreak: undefined,
    emergencySplit: undefined,
  };
}

function runUnit(cls: Cls, text: string, span0: Span): Unit {
  const span = faceFor(span0, text);
  const glyphs: UnitGlyph[] = [];
  let x = 0;
  for (const ch of text) {
    const g = span.face.glyph(ch.codePointAt(0)!);
    glyphs.push({ id: g.id, x, adv: g.adv, text: ch });
    x += g.adv;
  }
  return base(cls, text, span, x, glyphs);
}

function centred(text: string, span: Span, cell: number): Unit {
  const g = span.face.glyph(text.codePointAt(0)!);
  return base(classOf(text), text, span, cell, [{ id: g.id, x: (cell - g.adv) / 2, adv: g.adv, text }]);
}

function dashUnit(span: Span, text = '\u2014\u2014'): Unit {
  // Noto shapes —— to one 1.692-em ligature: set it centred in a 2-em cell (ToUnicode: ——).
  const lig = text === '\u2e3a' ? span.face.glyph(0x2e3a) : span.face.dashLigature();
  let glyphs: UnitGlyph[];
  if (lig && lig.id !== 0) glyphs = [{ id: lig.id, x: (2 - lig.adv) / 2, adv: lig.adv, text: text === '\u2e3a' ? text : '\u2014\u2014' }];
  else {
    const g = span.face.glyph(0x2014);
    glyphs = [0, 1].map((k) => ({ id: g.id, x: k + (1 - g.adv) / 2, adv: g.adv, text: '\u2014' }));
  }
  return base('DASH', text, span, 2, glyphs);
}

function ellUnit(span: Span, text: string): Unit {
  const glyphs: UnitGlyph[] = [];
  let k = 0;
  for (const ch of text) {
    const g = span.face.glyph(ch.codePointAt(0)!);
    glyphs.push({ id: g.id, x: k + (1 - g.adv) / 2, adv: g.adv, text: ch });
    k++;
  }
  return base('ELL', text, span, k, glyphs);
}

function spaceUnit(span: Span): Unit {
  const g = span.face.glyph(0x20);
  const u = base('SP', ' ', span, g.adv, []);
  u.missing = undefined;
  return u;
}

function ideoSpace(span: Span, text: string): Unit {
  const u = base('ISP', text, span, 1, []);
  u.missing = undefined;
  return u;
}

// A paragraph asks for a unit per character, and a newspaper has a few thousand characters
// in a handful of faces and roles: each single-character unit is made once per face,
// fallback and role and handed out again. Only marks are changed after they are made
// (compressAdjacent, kernBrackets): they are handed out as copies.
interface UnitMemo {
  chars: Map<string, Unit>;
  han: Map<number, Unit>; // U+4E00–9FFF by code point: most of a paragraph
}
const memos = new WeakMap<Face, Map<Face | null, Map<string, UnitMemo>>>();

function memoOf(span: Span): UnitMemo {
  let byFallback = memos.get(span.face);
  if (!byFallback) memos.set(span.face, (byFallback = new Map()));
  let byRole = byFallback.get(span.fallback ?? null);
  if (!byRole) byFallback.set(span.fallback ?? null, (byRole = new Map()));
  let m = byRole.get(span.role);
  if (!m) byRole.set(span.role, (m = { chars: new Map(), han: new Map() }));
  return m;
}

// The memo of the face, fallback and role asked last (a paragraph's characters come span by span).
let lastFace: Face | undefined;
let lastFallback: Face | undefined;
let lastRole: string | undefined;
let lastMemo: UnitMemo = { chars: new Map(), han: new Map() };

function memoFor(span: Span): UnitMemo {
  if (span.face !== lastFace || span.fallback !== lastFallback || span.role !== lastRole) {
    lastFace = span.face;
    lastFallback = span.fallback;
    lastRole = span.role;
    lastMemo = memoOf(span);
  }
  return lastMemo;
}

function charUnitOf(ch: string, span: Span): Unit {
  const memo = memoFor(span).chars;
  let u = memo.get(ch);
  if (!u) memo.set(ch, (u = charUnit(ch, span)));
  return isMark(u.cls) ? copyMark(u) : u;
}

/** A Han character's unit (U+4E00–9FFF: never a mark, so never copied). */
function hanUnitOf(code: number, ch: string, span: Span): Unit {
  const memo = memoFor(span).han;
  let u = memo.get(code);
  if (!u) memo.set(code, (u = charUnit(ch, span)));
  return u;
}

/** A mark's unit copied field by field, in base()'s order: every unit keeps one shape, so
 * the breaker's reads of units stay monomorphic. */
function copyMark(u: Unit): Unit {
  const g = u.glyphs[0];
  return {
    cls: u.cls,
    text: u.text,
    face: u.face,
    role: u.role,
    width: u.width,
    blankL: u.blankL,
    blankR: u.blankR,
    glyphs: [{ id: g.id, x: g.x, adv: g.adv, text: g.text }],
    pause: u.pause,
    chars: u.chars,
    missing: u.missing,
    tokenBreak: undefined,
    emergencySplit: undefined,
  };
}

function charUnit(ch: string, span0: Span): Unit {
  const span = faceFor(span0, ch);
  const cls = classOf(ch);
  if (cls === 'ISP') return ideoSpace(span, ch);
  if (cls === 'MID') return centred(ch, span, 0.5);
  if (cls === 'SOL') return centred(ch, span, ch === '/' ? 0.5 : 1);
  if (cls === 'CONN') return centred(ch, span, ch === '\u2013' ? 0.5 : 1);
  const g = span.face.glyph(ch.codePointAt(0)!);
  if (isMark(cls)) {
    // GB marks fill a 1-em cell; a proportional mark (a Latin fallback's quote) is set in
    // one, ink toward the text it belongs to.
    const x = g.adv >= 0.9 ? 0 : cls === 'OPEN' ? 1 - g.adv : 0;
    const u = base(cls, ch, span, 1, [{ id: g.id, x, adv: g.adv, text: ch }]);
    if (cls === 'OPEN') u.blankL = 0.5;
    else u.blankR = 0.5;
    u.pause = cls === 'STOP' && PAUSE.has(ch);
    return u;
  }
  return base(cls, ch, span, g.adv, [{ id: g.id, x: 0, adv: g.adv, text: ch }]);
}

const QE = new Set('？！');

/**
 * §4.2: two consecutive marks that would take 2 em take 1.5, the brackets staying against
 * the text they enclose; ？！ pairs take 1 em. Applied once, anywhere in the line.
 */
function compressAdjacent(units: Unit[]): void {
  for (let i = 0; i + 1 < units.length; i++) {
    const a = units[i];
    const b = units[i + 1];
    if (!isMark(a.cls) || !isMark(b.cls)) continue;
    if (QE.has(a.text) && QE.has(b.text) && a.blankR > 0 && b.blankR > 0) {
      // A ？/！ pair (from the left): both blanks go, the pair takes 1 em.
      a.width -= a.blankR;
      a.blankR = 0;
      b.width -= b.blankR;
      b.blankR = 0;
      i++;
      continue;
    }
    if (a.blankR > 0) {
      a.width -= a.blankR;
      a.blankR = 0;
    } else if (b.blankL > 0) {
      b.width -= b.blankL;
      b.blankL = 0;
      for (const g of b.glyphs) g.x -= 0.5;
    }
  }
}

/**
 * Headline kerning (issue 14): quotes and brackets set tight against their neighbours — an
 * opening mark loses its blank left half, a closing one its blank right half — so that at
 * 36–42 pt `托起“一老一小”` has no half-em hole before the quote.
 */
export function kernBrackets(units: Unit[]): void {
  for (const u of units) {
    if (u.cls === 'OPEN' && u.blankL > 0) {
      u.width -= u.blankL;
      for (const g of u.glyphs) g.x -= u.blankL;
      u.blankL = 0;
    } else if (u.cls === 'CLOSE' && u.blankR > 0) {
      u.width -= u.blankR;
      u.blankR = 0;
    }
  }
}

/** May the line break between units[i-1] and units[i]? (§3.3) */
export function breakable(units: Unit[], i: number, level: KinsokuLevel): boolean {
  const a = units[i - 1];
  const b = units[i];
  if (b.tokenBreak) return true;
  if (b.cls === 'SP' || b.cls === 'ISP') return false;
  if (forbiddenAtStart(b.cls, level, b.text)) return false;
  if (forbiddenAtEnd(a.cls, level, a.text)) return false;
  // A range between two numbers (`2026—2028`, `3～5℃`, `9–10`) stays whole like a number
  // (GB/T 15835): no break after the connector either (see rangeBreak).
  if (rangeBreak(units, i)) return false;
  return true;
}

/**
 * Would the break before units[i] split a word of a byline (`本报|讯`, `赵一|霖`, `通|讯员`)?
 * A byline breaks only after its spaces and before its opening bracket (issue 14).
 */
export function nameBreak(units: Unit[], i: number): boolean {
  const a = units[i - 1];
  const b = units[i];
  if (a.role !== 'byline' || b.role !== 'byline') return false;
  return a.cls !== 'ISP' && a.cls !== 'SP' && a.cls !== 'CLOSE' && b.cls !== 'OPEN';
}

/** A space inside a byline (`记者　赵一霖`): it may shrink, as the last resort, to nothing. */
export function bylineSpace(u: Unit): boolean {
  return u.role === 'byline' && (u.cls === 'ISP' || u.cls === 'SP');
}

/**
 * Is the position before units[i] just after the connector of a number range? Not a
 * legal break; the total-fit breaker uses it as a last resort, when the only other way is
 * a line with more than ½ em a gap (a connector may end a line under GB/T 15834).
 */
export function rangeBreak(units: Unit[], i: number): boolean {
  const a = units[i - 1];
  return a.cls === 'CONN' && i >= 2 && endsWithDigit(units[i - 2]) && startsWithDigit(units[i]);
}

function endsWithDigit(u: Unit): boolean {
  return u.cls === 'W' && /[0-9]$/.test(u.text);
}

function startsWithDigit(u: Unit): boolean {
  return u.cls === 'W' && /^[0-9]/.test(u.text);
}

/** Is there a CJK–Latin gap between units[i-1] and units[i]? (§6) */
export function cjkLatin(units: Unit[], i: number): boolean {
  const a = units[i - 1].cls;
  const b = units[i].cls;
  return (a === 'H' && b === 'W') || (a === 'W' && b === 'H');
}

/** Characters after which a long Latin token may break (§3.3). */
export const TOKEN_SEPARATORS = '/.@-_';

/**
 * URLs and e-mail addresses: break points after their separators are legal at any length,
 * like a hyphenation point (no hyphen is added). Plain numbers and words are not tokens.
 */
export function isUrlLike(text: string): boolean {
  return /[A-Za-z]/.test(text) && (text.includes('@') || text.includes('://') || /^www\./i.test(text) || /[a-z0-9]\.(com|cn|net|org|gov|edu|info|io)(\b|\/)/i.test(text));
}

/**
 * Where a Western token may break: after a separator (`sep`), or in a run wider than the
 * measure with no separator that helps, after any character (`char`). Index c means
 * "before character c". Never after the token's first character or before its last one,
 * never inside a run of separators (`://` moves as a whole).
 */
export function tokenBreaks(chars: string[], widths: number[], limit: number): Map<number, 'sep' | 'char'> {
  const out = new Map<number, 'sep' | 'char'>();
  const n = chars.length;
  const sep = (c: number) => TOKEN_SEPARATORS.includes(chars[c]);
  for (let c = 2; c <= n - 2; c++) if (sep(c - 1) && !sep(c)) out.set(c, 'sep');
  // Segments between separator breaks that are still wider than the measure: any character.
  const cuts = [0, ...out.keys(), n];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k];
    const b = cuts[k + 1];
    let w = 0;
    for (let c = a; c < b; c++) w += widths[c];
    if (w <= limit + 1e-9) continue;
    for (let c = Math.max(a + 1, 2); c < b && c <= n - 2; c++) out.set(c, 'char');
  }
  return out;
}

/**
 * Split Western tokens at their break points (§3.3): runs wider than `limit` em (an
 * emergency: the lines they end are start-aligned and reported) and URLs/e-mail addresses
 * of any length. Each piece is a W unit; the break before a piece is legal.
 */
export function splitLongRuns(units: Unit[], limit: number): Unit[] {
  const split = (u: Unit) => u.cls === 'W' && (u.width > limit + 1e-9 || isUrlLike(u.text));
  if (!units.some(split)) return units;
  const out: Unit[] = [];
  for (const u of units) {
    if (!split(u)) {
      out.push(u);
      continue;
    }
    const gs = u.glyphs;
    const long = u.width > limit + 1e-9;
    const breaks = tokenBreaks(
      gs.map((g) => g.text),
      gs.map((g) => g.adv),
      long ? limit : Infinity,
    );
    if (!breaks.size) {
      out.push(u);
      continue;
    }
    const cuts = [0, ...[...breaks.keys()].sort((a, b) => a - b), gs.length];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const piece = gs.slice(cuts[k], cuts[k + 1]);
      const x0 = piece[0].x;
      const text = piece.map((g) => g.text).join('');
      // Field by field in base()'s order, not by spread: a spread object gets a hidden class of
      // its own, and every optimised function that reads units would be thrown away for it.
      out.push({
        cls: u.cls,
        text,
        face: u.face,
        role: u.role,
        width: piece.reduce((s, g) => s + g.adv, 0),
        blankL: u.blankL,
        blankR: u.blankR,
        glyphs: piece.map((g) => ({ id: g.id, x: g.x - x0, adv: g.adv, text: g.text })),
        pause: u.pause,
        chars: Array.from(text).filter(isWesternAlnum).length,
        missing: k === 0 ? u.missing : undefined,
        tokenBreak: k > 0 ? breaks.get(cuts[k]) : undefined,
        emergencySplit: k > 0 && long ? true : undefined,
      });
    }
  }
  return out;
}
