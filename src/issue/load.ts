// The issue file (shared/spec/issue-format.md) → a validated Issue. Every problem in a file that
// parses is collected, then thrown as one InputError; nothing after this sees raw YAML.
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, normalize, resolve } from 'node:path';
import { yaml } from '../cjs.js';
import type { Node } from 'yaml';
import { InputError, quote, sortProblems, suggest } from './errors.js';
import { LAYOUT_ACCEPTED, displayPath, isLayoutName, layoutNames, layoutPath, loadLayout } from './layout.js';
import type { Article, Continued, Issue, Layout, Page, Photo, Where } from './model.js';
import { readYamlFile } from './yamlread.js';
import type { Fields, Reader } from './yamlread.js';

const { isMap, isScalar, isSeq } = yaml;

/** A body larger than this (UTF-8 bytes) is refused: no broadsheet article is that long. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const TOP_KEYS = ['layout', 'paper', 'issue', 'pages'];
const PAPER_KEYS = ['name', 'name_en', 'logo', 'info', 'sponsor'];
const ISSUE_KEYS = ['date', 'number', 'pages'];
const PAGE_KEYS = ['number', 'section', 'editor', 'articles'];
const ARTICLE_KEYS = ['id', 'kicker', 'title', 'subtitle', 'byline', 'body', 'note', 'columns', 'lines', 'column', 'jump', 'title_style', 'photo', 'importance'];
const CONTINUED_KEYS = ['continued', 'columns', 'lines', 'column'];
const PHOTO_KEYS = ['file', 'caption', 'columns'];

const ID_RE = /^[\p{L}\p{Nd}_-]+$/u;
const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const IMAGE_EXT = ['.jpg', '.jpeg', '.png'];
const LOGO_EXT = ['.svg', '.png', '.jpg', '.jpeg'];

const TEXT = 'plain text';

/** What the loader needs to remember about an article for the checks across pages. */
interface ArticleRef {
  id: string | undefined;
  jump: number | undefined;
  article: Article | null; // null when the article itself has problems
  page: number | undefined;
  field: string; // pages[i].articles[j]
  jumpNode: Node | null;
  idNode: Node | null;
}

interface ContinuedRef {
  item: Continued;
  page: number | undefined;
  field: string;
  node: Node | null; // the `continued:` value
}

/**
 * Load and check an issue file. `file` is the path as the user gave it: error lines name it so.
 * Throws InputError (and nothing else) for any bad input, listing every problem found.
 */
