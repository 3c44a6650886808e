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

test('headlines use the fallback face too: a title character the title face lacks is set from it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-fb-'));
  writeFileSync(join(dir, 'rare.ttf'), buildTF([RARE]));
  writeFileSync(join(dir, 'with-fallback.yaml'), readFileSync('layouts/broadsheet.yaml', 'utf8').replace('faces:', 'faces:\n  fallback: rare.ttf'));
  const f = join(dir, 'issue.yaml');
  writeFileSync(f, `layout: with-fallback.yaml\npaper: { name: 钱塘新区报 }\nissue: { date: 2025-03-11, number: 756 }\npages:\n  - number: 1\n    articles:\n      - id: a\n        kicker: 引题${RARE}字\n        title: 标题${RARE}字\n        body: |\n          第一段，没有生僻字。\n        columns: 2\n`);
  const b = await buildPdf(f);
  const heads = b.comp.dl.pages[0].items.filter((i) => i.type === 'glyphs' && (i.role === 'title' || i.role === 'kicker'));
  const rare = heads.filter((i) => i.type === 'glyphs' && i.face === 'rare.ttf');
  assert.equal(rare.length, 2, 'the rare character of the title and of the kicker');
  for (const r of rare) assert.ok(r.type === 'glyphs' && r.glyphs.map((g) => g.text).join('') === RARE);
  // The rest of the title stays in the title face, on one baseline with it.
  const title = heads.filter((i) => i.type === 'glyphs' && i.role === 'title');
  assert.ok(title.length >= 3 && new Set(title.map((t) => (t.type === 'glyphs' ? t.y : 0))).size === 1);
  // Without the fallback it is an error naming the title.
  writeFileSync(f, readFileSync(f, 'utf8').replace('layout: with-fallback.yaml', 'layout: broadsheet'));
  assert.throws(() => build(f), (e: unknown) => e instanceof InputError && /a\.title: U\+20000/.test(e.lines().join('\n')));
});
