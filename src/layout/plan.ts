// Step 2 of compose: a page's blocks in reading order, each measured — its span, headline
// (or jump head, or vertical title), photo with caption, and the lines its text needs.
import type { Article, Continued, Page } from '../issue/model.js';
import { setParagraph } from '../text/paragraph.js';
import { normalizeAscii } from '../text/normalize.js';
import type { Problem } from './displaylist.js';
import { SetHeadline, setHeadline, sizesFor, twoGradesBelow } from './headline.js';
import { imageSize } from './image.js';
import { engineOf } from './prepare.js';
import type { Carried, Context, FlowLine, PhotoPlan, Plan, Prepared } from './types.js';
import { setVerticalTitle, VerticalTitle } from './vertical.js';

/** The page's items, and after them the continuations jumping here that it does not list. */
export function blockOrder(page: Page, ctx: Context): (Article | Continued)[] {
  const order: (Article | Continued)[] = [...page.items];
  for (const p of ctx.prepared.values()) {
    if (p.article.jump === page.number && !page.items.some((i) => i.kind === 'continued' && i.id === p.article.id)) {
      order.push({ kind: 'continued', id: p.article.id, columns: p.article.columns, where: p.article.where });
    }
  }
  return order;
}

interface Heads {
  head: SetHeadline | null;
  vtitle: VerticalTitle | null;
  problems: string[];
}

/** The headline over a block's span; a vertical title in its rightmost column; a jump head. */
function headsFor(item: Article | Continued, prepared: Prepared, span: number, ctx: Context): Heads {
  const { grid, faces, fallback } = ctx;
  const layout = ctx.issue.layout;
  const article = prepared.article;
  const opts = { article: item.id, fallback, importance: article.importance, set: ctx.setParagraph };
  if (item.kind === 'continued') {
    if (!layout.text.jumpHead) return { head: null, vtitle: null, problems: [] };
    const size = Math.min(layout.headline.jumpHeadSize, twoGradesBelow(sizesFor(layout, article.columns).title));
    return { head: setHeadline({ title: [article.title.join('\u3000')] }, grid.spanWidth(span), span, layout, grid, faces, { ...opts, title: size }), vtitle: null, problems: [] };
  }
  if (article.titleStyle === 'vertical' && span >= 2) {
    // 竖排: the title stands in the block's rightmost grid column with its byline (the
    // subtitle); the kicker runs across the other columns.
    const sizes = sizesFor(layout, span, article.importance);
    const vtitle = setVerticalTitle(article.title, grid, faces, sizes.title, item.id, { stagger: layout.headline.verticalStagger, byline: article.subtitle, bylineSize: sizes.deck });
    const head = article.kicker ? setHeadline({ kicker: article.kicker, title: [] }, grid.spanWidth(span - 1), span - 1, layout, grid, faces, opts) : null;
    return { head, vtitle, problems: [] };
  }
  const head = setHeadline({ kicker: article.kicker, title: article.title, subtitle: article.subtitle }, grid.spanWidth(span), span, layout, grid, faces, opts);
  return { head, vtitle: null, problems: head.problems };
}

/** A photo scaled to its span under the headline, caption below it, all on whole lines. */
function photoFor(article: Article, span: number, vertical: boolean, ctx: Context, columns?: number): PhotoPlan | null {
  const photo = article.photo;
  if (!photo) return null;
  const { grid, faces } = ctx;
  const layout = ctx.issue.layout;
  const photoSpan = Math.max(1, Math.min(columns ?? photo.columns ?? span, span - (vertical ? 1 : 0)));
  const width = grid.spanWidth(photoSpan);
  const size = imageSize(photo.file);
  const height = (width * size.height) / size.width;
  const lines = Math.ceil((height + grid.lineGap) / grid.pitch);
  const caption: FlowLine[] = [];
  if (photo.caption) {
    const set = (ctx.setParagraph ?? setParagraph)([{ text: normalizeAscii(photo.caption), face: faces.caption, role: 'caption' }], { ...engineOf(ctx.issue), size: layout.caption.size, measure: width, indent: 0, align: 'justify' });
    set.lines.forEach((line, index) => caption.push({ line, para: -2, index, count: set.lines.length, kind: 'body' }));
  }
  return { span: photoSpan, lines, width, height, caption };
}

/** Column-lines a block gives to its photo with caption and to its vertical title. */
export function figureLines(photo: PhotoPlan | null, vtitle: VerticalTitle | null): number {
  return (photo ? photo.span * (photo.lines + photo.caption.length) : 0) + (vtitle ? vtitle.lines + 1 : 0);
}

function planBlock(item: Article | Continued, pageNo: number, ctx: Context, carried: Map<string, Carried>, problems: Problem[]): Plan | null {
  const continued = item.kind === 'continued';
  const prepared = ctx.prepared.get(item.id);
  if (!prepared) return null;
  const carry = continued ? carried.get(item.id) : undefined;
  if (continued && (!carry || carry.lines.length === 0)) return null; // everything fitted at the source
  const flow = continued ? carry!.lines : prepared.lines;
  const span = Math.min(item.columns ?? prepared.article.columns, ctx.grid.columns);
  const { head, vtitle, problems: headProblems } = headsFor(item, prepared, span, ctx);
  for (const p of headProblems) problems.push({ kind: 'headline', page: pageNo, article: item.id, message: `第${pageNo}版 ${item.id}: ${p}` });
  const photo = continued ? null : photoFor(prepared.article, span, !!vtitle, ctx);
  const headLines = head ? head.lines : 0;
  const fromLine = continued ? 1 : 0; // （上接第M版） takes the first text line
  const needed = headLines + Math.ceil((flow.length + fromLine + figureLines(photo, vtitle)) / span);
  return { item, prepared, continued, flow, from: carry?.from, span, head, headLines, fromLine, needed, fixed: item.lines !== undefined, photo, vtitle };
}

/** Every block of the page, measured, in reading order. */
export function planBlocks(page: Page, ctx: Context, carried: Map<string, Carried>): { plans: Plan[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const plans: Plan[] = [];
  for (const item of blockOrder(page, ctx)) {
    const plan = planBlock(item, page.number, ctx, carried, problems);
    if (plan) plans.push(plan);
  }
  return { plans, problems };
}

/** The same block with its photo `by` columns wider (or narrower): what fill and the long-copy
 * reverse try. Null when the photo cannot take that span. */
export function withPhotoSpan(plan: Plan, by: number, ctx: Context): Plan | null {
  if (!plan.photo || plan.continued) return null;
  const span = plan.photo.span + by;
  if (span < 1 || span > plan.span - (plan.vtitle ? 1 : 0)) return null;
  const photo = photoFor(plan.prepared.article, plan.span, !!plan.vtitle, ctx, span);
  const needed = plan.headLines + Math.ceil((plan.flow.length + plan.fromLine + figureLines(photo, plan.vtitle)) / plan.span);
  return { ...plan, photo, needed };
}
