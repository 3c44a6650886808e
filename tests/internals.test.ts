// Libraries' internals stay in src/adapters (issue 15 item 4): no file outside it reads or sets
// an underscore member (pdfkit's doc._font, fontkit's font._tables …), replaces a method of a
// library object (doc.fillOpacity = …), patches a prototype, reaches into Node's Module, or
// loads svg-to-pdfkit (which draws through a guarded view of the document, src/adapters/pdfkit-press.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { ROOT, SRC, sources } from './helpers/sources.js';

const REACHES: [string, RegExp][] = [
  ['an underscore member', /\.\s*_[A-Za-z]\w*|\[\s*['"`]_[A-Za-z]/],
  ['a library method replaced', /\.(ref|fillOpacity|strokeOpacity|opacity|fillColor|strokeColor|embed|addContent|registerFont|encode|getGlyph|glyphForCodePoint|includeGlyph)\s*=(?!=)/],
  ['a prototype patched', /\.prototype\b/],
  ["Node's Module", /\bModule\s*\.|\b_compile\b|\b_resolveFilename\b|\b_load\b/],
  ['svg-to-pdfkit loaded', /['"]svg-to-pdfkit['"]/],
];

/** The reaches into library internals in `code` (comments and strings of prose left out). */
export function reaches(code: string): string[] {
  const bare = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  return REACHES.filter(([, re]) => re.test(bare)).map(([what]) => what);
}

test('the check finds planted reaches (the logo code as it was before it moved)', () => {
  assert.deepEqual(reaches('const f = doc._font;'), ['an underscore member']);
  assert.deepEqual(reaches("doc.fillOpacity = doc.strokeOpacity = () => doc;"), ['a library method replaced']);
  assert.deepEqual(reaches('doc.ref = function (d) { return ref.call(doc, d); };'), ['a library method replaced']);
  assert.deepEqual(reaches("const s = require('svg-to-pdfkit');"), ['svg-to-pdfkit loaded']);
  assert.deepEqual(reaches('Module.prototype._compile = x;'), ['an underscore member', 'a prototype patched', "Node's Module"]);
  assert.deepEqual(reaches('// doc._font is pdfkit\'s\nconst a = b === c;'), []);
});

test('no file outside src/adapters reaches into a library', () => {
  const files = sources(SRC).filter((f) => !f.startsWith(join(SRC, 'adapters') + '/'));
  assert.ok(files.length > 40, `files: ${files.length}`);
  const found = files.flatMap((f) => reaches(readFileSync(f, 'utf8')).map((w) => `${relative(ROOT, f)}: ${w}`));
  assert.deepEqual(found, []);
});
