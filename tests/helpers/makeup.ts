// Page make-up measured on the DisplayList: text lines per column of each block (from the
// glyph runs themselves, not from the composer's records), the columns a photo or vertical
// title stands in, and the joins of the rule network.
import { Block, DLPage, GlyphRun, Rule } from '../../src/layout/displaylist.js';
import { Grid } from '../../src/layout/grid.js';

export interface ColumnCount {
  block: Block;
  lines: number[]; // text lines per column of the block
  figure: boolean[]; // a photo or vertical title stands in that column
}

const isText = (r: GlyphRun) => r.lineEnd !== undefined || r.role === 'note' || r.role === 'jump';

export function columnCounts(page: DLPage, grid: Grid): ColumnCount[] {
  return page.blocks.map((block) => {
    const lines = Array.from({ length: block.columns }, () => new Set<number>());
    const figure = Array.from({ length: block.columns }, () => false);
    const colOf = (x: number) => Math.floor((x - grid.x0 + grid.gutter / 2) / grid.columnStep) + 1 - block.column;
    const inBlock = (y: number) => y >= block.y - 1 && y <= block.y + block.height + 1;
    for (const it of page.items) {
      if (it.type === 'image' && it.article === block.article && inBlock(it.y)) {
        for (let c = colOf(it.x); c <= colOf(it.x + it.width - 1); c++) if (c >= 0 && c < block.columns) figure[c] = true;
      }
      if (it.type !== 'glyphs' || it.article !== block.article || !inBlock(it.y)) continue;
      const c = colOf(it.x);
      if (c < 0 || c >= block.columns) continue;
      if (it.vertical) figure[c] = true;
      else if (isText(it)) lines[c].add(Math.round(it.y * 100));
    }
    return { block, lines: lines.map((s) => s.size), figure };
  });
}

/** Make-up faults of a page: an empty column beside one with text, columns more than a line apart. */
export function balanceFaults(page: DLPage, grid: Grid): string[] {
  const out: string[] = [];
  for (const { block, lines, figure } of columnCounts(page, grid)) {
    const free = lines.filter((_, c) => !figure[c]);
    const total = free.reduce((a, b) => a + b, 0);
    if (free.length < 2 || total < free.length) continue;
    const where = `page ${page.number} ${block.article}${block.part === 'continued' ? ' (continued)' : ''} [${lines.join(', ')}]`;
    if (free.some((n) => n === 0)) out.push(`${where}: an empty column beside text`);
    else if (Math.max(...free) - Math.min(...free) > 1) out.push(`${where}: columns differ by ${Math.max(...free) - Math.min(...free)} lines`);
  }
  return out;
}

export type { Rule };
