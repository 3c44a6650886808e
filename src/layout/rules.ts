// Rules between blocks: a 0.5-pt rule centred in the empty pitch above a stacked block; a
// 0.3-pt rule centred in the gutter left of a block beside another.
import type { Layout } from '../issue/model.js';
import type { Item } from './displaylist.js';
import type { Grid } from './grid.js';
import type { Placed } from './types.js';

export function blockRules(block: Placed, furnitureEnd: number, grid: Grid, layout: Layout): Item[] {
  const items: Item[] = [];
  const x = grid.columnLeft(block.column);
  if (block.top > furnitureEnd) {
    // Centred in the white between the block above (its last line is top − 2) and this one.
    const y = grid.lineTop(block.top) - grid.pitch + grid.size / 2;
    items.push({ type: 'rule', x1: x, y1: y, x2: x + grid.spanWidth(block.span), y2: y, width: layout.rules.between });
  }
  if (block.column > 1) {
    const rx = x - grid.gutter / 2;
    items.push({ type: 'rule', x1: rx, y1: grid.lineTop(block.top), x2: rx, y2: grid.lineTop(block.top + block.lines - 1) + grid.size, width: layout.rules.side });
  }
  return items;
}
