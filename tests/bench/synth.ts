// A synthetic issue of N pages for the benchmark, made from the sample's articles with their
// paragraphs rotated and each paragraph turned at its own place, so that no paragraph is
// set twice in the issue.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

interface Art {
  id?: string;
  title?: string;
  body?: string;
  columns?: number;
  [k: string]: unknown;
}

export function synthIssue(sample: string, pages: number, out: string): void {
  const src = parse(readFileSync(sample, 'utf8'));
  const arts: Art[] = src.pages.flatMap((p: { articles: Art[] }) => p.articles.filter((a) => a.id && a.body));
  const doc = {
    layout: src.layout,
    paper: src.paper,
    issue: { date: src.issue.date, number: src.issue.number },
    pages: [] as unknown[],
  };
  for (let n = 1; n <= pages; n++) {
    const list: Art[] = [];
    for (let j = 0; j < 3; j++) {
      const a = arts[(n * 3 + j) % arts.length];
      const paras = String(a.body).split(/\n\s*\n/);
      const r = n % paras.length;
      // Every paragraph also turned at a place of its own, so that no paragraph is set twice
      // anywhere in the issue (a repeated one would be set once: the paragraph cache).
      const turn = (p: string, i: number) => {
        const cs = Array.from(p.trim());
        const k = cs.length > 8 ? (n * 31 + j * 7 + i * 13) % cs.length : 0;
        return [...cs.slice(k), ...cs.slice(0, k)].join('');
      };
      const body = [...paras.slice(r), ...paras.slice(0, r)].map(turn).join('\n\n');
      list.push({ id: `p${n}-${j}`, title: String(a.title ?? '标题').split('\n')[0], body, columns: [4, 2, 2][j] });
    }
    doc.pages.push({ number: n, section: '综合', articles: list });
  }
  writeFileSync(out, stringify(doc));
}
