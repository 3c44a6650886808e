// Characters beyond the body face: an error naming U+XXXXX, the article and the line —
// unless the layout names a fallback face that has them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, buildPdf } from '../src/pipeline.js';
import { InputError } from '../src/issue/errors.js';
import { buildTF } from './helpers/tf.js';

const RARE = '𠀀'; // U+20000, CJK Ext-B: not in Noto Serif SC
function issue(dir: string, layout: string): string {
  const f = join(dir, 'issue.yaml');
  writeFileSync(f, `layout: ${layout}\npaper: { name: 钱塘新区报 }\nissue: { date: 2025-03-11, number: 756 }\npages:\n  - number: 1\n    articles:\n      - id: a\n        title: 标题\n        body: |\n          第一段，人名${RARE}字。\n        columns: 2\n`);
  return f;
}

test('a character no face has is an input error naming U+20000, the article and the body line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-fb-'));
  const f = issue(dir, 'broadsheet');
  assert.throws(() => build(f), (e: unknown) => {
    assert.ok(e instanceof InputError);
    const line = e.lines().join('\n');
    assert.match(line, /issue\.yaml:10:\d+: a\.body: U\+20000 "𠀀" is in no face of the layout/);
    return true;
  });
});

test('with faces.fallback in the layout, the character is set from the fallback face', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-fb-'));
  writeFileSync(join(dir, 'rare.ttf'), buildTF([RARE]));
  const layout = readFileSync('layouts/broadsheet.yaml', 'utf8').replace('faces:', 'faces:\n  fallback: rare.ttf');
  writeFileSync(join(dir, 'with-fallback.yaml'), layout);
  const b = await buildPdf(issue(dir, 'with-fallback.yaml'));
  const runs = b.comp.dl.pages[0].items.filter((i) => i.type === 'glyphs' && i.face === 'rare.ttf');
  assert.equal(runs.length, 1);
  assert.ok(runs[0].type === 'glyphs' && runs[0].glyphs.map((g) => g.text).join('') === RARE);
  assert.equal(b.pdf.subarray(0, 5).toString(), '%PDF-');
});
