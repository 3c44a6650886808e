// The test font TF of typesetting.md §10, built with opentype.js for exactly the characters
// a test needs: Han characters and full-width marks 1 em with GB ink placement (STOP/CLOSE
// ink in the left half of the cell, OPEN ink in the right half, · centred), ASCII letters,
// digits and punctuation ½ em, U+0020 ¼ em, — and … 1 em. unitsPerEm 1000, ascender 880,
// descender −120. A box contour per glyph is enough: the engine only reads advances and
// ink boxes.
import opentype from 'opentype.js';
import { Face, faceFromBuffer } from '../../src/text/face.js';
import { normalizeAscii } from '../../src/text/normalize.js';

const OPEN = '“‘（《〈「『【〔〖［｛｟';
const CLOSE_STOP = '”’）》〉」』】〕〗］｝｠。，、；：？！．';

/** Ink box [left, right] in font units and the advance for one code point. */
function metrics(ch: string): { adv: number; ink: [number, number] | null } {
  const cp = ch.codePointAt(0)!;
  if (ch === ' ') return { adv: 250, ink: null };
  if (ch === '\u3000') return { adv: 1000, ink: null };
  if (OPEN.includes(ch)) return { adv: 1000, ink: [600, 900] };
  if (CLOSE_STOP.includes(ch)) return { adv: 1000, ink: [100, 400] };
  if (ch === '·' || ch === '・' || ch === '‧') return { adv: 1000, ink: [420, 580] };
  if (ch === '\u2014' || ch === '\u2026' || ch === '\u22ef' || ch === '\u2e3a') return { adv: 1000, ink: [0, 1000] };
  if (cp < 0x2000) return { adv: 500, ink: [50, 450] }; // ASCII and Latin-1: letters, digits, / @ . -
  return { adv: 1000, ink: [50, 950] }; // Han, ／, ～, anything else full-width
}

function box(l: number, r: number): opentype.Path {
  const p = new opentype.Path();
  p.moveTo(l, -100);
  p.lineTo(r, -100);
  p.lineTo(r, 800);
  p.lineTo(l, 800);
  p.close();
  return p;
}

/** Code points used by some strings, and by what normalisation turns them into. */
export function codePointsOf(strings: string[]): string[] {
  const set = new Set<string>();
  for (const s of strings) for (const ch of s + normalizeAscii(s)) set.add(ch);
  return [...set].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
}

/** Build TF holding exactly the characters of `strings`; `ink` overrides ink boxes (font units). */
export function buildTF(strings: string[], ink: Record<string, [number, number]> = {}): Buffer {
  const glyphs: opentype.Glyph[] = [new opentype.Glyph({ name: '.notdef', unicode: 0, advanceWidth: 1000, path: box(100, 900) })];
  for (const ch of codePointsOf(strings)) {
    const m = metrics(ch);
    const adv = m.adv;
    const box0 = ink[ch] ?? m.ink;
    const cp = ch.codePointAt(0)!;
    glyphs.push(new opentype.Glyph({ name: `u${cp.toString(16).toUpperCase()}`, unicode: cp, advanceWidth: adv, path: box0 ? box(box0[0], box0[1]) : new opentype.Path() }));
  }
  const font = new opentype.Font({ familyName: 'TF', styleName: 'Regular', unitsPerEm: 1000, ascender: 880, descender: -120, glyphs });
  return Buffer.from(font.toArrayBuffer());
}

/** TF as a Face (fontkit parses the buffer, as for a real font file). */
export function tfFace(strings: string[], ink: Record<string, [number, number]> = {}): { face: Face; buf: Buffer } {
  const buf = buildTF(strings, ink);
  return { face: faceFromBuffer('tf', buf), buf };
}
