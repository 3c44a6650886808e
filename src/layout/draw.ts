// Step 5 of compose: a flowed block drawn — headline, vertical title, photo and caption, jump
// lines, the text on its slots — with the block's record, its fit figures, the body lines it
// printed and the widows and orphans left at its column breaks.
import type { SetLine } from '../text/paragraph.js';
import type { Block, Item } from './displaylist.js';
import type { Flowed, Slot } from './flow.js';
import { headlineRuns } from './headline.js';
import { lineRuns, setText } from './typeset.js';
import type { BreakFaults, Carried, Context, Fit, FlowLine, Placed } from './types.js';
import { endsParagraph, opensParagraph } from './typography.js';
import { splitsWord } from './columns.js';

export interface Drawn {
  items: Item[];
  block: Block;
  fit: Fit;
  printed: SetLine[]; // body lines in reading order
  faults: BreakFaults;
  carried?: Carried; // for an article with a jump: what its jump page sets
}

const NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A page number in a jump line: 3 or 三, 12 or 十二. */
export function pageNumeral(n: number, style: 'arabic' | 'chinese'): string {
  if (style === 'arabic') return String(n);
  if (n <= 10) return NUMERALS[n];
  if (n < 20) return '十' + NUMERALS[n - 10];
  return NUMERALS[Math.floor(n / 10)] + '十' + (n % 10 ? NUMERALS[n % 10] : '');
}

/** Headline, vertical title, photo and caption: everything of the block above or beside its text. */
function drawHeads(block: Placed, flowed: Flowed, ctx: Context): Item[] {
  const { plan, top, span } = block;
  const { grid, faces } = ctx;
  const items: Item[] = [];
  const x = grid.columnLeft(block.column);
  const yTop = grid.lineTop(top);
  if (plan.head) for (const r of headlineRuns(plan.head, flowed.headLines, grid.pitch)) items.push({ ...r, x: r.x + x, y: r.y + yTop });
  if (plan.vtitle) {
    const vx = x + (span - 1) * grid.columnStep;
    for (const r of plan.vtitle.runs) items.push({ ...r, x: r.x + vx, y: r.y + yTop });
  }
  if (plan.photo) {
    const photo = plan.photo;
    const id = plan.item.id;
    items.push({ type: 'image', file: plan.prepared.article.photo!.file, x, y: grid.lineTop(top + flowed.headLines), width: photo.width, height: photo.height, article: id });
    photo.caption.forEach((caption, i) => {
      const line = top + flowed.headLines + photo.lines + i;
      items.push(...lineRuns(caption.line, x, grid.baseline(line, faces.caption.ascent), ctx.issue.layout.caption.size, 'caption', id));
    });
  }
  return items;
}

/** A jump line in the note face: （上接第M版） at a slot's left, （下转第N版） at its right. */
function jumpLine(text: string, slot: Slot, right: boolean, ctx: Context, article: string): Item[] {
  const { grid, faces } = ctx;
  const t = setText(text, faces.note, grid.size, 'jump', undefined, false, ctx.setParagraph);
  return t.run(slot.x + (right ? grid.columnWidth - t.width : 0), grid.baseline(slot.line, faces.note.ascent), 0, article);
}

interface TextDrawn {
  items: Item[];
  printed: SetLine[];
  faults: BreakFaults;
  lastLine: number; // first grid line below the text
}

