// The pipeline in one place: load → compose → write. The CLI and the tests call these.
import { loadIssue } from './issue/load.js';
import { Issue } from './issue/model.js';
import { InputError, Problem as InputProblem } from './issue/errors.js';
import { compose, Composition } from './layout/compose.js';
import { addMarks } from './layout/marks.js';
import { imageSize } from './layout/image.js';
import { displayPath } from './issue/layout.js';
import { setParagraph } from './text/paragraph.js';
import { cachedSetter } from './cache/paragraphs.js';
import { timed, timedAsync } from './timing.js';

export interface Built {
  issue: Issue;
  comp: Composition;
  /** Paragraphs taken from the cache and set afresh (null: caches off). */
  paragraphs: { hits: number; misses: number } | null;
}

/** Characters no face has become input errors naming U+XXXX, the article and the line. */
export function missingProblems(issue: Issue, comp: Composition): InputProblem[] {
  const seen = new Set<string>();
  const out: InputProblem[] = [];
  for (const m of comp.missing) {
    const key = m.article + m.field + m.char;
    if (seen.has(key)) continue;
    seen.add(key);
    const art = issue.pages.flatMap((p) => p.items).find((i) => i.kind === 'article' && i.id === m.article);
    const where = art && art.kind === 'article' ? (m.field === 'body' ? art.bodyWhere : art.where) : { file: issue.file, line: 0, col: 0 };
    let line = where.line;
    let col = where.col;
    if (art && art.kind === 'article' && m.field === 'body') {
      const at = art.body.indexOf(m.char);
      if (at >= 0) {
        const before = art.body.slice(0, at);
        const nl = before.split('\n').length - 1;
        // Block scalars start on the line after the `body: |` indicator.
        line = where.line + nl + (art.body.includes('\n') ? 1 : 0);
        col = nl ? at - before.lastIndexOf('\n') : where.col + at;
      }
    }
    const cp = m.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    out.push({ file: where.file, line, col, field: `${m.article}.${m.field}`, message: `U+${cp} ${JSON.stringify(m.char)} is in no face of the layout`, accepted: m.field === 'body' ? 'characters the body face has, or a fallback face named in the layout' : `characters the ${m.field} face has` });
  }
  return out;
}

/** Photos whose file has no image header: compose sizes photos from it. */
function photoProblems(issue: Issue): InputProblem[] {
  const out: InputProblem[] = [];
  for (const p of issue.pages)
    for (const it of p.items) {
      if (it.kind !== 'article' || !it.photo) continue;
      try {
        imageSize(it.photo.file);
      } catch {
        const w = it.photo.where;
        out.push({ file: w.file, line: w.line, col: w.col, field: `${it.id}.photo`, message: `${displayPath(it.photo.file)} is not a PNG or JPEG image (no image header)`, accepted: 'a JPEG or PNG file, relative to the issue file' });
      }
    }
  return out;
}

export function build(file: string, onLoaded?: (issue: Issue) => void): Built {
  const issue = timed('load', () => loadIssue(file));
  const bad = photoProblems(issue);
  if (bad.length) throw new InputError(bad);
  onLoaded?.(issue);
  // The text stage is pure; its settings are kept per issue file, from outside.
  const cached = cachedSetter(issue.file, setParagraph);
  const comp = timed('compose', () => compose(issue, { setParagraph: cached?.setParagraph }));

  const miss = missingProblems(issue, comp);
  if (miss.length) throw new InputError(miss);
  return { issue, comp, paragraphs: cached?.stats() ?? null };
}

export interface PdfOptions {
  /** Crop and registration marks and a slug (default: the layout's `output.marks`). */
  marks?: boolean;
}

export async function buildPdf(file: string, opts: PdfOptions = {}): Promise<Built & { pdf: Buffer }> {
  // The writer is loaded only for a PDF (`check` and `fonts` never load it: ~10 ms).
  const [{ writePdf }, { preparePress, startPress }] = await Promise.all([import('./render/pdf.js'), import('./render/prepare.js')]);
  const b = build(file, startPress); // photos' libvips work begins alongside composition
  const out = b.issue.layout.output;
  if (opts.marks ?? out.marks) addMarks(b.comp.dl, b.issue, b.comp.faces.get(b.issue.layout.faces.body.key)!);
  const press = await timedAsync('photos', () => preparePress(b.comp.dl, out, b.issue));
  b.comp.warnings.push(...press.warnings);
  const pdf = await timedAsync('write', () => writePdf(b.comp.dl, b.comp.faces, press));
  return { ...b, pdf };
}
