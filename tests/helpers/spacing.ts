// Spacing figures of body text as printed, measured on glyph positions (the DisplayList's
// runs, or glyphs read back from the PDF): what a typesetter sees on the page, not what the
// engine believes it did. Used by the tests of issue 14 and by tests/bench/spacing.ts.
import { isHan, isWesternAlnum } from '../../src/text/classify.js';
import type { DisplayList, GlyphRun } from '../../src/layout/displaylist.js';
import type { Issue } from '../../src/issue/model.js';
import { normalizeAscii } from '../../src/text/normalize.js';

/** One glyph on a page: absolute x in pt, its advance, size and role. */
export interface PageGlyph {
  text: string;
  x: number;
  adv: number;
  size: number;
  role: string;
}

/** A printed line: its glyphs left to right and whether it is justified to the measure. */
export interface PrintedLine {
  page: number;
  y: number;
  article: string;
  justified: boolean;
  glyphs: PageGlyph[];
}

export interface SpacingFigures {
  lines: number; // body lines
  justified: number;
  /** Justified lines with more than ⅛ em between two Han characters (issue 14's loose line). */
  loose: number;
  /** The widest space between two Han characters of a body line, em. */
  maxHanGap: number;
  /** Every CJK–Latin gap inside a line, em (Han|digit or digit|Han). */
  cjkLatin: number[];
  /** Bylines (本报讯, the name in brackets) with space between two of their Han characters. */
  spacedRunIns: number;
  /** Examples of loose lines, for messages. */
  looseExamples: string[];
}

const BODY_ROLES = new Set(['body', 'bold', 'byline']);
const EPS = 0.01; // em: positions are written to 0.001 pt; anything above this is real space

const han = (s: string) => s.length > 0 && isHan(s.codePointAt(0)!);
const latin = (s: string) => s.length > 0 && isWesternAlnum(Array.from(s)[0]);

/** Body lines of a DisplayList: the runs of one line share page, baseline and line end. */
export function printedLines(dl: DisplayList): PrintedLine[] {
  const out: PrintedLine[] = [];
  for (const page of dl.pages) {
    const byLine = new Map<string, PrintedLine>();
    for (const it of page.items) {
      if (it.type !== 'glyphs' || it.vertical || it.lineEnd === undefined) continue;
      const run = it as GlyphRun;
      if (!BODY_ROLES.has(run.role) && !run.glyphs.length) continue;
      const key = `${run.y.toFixed(2)}|${run.lineEnd!.toFixed(2)}|${run.article ?? ''}`;
      let line = byLine.get(key);
      if (!line) {
        line = { page: page.number, y: run.y, article: run.article ?? '', justified: !!run.justified, glyphs: [] };
        byLine.set(key, line);
      }
      for (const g of run.glyphs) line.glyphs.push({ text: g.text, x: run.x + g.x, adv: g.adv, size: run.size, role: run.role });
    }
    for (const l of byLine.values()) {
      l.glyphs.sort((a, b) => a.x - b.x);
      if (l.glyphs.some((g) => BODY_ROLES.has(g.role))) out.push(l);
    }
  }
  return out;
}

/** Space between glyph a's advance and glyph b, in em of a's size. */
const gapEm = (a: PageGlyph, b: PageGlyph) => (b.x - (a.x + a.adv)) / a.size;

/** Each article's byline as printed (normalised), by article id. */
export function bylinesOf(issue: Issue): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of issue.pages) for (const it of p.items) if (it.kind === 'article' && it.byline) out.set(it.id, normalizeAscii(it.byline.trim()));
  return out;
}

/** A byline's printed characters, each with whether a space stands before it. */
function bylineChars(byline: string): { ch: string; spaceBefore: boolean }[] {
  const out: { ch: string; spaceBefore: boolean }[] = [];
  let space = false;
  for (const ch of byline) {
    if (ch === ' ' || ch === '\u3000') space = true;
    else {
      out.push({ ch, spaceBefore: space });
      space = false;
    }
  }
  return out;
}

/**
 * The figures of issue 14 over printed lines. `bylines` (article → byline text) tells where a
 * byline has its spaces, so that only space inside a byline's words counts as letter-spacing.
 */
export function spacingFigures(lines: PrintedLine[], bylines = new Map<string, string>()): SpacingFigures {
  const f: SpacingFigures = { lines: 0, justified: 0, loose: 0, maxHanGap: 0, cjkLatin: [], spacedRunIns: 0, looseExamples: [] };
  const cursor = new Map<string, number>(); // next byline character per article
  for (const l of lines) {
    f.lines++;
    if (l.justified) f.justified++;
    const by = bylineChars(bylines.get(l.article) ?? '');
    let at = cursor.get(l.article) ?? 0;
    let widest = 0;
    let runIn = false;
    for (let i = 0; i < l.glyphs.length; i++) {
      const a = l.glyphs[i];
      const inByline = a.role === 'byline' && at < by.length;
      if (inByline) at++;
      const b = l.glyphs[i + 1];
      if (!b) break;
      const g = gapEm(a, b);
      const space = b.role === 'byline' && at < by.length ? by[at].spaceBefore : g > 0.75; // a space has no glyph
      if (han(a.text) && han(b.text)) {
        if (space) continue;
        widest = Math.max(widest, g);
        if (inByline && b.role === 'byline' && g > EPS) runIn = true;
      } else if ((han(a.text) && latin(b.text)) || (latin(a.text) && han(b.text))) f.cjkLatin.push(g);
    }
    cursor.set(l.article, at);
    f.maxHanGap = Math.max(f.maxHanGap, widest);
    if (runIn) f.spacedRunIns++;
    if (l.justified && widest > 0.125 + EPS) {
      f.loose++;
      if (f.looseExamples.length < 8) f.looseExamples.push(`p${l.page} ${l.article}: ${l.glyphs.map((g) => g.text).join('')} (${widest.toFixed(3)} em)`);
    }
  }
  return f;
}

/** The share of CJK–Latin gaps at ¼ em (±0.01), and those outside ⅛–⅜ em. */
export function gapDistribution(gaps: number[]): { n: number; quarter: number; outside: number; min: number; max: number } {
  const n = gaps.length;
  const quarter = gaps.filter((g) => Math.abs(g - 0.25) <= EPS).length;
  const outside = gaps.filter((g) => g < 0.125 - EPS || g > 0.375 + EPS).length;
  return { n, quarter, outside, min: n ? Math.min(...gaps) : 0, max: n ? Math.max(...gaps) : 0 };
}

/**
 * The same lines with every glyph's x and advance as the PDF draws it (read back by
 * src/readback): glyphs on the line's baseline within its extent, matched in order.
 */
export function asPrinted(lines: PrintedLine[], drawn: { page: number; glyphs: { char: string; x: number; y: number; adv: number }[] }[]): PrintedLine[] {
  return lines.map((l) => {
    const gs = drawn[l.page - 1].glyphs;
    const x0 = l.glyphs[0].x - 0.5;
    const x1 = l.glyphs[l.glyphs.length - 1].x + 0.5;
    const on = gs.filter((g) => Math.abs(g.y - l.y) < 0.05 && g.x >= x0 && g.x <= x1).sort((a, b) => a.x - b.x);
    if (on.length !== l.glyphs.length) return { ...l, glyphs: [] };
    return { ...l, glyphs: l.glyphs.map((g, i) => ({ ...g, text: on[i].char, x: on[i].x, adv: on[i].adv })) };
  });
}
