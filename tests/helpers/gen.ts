// Generated issue files for the composition and fuzz tests: seeded, so every run is the same.

export const PARAS = [
  '春潮涌动催人进,奋楫扬帆正当时。7日,钱塘(新)区科技创新引领新型工业化高质量发展大会召开。',
  '金承涛指出,立足新起点,钱塘围绕中央和省市委工作要求,牢牢把握“因地制宜”原则,从产业基础、科研资源出发,谋划提出“55830”行动方案。',
  '消纳场地面积2264亩,用于保障钱塘区及杭州市相关城区的土方消纳。全年完成投资23.5亿元,同比增长12.8%。',
  '会议强调,要全面落实进一步深化改革“1+12+5”体系;扎实推进中央环境保护督察问题整改,举一反三带动全域生态环境质量跃升。',
  '发布《钱塘(新)区新型工业化行动方案(2025-2027年)》,5家企业为高校人才颁发“科技副总”聘书——这是一次“教科人一体”的尝试……',
  '杭州亿昇达新能源科技有限公司致力于打造具有全球影响力的固态电池系统创新企业,AI与5G应用场景不断拓展。',
];

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export interface GenArticle {
  id: string;
  title: string;
  body: string;
  columns: number;
  lines?: number;
  column?: number;
  jump?: number;
}

export function genIssue(seed: number, pageCount = 4): { yaml: string; hinted: Set<number>; tiled: Set<number> } {
  const r = rng(seed);
  const pages: { number: number; articles: GenArticle[] }[] = [];
  const hinted = new Set<number>();
  const tiled = new Set<number>();
  // Which pages are tiled is drawn first: a continuation lands only on a page that is not,
  // since an unlisted continuation takes whatever space is left there.
  const tiledPages = Array.from({ length: pageCount + 1 }, () => r() < 0.5);
  for (let n = 1; n <= pageCount; n++) {
    const arts: GenArticle[] = [];
    let budget = 8 * 95;
    let i = 0;
    // Half the pages come as rows of spans that add up to the full width, each pinned to its
    // column, no `lines`: such hints can always tile the page, and the composer must fill it.
    const rows = tiledPages[n];
    const rowSpans = [[5, 3], [4, 4], [3, 3, 2], [2, 6], [8], [3, 5], [2, 2, 4]];
    // Each row's spans with the column each starts in (layout staff pin rows that way).
    const queue: [number, number][] = [];
    // A banner row (通栏) may open the page; under it the stacks of one column pattern.
    if (rows) {
      const pattern = rowSpans[Math.floor(r() * rowSpans.length)];
      const patterns = [...(r() < 0.5 ? [[8]] : []), pattern, pattern, ...(r() < 0.5 ? [pattern] : [])];
      for (const row of patterns) {
        let c = 1;
        for (const span of row) {
          queue.push([span, c]);
          c += span;
        }
      }
    }
    if (rows) tiled.add(n);
    while (rows ? queue.length > 0 : budget > 0 && i < 9) {
      const [columns, pinned] = rows ? queue.shift()! : [1 + Math.floor(r() * 8), 0];
      const paras = 1 + Math.floor(r() * 12);
      const body = Array.from({ length: paras }, () => PARAS[Math.floor(r() * PARAS.length)]).join('\n\n');
      const a: GenArticle = { id: `g${n}-${i}`, title: '钱塘区推进高质量发展', body, columns };
      if (pinned) a.column = pinned;
      if (!rows && r() < 0.3) {
        a.lines = 6 + Math.floor(r() * 40);
        hinted.add(n);
      }
      if (!rows && r() < 0.2) {
        a.column = 1 + Math.floor(r() * (9 - columns));
        hinted.add(n);
      }
      const to = n === pageCount ? 1 : n + 1;
      if (r() < 0.25 && pageCount > 1 && !tiledPages[to]) a.jump = to;
      arts.push(a);
      budget -= columns * (6 + Math.ceil((body.length / 13 + 2) / columns));
      i++;
    }
    pages.push({ number: n, articles: arts });
  }
  const yaml = `layout: broadsheet\npaper: { name: 钱塘新区报 }\nissue: { date: 2025-03-11, number: 756 }\npages:\n${pages
    .map((p) => `  - number: ${p.number}\n    articles:\n${p.articles.map((a) => `      - ${JSON.stringify(a)}`).join('\n')}`)
    .join('\n')}\n`;
  return { yaml, hinted, tiled };
}

