// Glue between the text stage and the page: single lines (headlines, furniture) and set
// lines turned into glyph runs of the DisplayList.
import { Face } from '../text/face.js';
import { normalizeAscii } from '../text/normalize.js';
import { DEFAULT_ENGINE, ParagraphOptions, SetLine, SetParagraph, setParagraph, Span } from '../text/paragraph.js';

/** Sets one paragraph: the text stage's setParagraph or the pipeline's wrapping of it (cache). */
export type Setter = (spans: Span[], options: ParagraphOptions) => SetParagraph;
import { GlyphRun } from './displaylist.js';

export interface SetText {
  width: number; // pt at natural width
  count: number; // glyphs
  line: SetLine;
  /** The line as glyph runs (one per face) at (x, baseline), `tracking` pt added after each glyph. */
  run(x: number, baseline: number, tracking?: number, article?: string): GlyphRun[];
}

/** Set a single line (never broken) at natural width: headlines, folio, masthead, jump lines.
 * `kern`: quotes and brackets tight against their neighbours (headline sizes). `set`: the
 * setter compose is given (the pipeline's cache), else the text stage's own. */
export function setText(text: string, face: Face, size: number, role: string, spans?: Span[], kern = false, set: Setter = setParagraph): SetText {
  const sp = spans ?? [{ text: normalizeAscii(text), face, role }];
  const r = set(sp, { ...DEFAULT_ENGINE, breaker: 'reference', size, measure: 1e6, indent: 0, align: 'start', kernBrackets: kern });
  const line = r.lines[0] ?? { glyphs: [], text: '', width: 0, natural: 0, measure: 0, last: true, startAligned: true, emergency: false, overfull: false, addedPerGap: 0, gapMax: 0, chars: 0 };
  return {
    width: line.width,
    count: line.glyphs.length,
    line,
    run(x, baseline, tracking = 0, article) {
      return lineRuns(line, x, baseline, size, role, article, tracking);
    },
  };
}

/** A set line as glyph runs, one per face. */
export function lineRuns(line: SetLine, x: number, baseline: number, size: number, role: string, article?: string, tracking = 0, scale = 100): GlyphRun[] {
  const runs: GlyphRun[] = [];
  let cur: GlyphRun | null = null;
  const factor = scale / 100;
  line.glyphs.forEach((g, i) => {
    if (!cur || cur.face !== g.face) {
      cur = { type: 'glyphs', face: g.face, size, x, y: baseline, glyphs: [], role: g.role === 'body' ? role : g.role, ...(article ? { article } : {}), ...(scale !== 100 ? { scale } : {}) };
      if (role === 'body') {
        cur.lineEnd = x + line.width;
        cur.justified = !line.last && !line.startAligned;
      }
      runs.push(cur);
    }
    // Unscaled and untracked (every body line), the set glyph is the drawn glyph: shared, not copied.
    cur.glyphs.push(factor === 1 && tracking === 0 ? g : { id: g.id, x: g.x * factor + tracking * i, text: g.text, adv: g.adv * factor });
  });
  return runs;
}
