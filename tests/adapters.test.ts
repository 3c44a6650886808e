// The library adapters (src/adapters/): with every fast path taken, with none
// (BROADSHEET_FAST_PATHS=off: the libraries' public paths, as with a library of another
// shape) with no cache, and with every fast path while the caches fill and from warm caches,
// each sample's PDF is the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PDFDocument } from '../src/engines.js';
import { drawSvg } from '../src/adapters/pdfkit-press.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/broadsheet');

function render(issue: string, out: string, env: Record<string, string>): { pdf: Buffer; fastPaths: string[]; paragraphs: { hits: number; misses: number } | null } {
  const r = spawnSync(process.execPath, [BIN, 'render', issue, '-o', out, '--quiet'], { encoding: 'utf8', env: { ...process.env, BROADSHEET_TIMINGS: '1', ...env } });
  assert.equal(r.status, 0, r.stderr);
  const t = JSON.parse(r.stderr.split('\n').find((l) => l.startsWith('timings '))!.slice(8));
  return { pdf: readFileSync(out), fastPaths: t.fastPaths, paragraphs: t.paragraphs };
}

const ALL = ['fontkit:cmap', 'fontkit:hmtx', 'fontkit:sparse', 'fontkit:subset', 'fontkit:subset-encode', 'fontkit:subset-write', 'loader:code-cache', 'loader:stand-ins', 'pdfkit:content-bytes', 'pdfkit:no-default-font', 'pdfkit:streams'];

for (const sample of ['qiantang-2025-03-11', 'tabloid-2025-03-11']) {
  test(`${sample}: the same bytes with the fast paths and without, with the caches off and warm`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-adapters-'));
    const issue = join(ROOT, 'samples', `${sample}.yaml`);
    const cache = join(dir, 'cache');
    const slow = render(issue, join(dir, 'slow.pdf'), { BROADSHEET_CACHE: 'off', BROADSHEET_FAST_PATHS: 'off' });
    const cold = render(issue, join(dir, 'cold.pdf'), { BROADSHEET_CACHE: cache });
    const warm = render(issue, join(dir, 'warm.pdf'), { BROADSHEET_CACHE: cache });
    // Each run is what it says it is.
    assert.deepEqual(slow.fastPaths, []);
    assert.deepEqual(cold.fastPaths, ALL);
    assert.ok(cold.paragraphs && cold.paragraphs.hits < cold.paragraphs.misses, JSON.stringify(cold.paragraphs));
    assert.ok(warm.paragraphs && warm.paragraphs.misses === 0 && warm.paragraphs.hits > 50, JSON.stringify(warm.paragraphs));
    assert.ok(slow.pdf.length > 100_000);
    assert.ok(slow.pdf.equals(cold.pdf), 'fast paths and caches filling: the bytes of the public paths with no cache');
    assert.ok(slow.pdf.equals(warm.pdf), 'caches warm: same bytes');
  });
}

// The masthead logo: svg-to-pdfkit draws on a view of the pdfkit document that keeps opacity
// out (src/adapters/pdfkit-press.ts). Same bytes with and without the fast paths, no
// transparency key written, the document itself not patched, and a pdfkit of another shape refused.
const ART = join(ROOT, 'tests/fixtures/press/art');

function logoIssue(dir: string, logo: string): string {
  const f = join(dir, `${logo}.yaml`);
  writeFileSync(f, `layout: broadsheet\npaper: { name: 钱塘新区报, logo: ${join(ART, logo)} }\nissue: { date: 2025-03-11, number: 756 }\npages:\n  - number: 1\n    articles:\n      - id: a\n        title: 标题\n        body: |\n          ${'正文内容。'.repeat(40)}\n        columns: 4\n`);
  return f;
}

for (const logo of ['logo.svg', 'black.svg']) {
  test(`SVG logo ${logo}: the same bytes with the fast paths and without; no opacity written`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-adapters-'));
    const issue = logoIssue(dir, logo);
    const slow = render(issue, join(dir, 'slow.pdf'), { BROADSHEET_CACHE: 'off', BROADSHEET_FAST_PATHS: 'off' });
    const fast = render(issue, join(dir, 'fast.pdf'), { BROADSHEET_CACHE: 'off' });
    assert.ok(slow.pdf.equals(fast.pdf));
    const text = fast.pdf.toString('latin1');
    assert.doesNotMatch(text, /\/ca [\d.]|\/CA [\d.]|\/SMask|\/Group/);
    assert.equal((text.match(/\/Type \/ExtGState/g) ?? []).length, 2, 'only /GSop and /GSko');
  });
}

function scratch(): Record<string, unknown> {
  const PDF = PDFDocument();
  return new PDF({ size: [200, 100], compress: false }) as unknown as Record<string, unknown>;
}
const SVG = readFileSync(join(ART, 'logo.svg'), 'utf8');
const BOX = { width: 180, height: 60, assumePt: true };

test('drawSvg: reports colours and opacity, writes none, leaves the document unpatched', () => {
  const doc = scratch();
  const seen: { colours: string[]; opacities: unknown[] } = { colours: [], opacities: [] };
  drawSvg(doc, SVG.replace('<svg', '<svg opacity="0.5"'), 0, 0, BOX, { colour: (c) => void seen.colours.push(String(c)), opacity: (o) => void seen.opacities.push(o) });
  assert.ok(seen.colours.length >= 2, JSON.stringify(seen));
  assert.ok(seen.opacities.includes(0.5), JSON.stringify(seen.opacities));
  assert.deepEqual(Object.keys((doc.page as { ext_gstates: object }).ext_gstates), []);
  for (const m of ['ref', 'fillOpacity', 'strokeOpacity', 'fillColor', 'strokeColor']) assert.ok(!Object.hasOwn(doc, m), m);
});

test('drawSvg: a pdfkit of another shape is refused with the versions it was made for', () => {
  const missing = scratch();
  missing.fillOpacity = undefined;
  assert.throws(() => drawSvg(missing, SVG, 0, 0, BOX), /pdfkit 0\.20\.2.*no fillOpacity\(\)/);
  // A fillColor that sets opacity by a route the view does not see.
  const other = scratch();
  const proto = Object.getPrototypeOf(other) as Record<string, (...a: unknown[]) => unknown>;
  other.fillColor = function (this: unknown, c: unknown) {
    proto.fillColor.call(this, c);
    return proto.fillOpacity.call(other, 0.9);
  };
  assert.throws(() => drawSvg(other, SVG, 0, 0, BOX), /pdfkit 0\.20\.2.*opacity was written/);
});
