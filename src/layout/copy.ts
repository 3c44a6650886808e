// Copy preparation: an article's body becomes paragraphs of spans with their faces —
// the byline run in at the start of the first paragraph, `**bold**` runs, `### ` subheads.
import { Article, Role } from '../issue/model.js';
import { Face } from '../text/face.js';
import { normalizeAscii } from '../text/normalize.js';
import { Span } from '../text/paragraph.js';

export interface CopyPara {
  kind: 'body' | 'subhead';
  spans: Span[];
  text: string; // the printed (normalised) text, for checks
}

/** Join the lines of one paragraph: no space between CJK characters, one between Latin words. */
function joinLines(p: string): string {
  const lines = p.split('\n').map((l) => l.trim()).filter((l) => l.length);
  let out = lines[0] ?? '';
  for (const l of lines.slice(1)) {
    const a = out[out.length - 1];
    const b = l[0];
    out += /[A-Za-z0-9,.;:!?]/.test(a) && /[A-Za-z0-9]/.test(b) ? ' ' + l : l;
  }
  return out;
}

export function splitParagraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n/)
    .map(joinLines)
    .filter((p) => p.length > 0);
}

/** Spans of a paragraph with `**bold**` marks: the marks are removed, the text normalised. */
function markSpans(text: string, body: Face, bold: Face, role: string): Span[] {
  const parts = text.split('**');
  // An unmatched `**` is printed as it is.
  if (parts.length % 2 === 0) return [{ text: normalizeAscii(text), face: body, role }];
  const plain = parts.join('');
  const norm = normalizeAscii(plain);
  const spans: Span[] = [];
  let at = 0;
  parts.forEach((p, i) => {
    if (!p) return;
    spans.push({ text: norm.slice(at, at + p.length), face: i % 2 ? bold : body, role: i % 2 ? 'bold' : role });
    at += p.length;
  });
  return spans;
}

/** A feature byline (署名): `文/陈墨`, `图/…`, `作者：…`, `□ 周明远` — not the news form 本报讯（记者…）. */
export function isFeatureByline(byline: string): boolean {
  return /^\s*((文|图|文图|文·图|作者)\s*[/／:：]|□)/.test(byline);
}

export function bylineSpans(byline: string, faces: Record<Role, Face>): Span[] {
  const t = normalizeAscii(byline.trim());
  const name = t.indexOf('（');
  if (isFeatureByline(t)) return [{ text: t, face: faces.bylineName, role: 'byline' }]; // 文/陈墨: the name's face
  if (name <= 0) return [{ text: t, face: faces.byline, role: 'byline' }];
  return [
    { text: t.slice(0, name), face: faces.byline, role: 'byline' },
    { text: t.slice(name), face: faces.bylineName, role: 'byline' },
  ];
}


/**
 * `featureByline`: how a feature byline stands — `space`: run in, followed by a 1-em space
 * (`文/陈墨　小时候…`); `own_line`: a line of its own above the text.
 */
export function articleCopy(a: Article, faces: Record<Role, Face>, featureByline: 'space' | 'own_line' = 'space'): CopyPara[] {
  const out: CopyPara[] = [];
  for (const p of splitParagraphs(a.body)) {
    if (p.startsWith('### ')) {
      const t = normalizeAscii(p.slice(4).trim());
      out.push({ kind: 'subhead', spans: [{ text: t, face: faces.subhead, role: 'subhead' }], text: t });
      continue;
    }
    const spans = markSpans(p, faces.body, faces.bold, 'body');
    out.push({ kind: 'body', spans, text: spans.map((s) => s.text).join('') });
  }
  if (a.byline) {
    const first = out.find((p) => p.kind === 'body');
    const feature = isFeatureByline(a.byline);
    const by = bylineSpans(a.byline, faces);
    if (feature && featureByline === 'own_line') {
      out.unshift({ kind: 'body', spans: by, text: by.map((s) => s.text).join('') });
      return out;
    }
    // The 1-em space is the body's (fixed), not the byline's (whose spaces may give way).
    if (feature && first) {
      first.spans[0] = { ...first.spans[0], text: '\u3000' + first.spans[0].text };
      first.text = '\u3000' + first.text;
    }
    if (first) {
      first.spans = [...by, ...first.spans];
      first.text = by.map((s) => s.text).join('') + first.text;
    } else out.unshift({ kind: 'body', spans: by, text: by.map((s) => s.text).join('') });
  }
  return out;
}
