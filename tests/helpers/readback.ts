// Read every body character back from a rendered PDF, in order, for each article on its
// page(s): the "nothing lost, doubled or reordered" check of issue-format.md.
import { Built } from '../../src/pipeline.js';
import { extractText } from '../../src/visual/pdftext.js';
import { articleCopy } from '../../src/layout/copy.js';
import { openFaces } from '../../src/layout/compose.js';

const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

/** Problems found (empty when every article's text is on its pages in order). */
export async function readBack(b: Built & { pdf: Buffer }): Promise<string[]> {
  const pages = await extractText(new Uint8Array(b.pdf));
  const pageText = pages.map((p) => squash(p.items.map((i) => i.str).join('')));
  const { byRole } = openFaces(b.issue);
  const out: string[] = [];
  for (const page of b.issue.pages) {
    for (const it of page.items) {
      if (it.kind !== 'article') continue;
      const expected = squash(articleCopy(it, byRole, b.issue.layout.text.featureByline).map((p) => p.text).join(''));
      const here = pageText[page.number - 1];
      const block = b.comp.dl.pages[page.number - 1].blocks.find((bl) => bl.article === it.id && bl.part === 'article');
      if (!block) continue; // not placed: reported as a layout problem
      if (!block.jumpTo) {
        if (!here.includes(expected) && !b.comp.dl.problems.some((p) => p.article === it.id && p.kind === 'over')) out.push(`${it.id}: body not found in order on page ${page.number}`);
        continue;
      }
      const to = `（下转第${block.jumpTo}版）`;
      const from = `（上接第${page.number}版）`;
      const there = pageText[block.jumpTo - 1];
      const cut = here.indexOf(to);
      const at = there.indexOf(from);
      if (cut < 0 || at < 0) {
        out.push(`${it.id}: jump lines missing`);
        continue;
      }
      const before = here.slice(0, cut);
      let k = 0;
      for (let n = expected.length - 1; n > 0; n--)
        if (before.endsWith(expected.slice(0, n))) {
          k = n;
          break;
        }
      if (k === 0) out.push(`${it.id}: the text before ${to} is not the start of its body`);
      else if (!there.slice(at + from.length).includes(expected.slice(k))) out.push(`${it.id}: page ${block.jumpTo} does not continue the body after ${from}`);
    }
  }
  return out;
}
