// The make-up order as the layout sets it (`makeup: { fill: [...], headline_air_max }`): other
// orders on the short-copy issue give other pages, each still balanced, joined and reported;
// a bad value is one error line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIssue } from '../src/issue/load.js';
import { compose, Composition } from '../src/layout/compose.js';
import { Grid } from '../src/layout/grid.js';
import type { FillStep, Issue } from '../src/issue/model.js';
import type { ImageItem } from '../src/layout/displaylist.js';
import { balanceFaults, ruleJoins } from './helpers/makeup.js';

const short = loadIssue('tests/fixtures/makeup/short.yaml');
const made = (fill: FillStep[], headlineAirMax = 4): Composition => compose({ ...short, layout: { ...short.layout, makeup: { fill, headlineAirMax } } });
const today = made(['move_up', 'headline_air', 'photo_wider']);
const noMeans = made([]);

const heads = (c: Composition) => c.fits.map((f) => `${f.page} ${f.article} ${f.part}: ${f.headLines}`);
const photoWidths = (c: Composition, page: number) =>
  c.dl.pages[page - 1].items.filter((i): i is ImageItem => i.type === 'image').map((i) => Math.round(i.width));
const holes = (c: Composition, page: number) => Number(/余 (\d+) 行/.exec(c.dl.problems.find((p) => p.kind === 'underfull' && p.page === page)?.message ?? '余 0 行')![1]);

/** Balanced, every join a T or a corner, every page's holes reported once. */
function assertValid(c: Composition, issue: Issue): void {
  const L = issue.layout;
  const grid = new Grid(L);
  for (const page of c.dl.pages) {
    assert.deepEqual(balanceFaults(page, grid), [], `page ${page.number}`);
    const top = page.number === 1 ? L.masthead.pitches : L.folio.pitches;
    assert.deepEqual(ruleJoins(page, grid.lineTop(top)).faults, [], `page ${page.number}`);
    assert.ok(c.dl.problems.filter((p) => p.kind === 'underfull' && p.page === page.number).length <= 1);
    // No white kept inside a block where the report cannot see it: its text or photo reaches
    // its last line (its foot within one pitch of the lowest baseline or picture bottom).
    for (const bl of page.blocks) {
      const inside = (x: number, y: number) => x >= bl.x - 0.5 && x < bl.x + bl.width && y >= bl.y && y <= bl.y + bl.height + 0.5;
      const feet = page.items.flatMap((i) => (i.type === 'glyphs' && inside(i.x, i.y) ? [i.y] : i.type === 'image' && inside(i.x, i.y) ? [i.y + i.height] : []));
      assert.ok(bl.y + bl.height - Math.max(...feet) < grid.pitch, `page ${page.number} ${bl.article}: foot ${bl.y + bl.height} pt, lowest type ${Math.max(...feet)} pt`);
    }
  }
}

test('makeup defaults are the order that was fixed in code; each means closes holes', () => {
  assert.deepEqual(short.layout.makeup, { fill: ['move_up', 'headline_air', 'photo_wider'], headlineAirMax: 4 });
  const total = (c: Composition) => [1, 2, 3, 4].reduce((a, p) => a + holes(c, p), 0);
  assert.deepEqual([1, 2, 3, 4].map((p) => holes(today, p)), [39, 205, 268, 167]);
  assert.ok(total(today) < total(noMeans), `${total(today)} < ${total(noMeans)}`);
  assertValid(today, short);
});

test('headline_air left out: no band gains air, and the hole it leaves on page 1 takes the photo a column wider', () => {
  const c = made(['move_up', 'photo_wider']);
  assertValid(c, short);
  assert.deepEqual(heads(c), heads(noMeans), 'every band at its least');
  assert.ok(heads(today).some((h, i) => h !== heads(c)[i]), 'with headline air some band gains');
  const step = short.layout.columnStep;
  assert.equal(Math.max(...photoWidths(c, 1)) - Math.max(...photoWidths(today, 1)), Math.round(step), `page 1 photos ${photoWidths(c, 1)} vs ${photoWidths(today, 1)}`);
});

