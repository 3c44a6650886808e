// Line-breaking speed: a 5,000-character article into 13-character lines, after the fonts
// are loaded (median of 20 runs), for both breakers. Part of `npm run bench`.
import { performance } from 'node:perf_hooks';
import { loadIssue } from '../../src/issue/load.js';
import { articleCopy } from '../../src/layout/copy.js';
import { openFaces } from '../../src/layout/compose.js';
import { setParagraph, Span } from '../../src/text/paragraph.js';

export function benchText(sample: string): string[] {
  const issue = loadIssue(sample);
  const { byRole } = openFaces(issue);
  const paras = issue.pages.flatMap((p) => p.items).flatMap((a) => (a.kind === 'article' ? articleCopy(a, byRole) : []));
  // An article of 5,000 characters: the sample's paragraphs in order until the count is reached.
  const article: Span[][] = [];
  let n = 0;
  for (const p of paras) {
    if (n >= 5000) break;
    if (p.kind !== 'body') continue;
    article.push(p.spans);
    n += p.text.length;
  }
  const out: string[] = [];
  for (const breaker of ['reference', 'optimal'] as const) {
    const times: number[] = [];
    for (let run = 0; run < 21; run++) {
      // Fresh span arrays each run, so units are built again (no cache hit).
      const fresh = article.map((spans) => spans.map((s) => ({ ...s })));
      const t0 = performance.now();
      for (const spans of fresh) setParagraph(spans, { size: 9, measure: 117, indent: 2, align: 'justify', kinsoku: 'gb', cjkLatinGap: 0.25, compressStops: true, hang: false, breaker });
      if (run > 0) times.push(performance.now() - t0); // run 0 warms the glyph caches
    }
    times.sort((a, b) => a - b);
    out.push(`| ${breaker} | ${n} | ${times[10].toFixed(1)} | ${times[0].toFixed(1)} | ${times[19].toFixed(1)} |`);
  }
  return out;
}
