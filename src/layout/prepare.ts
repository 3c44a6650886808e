// Step 1 of compose: every article's copy set once at the grid column's measure (by the
// setter compose is given: the text stage's setParagraph, or the pipeline's cached wrapping
// of it, src/cache/paragraphs.ts), before any page is made up; and the headline characters
// no face has.
import type { Article, Issue, Role } from '../issue/model.js';
import type { Face } from '../text/face.js';
import { ParagraphOptions, SetLine, SetParagraph, setParagraph as setPure, Span } from '../text/paragraph.js';
import { articleCopy, CopyPara } from './copy.js';
import type { Grid } from './grid.js';
import { looseAtOf } from '../text/line.js';
import { setText, type Setter } from './typeset.js';
import type { FlowLine, Prepared } from './types.js';

export interface Missing {
  char: string;
  article: string;
  field: 'body' | 'title' | 'kicker' | 'subtitle';
}

export type { Setter } from './typeset.js';

export interface PreparedIssue {
  prepared: Map<string, Prepared>;
  missing: Missing[];
  warnings: string[];
}

/** The line engine's settings of the layout, shared by body text and captions. */
export function engineOf(issue: Issue) {
  const text = issue.layout.text;
  return { kinsoku: text.kinsoku, cjkLatinGap: text.cjkLatinGap, compressStops: text.compressStops, hang: text.hang, breaker: text.breaker, spacing: text.spacing } as const;
}

/** Body text at the column measure; a subhead set flush left. */
function bodyOptions(issue: Issue, grid: Grid, kind: string): ParagraphOptions {
  return { ...engineOf(issue), size: grid.size, measure: grid.columnWidth, indent: issue.layout.text.indent, align: kind === 'subhead' ? 'start' : 'justify' };
}

export function asFlow(set: SetParagraph, para: number, kind: FlowLine['kind']): FlowLine[] {
  return set.lines.map((line, index) => ({ line, para, index, count: set.lines.length, kind }));
}

/** Headline characters the headline faces (and the fallback) lack; the body's are found while setting it. */
function missingInHeadline(article: Article, faces: Record<Role, Face>, fallback: Face | undefined): Missing[] {
  const heads: [Missing['field'], string | undefined, Face][] = [
    ['title', article.title.join(''), faces.title],
    ['kicker', article.kicker, faces.kicker],
    ['subtitle', article.subtitle, faces.subtitle],
  ];
  // The fallback face serves horizontal headlines too; vertical titles take vertical forms
  // from the title face alone.
  const fallbackFor = (field: string) => (fallback && !(field === 'title' && article.titleStyle === 'vertical') ? fallback : undefined);
  const out: Missing[] = [];
  for (const [field, text, face] of heads)
    for (const ch of text ?? '') if (ch.trim() && !face.has(ch.codePointAt(0)!) && !fallbackFor(field)?.has(ch.codePointAt(0)!)) out.push({ char: ch, article: article.id, field });
  return out;
}

/** A blank grid line above a subhead (dropped where it would open a column: flow.ts). */
export function spaceLine(): FlowLine {
  const line = { glyphs: [], text: '', width: 0, natural: 0, measure: 0, last: true, startAligned: true, emergency: false, overfull: false, addedPerGap: 0, gapMax: 0, chars: 0 };
  return { line, para: -3, index: 0, count: 1, kind: 'space' };
}

/** The note (e.g. （完）) as the last flow line, set flush right in the column. */
function noteLine(note: string, faces: Record<Role, Face>, grid: Grid, set: Setter): FlowLine {
  const n = setText(note, faces.note, grid.size, 'note', undefined, false, set);
  const line = { ...n.line, glyphs: n.line.glyphs.map((g) => ({ ...g, x: g.x + grid.columnWidth - n.width })) };
  return { line, para: -1, index: 0, count: 1, kind: 'note' };
}

/** Setting paragraph `para` again with `target` lines (TeX's looseness relative to its best
 * setting), if that is possible with no gap over ½ em and no more loose lines than its best
 * setting has (the spacing budget, issue 14). */
function resetter(copy: CopyPara[], lines: FlowLine[], options: (kind: string) => ParagraphOptions, setParagraph: Setter): Prepared['reset'] {
  const best = (para: number) => lines.filter((l) => l.para === para);
  // The same (paragraph, lines) is asked for at every fault nearby and on every re-flow of
  // the page; the answer depends on nothing else, so it is found once.
  const answers = new Map<string, FlowLine[] | null>();
  return (para, target) => {
    const key = `${para}:${target}`;
    if (!answers.has(key)) answers.set(key, reset(para, target));
    return answers.get(key)!;
  };
  function reset(para: number, target: number): FlowLine[] | null {
    const p = copy[para];
    if (!p || p.kind !== 'body') return null;
    const o = options(p.kind);
    const looseAt = looseAtOf(o.spacing);
    const loose = (ls: SetLine[]) => ls.filter((l) => l.addedPerGap > looseAt + 1e-9).length;
    const was = best(para);
    const set = setParagraph(p.spans, { ...o, looseness: target - was.length });
    if (set.lines.length !== target || loose(set.lines) > loose(was.map((l) => l.line))) return null;
    if (set.lines.every((l) => l.gapMax <= 0.5 + 1e-9)) return asFlow(set, para, p.kind);
    return null;
  }
}

function prepareArticle(article: Article, page: number, issue: Issue, grid: Grid, faces: Record<Role, Face>, fallback: Face | undefined, setParagraph: Setter, out: PreparedIssue): void {
  out.missing.push(...missingInHeadline(article, faces, fallback));
  const copy = articleCopy(article, faces, issue.layout.text.featureByline);
  if (fallback) for (const p of copy) for (const sp of p.spans) sp.fallback = fallback;
  const options = (kind: string) => bodyOptions(issue, grid, kind);
  const lines: FlowLine[] = [];
  copy.forEach((p, para) => {
    // A subhead inside the text stands on the grid with its own depth: blank lines above it.
    if (p.kind === 'subhead' && lines.length) for (let i = 0; i < issue.layout.text.subheadSpace; i++) lines.push(spaceLine());
    const set = setParagraph(p.spans, options(p.kind));
    for (const w of set.warnings) out.warnings.push(`${article.id}: paragraph ${para + 1}: ${w}`);
    for (const c of set.missing) out.missing.push({ char: c, article: article.id, field: 'body' });
    lines.push(...asFlow(set, para, p.kind));
  });
  if (article.note) lines.push(noteLine(article.note, faces, grid, setParagraph));
  out.prepared.set(article.id, { article, lines, page, reset: resetter(copy, lines, options, setParagraph) });
}

export function prepareArticles(issue: Issue, grid: Grid, faces: Record<Role, Face>, fallback: Face | undefined, setParagraph: Setter = setPure): PreparedIssue {
  const out: PreparedIssue = { prepared: new Map(), missing: [], warnings: [] };
  for (const page of issue.pages) for (const item of page.items) if (item.kind === 'article') prepareArticle(item, page.number, issue, grid, faces, fallback, setParagraph, out);
  return out;
}
