// Setting all the paragraphs of an issue in one batch: each from the paragraph cache when
// it is there, else set now and kept. (A worker thread taking half the batch was measured
// and dropped: V8's own background threads — concurrent GC and compilation — already keep
// the second core busy, CPU 1.22 s in 0.78 s of wall time for the sample; with the worker
// the sample took 0.98 s and 100 pages 3.0 s instead of 2.6 s.)
import { timed } from '../timing.js';
import { cachedSetting, keepSetting, paragraphKey } from './paracache.js';
import { ParagraphOptions, SetParagraph, setUncached } from './paragraph.js';
import type { Span } from './units.js';

export interface Job {
  spans: Span[];
  o: ParagraphOptions;
}

/** Every job set, in order: from the paragraph cache, else set and kept. */
export function setParagraphs(jobs: Job[]): SetParagraph[] {
  return jobs.map((j) => {
    const key = timed('cache', () => paragraphKey(j.spans, j.o));
    const hit = timed('cache', () => cachedSetting(key));
    if (hit) return hit;
    const r = setUncached(j.spans, j.o);
    timed('cache', () => keepSetting(key, r));
    return r;
  });
}
