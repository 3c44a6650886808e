// Which lines moved: a reviewer reads this before the pixels. From two DisplayLists it names
// the articles whose placement or line breaks changed.
import { DisplayList, GlyphRun } from '../layout/displaylist.js';

export interface ArticleSummary {
  page: number;
  part: string;
  block: string; // 第N栏起 k栏×n行 @ line
  lines: string[]; // the printed text of each body line, in reading order
}

export type Summary = Record<string, ArticleSummary>; // key: `${id}#${part}`

/** A compact, JSON-friendly summary of where every article went and how its lines broke. */
export function summarize(dl: DisplayList): Summary {
  const out: Summary = {};
  for (const page of dl.pages) {
    for (const b of page.blocks) {
      const runs = page.items.filter((i): i is GlyphRun => i.type === 'glyphs' && i.article === b.article && (i.role === 'body' || i.role === 'bold' || i.role === 'byline' || i.role === 'subhead' || i.role === 'note'));
      // One line = the runs on one baseline in one column; reading order is column, then line.
      const byLine = new Map<string, { x: number; y: number; text: string }>();
      for (const r of runs) {
        const col = Math.round(r.x * 100) / 100;
        const key = `${col}|${r.y.toFixed(2)}`;
        const cur = byLine.get(key) ?? { x: col, y: r.y, text: '' };
        cur.text += r.glyphs.map((g) => g.text).join('');
        byLine.set(key, cur);
      }
      const lines = [...byLine.values()].sort((p, q) => p.x - q.x || p.y - q.y).map((l) => l.text);
      out[`${b.article}#${b.part}`] = { page: page.number, part: b.part, block: `第${b.column}栏起 ${b.columns}栏×${b.lines}行, 第${b.firstLine + 1}行`, lines };
    }
  }
  return out;
}

export function explain(old: Summary, cur: Summary): string[] {
  const out: string[] = [];
  const keys = [...new Set([...Object.keys(old), ...Object.keys(cur)])].sort();
  for (const k of keys) {
    const [id, part] = k.split('#');
    const name = part === 'continued' ? `${id} (continued)` : id;
    const a = old[k];
    const b = cur[k];
    if (!a) {
      out.push(`${name}: new on page ${b.page} (${b.block})`);
      continue;
    }
    if (!b) {
      out.push(`${name}: gone from page ${a.page}`);
      continue;
    }
    if (a.page !== b.page || a.block !== b.block) out.push(`${name}: placement changed: page ${a.page} ${a.block} → page ${b.page} ${b.block}`);
    const n = Math.max(a.lines.length, b.lines.length);
    let first = -1;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      if (a.lines[i] !== b.lines[i]) {
        if (first < 0) first = i;
        changed++;
      }
    }
    if (first >= 0) {
      const was = a.lines[first] ?? '(none)';
      const now = b.lines[first] ?? '(none)';
      out.push(`${name}: line breaks changed on page ${b.page} from line ${first + 1} (${changed} of ${n} lines differ; ${a.lines.length} → ${b.lines.length} lines): 「${was}」 → 「${now}」`);
    }
  }
  return out;
}