export function loadIssue(file: string): Issue {
  const abs = resolve(file);
  const dir = dirname(abs);
  const r = readYamlFile(abs, file, 'layout, paper, issue and pages');
  const top = r.mapping(r.resolve(r.doc.contents), '', TOP_KEYS, 'an issue: layout, paper, issue and pages');
  if (top === null) throw new InputError(r.problems);

  const layout = readLayoutRef(r, top, file, dir);
  const paper = readPaper(r, top, dir);

  // issue: date and number, and the optional page count.
  const issueAccepted = 'issue: { date: 2025-03-11, number: 756, pages: 4 }';
  let date: Issue['date'] | undefined;
  let number: number | undefined;
  let declaredPages: number | undefined;
  let issueFields: Fields | null = null;
  if (top.require('issue', issueAccepted)) {
    issueFields = r.mapping(top.get('issue'), 'issue', ISSUE_KEYS, issueAccepted);
    if (issueFields) {
      date = readDate(r, issueFields);
      number = issueFields.int('number', { required: true, min: 1, accepted: 'the running number (总第N期), a whole number ≥ 1' });
      declaredPages = issueFields.int('pages', { min: 1, max: 999, accepted: 'the number of pages, a whole number ≥ 1, equal to the number of entries under pages' });
    }
  }

  // pages: each page and its articles; the checks across pages come after.
  const pages: Page[] = [];
  const articles: ArticleRef[] = [];
  const continueds: ContinuedRef[] = [];
  const pagesAccepted = 'a list of pages, each { number, section, editor, articles }';
  let pageNodes: (Node | null)[] | null = null;
  if (top.require('pages', pagesAccepted)) {
    pageNodes = r.list(top.get('pages'), 'pages', pagesAccepted);
    if (pageNodes && pageNodes.length === 0) r.fail(top.get('pages'), 'pages', 'no pages', pagesAccepted);
  }
  const pageCount = declaredPages ?? pageNodes?.length ?? 0;
  if (declaredPages !== undefined && pageNodes && pageNodes.length !== declaredPages) {
    r.fail(issueFields?.get('pages') ?? null, 'issue.pages', `${declaredPages} pages declared but ${pageNodes.length} listed under pages`, `the number of entries under pages (${pageNodes.length}), or leave issue.pages out`);
  }

  const pageAt = new Map<number, Where>();
  (pageNodes ?? []).forEach((node, i) => {
    const field = `pages[${i}]`;
    const p = r.mapping(node, field, PAGE_KEYS, '{ number, section, editor, articles }');
    if (!p) return;
    const num = p.int('number', { required: true, min: 1, max: Math.max(1, pageCount), accepted: `a page number from 1 to ${pageCount}, each page once` });
    if (num !== undefined) {
      const first = pageAt.get(num);
      if (first) r.fail(p.get('number'), p.path('number'), `page ${num} is listed twice (first at line ${first.line})`, 'each page number once');
      else pageAt.set(num, r.where(p.get('number')));
    }
    const page: Page = {
      number: num ?? 0,
      section: oneLineText(p, 'section'),
      editor: oneLineText(p, 'editor'),
      items: [],
      where: r.where(node),
    };
    pages.push(page);
    if (!p.has('articles') || r.isNull(p.get('articles'))) return;
    const items = r.list(p.get('articles'), p.path('articles'), 'a list of articles (and continuations) in reading order');
    (items ?? []).forEach((itemNode, j) => {
      const itemField = `${p.path('articles')}[${j}]`;
      const isContinued = isMap(itemNode) && itemNode.has('continued');
      if (isContinued) {
        const c = readContinued(r, itemNode, itemField, layout);
        if (c) {
          page.items.push(c.item);
          continueds.push({ ...c, page: num });
        }
      } else {
        const a = readArticle(r, itemNode, itemField, dir, layout);
        if (a) {
          if (a.article) page.items.push(a.article);
          articles.push({ ...a, page: num });
        }
      }
    });
  });

  // Every page from 1 to the count, each once.
  if (pageNodes && pageNodes.length > 0) {
    const missing: number[] = [];
    for (let n = 1; n <= pageCount; n++) if (!pageAt.has(n)) missing.push(n);
    // Only when the numbers themselves were fine: otherwise the missing ones are the echo of those errors.
    if (missing.length > 0 && pageAt.size === pageNodes.length) {
      r.fail(top.get('pages'), 'pages', `page${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing`, `pages numbered 1 to ${pageCount}, each once`);
    }
  }

  checkIds(r, articles);
  checkJumps(r, articles, pageAt);
  checkContinued(r, articles, continueds);

  if (r.problems.length > 0 || !layout || !paper || !date || number === undefined) {
    if (r.problems.length === 0) throw new Error('broadsheet: issue incomplete without a reported problem'); // a bug, not input
    throw new InputError(sortProblems(r.problems));
  }
  pages.sort((a, b) => a.number - b.number);
  return { file: abs, dir, layout, paper, date, number, pageCount, pages };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A single-line optional text, trimmed. */
function oneLineText(f: Fields, key: string): string | undefined {
  return f.text(key, TEXT)?.trim();
}

function readLayoutRef(r: Reader, top: Fields, file: string, dir: string): Layout | null {
  // Leaving the layout out means the classic broadsheet (an extension of the contract).
  const name = (top.has('layout') ? top.text('layout', LAYOUT_ACCEPTED, true) : 'broadsheet')?.trim();
  if (name === undefined) return null;
  const node = top.get('layout') ?? top.node;
  const path = layoutPath(name, dir);
  if (isLayoutName(name)) {
    if (!existsSync(path)) {
      const s = suggest(name, layoutNames());
      r.fail(node, 'layout', `no layout named ${quote(name)}${s ? ` (did you mean ${s}?)` : ''}`, `one of ${layoutNames().join(', ')}, or a path to a layout .yaml file`);
      return null;
    }
  } else if (!isFile(path)) {
    r.fail(node, 'layout', `layout file not found: ${quote(name)}`, LAYOUT_ACCEPTED);
    return null;
  }
  // The layout's own errors name the layout file as the user would find it.
  const display = isLayoutName(name) ? displayPath(path) : isAbsolute(name) ? name : normalize(join(dirname(file), name));
  try {
    return loadLayout(name, dir, display);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    r.problems.push(...err.problems);
    return null;
  }
}

function readPaper(r: Reader, top: Fields, dir: string): Issue['paper'] | null {
  const accepted = 'paper: { name, name_en, logo, info, sponsor }';
  if (!top.require('paper', accepted)) return null;
  const p = r.mapping(top.get('paper'), 'paper', PAPER_KEYS, accepted);
  if (!p) return null;
  const name = p.text('name', 'the paper name set in the masthead, such as 钱塘新区报', true)?.trim();
  const info: string[] = [];
  if (p.has('info') && !r.isNull(p.get('info'))) {
    const node = p.get('info');
    const infoAccepted = 'a list of short lines for the masthead box';
    // A single string is taken as one line per line of text.
    const lines = isSeq(node) ? r.list(node, p.path('info'), infoAccepted) : [node];
    (lines ?? []).forEach((line, i) => {
      const s = r.text(line, isSeq(node) ? `${p.path('info')}[${i}]` : p.path('info'), infoAccepted);
      if (s !== undefined) info.push(...splitLines(s));
    });
  }
  let logo: string | undefined;
  const logoText = p.text('logo', 'an SVG, PNG or JPEG file, relative to the issue file')?.trim();
  if (logoText !== undefined) logo = checkFile(r, p.get('logo'), p.path('logo'), logoText, dir, LOGO_EXT, 'an SVG, PNG or JPEG file, relative to the issue file');
  if (name === undefined) return null;
  return { name, nameEn: oneLineText(p, 'name_en'), logo, ...(logo ? { logoWhere: r.where(p.get('logo')) } : {}), info, sponsor: oneLineText(p, 'sponsor') };
}

/** A file named in the issue: must exist (relative to the issue's folder) with one of the extensions. */
function checkFile(r: Reader, node: Node | null, field: string, value: string, dir: string, exts: string[], accepted: string): string | undefined {
  const ext = extname(value).toLowerCase();
  if (!exts.includes(ext)) {
    r.fail(node, field, `${quote(value)} is not a ${exts.join('/')} file`, accepted);
    return undefined;
  }
  const abs = resolve(dir, value);
  if (!isFile(abs)) {
    r.fail(node, field, `file not found: ${quote(value)} (looked at ${abs})`, accepted);
    return undefined;
  }
  return abs;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function readDate(r: Reader, f: Fields): Issue['date'] | undefined {
  const accepted = 'a date such as 2025-03-11 (year-month-day)';
  const s = f.text('date', accepted, true)?.trim();
  if (s === undefined) return undefined;
  const node = f.get('date');
  const m = DATE_RE.exec(s);
  if (!m) {
    r.fail(node, f.path('date'), `${quote(s)} is not a date`, accepted);
    return undefined;
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // The lunar calendar the masthead prints is only tabulated for these years.
  if (year < 1901 || year > 2099) {
    r.fail(node, f.path('date'), `year ${year} is out of range`, 'a date from 1901 to 2099');
    return undefined;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    r.fail(node, f.path('date'), `${s} is not a day of the calendar`, `${accepted}; ${year}-${String(month).padStart(2, '0')} has ${month >= 1 && month <= 12 ? daysInMonth(year, month) : '?'} days`);
    return undefined;
  }
  return { year, month, day };
}

/** Title lines: one a line of the YAML string (or a list of lines), trimmed, empty ones dropped. */
function splitLines(s: string): string[] {
  return s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Grid-dependent checks of the column hints, shared by articles and continuations. */
function readHints(r: Reader, f: Fields, layout: Layout | null, columnsRequired: boolean): { columns?: number; lines?: number; column?: number } {
  const cols = layout?.grid.columns;
  const maxCols = cols ?? 1000;
  const colsText = cols !== undefined ? `a whole number from 1 to ${cols} (the layout's grid columns)` : 'a whole number ≥ 1 (grid columns)';
  const columns = f.int('columns', { required: columnsRequired, min: 1, max: maxCols, accepted: colsText });
  const maxLines = layout?.grid.lines ?? 100000;
  const lines = f.int('lines', {
    min: 1,
    max: maxLines,
    accepted: layout ? `a whole number of body lines from 1 to ${maxLines} (lines per column)` : 'a whole number of body lines ≥ 1',
  });
  const column = f.int('column', { min: 1, max: maxCols, accepted: cols !== undefined ? `a grid column from 1 to ${cols}` : 'a grid column ≥ 1' });
  if (column !== undefined && cols !== undefined) {
    const span = columns ?? 1;
    if (column + span - 1 > cols) {
      r.fail(f.get('column'), f.path('column'), `column ${column} with columns ${span} runs past grid column ${cols}`, `column ≤ ${Math.max(1, cols - span + 1)} for a block ${span} column${span > 1 ? 's' : ''} wide`);
    }
  }
  return { columns, lines, column };
}

function readArticle(r: Reader, node: Node | null, field: string, dir: string, layout: Layout | null): Omit<ArticleRef, 'page'> | null {
  const a = r.mapping(node, field, ARTICLE_KEYS, 'an article { id, title, body, columns, … } or a continuation { continued, columns, … }');
  if (!a) return null;

  const idAccepted = "letters, digits, '-' and '_', unique in the issue";
  const id = a.text('id', idAccepted, true)?.trim();
  if (id !== undefined && !ID_RE.test(id)) {
    const bad = Array.from(id).find((c) => !ID_RE.test(c)) ?? '';
    r.fail(a.get('id'), a.path('id'), `${quote(id)} contains ${quote(bad)}`, idAccepted);
  }

  const titleAccepted = 'the headline text, one YAML line per headline line (|- for several lines)';
  let title: string[] | undefined;
  if (a.require('title', titleAccepted)) {
    const tnode = a.get('title');
    if (isSeq(tnode)) {
      // A list of lines is accepted too.
      const items = r.list(tnode, a.path('title'), titleAccepted) ?? [];
      title = [];
      items.forEach((it, i) => {
        const s = r.text(it, `${a.path('title')}[${i}]`, titleAccepted);
        if (s !== undefined) title!.push(...splitLines(s));
      });
    } else {
      const s = r.text(tnode, a.path('title'), titleAccepted);
      title = s === undefined ? undefined : splitLines(s);
    }
    if (title !== undefined && title.length === 0) {
      r.fail(tnode, a.path('title'), 'empty', titleAccepted);
      title = undefined;
    }
  }

  const bodyAccepted = 'the article text, paragraphs separated by a blank line (use | for a block)';
  let body: string | undefined;
  if (a.require('body', bodyAccepted)) {
    const bnode = a.get('body');
    const s = r.text(bnode, a.path('body'), bodyAccepted);
    if (s !== undefined) {
      const bytes = Buffer.byteLength(s, 'utf8');
      if (bytes > MAX_BODY_BYTES) {
        r.fail(bnode, a.path('body'), `the body is ${(bytes / 1024 / 1024).toFixed(1)} MB`, `a body of at most ${MAX_BODY_BYTES / 1024 / 1024} MB: split it into several articles`);
      } else if (s.trim() === '') {
        r.fail(bnode, a.path('body'), 'empty', bodyAccepted);
      } else {
        body = s;
      }
    }
  }

  const hints = readHints(r, a, layout, true);
  const jump = a.int('jump', { min: 1, max: 999, accepted: 'the number of another page of this issue' });
  const titleStyle = r.choice(a.get('title_style'), a.path('title_style'), ['horizontal', 'vertical'] as const) ?? 'horizontal';
  // Extension: the headline's size class, 1 the span's own size, 2 and 3 one and two rows of the
  // layout's size table smaller (a brief on a wide span).
  const importance = a.int('importance', { min: 1, max: 3, accepted: 'the headline size class: 1 (the size of its span), 2 or 3 (one or two sizes smaller)' }) as Article['importance'];
  const photo = readPhoto(r, a, dir, layout, hints.columns);

  // Even a broken article takes part in the checks across pages (ids, jumps) by its id and jump.
  const ref = { id, jump, field, jumpNode: a.get('jump'), idNode: a.get('id') };
  if (id === undefined || title === undefined || body === undefined || hints.columns === undefined) return { ...ref, article: null };
  const article: Article = {
    kind: 'article',
    id,
    kicker: a.text('kicker', TEXT)?.trim(),
    title,
    subtitle: a.text('subtitle', TEXT)?.trim(),
    byline: a.text('byline', TEXT)?.trim(),
    body,
    note: a.text('note', TEXT)?.trim(),
    columns: hints.columns,
    lines: hints.lines,
    column: hints.column,
    jump,
    titleStyle,
    importance,
    photo,
    where: r.where(node),
    bodyWhere: r.where(a.get('body')),
  };
  // Optional keys left out stay out of the object (tests compare with deepEqual).
  for (const k of Object.keys(article) as (keyof Article)[]) if (article[k] === undefined) delete article[k];
  return { ...ref, article };
}

function readPhoto(r: Reader, a: Fields, dir: string, layout: Layout | null, articleColumns: number | undefined): Photo | undefined {
  if (!a.has('photo') || r.isNull(a.get('photo'))) return undefined;
  const node = a.get('photo');
  const accepted = 'photo: { file: photos/x.jpg, caption: …, columns: 3 }';
  const fileAccepted = 'a JPEG or PNG file, relative to the issue file';
  let fileText: string | undefined;
  let fileNode: Node | null = node;
  let fileField = a.path('photo');
  let caption: string | undefined;
  let columns: number | undefined;
  if (isScalar(node)) {
    // `photo: photos/x.jpg` is short for `photo: { file: photos/x.jpg }`.
    fileText = r.text(node, fileField, fileAccepted)?.trim();
  } else {
    const p = r.mapping(node, a.path('photo'), PHOTO_KEYS, accepted);
    if (!p) return undefined;
    fileText = p.text('file', fileAccepted, true)?.trim();
    fileNode = p.get('file');
    fileField = p.path('file');
    caption = p.text('caption', TEXT)?.trim();
    const max = articleColumns ?? layout?.grid.columns ?? 1000;
    columns = p.int('columns', { min: 1, max, accepted: `a whole number from 1 to ${max} (the article's columns)` });
  }
  if (fileText === undefined) return undefined;
  const file = checkFile(r, fileNode, fileField, fileText, dir, IMAGE_EXT, fileAccepted);
  if (file === undefined) return undefined;
  const photo: Photo = { file, caption, columns, where: r.where(node) };
  if (caption === undefined) delete photo.caption;
  if (columns === undefined) delete photo.columns;
  return photo;
}

function readContinued(r: Reader, node: Node | null, field: string, layout: Layout | null): Omit<ContinuedRef, 'page'> | null {
  const c = r.mapping(node, field, CONTINUED_KEYS, 'a continuation takes only continued, columns, lines and column', (key) =>
    ARTICLE_KEYS.includes(key) ? `${key} belongs to the article, not to its continuation` : null,
  );
  if (!c) return null;
  const id = c.text('continued', 'the id of the article that jumps to this page', true)?.trim();
  const hints = readHints(r, c, layout, false);
  if (id === undefined) return null;
  const item: Continued = { kind: 'continued', id, ...hints, where: r.where(node) };
  for (const k of ['columns', 'lines', 'column'] as const) if (item[k] === undefined) delete item[k];
  return { item, field, node: c.get('continued') };
}

function checkIds(r: Reader, articles: ArticleRef[]): void {
  const seen = new Map<string, Where>();
  for (const a of articles) {
    if (a.id === undefined) continue;
    const first = seen.get(a.id);
    if (first) {
      r.fail(a.idNode, `${a.field}.id`, `id ${quote(a.id)} is used twice (first at line ${first.line})`, 'an id unique in the issue');
    } else seen.set(a.id, r.where(a.idNode));
  }
}

function checkJumps(r: Reader, articles: ArticleRef[], pageAt: Map<number, Where>): void {
  const listed = [...pageAt.keys()].sort((a, b) => a - b);
  for (const a of articles) {
    const j = a.jump;
    if (j === undefined) continue;
    const field = `${a.field}.jump`;
    if (j === a.page) {
      r.fail(a.jumpNode, field, `article ${quote(a.id ?? '?')} jumps to its own page ${j}`, 'the number of another page of this issue');
    } else if (!pageAt.has(j)) {
      r.fail(a.jumpNode, field, `page ${j} is not in this issue`, `one of the pages ${listed.filter((n) => n !== a.page).join(', ') || '(none)'}`);
    }
  }
}

function checkContinued(r: Reader, articles: ArticleRef[], continueds: ContinuedRef[]): void {
  const byId = new Map<string, ArticleRef>();
  for (const a of articles) if (a.id !== undefined && !byId.has(a.id)) byId.set(a.id, a);
  const named = new Map<string, Where>();
  for (const c of continueds) {
    const field = `${c.field}.continued`;
    const id = c.item.id;
    const target = byId.get(id);
    if (!target) {
      const s = suggest(id, [...byId.keys()]);
      r.fail(c.node, field, `no article with id ${quote(id)}${s ? ` (did you mean ${s}?)` : ''}`, 'the id of an article with a jump to this page');
      continue;
    }
    const first = named.get(id);
    if (first) {
      r.fail(c.node, field, `${quote(id)} is continued twice (first at line ${first.line})`, 'each article continued at most once');
      continue;
    }
    named.set(id, r.where(c.node));
    if (target.jump === undefined) {
      r.fail(c.node, field, `article ${quote(id)} has no jump`, `add jump: ${c.page ?? 'N'} to article ${quote(id)}, or remove this continuation`);
    } else if (c.page !== undefined && target.jump !== c.page) {
      r.fail(c.node, field, `article ${quote(id)} jumps to page ${target.jump}, not to this page ${c.page}`, `list the continuation on page ${target.jump}, or change the article's jump`);
    }
  }
}
