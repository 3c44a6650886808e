// The DisplayList: composed pages as pure data (points, origin at the MediaBox's top-left,
// y downwards). JSON-serialisable; the PDF writer draws it and makes no decisions.

export interface Glyph {
  id: number; // glyph id in the face
  x: number; // pen position of the glyph's origin, pt from the run's x
  text: string; // the characters this glyph stands for (ToUnicode)
  adv: number; // advance drawn, pt (the glyph's own advance at this size)
}

export interface GlyphRun {
  type: 'glyphs';
  face: string; // FaceRef.key
  size: number; // pt
  x: number; // pt
  y: number; // baseline, pt
  glyphs: Glyph[];
  role: string; // body, title, masthead … (for tests and diff --explain)
  article?: string; // article id, when part of one
  /** Horizontal scale in % (长体), 100 = none. */
  scale?: number;
  /** Set vertically (竖排): glyph x are 0 and each glyph carries its own y offset in dy. */
  vertical?: boolean;
  dy?: number[];
  /** For body lines: the right edge of the set line (pt, page coordinates) and whether the
   * line is justified to the measure (every line of a paragraph but its last). */
  lineEnd?: number;
  justified?: boolean;
  /** Printer's marks and slug: drawn in all four inks (registration), knocking out. */
  colour?: 'registration';
}

export interface Rule {
  type: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number; // pt
  colour?: 'registration';
}

export interface ImageItem {
  type: 'image';
  file: string;
  x: number;
  y: number;
  width: number;
  height: number;
  article?: string;
}

/** The masthead artwork (paper.logo) in the box the name would take; drawn in place of it,
 * scaled to fit the box with its aspect kept, at the box's left and centred vertically. */
export interface LogoItem {
  type: 'logo';
  file: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Item = GlyphRun | Rule | ImageItem | LogoItem;

/** An article's (or continuation's) block on a page, for geometry tests, check and diff. */
export interface Block {
  article: string;
  part: 'article' | 'continued';
  x: number;
  y: number;
  width: number;
  height: number;
  column: number; // first grid column, 1-based
  columns: number;
  firstLine: number; // grid line index of the block's top (0-based)
  lines: number; // block height in grid lines
  linesUsed: number; // grid lines holding text in the fullest column (incl. headline)
  linesNeeded: number; // lines the whole text would need in this block
  jumpTo?: number; // page the rest went to
  jumpFrom?: number; // page this continues from
}

export interface DLPage {
  number: number;
  width: number; // MediaBox
  height: number;
  trimBox: [number, number, number, number]; // x, y, w, h in page coords (top-down)
  bleedBox: [number, number, number, number];
  typeArea: { x: number; y: number; width: number; height: number };
  items: Item[];
  blocks: Block[];
}

export interface Problem {
  kind: 'over' | 'underfull' | 'overfull' | 'headline' | 'text';
  page?: number;
  article?: string;
  message: string; // one line, in layout staff's terms
}

export interface DisplayList {
  title: string;
  date: string; // ISO date of the issue: PDF dates come from it, never the clock
  pages: DLPage[];
  problems: Problem[];
}