/** The text lines on their slots, counting widows and orphans at the column breaks inside the block. */
function drawText(block: Placed, flowed: Flowed, first: number, ctx: Context, pageNo: number): TextDrawn {
  const { grid, faces } = ctx;
  const { slots, flow, take } = flowed;
  const id = block.plan.item.id;
  const out: TextDrawn = { items: [], printed: [], faults: { widows: 0, orphans: 0, splits: 0, where: [] }, lastLine: block.top + flowed.headLines };
  let si = first;
  for (let i = 0; i < take && si < slots.length; i++) {
    const slot = slots[si++];
    const line: FlowLine = flow[i];
    if (line.kind === 'space') continue; // nothing to draw, nothing counted
    if (line.kind !== 'note') out.printed.push(line.line);
    // Column breaks inside the block: a widow at the head of a column, an orphan at its foot.
    const next = slots[si];
    if (i + 1 < take && next && next.x !== slot.x) {
      const after = flow[i + 1];
      const column = block.column + Math.round((slot.x - grid.columnLeft(block.column)) / grid.columnStep);
      const name = (what: string) => out.faults.where.push(`第${pageNo}版 栏${column}/${column + 1}: ${what}`);
      if (endsParagraph(after) && after.kind !== 'note') {
        out.faults.widows++;
        name(`widow (the last line of paragraph ${after.para + 1} heads 栏${column + 1}; no paragraph before it could be set a line longer or shorter within ½ em)`);
      }
      if (opensParagraph(line)) {
        out.faults.orphans++;
        name(`orphan (the first line of paragraph ${line.para + 1} ends 栏${column}; no paragraph before it could be set a line longer or shorter within ½ em)`);
      }
      if (splitsWord(line, after)) {
        out.faults.splits++;
        name(`a word split across the column break (${line.line.text.slice(-4)}|${after.line.text.slice(0, 4)})`);
      }
    }
    const face = line.kind === 'subhead' ? faces.subhead : faces.body;
    out.items.push(...lineRuns(line.line, slot.x, grid.baseline(slot.line, face.ascent), grid.size, line.kind === 'note' ? 'note' : 'body', id));
    out.lastLine = Math.max(out.lastLine, slot.line + 1);
  }
  return out;
}

function blockRecord(block: Placed, linesUsed: number, flowed: Flowed, ctx: Context): Block {
  const { grid } = ctx;
  const { plan } = block;
  return {
    article: plan.item.id,
    part: plan.continued ? 'continued' : 'article',
    x: grid.columnLeft(block.column),
    y: grid.lineTop(block.top),
    width: grid.spanWidth(block.span),
    height: block.lines * grid.pitch - grid.lineGap,
    column: block.column,
    columns: block.span,
    firstLine: block.top,
    lines: block.lines,
    linesUsed,
    linesNeeded: plan.needed,
    ...(flowed.jumpTo ? { jumpTo: flowed.jumpTo } : {}),
    ...(plan.continued ? { jumpFrom: plan.from } : {}),
  };
}

function fitRecord(block: Placed, flowed: Flowed, pageNo: number): Fit {
  const { plan } = block;
  const capacity = flowed.capacity;
  const jumping = flowed.jumpTo !== undefined;
  return {
    page: pageNo,
    article: plan.item.id,
    part: plan.continued ? 'continued' : 'article',
    column: block.column,
    columns: block.span,
    lines: block.lines,
    headLines: flowed.headLines,
    capacity,
    textLines: flowed.flow.length,
    used: flowed.take + (jumping ? 1 : 0),
    free: jumping ? 0 : capacity - flowed.flow.length,
    ...(jumping ? { jumpTo: flowed.jumpTo } : {}),
    ...(plan.continued ? { jumpFrom: plan.from } : {}),
  };
}

export function drawBlock(block: Placed, flowed: Flowed, ctx: Context, pageNo: number): Drawn {
  const { plan } = block;
  const id = plan.item.id;
  const numerals = ctx.issue.layout.text.jumpNumerals;
  const { slots } = flowed;
  const items = drawHeads(block, flowed, ctx);
  const continues = plan.continued && slots.length > 0;
  if (continues) items.push(...jumpLine(`（上接第${pageNumeral(plan.from!, numerals)}版）`, slots[0], false, ctx, id));
  const text = drawText(block, flowed, continues ? 1 : 0, ctx, pageNo);
  items.push(...text.items);
  let linesUsed = text.lastLine - block.top;
  let carried: Carried | undefined;
  if (flowed.jumpTo !== undefined && slots.length) {
    items.push(...jumpLine(`（下转第${pageNumeral(flowed.jumpTo, numerals)}版）`, slots[slots.length - 1], true, ctx, id));
    carried = { lines: flowed.flow.slice(flowed.take), from: pageNo };
    linesUsed = block.lines;
  } else if (!plan.continued && plan.prepared.article.jump) carried = { lines: [], from: pageNo };
  return { items, block: blockRecord(block, linesUsed, flowed, ctx), fit: fitRecord(block, flowed, pageNo), printed: text.printed, faults: text.faults, carried };
}
