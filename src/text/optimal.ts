// Total-fit breaking (Knuth–Plass style) over the same legal breaks as the reference
// procedure. First version: falls back to the reference breaker.
import { Para } from './line.js';
import { Measures, breakReference } from './break.js';

export function breakOptimal(p: Para, m: Measures): number[] {
  return breakReference(p, m);
}
