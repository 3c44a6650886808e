// One page made up, as a story: furniture → plan blocks → place → flow (balance) → move up →
// draw → report.
// Pure: the page, what every page shares and the lines carried to it in; its DisplayList page,
// figures and the lines it carries on out.
import type { Page } from '../issue/model.js';
import type { SetLine } from '../text/paragraph.js';
import type { Block, DLPage, Item, Problem } from './displaylist.js';
import { drawBlock } from './draw.js';
import { AIR_LIMIT, fillWithAir } from './fill.js';
import { flowBlock, moveFlowed } from './flow.js';
import { folio, masthead } from './furniture.js';
import { pageHoles } from './holes.js';
import { moveUp, placeBlocks } from './place.js';
import { narrowPhotos, widenPhotos } from './photos.js';
import { planBlocks } from './plan.js';
import { pageRules } from './rules.js';
import type { BreakFaults, Carried, Context, Fit } from './types.js';

export interface PageComposed {
  page: DLPage;
  problems: Problem[];
  fits: Fit[];
  /** Per block in reading order: its article, the body lines it printed, its column-break faults. */
  printed: { article: string; lines: SetLine[]; faults: BreakFaults }[];
  carried: Map<string, Carried>; // lines this page sends on to jump pages
}

/** Masthead on page 1, folio line on the others; the grid line where the blocks start. */
function furniture(page: Page, ctx: Context): { items: Item[]; top: number } {
  const { issue, grid, faces } = ctx;
  if (page.number === 1) return { items: masthead(issue, grid, faces, ctx.setParagraph), top: issue.layout.masthead.pitches };
  return { items: folio(issue, page.number, page.section, page.editor, grid, faces, ctx.setParagraph), top: issue.layout.folio.pitches };
}

function pageFrame(pageNo: number, items: Item[], blocks: Block[], ctx: Context): DLPage {
  const { grid } = ctx;
  const { trim, bleed } = ctx.issue.layout;
  return {
    number: pageNo,
    width: trim.width + 2 * bleed,
    height: trim.height + 2 * bleed,
    trimBox: [bleed, bleed, trim.width, trim.height],
    bleedBox: [0, 0, trim.width + 2 * bleed, trim.height + 2 * bleed],
    typeArea: { x: grid.x0, y: grid.y0, width: grid.width, height: grid.height },
    items,
    blocks,
  };
}

export function composePage(page: Page, ctx: Context, carriedIn: Map<string, Carried>): PageComposed {
  const pageNo = page.number;
  const { items, top } = furniture(page, ctx);
  const planned = planBlocks(page, ctx, carriedIn);
  const { placed, problems: placing } = placeBlocks(planned.plans, ctx.grid, top, pageNo);
  const out: PageComposed = { page: pageFrame(pageNo, items, [], ctx), problems: [...planned.problems, ...placing], fits: [], printed: [], carried: new Map() };
  // Long copy: a photo a column narrower before any 超.
  const { placed: fitted, flowed } = narrowPhotos(placed, placed.map((block) => flowBlock(block, ctx, pageNo)), ctx, pageNo);
  for (const f of flowed) out.problems.push(...f.problems);
  // Each block shrunk to its balanced text; the blocks below move up into what it freed, then
  // the holes left are closed with headline air, then with a photo a column wider.
  const moved = moveUp(
    fitted.map((block, i) => ({ ...block, lines: flowed[i].lines })),
    top,
  );
  const airLeft = (i: number) => (fitted[i].plan.head && !fitted[i].fixed && flowed[i].jumpTo === undefined ? AIR_LIMIT - (flowed[i].headLines - fitted[i].plan.headLines) : 0);
  const aired = fillWithAir(moved, airLeft, ctx.grid.lines);
  const { boxes: settled, widened } = widenPhotos(aired.boxes, ctx, pageNo, ctx.grid.lines);
  const changed = settled.map((_, i) => aired.added[i] > 0 || widened[i]);
  settled.forEach((block, i) => {
    flowed[i] = changed[i] ? flowBlock(block, ctx, pageNo) : moveFlowed(flowed[i], block.top - fitted[i].top);
  });
  settled.forEach((block, i) => {
    const drawn = drawBlock(block, flowed[i], ctx, pageNo);
    items.push(...drawn.items);
    out.page.blocks.push(drawn.block);
    out.fits.push(drawn.fit);
    out.printed.push({ article: block.plan.item.id, lines: drawn.printed, faults: drawn.faults });
    if (drawn.carried) out.carried.set(block.plan.item.id, drawn.carried);
  });
  items.push(...pageRules(settled, top, ctx.grid, ctx.issue.layout));
  out.problems.push(...pageHoles(out.page.blocks, ctx.grid, top, pageNo));
  return out;
}
