// The fast paths around fontkit (src/adapters/fontkit.ts, used by src/text/face.ts, fontfile.ts and the PDF writer)
// must give exactly what fontkit gives: subsets, advances, loca, glyph ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { fastSubsetting } from '../src/adapters/fontkit.js';
import { fastPathsTaken } from '../src/adapters/fastpaths.js';
import { loadLayout, repoRoot } from '../src/issue/layout.js';

type Subset = { includeGlyph(id: number): number; encode(): Uint8Array };

function encode(font: fontkit.Font, ids: number[]): Buffer {
  const s = (font as unknown as { createSubset(): Subset }).createSubset();
  for (const id of ids) s.includeGlyph(id);
  return Buffer.from(s.encode());
}

test('fast subsetting writes byte-identical subsets of the real faces (empty glyphs and glyphs past hmtx metrics included)', () => {
  const L = loadLayout('broadsheet', repoRoot());
  const files = [L.faces.body.file, L.faces.subhead.file]; // Noto Serif SC Regular, Noto Sans SC Bold
  const fonts = files.map((f) => fontkit.create(readFileSync(f)) as fontkit.Font);
  const picks = fonts.map((font) => {
    const ids = [0, font.glyphForCodePoint(0x20).id]; // .notdef, space (no outline)
    for (const ch of '钱塘新区报，。“”《》——ABCxyz0123') ids.push(font.glyphForCodePoint(ch.codePointAt(0)!).id);
    for (let g = font.numGlyphs - 40; g < font.numGlyphs; g++) ids.push(g); // the serif face's last glyphs have no hmtx metric of their own
    for (let g = 1000; g < font.numGlyphs; g += 997) ids.push(g);
    return ids;
  });
  const slow = fonts.map((font, i) => encode(font, picks[i]));
  for (const font of fonts) fastSubsetting(font);
  const fast = fonts.map((font, i) => encode(font, picks[i]));
  for (let i = 0; i < fonts.length; i++) {
    assert.ok(slow[i].length > 10000, `subset of ${files[i]} is ${slow[i].length} bytes`);
    assert.ok(slow[i].equals(fast[i]), `${files[i]}: fast subset differs from fontkit's`);
  }
  // The files were written by the fast writer (from a template), not by fontkit's encode.
  assert.ok(fastPathsTaken().includes('fontkit:subset-write'));
  // The patch is in place: the subsetter's _addGlyph is no longer fontkit's own.
  const proto = Object.getPrototypeOf((fonts[0] as unknown as { createSubset(): object }).createSubset());
  assert.match(String(proto._addGlyph), /numberOfContours < 0|buffer\[0\] & 0x80/);
});

test('advances read from hmtx equal fontkit glyph.advanceWidth, past numberOfMetrics too', async () => {
  const { openFace } = await import('../src/text/face.js');
  const L = loadLayout('broadsheet', repoRoot());
  for (const ref of [L.faces.body, L.faces.title, L.faces.caption]) {
    const face = openFace(ref.key, ref.file);
    const font = fontkit.create(readFileSync(ref.file)) as fontkit.Font;
    const ids = [0, 1, 2, font.numGlyphs - 1, font.numGlyphs - 2];
    for (let g = 3; g < font.numGlyphs; g += 211) ids.push(g);
    for (const id of ids) assert.equal(face.advanceOf(id), font.getGlyph(id).advanceWidth, `${ref.key} glyph ${id}`);
    for (const ch of '钱塘，。A1—') {
      const g = font.glyphForCodePoint(ch.codePointAt(0)!);
      assert.equal(face.glyph(ch.codePointAt(0)!).adv * face.upm, g.advanceWidth, `${ref.key} ${ch}`);
    }
  }
});

test('faces opened without outlines hand fontkit the loca table it would decode itself', async () => {
  const { openFace } = await import('../src/text/face.js');
  const L = loadLayout('broadsheet', repoRoot());
  for (const ref of [L.faces.body, L.faces.caption]) {
    const mine = openFace(ref.key, ref.file).font as unknown as { loca: { version: number; offsets: number[] } };
    const theirs = fontkit.create(readFileSync(ref.file)) as unknown as { loca: { version: number; offsets: number[] } };
    assert.equal(mine.loca.version, theirs.loca.version);
    assert.equal(mine.loca.offsets.length, theirs.loca.offsets.length);
    assert.deepEqual(mine.loca.offsets, Array.from(theirs.loca.offsets), `${ref.key}: loca offsets`);
    // And an outline read through it: the glyph of 報 decodes to the same path.
    const face = openFace(ref.key, ref.file);
    const id = face.glyph('报'.codePointAt(0)!).id;
    const box = (b: fontkit.BBOX) => [b.minX, b.minY, b.maxX, b.maxY];
    assert.deepEqual(box(face.bbox(id)), box((theirs as unknown as fontkit.Font).getGlyph(id).bbox));
  }
});

test('glyph ids from the cmap groups equal fontkit glyphForCodePoint, across the planes the faces cover', async () => {
  const { openFace } = await import('../src/text/face.js');
  const L = loadLayout('broadsheet', repoRoot());
  for (const ref of [L.faces.body, L.faces.title, L.faces.subhead]) {
    const face = openFace(ref.key, ref.file);
    const font = fontkit.create(readFileSync(ref.file)) as fontkit.Font;
    let checked = 0;
    for (let cp = 0; cp < 0x32000; cp += cp < 0x3000 ? 1 : cp < 0xa000 ? 3 : 101) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      assert.equal(face.glyph(cp).id, font.glyphForCodePoint(cp).id, `${ref.key} U+${cp.toString(16)}`);
      assert.equal(face.has(cp), font.hasGlyphForCodePoint(cp), `${ref.key} has U+${cp.toString(16)}`);
      checked++;
    }
    assert.ok(checked > 20000);
  }
});

test('adapter guards: a fontkit font without the internals a fast path reads gets none (fontkit public path)', async () => {
  const { cmapLookup, hmtxAdvances, canReadSparsely } = await import('../src/adapters/fontkit.js');
  const L = loadLayout('broadsheet', repoRoot());
  const font = fontkit.create(readFileSync(L.faces.body.file)) as fontkit.Font;
  assert.ok(cmapLookup(font) && hmtxAdvances(font), 'fontkit 2.0.4: both fast paths');
  const other = Object.create(font, { _cmapProcessor: { value: { cmap: { version: 4 } } }, _getTableStream: { value: undefined }, _glyphs: { value: undefined } }) as fontkit.Font;
  assert.equal(cmapLookup(other), null);
  assert.equal(hmtxAdvances(other), null);
  assert.equal(canReadSparsely(other), false);
  // A cmap whose bytes answer differently from fontkit's own lookup is not used either.
  const proc = (font as unknown as { _cmapProcessor: { cmap: { groups: { base: number } }; lookup(cp: number): number } })._cmapProcessor;
  const groups = proc.cmap.groups;
  const shifted = Object.create(font, { _cmapProcessor: { value: { cmap: { version: 12, groups: { ...groups, base: groups.base + 12 } }, lookup: (cp: number) => proc.lookup(cp) } } }) as fontkit.Font;
  assert.equal(cmapLookup(shifted), null);
});
