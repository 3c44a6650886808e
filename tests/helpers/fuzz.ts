// Mutated issue files for the fuzz test and `npm run fuzz`: a seeded generator of our own.
import { rng } from './gen.js';

const JUNK = ['\u0000', '\u0007', '\u001b', '\t', '\r', '\u2028', '\uFEFF', '\uD800', '\uDFFF', '𠀀', '😀', '\u0301', '\u202E', '"', "'", ':', '- ', '{', '}', '[', ']', '#', '&a', '*a', '!!binary', '%', '@', '`', '|', '>', '\n  ', '\n', '\\'];
const VALUES = ['0', '-1', '9', '1e308', '99999999999999999999', 'NaN', '.inf', 'null', '~', 'true', '[]', '{}', '""', "'x'", '2025-02-30', '2025-13-01', 'abc', '[1, 2]', '{a: 1}', '3.5', '0x10', '"第3版"'];

export interface Mutant {
  name: string;
  bytes: Buffer;
}

/** One mutant of `base` (an issue file's text), chosen by the seeded generator. */
export function mutate(base: string, seed: number): Mutant {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const lines = base.split('\n');
  const li = Math.floor(r() * lines.length);
  const kind = Math.floor(r() * 10);
  switch (kind) {
    case 0: // drop a line (a key, a page, an article…)
      lines.splice(li, 1);
      return { name: `drop line ${li + 1}`, bytes: Buffer.from(lines.join('\n')) };
    case 1: {
      // swap a scalar value for another type
      const m = /^(\s*-?\s*[\w]+:\s*)(.+)$/.exec(lines[li]);
      if (m) lines[li] = m[1] + pick(VALUES);
      return { name: `value on line ${li + 1}`, bytes: Buffer.from(lines.join('\n')) };
    }
    case 2: {
      // random characters anywhere
      const at = Math.floor(r() * base.length);
      const junk = Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(JUNK)).join('');
      return { name: `junk at ${at}`, bytes: Buffer.from(base.slice(0, at) + junk + base.slice(at)) };
    }
    case 3: {
      // truncated file
      const b = Buffer.from(base);
      return { name: 'truncated', bytes: b.subarray(0, Math.floor(r() * b.length)) };
    }
    case 4: {
      // binary junk or invalid UTF-8 (a lone surrogate encoded as CESU bytes) inside
      const b = Buffer.from(base);
      const at = Math.floor(r() * b.length);
      const bad = r() < 0.5 ? Buffer.from([0xed, 0xa0, 0x80]) : Buffer.from(Array.from({ length: 8 }, () => Math.floor(r() * 256)));
      return { name: `bytes at ${at}`, bytes: Buffer.concat([b.subarray(0, at), bad, b.subarray(at)]) };
    }
    case 5: {
      // duplicate a line (duplicate keys, ids, pages)
      lines.splice(li, 0, lines[li]);
      return { name: `duplicate line ${li + 1}`, bytes: Buffer.from(lines.join('\n')) };
    }
    case 6: {
      // re-indent a line (bad nesting), sometimes with a tab
      lines[li] = (r() < 0.3 ? '\t' : ' '.repeat(Math.floor(r() * 7))) + lines[li].trimStart();
      return { name: `indent line ${li + 1}`, bytes: Buffer.from(lines.join('\n')) };
    }
    case 7: {
      // a hint out of range
      const keys = ['columns', 'lines', 'column', 'jump', 'number', 'pages'];
      const k = pick(keys);
      const v = pick(['0', '-3', '9', '200', '1e9', '2.5', '"x"']);
      return { name: `${k}: ${v}`, bytes: Buffer.from(base.replace(new RegExp(`${k}: ?[^,}\\n]+`), `${k}: ${v}`)) };
    }
    case 8: {
      // rare characters in a body: beyond the fonts, emoji, controls
      const ch = pick(['𠀀', '😀', '\u0001', '\uFFFF', '𪚥', '\u200B', '\u00AD']);
      return { name: `char ${JSON.stringify(ch)}`, bytes: Buffer.from(base.replace(/body: "/, `body: "${ch}`)) };
    }
    default: {
      // an unknown key, or a typo of a known one
      const key = pick(['colums', 'titel', 'jumps', 'byline_x', 'layuot', 'continue']);
      lines.splice(li, 0, lines[li].replace(/^(\s*-?\s*)[\w]+:/, `$1${key}:`));
      return { name: `key ${key}`, bytes: Buffer.from(lines.join('\n')) };
    }
  }
}
