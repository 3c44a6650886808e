// read-back, align: what a page draws, in its DisplayList page's coordinates. When the PDF's
// TrimBox sits elsewhere on its MediaBox than the DisplayList's (marks added round the page
// after composition), everything read is shifted back by the offset, and what lies outside
// the BleedBox (crop and registration marks, the slug) is left out: it was never composed.
import { DLPage } from '../layout/displaylist.js';
import { Drawn } from './content.js';
import { ReadPage, topDown } from './read.js';

export function composedPart(page: DLPage, rp: ReadPage): Drawn {
  const [tx, ty] = topDown(rp.trimBox ?? rp.mediaBox, rp.mediaBox);
  const dx = tx - page.trimBox[0];
  const dy = ty - page.trimBox[1];
  const [bx, by, bw, bh] = page.bleedBox;
  const inBleed = (x: number, y: number) => x >= bx - 0.5 && x <= bx + bw + 0.5 && y >= by - 0.5 && y <= by + bh + 0.5;
  const d = rp.drawn;
  // Same place: the DisplayList holds all the page draws (marks too, when it has them).
  if (Math.abs(dx) < 1e-9 && Math.abs(dy) < 1e-9) return d;
  return {
    ...d,
    glyphs: d.glyphs.map((g) => ({ ...g, x: g.x - dx, y: g.y - dy, ink: g.ink && ([g.ink[0] - dx, g.ink[1] - dx] as [number, number]) })).filter((g) => inBleed(g.x, g.y)),
    paths: d.paths
      .map((p) => ({ ...p, segs: p.segs.map(([x1, y1, x2, y2]) => [x1 - dx, y1 - dy, x2 - dx, y2 - dy] as [number, number, number, number]) }))
      .filter((p) => p.segs.every(([x1, y1, x2, y2]) => inBleed(x1, y1) && inBleed(x2, y2))),
    images: d.images.map((im) => ({ ...im, x: im.x - dx, y: im.y - dy })),
  };
}
