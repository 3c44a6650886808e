// Rules as one network (issue 13): a 0.5-pt horizontal rule centred in the empty pitch above
// stacked blocks, one rule across all the blocks that start under it (never broken at a
// gutter); 0.3-pt vertical rules centred in the gutters wherever two different blocks stand
// side by side, running through the rule pitches beside them and ending exactly on the
// horizontal rule above or below (T-joins and corners, no gaps, no doubles). Rules are ½ em
// from body type in a gutter and half a pitch and more from it across a rule pitch.
import type { Layout } from '../issue/model.js';
import type { Item } from './displaylist.js';
import type { Grid } from './grid.js';
import type { Box } from './types.js';

/** What stands at one grid line of one column: a block (its index), the rule pitch above a
 * stacked block, or nothing. */
type Cell = number | 'rule' | null;

function cellMap(boxes: Box[], furnitureEnd: number, grid: Grid): Cell[][] {
  const map: Cell[][] = Array.from({ length: grid.columns + 2 }, () => new Array<Cell>(grid.lines).fill(null));
  boxes.forEach((b, i) => {
    for (let c = b.column; c < b.column + b.span; c++) {
      for (let l = b.top; l < b.top + b.lines && l < grid.lines; l++) map[c][l] = i;
      if (b.top > furnitureEnd) map[c][b.top - 1] = 'rule';
    }
  });
  return map;
}

/** A vertical rule in gutter `g` (right of column g) at line l: two different things stand
 * either side, neither of them white, and not a rule pitch on both (there the horizontal crosses). */
function verticalAt(map: Cell[][], g: number, l: number): boolean {
  const a = map[g][l];
  const b = map[g + 1][l];
  return a !== null && b !== null && a !== b && !(a === 'rule' && b === 'rule');
}

/** A vertical rule in gutter g passes line l, or starts or ends on the rule pitch at l. */
function meets(map: Cell[][], g: number, l: number): boolean {
  return verticalAt(map, g, l) || (l > 0 && verticalAt(map, g, l - 1)) || (l + 1 < map[g].length && verticalAt(map, g, l + 1));
}

const ruleY = (grid: Grid, line: number) => grid.lineTop(line) + grid.size / 2;

function verticals(map: Cell[][], grid: Grid, width: number): Item[] {
  const items: Item[] = [];
  for (let g = 1; g < grid.columns; g++) {
    const x = grid.columnLeft(g + 1) - grid.gutter / 2;
    for (let l = 0; l < grid.lines; l++) {
      if (!verticalAt(map, g, l)) continue;
      const from = l;
      while (l + 1 < grid.lines && verticalAt(map, g, l + 1)) l++;
      // Ends on the horizontal rule in the pitch above or below, else at the type's edge.
      const above = from > 0 && (map[g][from - 1] === 'rule' || map[g + 1][from - 1] === 'rule');
      const below = l + 1 < grid.lines && (map[g][l + 1] === 'rule' || map[g + 1][l + 1] === 'rule');
      const y1 = above ? ruleY(grid, from - 1) : grid.lineTop(from);
      const y2 = below ? ruleY(grid, l + 1) : grid.lineTop(l) + grid.size;
      items.push({ type: 'rule', x1: x, y1, x2: x, y2, width });
    }
  }
  return items;
}

function horizontals(map: Cell[][], grid: Grid, width: number): Item[] {
  const items: Item[] = [];
  for (let l = 0; l < grid.lines; l++) {
    for (let c = 1; c <= grid.columns; c++) {
      if (map[c][l] !== 'rule') continue;
      const from = c;
      while (c + 1 <= grid.columns && map[c + 1][l] === 'rule') c++;
      // Reaches into the gutter where a vertical rule meets it, else stops at the type's edge.
      const left = from > 1 && meets(map, from - 1, l) ? grid.columnLeft(from) - grid.gutter / 2 : grid.columnLeft(from);
      const right = c < grid.columns && meets(map, c, l) ? grid.columnLeft(c + 1) - grid.gutter / 2 : grid.columnLeft(c) + grid.columnWidth;
      items.push({ type: 'rule', x1: left, y1: ruleY(grid, l), x2: right, y2: ruleY(grid, l), width });
    }
  }
  return items;
}

export function pageRules(boxes: Box[], furnitureEnd: number, grid: Grid, layout: Layout): Item[] {
  const map = cellMap(boxes, furnitureEnd, grid);
  return [...horizontals(map, grid, layout.rules.between), ...verticals(map, grid, layout.rules.side)];
}
