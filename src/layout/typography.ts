// The typography report: per article, what a typesetter checks a galley for. The line counts
// (kinsoku, 孤字, spacing, hung punctuation) come from the text stage's counter over the
// lines the article printed; widows and orphans at column breaks are the composer's own.
// `check --typography` prints them and the tests assert them.
import { KinsokuLevel } from '../text/classify.js';
import { Stats, lineStats } from '../text/stats.js';
import type { SetLine } from '../text/paragraph.js';
import type { FlowLine } from './types.js';

export interface Typography extends Stats {
  article: string;
  widows: number; // a column starting with the last line of a ≥ 2-line paragraph
  orphans: number; // a column ending with the first line of a ≥ 2-line paragraph
  splits: number; // a word (a Latin or digit run, a 《》 title) split across a column break
  where: string[]; // each of them named, with why it was left
}

/** The last line of a paragraph of two lines or more (a widow at a column's head). */
export function endsParagraph(fl: FlowLine): boolean {
  return fl.count >= 2 && fl.index === fl.count - 1;
}

/** The first line of a paragraph of two lines or more (an orphan at a column's foot). */
export function opensParagraph(fl: FlowLine): boolean {
  return fl.count >= 2 && fl.index === 0;
}

/** An article's report from the body lines it printed, in reading order across its parts. */
export function articleTypography(article: string, lines: SetLine[], breaks: { widows: number; orphans: number; splits: number; where: string[] }, level: KinsokuLevel, looseAt = 0.25): Typography {
  return { article, ...lineStats(lines, level, looseAt), ...breaks };
}
