// A synthetic issue of N pages for the benchmark, made from the sample's articles with their
// paragraphs rotated so that no two pages set the same text.
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
      const body = [...paras.slice(r), ...paras.slice(0, r)].join('\n\n');
      list.push({ id: `p${n}-${j}`, title: String(a.title ?? '标题').split('\n')[0], body, columns: [4, 2, 2][j] });
    }
    doc.pages.push({ number: n, section: '综合', articles: list });
  }
  writeFileSync(out, stringify(doc));
}
