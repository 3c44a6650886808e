// Lengths and type sizes as layout staff write them (typesetting.md §1); the program works in pt.

export const MM_PER_PT = 25.4 / 72;
export const PT_PER_MM = 72 / 25.4;

export function mmToPt(mm: number): number {
  return mm * PT_PER_MM;
}

export function ptToMm(pt: number): number {
  return pt * MM_PER_PT;
}

/** 号 sizes in pt: the DTP values (Word/WPS/Adobe/CTeX), typesetting.md §1. */
export const HAO_SIZES: Readonly<Record<string, number>> = {
  大特号: 63,
  特号: 54,
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
  六号: 7.5,
  小六: 6.5,
  七号: 5.5,
  八号: 5,
};

// Other spellings: 小X takes an optional 号 (小五号), 大特 needs none, 新五 is 小五.
// A bare numeral (五) is not accepted: it reads too easily as "5".
const HAO_ALIASES: Readonly<Record<string, string>> = {
  大特: '大特号',
  小初号: '小初',
  小一号: '小一',
  小二号: '小二',
  小三号: '小三',
  小四号: '小四',
  小五号: '小五',
  小六号: '小六',
  新五: '小五',
  新五号: '小五',
};

/** The size in pt of a 号 name (五号, 小五, 小五号, …), or undefined. */
export function haoSize(name: string): number | undefined {
  const key = name.trim().replace(/號/g, '号'); // traditional 號 too
  const canonical = HAO_SIZES[key] !== undefined ? key : HAO_ALIASES[key];
  return canonical === undefined ? undefined : HAO_SIZES[canonical];
}

/** What a length field accepts, for error lines. */
export const LENGTH_ACCEPTED = 'a length such as 390mm, 9pt, 13Q (1 Q = 0.25 mm), 0.5em, a bare number (pt) or a 号 size such as 小五 or 五号';
export const EM_ACCEPTED = 'an amount in em such as 0.25em or 0.25 (em), or a length such as 2pt or 1mm';

export type LengthResult = { ok: true; pt: number } | { ok: false; why: string };

export interface LengthOptions {
  /** The em in pt, for `0.5em`; without it em values are refused. */
  em?: number;
  /** What a bare number means: pt (default) or em. */
  bare?: 'pt' | 'em';
}

const UNIT_PT: Readonly<Record<string, number>> = {
  pt: 1,
  mm: PT_PER_MM,
  cm: 10 * PT_PER_MM,
  in: 72,
  q: 0.25 * PT_PER_MM, // 級/级: the phototypesetting unit
  级: 0.25 * PT_PER_MM,
  級: 0.25 * PT_PER_MM,
};

/** Parse `390mm`, `9pt`, `13Q`, `0.5em`, `9` or a 号 name into pt. Negative values are refused. */
export function parseLength(value: string | number, opts: LengthOptions = {}): LengthResult {
  const bare = opts.bare ?? 'pt';
  if (typeof value === 'number') return fromNumber(value, bare, opts.em);
  const text = value.trim();
  if (text === '') return { ok: false, why: 'empty' };

  const hao = haoSize(text);
  if (hao !== undefined) return { ok: true, pt: hao };

  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z级級]*)$/.exec(text);
  if (!m) return { ok: false, why: `not a length or 号 size: ${JSON.stringify(text)}` };
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  if (unit === '') return fromNumber(n, bare, opts.em);
  if (n < 0) return { ok: false, why: `negative: ${text}` };
  if (unit === 'em') {
    if (opts.em === undefined) return { ok: false, why: 'em is not allowed here (no body size to relate it to)' };
    return { ok: true, pt: n * opts.em };
  }
  const factor = UNIT_PT[unit];
  if (factor === undefined) return { ok: false, why: `unknown unit "${m[2]}" in ${JSON.stringify(text)}` };
  return { ok: true, pt: n * factor };
}

function fromNumber(n: number, bare: 'pt' | 'em', em: number | undefined): LengthResult {
  if (!Number.isFinite(n)) return { ok: false, why: `not a finite number: ${n}` };
  if (n < 0) return { ok: false, why: `negative: ${n}` };
  if (bare === 'pt') return { ok: true, pt: n };
  if (em === undefined) return { ok: false, why: 'em is not allowed here (no body size to relate it to)' };
  return { ok: true, pt: n * em };
}
