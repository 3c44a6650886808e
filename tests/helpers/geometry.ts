// Geometry checks on a composed DisplayList: what "no overlaps, inside the type area, on the
// grid, justified to the measure" means, in one place for the tests.
import { DLPage, GlyphRun } from '../../src/layout/displaylist.js';
import { Face } from '../../src/text/face.js';
import { Grid } from '../../src/layout/grid.js';

export function overlaps(page: DLPage): string[] {
  const out: string[] = [];
  const b = page.blocks;
  for (let i = 0; i < b.length; i++)
    for (let j = i + 1; j < b.length; j++) {
      const p = b[i];
      const q = b[j];
      const cols = p.column < q.column + q.columns && q.column < p.column + p.columns;
      const rows = p.firstLine < q.firstLine + q.lines && q.firstLine < p.firstLine + p.lines;
      if (cols && rows) out.push(`page ${page.number}: ${p.article} overlaps ${q.article}`);
    }
  return out;
}

/** Glyph ink (from the font) outside the type area. */
export function outsideTypeArea(page: DLPage, faces: Map<string, Face>): string[] {
  const out: string[] = [];
  const t = page.typeArea;
  const eps = 0.01;
  for (const it of page.items) {
    if (it.type !== 'glyphs') continue;
    const face = faces.get(it.face)!;
    const k = (it.scale ?? 100) / 100;
    for (const g of it.glyphs) {
      const bb = face.bbox(g.id);
      if (!Number.isFinite(bb.minX)) continue; // a blank glyph has no ink
      const l = it.x + g.x + (bb.minX / face.upm) * it.size * k;
      const r = it.x + g.x + (bb.maxX / face.upm) * it.size * k;
      const top = it.y - face.ascent * it.size;
      const bottom = it.y + (1 - face.ascent) * it.size;
      if (l < t.x - eps || r > t.x + t.width + eps || top < t.y - eps || bottom > t.y + t.height + eps)
        out.push(`page ${page.number}: ${it.role} ${it.article ?? ''} glyph ${JSON.stringify(g.text)} at ${l.toFixed(2)}..${r.toFixed(2)}, ${top.toFixed(2)}..${bottom.toFixed(2)}`);
    }
  }
  return out;
}

export function bodyRuns(page: DLPage): GlyphRun[] {
  return page.items.filter((i): i is GlyphRun => i.type === 'glyphs' && i.role === 'body');
}

/** Justified body lines that do not end on the column's measure (±0.01 pt). */
export function offMeasure(page: DLPage, grid: Grid): string[] {
  const out: string[] = [];
  for (const r of bodyRuns(page)) {
    if (!r.justified || r.lineEnd === undefined) continue;
    const right = r.x + grid.columnWidth;
    if (Math.abs(r.lineEnd - right) > 0.01) out.push(`page ${page.number}: ${r.article} line at y ${r.y.toFixed(2)} ends at ${r.lineEnd.toFixed(3)}, measure ends at ${right.toFixed(3)}`);
  }
  return out;
}

/** Body baselines off the page's baseline grid. */
export function offGrid(page: DLPage, grid: Grid, faces: Map<string, Face>): string[] {
  const out: string[] = [];
  for (const r of bodyRuns(page)) {
    const top = r.y - faces.get(r.face)!.ascent * r.size;
    const i = (top - grid.y0) / grid.pitch;
    if (Math.abs(i - Math.round(i)) > 1e-6) out.push(`page ${page.number}: ${r.article} line top ${top} is not on the grid`);
  }
  return out;
}
