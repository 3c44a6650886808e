// Bad input is reported, never thrown as a bug: every problem is one line
// `FILE:LINE:COL: FIELD: what is wrong; what is accepted` (cli.md).
import type { Where } from './model.js';

/** Exit status for bad input or usage (cli.md). The CLI decides; we only name it. */
export const EXIT_INPUT = 2;

export interface Problem {
  file: string; // as the user gave it (not made absolute)
  line: number; // 1-based; 0 when there is no position (e.g. an unreadable file)
  col: number; // 1-based; 0 when unknown
  field: string; // `pages[0].articles[2].columns`, `issue.date`, `(yaml)`, `(file)`
  message: string; // what is wrong
  accepted: string; // what would be accepted instead
}

/** One line, no newlines inside whatever the input held. */
export function formatProblem(p: Problem): string {
  const pos = p.line > 0 ? `:${p.line}:${p.col > 0 ? p.col : 1}` : '';
  return oneLine(`${p.file}${pos}: ${p.field}: ${p.message}; ${p.accepted}`);
}

export function problemAt(where: Where, field: string, message: string, accepted: string): Problem {
  return { file: where.file, line: where.line, col: where.col, field, message, accepted };
}

/** Reading order: files in order of first mention, then line and column (stable otherwise). */
export function sortProblems(problems: Problem[]): Problem[] {
  const fileRank = new Map<string, number>();
  for (const p of problems) if (!fileRank.has(p.file)) fileRank.set(p.file, fileRank.size);
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => fileRank.get(a.p.file)! - fileRank.get(b.p.file)! || a.p.line - b.p.line || a.p.col - b.p.col || a.i - b.i)
    .map((x) => x.p);
}

export class InputError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.problems = problems;
  }

  /** The error lines, one per problem, for standard error. */
  lines(): string[] {
    return this.problems.map(formatProblem);
  }
}

// Values quoted from the input may hold newlines or control characters: show them escaped
// so that one problem stays one line.
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Show a user's value inside a message: quoted, shortened, on one line. */
export function quote(value: string, max = 40): string {
  const chars = Array.from(value);
  const s = chars.length > max ? chars.slice(0, max).join('') + '…' : value;
  return JSON.stringify(s);
}

/** Levenshtein distance, for did-you-mean suggestions. */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate within distance 2 (also matching camelCase against snake_case), or null. */
export function suggest(word: string, candidates: readonly string[]): string | null {
  const norm = (s: string) => s.toLowerCase().replace(/[_\-\s]/g, '');
  let best: string | null = null;
  let bestD = 3;
  for (const c of candidates) {
    const d = norm(word) === norm(c) ? 0 : distance(word.toLowerCase(), c.toLowerCase());
    // Short words: two edits would turn anything into anything ("x" → "id").
    if (d > Math.max(1, Math.floor(c.length / 2))) continue;
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