test('photo_wider before headline_air: the photo takes the hole before the bands do — a column wider, another valid page', () => {
  // With up to 12 lines of air the bands take page 1's holes first and a photo stays 2 columns;
  // with photo_wider first it widens to 3 (the bands take their air from the room left).
  const airFirst = made(['move_up', 'headline_air', 'photo_wider'], 12);
  const photoFirst = made(['photo_wider', 'move_up', 'headline_air'], 12);
  assertValid(airFirst, short);
  assertValid(photoFirst, short);
  const step = Math.round(short.layout.columnStep);
  const [a, p] = [photoWidths(airFirst, 1).sort((x, y) => x - y), photoWidths(photoFirst, 1).sort((x, y) => x - y)];
  assert.deepEqual(p.map((w, i) => w - a[i]), [0, step, 0], `page 1 photos ${a} → ${p}`);
});

test('headline_air_max bounds the air of every band', () => {
  const c = made(['move_up', 'headline_air', 'photo_wider'], 1);
  assertValid(c, short);
  const least = noMeans.fits.map((f) => f.headLines);
  c.fits.forEach((f, i) => assert.ok(f.headLines - least[i] <= 1, `${f.article}: ${f.headLines} vs ${least[i]}`));
  assert.ok(c.fits.some((f, i) => f.headLines - least[i] === 1));
});

test('makeup: a bad value is one line FILE:LINE:COL: FIELD: what is wrong; what is accepted, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-makeup-'));
  // The shipped layout, its makeup section (the defaults, written out) given bad values.
  const layout = readFileSync('layouts/broadsheet.yaml', 'utf8').split('\n');
  const at = layout.findIndex((l) => l.startsWith('  fill: [move_up, headline_air, photo_wider]'));
  assert.ok(at > 0 && layout[at - 1].startsWith('makeup:'), 'broadsheet.yaml writes out the makeup defaults');
  const withLine = (line: string) => [...layout.slice(0, at), line, ...layout.slice(at + 1)].join('\n');
  writeFileSync(join(dir, 'l.yaml'), withLine('  fill: [move_up, photo_wide]'));
  const lineNo = at + 1;
  writeFileSync(join(dir, 'i.yaml'), 'layout: l.yaml\npaper: { name: 钱塘新区报 }\nissue: { date: 2025-03-11, number: 756 }\npages:\n  - number: 1\n    articles:\n      - { id: a, title: 标题, body: 正文。, columns: 3 }\n');
  const r = spawnSync(process.execPath, ['bin/broadsheet', 'check', join(dir, 'i.yaml')], { encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], new RegExp(`l\\.yaml:${lineNo}:19: makeup\\.fill\\[1\\]: "photo_wide" is not an option \\(did you mean photo_wider\\?\\); one of move_up, headline_air, photo_wider$`));
  writeFileSync(join(dir, 'l.yaml'), withLine('  fill: [headline_air, headline_air]').replace(/^  headline_air_max: 4/m, '  headline_air_max: 30'));
  const twice = spawnSync(process.execPath, ['bin/broadsheet', 'check', join(dir, 'i.yaml')], { encoding: 'utf8' });
  assert.equal(twice.status, 2);
  assert.match(twice.stderr, /makeup\.fill\[1\]: headline_air is listed twice; a list of move_up, headline_air, photo_wider/);
  assert.match(twice.stderr, /makeup\.headline_air_max: 30 is out of range; whole lines from 0 to 20/);
});

test('long copy, the reverses before 超: a block over holds no headline air; photo_wider left out narrows no photo (more 超)', () => {
  const long = loadIssue('tests/fixtures/makeup/long.yaml');
  const run = (fill: FillStep[]) => compose({ ...long, layout: { ...long.layout, makeup: { fill, headlineAirMax: 4 } } });
  const d = run(['move_up', 'headline_air', 'photo_wider']);
  const least = run([]);
  const overs = d.fits.filter((f) => f.free < 0 && !f.jumpTo);
  assert.ok(overs.length >= 5, `${overs.length} blocks over`);
  for (const f of overs) assert.equal(f.headLines, least.fits.find((g) => g.page === f.page && g.article === f.article)!.headLines, `${f.article}: its band at its least`);
  const overLines = (c: Composition, page: number) => c.dl.problems.filter((p) => p.kind === 'over' && p.page === page).reduce((a, p) => a + Number(/超 (\d+) 行/.exec(p.message)![1]), 0);
  const wide = run(['move_up', 'headline_air']);
  assertValid(wide, long);
  // Page 1: its photos a column narrower take 超 from 22 lines (13 + 9) down to 7.
  assert.deepEqual([overLines(d, 1), overLines(wide, 1)], [7, 22]);
  assert.ok(Math.min(...photoWidths(d, 1)) < Math.min(...photoWidths(wide, 1)), `${photoWidths(d, 1)} vs ${photoWidths(wide, 1)}`);
});
