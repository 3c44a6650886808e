// read-back, `check --pdf`: a written PDF held against the issue composed now — every body
// line's end on the measure and at 100 % (one line per problem: page, article, line, by how
// much), and the glyphs, rules and images where the DisplayList put them (one line per page
// and kind of difference, with its first example).
import { DisplayList } from '../layout/displaylist.js';
import { compareWithDisplayList } from './fidelity.js';
import { checkJustification } from './measure.js';
import { readPdf } from './read.js';

export interface PdfCheck {
  lines: string[]; // one per problem, then a summary line
  problems: number;
}

export function checkPdf(dl: DisplayList, measure: number, pdf: Uint8Array): PdfCheck {
  const doc = readPdf(pdf);
  const just = checkJustification(dl, doc, measure);
  const fid = compareWithDisplayList(dl, doc);
  const lines = just.problems.map((p) => `第${p.page}版 ${p.article} 第${p.line}行: ${p.message}`);
  const seen = new Map<string, number>();
  for (const p of fid.problems) seen.set(`${p.page}:${p.kind}`, (seen.get(`${p.page}:${p.kind}`) ?? 0) + 1);
  for (const [k, n] of seen) {
    const [page, kind] = k.split(':');
    const first = fid.problems.find((p) => `${p.page}:${p.kind}` === k)!;
    lines.push(`第${page}版: ${n} × ${kind} differs from the composition, first: ${first.message}`);
  }
  const problems = just.problems.length + fid.problems.length;
  lines.push(`checked ${just.lines} body lines (${just.justified} justified, largest distance from the measure ${just.maxOff.toFixed(3)} pt), ${fid.glyphs} glyphs (largest origin difference ${fid.maxOrigin.toFixed(4)} pt), ${fid.rules} rules, ${fid.images} images: ${problems ? `${problems} problems` : 'no problems'}`);
  return { lines, problems };
}
