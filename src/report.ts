// The copy-fit report of `check`, in layout staff's terms: 余/超 N 行 (约 M 字), 转第N版.
// It reads the same Composition as `render`, so the two never disagree.
import { Built } from './pipeline.js';
import { Fit } from './layout/compose.js';
import { mergeStats } from './text/stats.js';

function fitWords(f: Fit, chars: number): string {
  if (f.jumpTo) return `转第${f.jumpTo}版 (此处 ${f.used - 1} 行, 续 ${f.textLines - f.used + 1} 行)`;
  if (f.free >= 0) return `余 ${f.free} 行 (约 ${f.free * chars} 字)`;
  return `超 ${-f.free} 行 (约 ${-f.free * chars} 字)`;
}

export function fitReport(b: Built): string {
  const chars = b.issue.layout.grid.columnChars;
  const G = b.issue.layout.grid;
  const out: string[] = [];
  for (const page of b.comp.dl.pages) {
    const pg = b.issue.pages.find((p) => p.number === page.number)!;
    const fits = b.comp.fits.filter((f) => f.page === page.number);
    const area = G.columns * G.lines;
    const used = page.blocks.reduce((a, bl) => a + bl.columns * bl.lines, 0);
    out.push(`第${page.number}版${pg.section ? ' ' + pg.section : ''}  版面 ${G.columns} 栏 × ${G.lines} 行, 文章占 ${Math.round((used / area) * 100)}%`);
    for (const f of fits) {
      const name = f.part === 'continued' ? `${f.article} (上接第${f.jumpFrom}版)` : f.article;
      out.push(`  ${name.padEnd(28)} 第${f.column}栏起 ${f.columns}栏×${f.lines}行  标题 ${f.headLines} 行  正文需 ${f.textLines} 行 / 可排 ${f.capacity} 行  ${fitWords(f, chars)}`);
    }
    for (const p of b.comp.dl.problems.filter((p) => p.page === page.number)) out.push(`  ! ${p.message}`);
  }
  return out.join('\n') + '\n';
}

export function fitJson(b: Built) {
  return {
    issue: b.issue.file,
    grid: { columns: b.issue.layout.grid.columns, lines: b.issue.layout.grid.lines, columnChars: b.issue.layout.grid.columnChars },
    fits: b.comp.fits,
    problems: b.comp.dl.problems,
    warnings: b.comp.warnings,
    typography: b.comp.typography,
  };
}

/** `check --typography`: per article, then the issue's totals. */
export function typographyReport(b: Built): string {
  const rows = b.comp.typography;
  const out = ['排版质量 typography            行数  避头尾  孤字  寡行/孤行  松行  最大字距  平均字距  悬挂'];
  const fmt = (name: string, t: (typeof rows)[number]) =>
    `  ${name.padEnd(28)} ${String(t.lines).padStart(4)}  ${String(t.kinsoku).padStart(6)}  ${String(t.lone).padStart(4)}  ${`${t.widows}/${t.orphans}`.padStart(9)}  ${String(t.loose).padStart(4)}  ${t.maxGap.toFixed(3).padStart(6)}em  ${t.meanGap.toFixed(3).padStart(6)}em  ${String(t.hung).padStart(4)}`;
  for (const t of rows) out.push(fmt(t.article, t));
  const total = {
    article: 'issue',
    ...mergeStats(...rows),
    widows: rows.reduce((n, t) => n + t.widows, 0),
    orphans: rows.reduce((n, t) => n + t.orphans, 0),
    splits: rows.reduce((n, t) => n + t.splits, 0),
    where: [],
  };
  out.push(fmt('(全期 issue)', total));
  // Widows, orphans and split words left at column breaks, each named with why.
  for (const t of rows) for (const w of t.where ?? []) out.push(`  ! ${t.article}: ${w}`);
  return out.join('\n') + '\n';
}
