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

  constructor(L: Layout) {
    this.x0 = L.bleed + L.typeArea.x;
    this.y0 = L.bleed + L.typeArea.y;
    this.width = L.typeArea.width;
    this.height = L.typeArea.height;
    this.size = L.grid.bodySize;
    this.pitch = L.grid.pitch;
    this.lineGap = L.grid.pitch - L.grid.bodySize;
    this.lines = L.grid.lines;
    this.columns = L.grid.columns;
    this.columnWidth = L.columnWidth;
    this.columnStep = L.columnStep;
    this.gutter = L.columnStep - L.columnWidth;
  }

  /** Top of line i's em box: all columns of a page share it. */
  lineTop(i: number): number {
    return this.y0 + i * this.pitch;
  }

  baseline(i: number, ascent = 0.88): number {
    return this.lineTop(i) + ascent * this.size;
  }

  /** Left edge of grid column k (1-based). */
  columnLeft(k: number): number {
    return this.x0 + (k - 1) * this.columnStep;
  }

  /** Width of a block spanning k columns: k·c + (k−1)·g em. */
  spanWidth(k: number): number {
    return k * this.columnWidth + (k - 1) * this.gutter;
  }
}
