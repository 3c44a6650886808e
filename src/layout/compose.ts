// compose: the page grid, furniture, article blocks placed from the column hints, body text
// flowed through each block's columns, cut and continued on the jump page with jump lines.
// Output: the DisplayList (pure data) and the copy-fit figures `check` prints.
import { Article, Continued, Issue, Role } from '../issue/model.js';
import { Face, openFace } from '../text/face.js';
import { SetLine, setParagraph } from '../text/paragraph.js';
import { articleCopy } from './copy.js';
import { Block, DisplayList, DLPage, Item, Problem } from './displaylist.js';
import { folio, masthead } from './furniture.js';
import { Grid } from './grid.js';
import { setHeadline, sizesFor, twoGradesBelow } from './headline.js';
import { lineRuns, setText } from './typeset.js';
import { imageSize } from './image.js';
import { setVerticalTitle } from './vertical.js';
import { normalizeAscii } from '../text/normalize.js';
import { timed } from '../timing.js';
import { Typography, articleTypography, endsParagraph, opensParagraph } from './typography.js';
import { fillToFoot } from './place.js';
import { fixColumnBreaks } from './columns.js';
import { useParagraphCache } from '../text/paracache.js';

export interface FlowLine {
  line: SetLine;
  para: number; // paragraph index (−1 for the note)
  index: number; // line index within its paragraph
  count: number; // lines of its paragraph
  kind: 'body' | 'subhead' | 'note';
}

export interface Fit {
  page: number;
  article: string;
  part: 'article' | 'continued';
  column: number;
  columns: number;
  lines: number; // block height in lines
  headLines: number; // lines taken by the headline (or jump head)
  capacity: number; // column-lines for text
  textLines: number; // column-lines the text (still) needs here
  used: number; // column-lines used by text here
  free: number; // column-lines left empty (余), or −over (超)
  jumpTo?: number;
  jumpFrom?: number;
}

export interface Composition {
  typography: Typography[]; // per article, all its parts
  dl: DisplayList;
  faces: Map<string, Face>; // by face key, for the PDF writer
  fits: Fit[];
  missing: { char: string; article: string; field: 'body' | 'title' | 'kicker' | 'subtitle' }[];
  warnings: string[];
}

/** Faces by role, each opened (parsed) on first use: an issue pays only for the faces it sets. */
export function openFaces(issue: Issue): { byRole: Record<Role, Face>; byKey: Map<string, Face> } {
  const byRole = {} as Record<Role, Face>;
  const byKey = new Map<string, Face>();
  for (const [role, ref] of Object.entries(issue.layout.faces) as [Role, { key: string; file: string }][]) {
    let face: Face | undefined;
    Object.defineProperty(byRole, role, {
      enumerable: true,
      get() {
        if (!face) {
          face = openFace(ref.key, ref.file);
          byKey.set(ref.key, face);
        }
        return face;
      },
    });
  }
  return { byRole, byKey };
}

const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
function pageNumeral(n: number, style: 'arabic' | 'chinese'): string {
  if (style === 'arabic') return String(n);
  if (n <= 10) return CN[n];
  if (n < 20) return '十' + CN[n - 10];
  return CN[Math.floor(n / 10)] + '十' + (n % 10 ? CN[n % 10] : '');
}

interface Prepared {
  article: Article;
  lines: FlowLine[];
  page: number;
  /** Set paragraph `pi` again with `target` lines, or null if it cannot be done well. */
  reset: (pi: number, target: number) => FlowLine[] | null;
}

