// The typography report: per article, the counts a typesetter checks a galley for —
// kinsoku violations, lone last characters, widows and orphans at column breaks, the widest
// and mean inter-character space added, hung punctuation. `check --typography` prints them
// and the tests assert them.
import { classOf, forbiddenAtEnd, forbiddenAtStart, KinsokuLevel } from '../text/classify.js';
import type { FlowLine } from './compose.js';

export interface Typography {
  article: string;
  lines: number;
  kinsoku: number; // lines starting or ending with a forbidden mark (I1/I2)
  lone: number; // last lines of ≥ 2-line paragraphs with < 2 characters (孤字, I5)
  widows: number; // a column starting with the last line of a ≥ 2-line paragraph
  orphans: number; // a column ending with the first line of a ≥ 2-line paragraph
  loose: number; // lines with more than ¼ em added per gap
  maxGap: number; // em
  meanGap: number; // em, over justified lines
  hung: number; // lines with hanging punctuation
  offMeasure: number; // non-final justified lines not ending on the measure (±0.1 pt)
}

export function emptyTypography(article: string): Typography {
  return { article, lines: 0, kinsoku: 0, lone: 0, widows: 0, orphans: 0, loose: 0, maxGap: 0, meanGap: 0, hung: 0, offMeasure: 0 };
}

function visible(text: string): string[] {
  return Array.from(text.replace(/^[ \u3000]+|[ \u3000]+$/g, ''));
}

/** Count one line set into a column. */
export function countLine(t: Typography, fl: FlowLine, level: KinsokuLevel, sums: { gaps: number; n: number }): void {
  if (fl.kind === 'note') return;
  const l = fl.line;
  t.lines++;
  const chars = visible(l.text);
  if (chars.length) {
    const first = chars[0];
    const last = chars[chars.length - 1];
    if (forbiddenAtStart(classOf(first), level, first) && !(fl.index === 0)) t.kinsoku++;
    if (forbiddenAtEnd(classOf(last), level, last) && !l.last) t.kinsoku++;
  }
  if (l.last && fl.count >= 2 && l.chars < 2) t.lone++;
  if (l.gapMax > t.maxGap) t.maxGap = l.gapMax;
  if (!l.last && !l.startAligned) {
    sums.gaps += l.addedPerGap;
    sums.n++;
    if (Math.abs(l.width - l.measure) > 0.1) t.offMeasure++;
  }
  if (l.addedPerGap > 0.25 + 1e-9) t.loose++;
  if ((l as { hung?: boolean }).hung) t.hung++;
}
