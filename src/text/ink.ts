// I8 at font load (typesetting.md §4.1): the engine trims the blank half of a mark's cell,
// which is only right if the face is a GB (SC) cut: 。，、；：？！ and closing brackets with
// their ink in the left half of the cell, opening brackets in the right half. A TC/HK cut
// centres pause marks, and trimming them would cut into their ink. `fonts` reports this.
import { Face } from './face.js';

const OPEN = '“‘（《〈「『【〔〖［｛｟';
const CLOSE = '”’）》〉」』】〕〗］｝｠';
const STOP = '。，、；：？！．';
const TOLERANCE = 0.01; // em

export interface InkViolation {
  char: string;
  cls: 'OPEN' | 'CLOSE' | 'STOP';
  /** Ink box in the 1-em cell the engine sets the mark in (em). */
  inkL: number;
  inkR: number;
  message: string;
}

const cache = new WeakMap<Face, InkViolation[]>();

/** Marks of `face` whose ink is not where GB style needs it (empty for Noto Serif/Sans SC). */
export function punctuationInk(face: Face): InkViolation[] {
  const known = cache.get(face);
  if (known) return known;
  const out: InkViolation[] = [];
  const check = (chars: string, cls: InkViolation['cls']) => {
    for (const ch of chars) {
      const cp = ch.codePointAt(0)!;
      if (!face.has(cp)) continue;
      const g = face.glyph(cp);
      // Where the engine puts the glyph in its cell (units.ts): a proportional mark is set
      // in a 1-em cell with its ink toward the text it belongs to.
      const x = g.adv >= 0.9 ? 0 : cls === 'OPEN' ? 1 - g.adv : 0;
      const inkL = x + g.inkL;
      const inkR = x + g.inkR;
      if (inkR - inkL <= 0) continue; // no ink
      const bad = cls === 'OPEN' ? inkL < 0.5 - TOLERANCE || inkR > 1 + TOLERANCE : inkR > 0.5 + TOLERANCE || inkL < -TOLERANCE;
      if (!bad) continue;
      const want = cls === 'OPEN' ? 'the right half' : 'the left half';
      out.push({ char: ch, cls, inkL, inkR, message: `${ch} U+${cp.toString(16).toUpperCase().padStart(4, '0')}: ink ${inkL.toFixed(2)}–${inkR.toFixed(2)} em, GB style needs it in ${want} of the cell (a TC/HK cut?)` });
    }
  };
  check(OPEN, 'OPEN');
  check(CLOSE, 'CLOSE');
  check(STOP, 'STOP');
  cache.set(face, out);
  return out;
}