export function compose(issue: Issue): Composition {
  const L = issue.layout;
  useParagraphCache(issue.file);
  const grid = new Grid(L);
  const { byRole: faces, byKey } = timed('fonts', () => openFaces(issue));
  // The layout's fallback face, for body characters the role's face lacks.
  const fallback = L.fallback ? openFace(L.fallback.key, L.fallback.file) : undefined;
  if (fallback) byKey.set(fallback.key, fallback);
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const fits: Fit[] = [];
  const missing: Composition['missing'] = [];
  const T = L.text;
  const engine = { kinsoku: T.kinsoku, cjkLatinGap: T.cjkLatinGap, compressStops: T.compressStops, hang: T.hang, breaker: T.breaker, spacing: T.spacing } as const;

  // Set every article's copy once, at the grid column's measure (each paragraph from the
  // paragraph cache when it is there: src/text/paracache.ts).
  const prepared = new Map<string, Prepared>();
  const looseAt = T.spacing?.letter ?? 0.25;
  const opts = (kind: string) => ({ ...engine, size: grid.size, measure: grid.columnWidth, indent: T.indent, align: kind === 'subhead' ? ('start' as const) : ('justify' as const) });
  const asFlow = (r: { lines: SetLine[] }, pi: number, kind: FlowLine['kind']) => r.lines.map((line, li) => ({ line, para: pi, index: li, count: r.lines.length, kind }));
  for (const page of issue.pages) {
    for (const it of page.items) {
      if (it.kind !== 'article') continue;
      // Headline characters the headline faces lack (the body's are found while setting it).
      const heads: ['title' | 'kicker' | 'subtitle', string | undefined, Face][] = [['title', it.title.join(''), faces.title], ['kicker', it.kicker, faces.kicker], ['subtitle', it.subtitle, faces.subtitle]];
      // The fallback face serves horizontal headlines too; vertical titles take vertical forms
      // from the title face alone.
      const fb = (field: string) => (fallback && !(field === 'title' && it.titleStyle === 'vertical') ? fallback : undefined);
      for (const [field, text, face] of heads)
        for (const ch of text ?? '') if (ch.trim() && !face.has(ch.codePointAt(0)!) && !fb(field)?.has(ch.codePointAt(0)!)) missing.push({ char: ch, article: it.id, field });
      const copy = articleCopy(it, faces);
      if (fallback) for (const p of copy) for (const sp of p.spans) sp.fallback = fallback;
      const lines: FlowLine[] = [];
      copy.forEach((p, pi) => {
        const r = setParagraph(p.spans, opts(p.kind));
        for (const w of r.warnings) warnings.push(`${it.id}: paragraph ${pi + 1}: ${w}`);
        for (const c of r.missing) missing.push({ char: c, article: it.id, field: 'body' });
        lines.push(...asFlow(r, pi, p.kind));
      });
      if (it.note) {
        const n = setText(it.note, faces.note, grid.size, 'note');
        const line = { ...n.line, glyphs: n.line.glyphs.map((g) => ({ ...g, x: g.x + grid.columnWidth - n.width })) };
        lines.push({ line, para: -1, index: 0, count: 1, kind: 'note' });
      }
      const base = (pi: number) => lines.filter((l) => l.para === pi).length;
      // Set paragraph pi again with `target` lines (TeX's looseness relative to its best
      // setting), if that is possible with no gap over ½ em.
      const reset = (pi: number, target: number): FlowLine[] | null => {
        const p = copy[pi];
        if (!p || p.kind !== 'body') return null;
        const r = setParagraph(p.spans, { ...opts(p.kind), looseness: target - base(pi) });
        // No line over ½ em a gap, and no more loose lines than its best setting (issue 14).
        const loose = (ls: SetLine[]) => ls.filter((l) => l.addedPerGap > looseAt + 1e-9).length;
        const was = lines.filter((l) => l.para === pi).map((l) => l.line);
        if (r.lines.length === target && r.lines.every((l) => l.gapMax <= 0.5 + 1e-9) && loose(r.lines) <= loose(was)) return asFlow(r, pi, p.kind);
        return null;
      };
      prepared.set(it.id, { article: it, lines, page: page.number, reset });
    }
  }

  // Lines still to set on the jump page, by article id, filled in when the source page is composed.
  const carried = new Map<string, { lines: FlowLine[]; from: number }>();
  // Per article, the body lines it printed (all parts, in order) and its column-break faults.
  const printed = new Map<string, SetLine[]>();
  const breakFaults = new Map<string, { widows: number; orphans: number }>();
  const dlPages = new Map<number, DLPage>();
  const composing = new Set<number>();

  const composePage = (pageNo: number): void => {
    if (dlPages.has(pageNo) || composing.has(pageNo)) return;
    composing.add(pageNo);
    const page = issue.pages.find((p) => p.number === pageNo)!;
    // A continuation needs its source page composed first (that is where the cut falls).
    for (const it of page.items) if (it.kind === 'continued') composePage(prepared.get(it.id)?.page ?? pageNo);
    for (const p of prepared.values()) if (p.article.jump === pageNo) composePage(p.page);

    const items: Item[] = [];
    const blocks: Block[] = [];
    let top = 0;
    if (pageNo === 1) {
      items.push(...masthead(issue, grid, faces));
      top = L.masthead.pitches;
    } else {
      items.push(...folio(issue, pageNo, page.section, page.editor, grid, faces));
      top = L.folio.pitches;
    }
    const free = new Array<number>(grid.columns + 1).fill(top); // 1-based: first free line per column

    // Continuations not listed on their jump page go after the page's own articles.
    const order: (Article | Continued)[] = [...page.items];
    for (const p of prepared.values()) {
      if (p.article.jump === pageNo && !page.items.some((i) => i.kind === 'continued' && i.id === p.article.id)) {
        order.push({ kind: 'continued', id: p.article.id, columns: p.article.columns, where: p.article.where });
      }
    }

    // 1. Measure: each block's span, headline and the lines its text needs.
    interface Plan {
      it: Article | Continued;
      prep: Prepared;
      isCont: boolean;
      flow: FlowLine[];
      from?: number;
      k: number;
      head: ReturnType<typeof setHeadline> | null;
      headLines: number;
      fromLine: number;
      needed: number;
      col: number;
      top: number;
      lines: number;
      fixed: boolean; // height given by a `lines` hint
      photo: { k: number; lines: number; h: number; w: number; caption: FlowLine[] } | null;
      vtitle: ReturnType<typeof setVerticalTitle> | null;
    }
    const plans: Plan[] = [];
    for (const it of order) {
      const isCont = it.kind === 'continued';
      const prep = prepared.get(it.id);
      if (!prep) continue;
      const carry = isCont ? carried.get(it.id) : undefined;
      if (isCont && (!carry || carry.lines.length === 0)) continue; // everything fitted at the source
      const flow = isCont ? carry!.lines : prep.lines;
      const k = Math.min(it.columns ?? prep.article.columns, grid.columns);
      const width = grid.spanWidth(k);
      let head: ReturnType<typeof setHeadline> | null = null;
      let vtitle: ReturnType<typeof setVerticalTitle> | null = null;
      const vertical = !isCont && prep.article.titleStyle === 'vertical' && k >= 2;
      if (vertical) {
        // 竖排: the title stands in the block's rightmost grid column; kicker and subtitle
        // run across the other columns.
        vtitle = setVerticalTitle(prep.article.title, grid, faces, sizesFor(L, k).title, it.id);
        if (prep.article.kicker || prep.article.subtitle) {
          const w = grid.spanWidth(k - 1);
          head = setHeadline({ kicker: prep.article.kicker, title: [], subtitle: prep.article.subtitle }, w, k - 1, L, grid, faces, { article: it.id, fallback });
        }
      } else if (!isCont) {
        head = setHeadline({ kicker: prep.article.kicker, title: prep.article.title, subtitle: prep.article.subtitle }, width, k, L, grid, faces, { article: it.id, fallback });
        for (const p of head.problems) problems.push({ kind: 'headline', page: pageNo, article: it.id, message: `第${pageNo}版 ${it.id}: ${p}` });
      } else if (T.jumpHead) {
        const jh = Math.min(L.headline.jumpHeadSize, twoGradesBelow(sizesFor(L, prep.article.columns).title));
        head = setHeadline({ title: [prep.article.title.join('\u3000')] }, width, k, L, grid, faces, { title: jh, article: it.id, fallback });
      }
      const headLines = head ? head.lines : 0;
      const fromLine = isCont ? 1 : 0; // （上接第M版） takes the first text line
      // A photo: scaled to its span under the headline, caption below it, all on whole lines.
      let photo: Plan['photo'] = null;
      if (!isCont && prep.article.photo) {
        const ph = prep.article.photo;
        const pk = Math.min(ph.columns ?? k, k - (vtitle ? 1 : 0));
        const w = grid.spanWidth(pk);
        const size = imageSize(ph.file);
        const h = (w * size.height) / size.width;
        const lines = Math.ceil((h + grid.lineGap) / grid.pitch);
        const caption: FlowLine[] = [];
        if (ph.caption) {
          const r = setParagraph([{ text: normalizeAscii(ph.caption), face: faces.caption, role: 'caption' }], { ...engine, size: L.caption.size, measure: w, indent: 0, align: 'justify' });
          r.lines.forEach((line, li) => caption.push({ line, para: -2, index: li, count: r.lines.length, kind: 'body' }));
        }
        photo = { k: pk, lines, h, w, caption };
      }
      // Column-lines taken by the photo, its caption and the vertical title.
      const extra = (photo ? photo.k * (photo.lines + photo.caption.length + 1) : 0) + (vtitle ? vtitle.lines + 1 : 0);
      const needed = headLines + Math.ceil((flow.length + fromLine + extra) / k);
      plans.push({ it, prep, isCont, flow, from: carry?.from, k, head, headLines, fromLine, needed, col: 0, top: 0, lines: 0, fixed: it.lines !== undefined, photo, vtitle });
    }

    // 2. Place in reading order: the pinned column, else the leftmost of the topmost positions.
    for (const pl of plans) {
      const k = pl.k;
      let col = pl.it.column ?? 0;
      if (!col || col + k - 1 > grid.columns) {
        // The highest position, weighing the hole a block would leave above it in columns
        // that are free higher up (a hole is a layout problem; a lower start is not).
        let best = Infinity;
        for (let c = 1; c + k - 1 <= grid.columns; c++) {
          const span = free.slice(c, c + k);
          const t = Math.max(...span);
          const hole = span.reduce((a, f) => a + (t - f), 0);
          const score = t + (2 * hole) / k;
          if (score < best) {
            best = score;
            col = c;
          }
        }
      }
      pl.col = col;
      pl.top = Math.max(...free.slice(col, col + k));
      const avail = grid.lines - pl.top;
      pl.lines = pl.it.lines ?? Math.min(pl.needed, avail);
      if (pl.lines > avail) {
        problems.push({ kind: 'overfull', page: pageNo, article: pl.it.id, message: `第${pageNo}版 ${pl.it.id}: block of ${pl.lines} lines runs ${pl.lines - avail} lines past the foot of the page` });
        pl.lines = Math.max(0, avail);
      }
      if (pl.lines < Math.min(pl.needed, pl.headLines + 2)) {
        // Not even the headline and two lines of text: the page is full. Nothing is drawn
        // outside the type area; layout staff get the problem (exit 1).
        problems.push({ kind: 'overfull', page: pageNo, article: pl.it.id, message: `第${pageNo}版 ${pl.it.id}: no room left on the page (needs ${pl.needed} lines in ${k} columns, ${Math.max(0, avail)} left)` });
        pl.lines = 0;
        continue;
      }
      for (let c = col; c < col + k; c++) free[c] = pl.top + pl.lines + 1;
    }

    // 3. Fill the page to the foot (place.ts).
    const placed = plans.filter((pl) => pl.lines > 0);
    fillToFoot(placed, grid.lines);

    // 4. Draw: headline, text column by column, jump lines, rules.
    for (const pl of placed) {
      const { it, prep, isCont, k, head, fromLine, needed, col, lines } = pl;
      let headLines = pl.headLines;
      let flow = pl.flow;
      const blockTop = pl.top;
      const x = grid.columnLeft(col);
      const width = grid.spanWidth(k);
      // Text slots column by column; columns under the photo or the vertical title start lower.
      const yTop = grid.lineTop(blockTop);
      const slotsFor = (hl: number) => {
        const out: { x: number; line: number }[] = [];
        for (let c = 0; c < k; c++) {
          let start = blockTop + hl;
          if (pl.photo && c < pl.photo.k) start += pl.photo.lines + pl.photo.caption.length + 1;
          if (pl.vtitle && c === k - 1) start = blockTop + pl.vtitle.lines + 1;
          for (let l = start; l < blockTop + lines; l++) out.push({ x: x + c * grid.columnStep, line: l });
        }
        return out;
      };
      let slots = slotsFor(headLines);
      // A block with whole lines to spare in every column gives them to the headline (more
      // air around the title, up to 4 lines) rather than leaving them at the columns' feet.
      const spare = slots.length - fromLine - flow.length;
      let headShift = 0;
      if (head && spare >= k) {
        const extra = Math.min(4, Math.floor(spare / k));
        headLines += extra;
        headShift = (extra * grid.pitch) / 2;
        slots = slotsFor(headLines);
      }
      const jumpTo = !isCont ? prep.article.jump : undefined;
      if (!isCont) flow = prep.lines = fixColumnBreaks(flow, slots, fromLine, !!jumpTo, prep.reset);
      let capacity = slots.length - fromLine;
      let take = flow.length;
      let jumping = false;
      if (take > capacity) {
        if (jumpTo) {
          jumping = true;
          capacity -= 1; // the last line of the last column carries （下转第N版）
          take = Math.max(0, capacity);
          // No widow at the continuation's head: it must not start with a paragraph's last line.
          const first = flow[take];
          if (first && endsParagraph(first) && take > 0) take -= 1;
        } else {
          take = capacity;
          const over = Math.ceil((flow.length - capacity) / k);
          problems.push({ kind: 'over', page: pageNo, article: it.id, message: `第${pageNo}版 ${it.id}: 超 ${over} 行 (约 ${(flow.length - capacity) * L.grid.columnChars} 字)` });
        }
      }
      if (head) for (const r of head.runs) items.push({ ...r, x: r.x + x, y: r.y + yTop + headShift });
      if (pl.vtitle) {
        const vx = x + (k - 1) * grid.columnStep;
        for (const r of pl.vtitle.runs) items.push({ ...r, x: r.x + vx, y: r.y + yTop });
      }
      if (pl.photo) {
        const ph = pl.photo;
        const py = grid.lineTop(blockTop + headLines);
        items.push({ type: 'image', file: prep.article.photo!.file, x, y: py, width: ph.w, height: ph.h, article: it.id });
        ph.caption.forEach((fl, i) => {
          const line = blockTop + headLines + ph.lines + i;
          items.push(...lineRuns(fl.line, x, grid.baseline(line, faces.caption.ascent), L.caption.size, 'caption', it.id));
        });
      }
      let si = 0;
      if (isCont && slots.length) {
        const s = slots[si++];
        const t = setText(`（上接第${pageNumeral(pl.from!, T.jumpNumerals)}版）`, faces.note, grid.size, 'jump');
        items.push(...t.run(s.x, grid.baseline(s.line, faces.note.ascent), 0, it.id));
      }
      let usedLast = blockTop + headLines;
      const setLines = printed.get(it.id) ?? [];
      printed.set(it.id, setLines);
      const faults = breakFaults.get(it.id) ?? { widows: 0, orphans: 0 };
      breakFaults.set(it.id, faults);
      for (let i = 0; i < take && si < slots.length; i++) {
        const s = slots[si++];
        const fl = flow[i];
        if (fl.kind !== 'note') setLines.push(fl.line);
        // Column breaks inside the block: a widow at the head of a column, an orphan at its foot.
        const next = slots[si];
        if (i + 1 < take && next && next.x !== s.x) {
          const after = flow[i + 1];
          if (endsParagraph(after) && after.kind !== 'note') faults.widows++;
          if (opensParagraph(fl)) faults.orphans++;
        }
        const face = fl.kind === 'subhead' ? faces.subhead : faces.body;
        items.push(...lineRuns(fl.line, s.x, grid.baseline(s.line, face.ascent), grid.size, fl.kind === 'note' ? 'note' : 'body', it.id));
        usedLast = Math.max(usedLast, s.line + 1);
      }
      if (jumping && slots.length) {
        const s = slots[slots.length - 1];
        const t = setText(`（下转第${pageNumeral(jumpTo!, T.jumpNumerals)}版）`, faces.note, grid.size, 'jump');
        items.push(...t.run(s.x + grid.columnWidth - t.width, grid.baseline(s.line, faces.note.ascent), 0, it.id));
        carried.set(it.id, { lines: flow.slice(take), from: pageNo });
        usedLast = blockTop + lines;
      } else if (!isCont && jumpTo) carried.set(it.id, { lines: [], from: pageNo });

      // Rules: a 0.5-pt rule centred in the empty pitch above a stacked block; a 0.3-pt rule
      // centred in the gutter left of a block beside another.
      if (blockTop > top) {
        // Centred in the white between the block above (its last line is blockTop − 2) and this one.
        const ry = grid.lineTop(blockTop) - grid.pitch + grid.size / 2;
        items.push({ type: 'rule', x1: x, y1: ry, x2: x + width, y2: ry, width: L.rules.between });
      }
      if (col > 1) {
        const rx = x - grid.gutter / 2;
        items.push({ type: 'rule', x1: rx, y1: yTop, x2: rx, y2: grid.lineTop(blockTop + lines - 1) + grid.size, width: L.rules.side });
      }
      const block: Block = {
        article: it.id,
        part: isCont ? 'continued' : 'article',
        x,
        y: yTop,
        width,
        height: lines * grid.pitch - grid.lineGap,
        column: col,
        columns: k,
        firstLine: blockTop,
        lines,
        linesUsed: usedLast - blockTop,
        linesNeeded: needed,
        ...(jumping ? { jumpTo } : {}),
        ...(isCont ? { jumpFrom: pl.from } : {}),
      };
      blocks.push(block);
      const cap = slots.length - fromLine;
      fits.push({
        page: pageNo,
        article: it.id,
        part: block.part,
        column: col,
        columns: k,
        lines,
        headLines,
        capacity: cap,
        textLines: flow.length,
        used: take + (jumping ? 1 : 0),
        free: jumping ? 0 : cap - flow.length,
        ...(jumping ? { jumpTo } : {}),
        ...(isCont ? { jumpFrom: pl.from } : {}),
      });
    }
    // Empty grid lines: holes between blocks and columns that end above the foot of the page
    // (a stacked block is separated from the one above by one pitch that holds the rule).
    const empty: string[] = [];
    let emptyTotal = 0;
    for (let c = 1; c <= grid.columns; c++) {
      const mine = blocks.filter((bl) => bl.column <= c && c < bl.column + bl.columns).sort((p, q) => p.firstLine - q.firstLine);
      let cursor = top;
      let n = 0;
      for (const bl of mine) {
        n += Math.max(0, bl.firstLine - cursor - (cursor > top ? 1 : 0));
        cursor = Math.max(cursor, bl.firstLine + bl.lines);
      }
      n += Math.max(0, grid.lines - cursor);
      if (n) empty.push(`栏${c} 空${n}行`);
      emptyTotal += n;
    }
    if (emptyTotal > 0) problems.push({ kind: 'underfull', page: pageNo, message: `第${pageNo}版: ${emptyTotal} column-lines left empty (${empty.join(', ')})` });

    const B = L.bleed;
    dlPages.set(pageNo, {
      number: pageNo,
      width: L.trim.width + 2 * B,
      height: L.trim.height + 2 * B,
      trimBox: [B, B, L.trim.width, L.trim.height],
      bleedBox: [0, 0, L.trim.width + 2 * B, L.trim.height + 2 * B],
      typeArea: { x: grid.x0, y: grid.y0, width: grid.width, height: grid.height },
      items,
      blocks,
    });
    composing.delete(pageNo);
  };

  for (const p of issue.pages) composePage(p.number);
  const pages = issue.pages.map((p) => dlPages.get(p.number)!);
  const d = issue.date;
  const iso = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  const dl: DisplayList = { title: `${issue.paper.name} ${iso} 总第${issue.number}期`, date: iso, pages, problems };
  fits.sort((a, b) => a.page - b.page);
  const typography: Typography[] = [...printed].map(([id, lines]) => articleTypography(id, lines, breakFaults.get(id)!, T.kinsoku, looseAt));
  return { dl, faces: byKey, fits, missing, warnings, typography };
}
