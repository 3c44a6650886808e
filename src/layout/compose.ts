// compose: the issue made up page by page — every article's copy set once (prepare.ts), then
// each page as its story (page.ts: plan → place → flow → draw → report), a jump's source page
// before the page it continues on. Output: the DisplayList (pure data), the copy-fit figures
// `check` prints and the typography report.
import type { Issue } from '../issue/model.js';
import { Face, openFace } from '../text/face.js';
import type { SetLine } from '../text/paragraph.js';
import { looseAtOf } from '../text/line.js';
import { timed } from '../timing.js';
import type { DisplayList, DLPage, Problem } from './displaylist.js';
import { openFaces } from './faces.js';
import { Grid } from './grid.js';
import { composePage } from './page.js';
import { Missing, prepareArticles, Setter } from './prepare.js';
import type { BreakFaults, Carried, Fit, Prepared } from './types.js';
import { Typography, articleTypography } from './typography.js';

export { openFaces } from './faces.js';
export type { Fit, FlowLine } from './types.js';

export interface Composition {
  typography: Typography[]; // per article, all its parts
  dl: DisplayList;
  faces: Map<string, Face>; // by face key, for the PDF writer
  fits: Fit[];
  missing: Missing[];
  warnings: string[];
}

/** Pages in the order they are made up: a continuation's source page first (that is where the cut falls). */
export function makeUpOrder(issue: Issue, prepared: Map<string, Prepared>): number[] {
  const order: number[] = [];
  const visiting = new Set<number>();
  const visit = (pageNo: number): void => {
    if (order.includes(pageNo) || visiting.has(pageNo)) return;
    visiting.add(pageNo);
    const page = issue.pages.find((p) => p.number === pageNo)!;
    for (const it of page.items) if (it.kind === 'continued') visit(prepared.get(it.id)?.page ?? pageNo);
    for (const p of prepared.values()) if (p.article.jump === pageNo) visit(p.page);
    order.push(pageNo);
    visiting.delete(pageNo);
  };
  for (const p of issue.pages) visit(p.number);
  return order;
}

function issueTitle(issue: Issue): { title: string; date: string } {
  const d = issue.date;
  const iso = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  return { title: `${issue.paper.name} ${iso} 总第${issue.number}期`, date: iso };
}

/** How compose sets its copy: the text stage's setParagraph (the default), or the pipeline's
 * wrapping of it (the paragraph cache, src/cache/paragraphs.ts). */
export interface ComposeOptions {
  setParagraph?: Setter;
}

export function compose(issue: Issue, { setParagraph }: ComposeOptions = {}): Composition {
  const layout = issue.layout;
  const grid = new Grid(layout);
  const { byRole: faces, byKey } = timed('fonts', () => openFaces(issue));
  // The layout's fallback face, for body characters the role's face lacks.
  const fallback = layout.fallback ? openFace(layout.fallback.key, layout.fallback.file) : undefined;
  if (fallback) byKey.set(fallback.key, fallback);
  const { prepared, missing, warnings } = prepareArticles(issue, grid, faces, fallback, setParagraph);
  const ctx = { issue, grid, faces, fallback, prepared, setParagraph };

  const carried = new Map<string, Carried>();
  const pages = new Map<number, DLPage>();
  const problems: Problem[] = [];
  const fits: Fit[] = [];
  const printed = new Map<string, { lines: SetLine[]; faults: BreakFaults }>();
  for (const pageNo of makeUpOrder(issue, prepared)) {
    const made = composePage(issue.pages.find((p) => p.number === pageNo)!, ctx, carried);
    pages.set(pageNo, made.page);
    problems.push(...made.problems);
    fits.push(...made.fits);
    for (const [id, c] of made.carried) carried.set(id, c);
    for (const p of made.printed) {
      const mine = printed.get(p.article) ?? { lines: [], faults: { widows: 0, orphans: 0, splits: 0, where: [] as string[] } };
      mine.lines.push(...p.lines);
      mine.faults.widows += p.faults.widows;
      mine.faults.orphans += p.faults.orphans;
      mine.faults.splits += p.faults.splits;
      mine.faults.where.push(...p.faults.where);
      printed.set(p.article, mine);
    }
  }
  const dl: DisplayList = { ...issueTitle(issue), pages: issue.pages.map((p) => pages.get(p.number)!), problems };
  fits.sort((a, b) => a.page - b.page);
  const typography = [...printed].map(([id, p]) => articleTypography(id, p.lines, p.faults, layout.text.kinsoku, looseAtOf(layout.text.spacing)));
  return { dl, faces: byKey, fits, missing, warnings, typography };
}
