// The page grid: type area, grid columns and the baseline grid every column shares.
import { Layout } from '../issue/model.js';

export class Grid {
  readonly x0: number; // type area left, page coordinates (MediaBox, incl. bleed)
  readonly y0: number;
  readonly width: number;
  readonly height: number;
  readonly size: number; // body size
  readonly pitch: number;
  readonly lineGap: number;
  readonly lines: number;
  readonly columns: number;
  readonly columnWidth: number;
  readonly columnStep: number;
  readonly gutter: number;

  constructor(layout: Layout) {
    this.x0 = layout.bleed + layout.typeArea.x;
    this.y0 = layout.bleed + layout.typeArea.y;
    this.width = layout.typeArea.width;
    this.height = layout.typeArea.height;
    this.size = layout.grid.bodySize;
    this.pitch = layout.grid.pitch;
    this.lineGap = layout.grid.pitch - layout.grid.bodySize;
    this.lines = layout.grid.lines;
    this.columns = layout.grid.columns;
    this.columnWidth = layout.columnWidth;
    this.columnStep = layout.columnStep;
    this.gutter = layout.columnStep - layout.columnWidth;
  }

  /** Top of line i's em box: all columns of a page share it. */
  lineTop(i: number): number {
    return this.y0 + i * this.pitch;
  }

  baseline(i: number, ascent = 0.88): number {
    return this.lineTop(i) + ascent * this.size;
  }

  /** Left edge of grid column `column` (1-based). */
  columnLeft(column: number): number {
    return this.x0 + (column - 1) * this.columnStep;
  }

  /** Width of a block spanning `span` columns: span·c + (span−1)·g em. */
  spanWidth(span: number): number {
    return span * this.columnWidth + (span - 1) * this.gutter;
  }
}
