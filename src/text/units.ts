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
  /** Set on pieces of a Western run split in an emergency (§3.3): the break before it is legal. */
  emergencySplit?: boolean;
  missing?: string[]; // characters the face lacks
}

export interface UnitOptions {
  kinsoku: KinsokuLevel;
  cjkLatinGap: number; // em
}

interface Ch {
  ch: string;
  span: Span;
}

function westernStart(c: Ch[], i: number): boolean {
  const ch = c[i].ch;
  if (isWesternAlnum(ch)) return true;
  return W_LEADING.has(ch) && i + 1 < c.length && c[i + 1].span === c[i].span && isWesternAlnum(c[i + 1].ch);
}

/** Build the units of a paragraph. Spans are already normalised (ASCII → full-width). */
export function buildUnits(spans: Span[]): Unit[] {
  const c: Ch[] = [];
  for (const span of spans) for (const ch of span.text) c.push({ ch, span });
  // Trim spaces at the paragraph's edges.
  let a = 0;
  let b = c.length;
  while (a < b && (c[a].ch === ' ' || c[a].ch === '\u3000')) a++;
  while (b > a && (c[b - 1].ch === ' ' || c[b - 1].ch === '\u3000')) b--;
  const units: Unit[] = [];
  let i = a;
  while (i < b) {
    const { ch, span } = c[i];
    const same = (j: number) => j < b && c[j].span === span;
    // 破折号 —— and 省略号 ……: two cells, one inseparable unit.
    if (ch === '\u2014' && same(i + 1) && c[i + 1].ch === '\u2014') {
      units.push(dashUnit(span));
      i += 2;
      continue;
    }
    if (ch === '\u2e3a') {
      units.push(dashUnit(span, '\u2e3a'));
      i += 1;
      continue;
    }
    if ((ch === '\u2026' || ch === '\u22ef') && same(i + 1) && c[i + 1].ch === ch) {
      units.push(ellUnit(span, ch + ch));
      i += 2;
      continue;
    }
    if (ch === '\u2026' || ch === '\u22ef') {
      units.push(ellUnit(span, ch));
      i += 1;
      continue;
    }
    if (westernStart(c, i)) {
      let j = i + 1;
      while (same(j)) {
        const x = c[j].ch;
        if (isWesternAlnum(x)) j++;
        else if (W_INTERNAL.has(x) && isWesternAlnum(c[j - 1].ch) && same(j + 1) && isWesternAlnum(c[j + 1].ch)) j++;
        else if (W_TRAILING.has(x)) {
          j++;
          while (same(j) && W_TRAILING.has(c[j].ch)) j++;
          break;
        } else break;
      }
      units.push(runUnit('W', c.slice(i, j).map((x) => x.ch).join(''), span));
      i = j;
      continue;
    }
    if (ch === ' ') {
      let j = i;
      while (j < b && c[j].ch === ' ') j++;
      const prev = units[units.length - 1];
      const western = (prev && (prev.cls === 'W' || prev.cls === 'WP')) || (j < b && (westernStart(c, j) || classOf(c[j].ch) === 'WP'));
      units.push(western ? spaceUnit(span) : ideoSpace(span, ' '));
      i = j;
      continue;
    }
    units.push(charUnit(ch, span));
    i += 1;
  }
  compressAdjacent(units);
  return units;
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
  };
}

function runUnit(cls: Cls, text: string, span: Span): Unit {
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

function charUnit(ch: string, span: Span): Unit {
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

/** May the line break between units[i-1] and units[i]? (§3.3) */
export function breakable(units: Unit[], i: number, level: KinsokuLevel): boolean {
  const a = units[i - 1];
  const b = units[i];
  if (b.emergencySplit) return true;
  if (b.cls === 'SP' || b.cls === 'ISP') return false;
  if (forbiddenAtStart(b.cls, level, b.text)) return false;
  if (forbiddenAtEnd(a.cls, level, a.text)) return false;
  return true;
}

/** Is there a CJK–Latin gap between units[i-1] and units[i]? (§6) */
export function cjkLatin(units: Unit[], i: number): boolean {
  const a = units[i - 1].cls;
  const b = units[i].cls;
  return (a === 'H' && b === 'W') || (a === 'W' && b === 'H');
}

/** Split Western runs wider than `limit` em at `/ . @ - _` (else anywhere) so a line can take them (§3.3). */
export function splitLongRuns(units: Unit[], limit: number): Unit[] {
  if (!units.some((u) => u.cls === 'W' && u.width > limit)) return units;
  const out: Unit[] = [];
  for (const u of units) {
    if (u.cls !== 'W' || u.width <= limit) {
      out.push(u);
      continue;
    }
    let gs = u.glyphs;
    let first = true;
    while (gs.length) {
      let fit = 0;
      let w = 0;
      while (fit < gs.length && w + gs[fit].adv <= limit + 1e-9) w += gs[fit++].adv;
      let cut = gs.length;
      if (fit < gs.length) {
        cut = Math.max(1, fit);
        // Prefer the last separator that fits, never at the token's first or last character.
        for (let k = fit; k >= 2; k--) {
          if ('/.@-_'.includes(gs[k - 1].text) && k < gs.length - 1) {
            cut = k;
            break;
          }
        }
      }
      const piece = gs.slice(0, cut);
      const x0 = piece[0].x;
      const text = piece.map((g) => g.text).join('');
      const p: Unit = {
        ...u,
        text,
        glyphs: piece.map((g) => ({ ...g, x: g.x - x0 })),
        width: piece.reduce((s, g) => s + g.adv, 0),
        chars: Array.from(text).filter(isWesternAlnum).length,
        emergencySplit: !first,
      };
      out.push(p);
      first = false;
      gs = gs.slice(cut);
    }
  }
  return out;
}
