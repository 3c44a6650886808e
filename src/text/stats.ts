// The typography counter: what a typesetter checks a galley for, counted from set lines.
// The page composer calls it per article (`check --typography`); the tests assert it.
import { classOf, Cls, forbiddenAtEnd, forbiddenAtStart, KinsokuLevel } from './classify.js';
import type { SetLine } from './paragraph.js';

export interface Stats {
  lines: number;
  paragraphs: number; // runs of lines ending with a `last` line
  kinsoku: number; // lines starting or ending with a forbidden class (I1/I2)
  lone: number; // last lines of ≥ 2-line paragraphs with < 2 counting characters (孤字, I5)
  maxGap: number; // em: the widest space added between two characters
  gapSum: number; // em: addedPerGap summed over justified lines (for the mean)
  justified: number; // non-final lines justified to the measure
  meanGap: number; // em: gapSum / justified
  hung: number; // lines with hanging punctuation
  loose: number; // lines with more than `looseAt` em added per gap (¼, §5.2; the layout's budget: ⅛)
  over: number; // lines with more than ½ em added per gap (I7, reported)
  offMeasure: number; // non-final lines not ending on the measure within 0.1 pt (emergencies excepted)
  emergency: number; // lines ending inside a Western run wider than the measure (§3.3)
}

export function emptyStats(): Stats {
  return { lines: 0, paragraphs: 0, kinsoku: 0, lone: 0, maxGap: 0, gapSum: 0, justified: 0, meanGap: 0, hung: 0, loose: 0, over: 0, offMeasure: 0, emergency: 0 };
}

const EDGE_SPACE = /^[ \u3000]+|[ \u3000]+$/g;

/** Class and text of a line's first and last visible units (from the engine, else from the text). */
function edges(l: SetLine): { firstCls: Cls; firstText: string; lastCls: Cls; lastText: string } | null {
  if (l.firstCls && l.lastCls) return { firstCls: l.firstCls, firstText: l.firstText ?? '', lastCls: l.lastCls, lastText: l.lastText ?? '' };
  const chars = Array.from(l.text.replace(EDGE_SPACE, ''));
  if (!chars.length) return null;
  const a = chars[0];
  const z = chars[chars.length - 1];
  return { firstCls: classOf(a), firstText: a, lastCls: classOf(z), lastText: z };
}

/**
 * Count the lines of one or more paragraphs, in order (a paragraph ends with its `last`
 * line). A paragraph's first line may open with any mark; only breaks are judged. A line is
 * loose past `looseAt` em added per gap: §5.2's ¼ em, or the layout's spacing budget.
 */
export function lineStats(lines: SetLine[], level: KinsokuLevel = 'gb', looseAt = 0.25): Stats {
  const t = emptyStats();
  let inPara = 0; // lines of the current paragraph so far
  for (const l of lines) {
    const first = l.first ?? inPara === 0;
    inPara++;
    t.lines++;
    const ed = edges(l);
    if (ed) {
      if (!first && forbiddenAtStart(ed.firstCls, level, ed.firstText)) t.kinsoku++;
      if (!l.last && forbiddenAtEnd(ed.lastCls, level, ed.lastText)) t.kinsoku++;
    }
    if (l.last) {
      t.paragraphs++;
      if (inPara >= 2 && l.chars < 2) t.lone++;
      inPara = 0;
    }
    t.maxGap = Math.max(t.maxGap, l.gapMax);
    if (l.addedPerGap > looseAt + 1e-9) t.loose++;
    if (l.addedPerGap > 0.5 + 1e-9) t.over++;
    if (l.hung) t.hung++;
    if (l.emergency) t.emergency++;
    if (!l.last && !l.emergency) {
      if (Math.abs(l.width - l.measure) > 0.1) t.offMeasure++;
      else {
        t.justified++;
        t.gapSum += l.addedPerGap;
      }
    }
  }
  t.meanGap = t.justified ? t.gapSum / t.justified : 0;
  return t;
}

/** Sum counts of several articles or paragraphs (maxima stay maxima, the mean is recomputed). */
export function mergeStats(...all: Stats[]): Stats {
  const t = emptyStats();
  for (const s of all) {
    t.lines += s.lines;
    t.paragraphs += s.paragraphs;
    t.kinsoku += s.kinsoku;
    t.lone += s.lone;
    t.maxGap = Math.max(t.maxGap, s.maxGap);
    t.gapSum += s.gapSum;
    t.justified += s.justified;
    t.hung += s.hung;
    t.loose += s.loose;
    t.over += s.over;
    t.offMeasure += s.offMeasure;
    t.emergency += s.emergency;
  }
  t.meanGap = t.justified ? t.gapSum / t.justified : 0;
  return t;
}
