// The data that flows between the steps of compose (prepare → plan → place → flow → draw →
// report). Its own module so that every step, and the column and typography helpers, take
// these types without importing compose.ts (no import cycle in src/layout).
import type { Article, Continued, Issue, Role } from '../issue/model.js';
import type { Face } from '../text/face.js';
import type { SetLine } from '../text/paragraph.js';
import type { Grid } from './grid.js';
import type { SetHeadline } from './headline.js';
import type { Setter } from './typeset.js';
import type { VerticalTitle } from './vertical.js';

/** One set line of an article's copy, with its place in its paragraph. */
export interface FlowLine {
  line: SetLine;
  para: number; // paragraph index (−1 for the note, −2 for a caption)
  index: number; // line index within its paragraph
  count: number; // lines of its paragraph
  kind: 'body' | 'subhead' | 'note' | 'space'; // space: a blank grid line above a subhead
}

/** An article's copy set once at the column measure, before any page is made up. */
export interface Prepared {
  article: Article;
  lines: FlowLine[];
  page: number;
  /** Set paragraph `para` again with `target` lines, or null if it cannot be done well. */
  reset: (para: number, target: number) => FlowLine[] | null;
}

/** Lines of an article still to set on its jump page, and the page they come from. */
export interface Carried {
  lines: FlowLine[];
  from: number;
}

/** A photo scaled to its span under the headline, its caption set below it. */
export interface PhotoPlan {
  span: number; // grid columns
  lines: number; // grid lines the picture takes
  width: number; // pt
  height: number; // pt
  caption: FlowLine[];
}

/** A block measured before placing: its span, headline and the lines its text needs. */
export interface Plan {
  item: Article | Continued;
  prepared: Prepared;
  continued: boolean;
  flow: FlowLine[];
  from?: number; // for a continuation: the page it comes from
  span: number; // grid columns
  head: SetHeadline | null;
  headLines: number;
  fromLine: number; // 1 when （上接第M版） takes the first text line
  needed: number; // block height its text and headline need, in lines
  fixed: boolean; // height given by a `lines` hint
  photo: PhotoPlan | null;
  vtitle: VerticalTitle | null;
}

/** One grid line of one column of a block, where a text line can stand. */
export interface Slot {
  x: number; // left of the column, pt
  line: number; // grid line
}

/** A block on the page grid, in grid columns and lines. */
export interface Box {
  column: number; // first grid column, 1-based
  span: number; // columns
  top: number; // first grid line
  lines: number; // height in lines
  fixed: boolean; // height given by a `lines` hint: never changed
  needed: number; // lines its text needs
}

/** A plan given its place on the page. */
export interface Placed extends Box {
  plan: Plan;
}

/** The copy-fit figures `check` prints for one block. */
export interface Fit {
  page: number;
  article: string;
  part: 'article' | 'continued';
  column: number;
  columns: number;
  lines: number; // block height in lines
  headLines: number; // lines taken by the headline (or jump head)
  capacity: number; // column-lines for text
  textLines: number; // column-lines the text (still) needs here
  used: number; // column-lines used by text here
  free: number; // column-lines left empty (余), or −over (超)
  jumpTo?: number;
  jumpFrom?: number;
}

/** Widows and orphans left at an article's column breaks. */
export interface BreakFaults {
  widows: number;
  orphans: number;
  splits: number; // words split across a column break
  where: string[]; // each fault left, named: 第3版 栏8 末行: orphan
}

/** What every step reads and none changes. */
export interface Context {
  issue: Issue;
  grid: Grid;
  faces: Record<Role, Face>;
  fallback: Face | undefined;
  prepared: Map<string, Prepared>;
  /** How text is set: the text stage's setParagraph, or the pipeline's cached wrapping. */
  setParagraph?: Setter;
}
