import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { blankPage, compareWithRef, diffPages, sideBySide } from '../src/visual/diff.js';
import { extractText } from '../src/visual/pdftext.js';
import { decodePng, encodePng, rasterizePdf, writePngs, type RgbaPage } from '../src/visual/raster.js';
import { makePdf, type Box } from './helpers/pdf.js';

const RECT: Box = { x: 20, y: 20, w: 60, h: 40 };
const MOVED: Box = { x: 110, y: 20, w: 60, h: 40 };
const TEXT = { str: '测试文字', x: 20, y: 120, size: 24 };

function pixel(page: RgbaPage, x: number, y: number): number[] {
  const o = (y * page.width + x) * 4;
  return Array.from(page.data.subarray(o, o + 4));
}

function inside(b: Box, x: number, y: number, margin = 0): boolean {
  return x >= b.x - margin && x < b.x + b.w + margin && y >= b.y - margin && y < b.y + b.h + margin;
}

function isRed(page: RgbaPage, x: number, y: number): boolean {
  const [r, g, b] = pixel(page, x, y);
  return r === 255 && g === 0 && b === 0;
}

let tmp: string;
let pdf: Uint8Array;
let moved: Uint8Array;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'broadsheet-visual-'));
  pdf = await makePdf({ rects: [RECT], text: TEXT });
  moved = await makePdf({ rects: [MOVED], text: TEXT });
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('rasterizePdf', () => {
  it('renders a 200 × 200 pt page at 72 dpi to 200 × 200 px, rectangle black, the rest white', async () => {
    const [page, ...rest] = await rasterizePdf(pdf);
    assert.equal(rest.length, 0);
    assert.equal(page.width, 200);
    assert.equal(page.height, 200);
    assert.equal(page.data.length, 200 * 200 * 4);
    for (const [x, y] of [[21, 21], [50, 40], [78, 58]]) assert.deepEqual(pixel(page, x, y), [0, 0, 0, 255], `${x},${y}`);
    for (const [x, y] of [[0, 0], [18, 18], [82, 40], [150, 40], [199, 199], [150, 90]]) {
      assert.deepEqual(pixel(page, x, y), [255, 255, 255, 255], `${x},${y}`);
    }
  });

  it('draws the Chinese text from the embedded font (dark pixels in the text line)', async () => {
    const [page] = await rasterizePdf(pdf);
    let dark = 0;
    for (let y = 120; y < 160; y++) for (let x = 0; x < 200; x++) if (pixel(page, x, y)[0] < 128) dark++;
    assert.ok(dark > 200, `only ${dark} dark pixels where 测试文字 should be`);
  });

  it('accepts a Buffer, as fs.readFile returns it', async () => {
    const pages = await rasterizePdf(Buffer.from(pdf));
    assert.equal(pages.length, 1);
    const text = await extractText(Buffer.from(pdf));
    assert.equal(text[0].items.map((i) => i.str).join(''), '测试文字');
  });

  it('scales with dpi and renders every page', async () => {
    const two = await makePdf({ rects: [RECT], pages: 2 });
    const pages = await rasterizePdf(two, 144);
    assert.equal(pages.length, 2);
    assert.deepEqual([pages[1].width, pages[1].height], [400, 400]);
    assert.deepEqual(pixel(pages[1], 100, 80), [0, 0, 0, 255]);
  });

  it('gives the same pixels for the same PDF twice, and leaves the input bytes usable', async () => {
    const before = pdf.slice();
    const [a] = await rasterizePdf(pdf);
    const [b] = await rasterizePdf(pdf);
    assert.deepEqual(pdf, before);
    const d = diffPages(a, b, { threshold: 0.1 });
    assert.equal(d.differing, 0);
    assert.equal(d.share, 0);
    assert.deepEqual(encodePng(a), encodePng(b));
  });
});

describe('extractText', () => {
  it('reads 测试文字 back with its position in points from the top', async () => {
    const pages = await extractText(pdf);
    assert.equal(pages.length, 1);
    assert.deepEqual([pages[0].width, pages[0].height], [200, 200]);
    assert.equal(pages[0].items.map((i) => i.str).join(''), '测试文字');
    const [item] = pages[0].items;
    assert.ok(Math.abs(item.x - TEXT.x) < 0.01, `x ${item.x}`);
    // pdfkit places the line box's top at y; the baseline lies one ascent (about 1.15 em) lower.
    assert.ok(item.y > TEXT.y + TEXT.size * 0.8 && item.y < TEXT.y + TEXT.size * 1.3, `y ${item.y}`);
    assert.ok(Math.abs(item.width - 4 * TEXT.size) < 0.01, `width ${item.width}`);
    assert.ok(Math.abs(item.height - TEXT.size) < 0.01, `height ${item.height}`);
  });
});

describe('diffPages', () => {
  it('marks in red exactly where the rectangle moved, over a faded page', async () => {
    const [a] = await rasterizePdf(pdf);
    const [b] = await rasterizePdf(moved);
    const d = diffPages(a, b, { threshold: 0.1 });
    assert.equal(d.total, 200 * 200);
    assert.ok(d.share > 0);
    // Both places, old and new, change: about two rectangles' worth of pixels.
    const area = RECT.w * RECT.h;
    assert.ok(d.differing >= 2 * area * 0.95 && d.differing <= 2 * area * 1.05, `differing ${d.differing}`);
    let red = 0;
    for (let y = 0; y < 200; y++) {
      for (let x = 0; x < 200; x++) {
        if (!isRed(d.diff, x, y)) continue;
        red++;
        assert.ok(inside(RECT, x, y, 1) || inside(MOVED, x, y, 1), `red pixel at ${x},${y} away from the rectangles`);
      }
    }
    assert.equal(red, d.differing);
    assert.ok(isRed(d.diff, 50, 40) && isRed(d.diff, 140, 40));
    // Unchanged parts are a faded copy: the text's black shows as light grey, white stays white.
    assert.deepEqual(pixel(d.diff, 150, 150), [255, 255, 255, 255]);
    let darkest = 255;
    for (let y = 120; y < 160; y++) for (let x = 0; x < 200; x++) darkest = Math.min(darkest, pixel(d.diff, x, y)[0]);
    assert.ok(darkest > 200 && darkest < 255, `darkest text pixel in the diff ${darkest}`);
  });

  it('counts pages of different sizes as fully different', () => {
    const d = diffPages(blankPage(10, 20), blankPage(10, 21), { threshold: 0.1 });
    assert.equal(d.share, 1);
    assert.equal(d.differing, d.total);
    assert.deepEqual([d.diff.width, d.diff.height], [10, 21]);
  });

  it('sideBySide puts approved | new | diff in a row with grey bars between', () => {
    const out = sideBySide(blankPage(10, 5, [0, 0, 0]), blankPage(10, 6, [0, 0, 255]), blankPage(10, 5, [255, 0, 0]));
    assert.deepEqual([out.width, out.height], [34, 6]);
    assert.deepEqual(pixel(out, 0, 0), [0, 0, 0, 255]);
    assert.deepEqual(pixel(out, 10, 3), [160, 160, 160, 255]);
    assert.deepEqual(pixel(out, 12, 5), [0, 0, 255, 255]);
    assert.deepEqual(pixel(out, 33, 0), [255, 0, 0, 255]);
    assert.deepEqual(pixel(out, 33, 5), [255, 255, 255, 255]); // below the shorter diff
  });
});

describe('PNG', () => {
  it('round-trips pixels through encodePng / decodePng', async () => {
    const [page] = await rasterizePdf(pdf);
    const png = encodePng(page);
    assert.deepEqual([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
    const back = decodePng(png);
    assert.equal(back.width, page.width);
    assert.equal(back.height, page.height);
    assert.deepEqual(back.data, page.data);
  });

  it('keeps alpha for pages that are not opaque', () => {
    const page = blankPage(3, 2, [10, 20, 30]);
    page.data[3] = 0;
    page.data[7] = 128;
    assert.deepEqual(decodePng(encodePng(page)), page);
  });
});

describe('writePngs and compareWithRef', () => {
  it('finds no difference against its own render, and writes nothing to outDir', async () => {
    const pages = await rasterizePdf(pdf);
    const ref = join(tmp, 'same-ref');
    const out = join(tmp, 'same-out');
    const paths = await writePngs(pages, ref);
    assert.deepEqual(paths, [join(ref, 'page-1.png')]);
    const c = await compareWithRef(await rasterizePdf(pdf), ref, out, { threshold: 0.1 });
    assert.equal(c.same, true);
    assert.equal(c.pageCountDiffers, false);
    assert.deepEqual(c.pages, [{ number: 1, share: 0, differing: 0, status: 'same' }]);
    assert.deepEqual(await readdir(out), []);
  });

  it('writes diff and compare images for a changed page, and removes them once it matches again', async () => {
    const ref = join(tmp, 'moved-ref');
    const out = join(tmp, 'moved-out');
    await writePngs(await rasterizePdf(pdf), ref);
    const c = await compareWithRef(await rasterizePdf(moved), ref, out);
    assert.equal(c.same, false);
    assert.equal(c.pages[0].status, 'different');
    assert.ok(c.pages[0].share > 0.1);
    assert.deepEqual((await readdir(out)).sort(), ['page-1.compare.png', 'page-1.diff.png']);
    const diff = decodePng(await readFile(join(out, 'page-1.diff.png')));
    assert.ok(isRed(diff, 140, 40));
    const compare = decodePng(await readFile(join(out, 'page-1.compare.png')));
    assert.deepEqual([compare.width, compare.height], [604, 200]);

    const again = await compareWithRef(await rasterizePdf(pdf), ref, out);
    assert.equal(again.same, true);
    assert.deepEqual(await readdir(out), []);
  });

  it('reports missing pages on either side and a differing page count', async () => {
    const ref = join(tmp, 'count-ref');
    const two = await rasterizePdf(await makePdf({ rects: [RECT], pages: 2 }));
    await writePngs(two, ref);
    const fewer = await compareWithRef(two.slice(0, 1), ref);
    assert.equal(fewer.pageCountDiffers, true);
    assert.equal(fewer.same, false);
    assert.deepEqual(fewer.pages.map((p) => p.status), ['same', 'missing-new']);
    const more = await compareWithRef([...two, two[0]], ref);
    assert.deepEqual(more.pages.map((p) => p.status), ['same', 'same', 'missing-ref']);
    assert.equal(more.pages[2].share, 1);
  });

  it('writePngs removes page PNGs beyond the new page count and leaves other files alone', async () => {
    const dir = join(tmp, 'stale');
    const one = await rasterizePdf(pdf);
    await writePngs([...one, ...one, ...one], dir);
    await writeFile(join(dir, 'notes.txt'), 'keep');
    await writePngs(one, dir);
    assert.deepEqual((await readdir(dir)).sort(), ['notes.txt', 'page-1.png']);
  });

  it('throws for a missing reference directory', async () => {
    await assert.rejects(compareWithRef([], join(tmp, 'nope')), /reference directory not found/);
  });
});

describe('diffPages on the same pixels', () => {
  it('counts 0 without matching, and still gives the diff image pixelmatch would draw', () => {
    const a = blankPage(30, 20);
    for (let i = 0; i < 30 * 4 * 5; i += 4) a.data[i] = 0; // a dark band: faded in the diff image
    const b: RgbaPage = { width: 30, height: 20, data: new Uint8ClampedArray(a.data) };
    const same = diffPages(a, b);
    assert.equal(same.differing, 0);
    assert.equal(same.share, 0);
    // A one-pixel change takes the full path; its diff image agrees with the lazy one elsewhere.
    const c: RgbaPage = { width: 30, height: 20, data: new Uint8ClampedArray(a.data) };
    c.data[(19 * 30 + 29) * 4 + 1] = 0;
    const one = diffPages(a, c);
    assert.equal(one.differing, 1);
    const lazy = same.diff.data;
    const full = one.diff.data;
    assert.equal(lazy.length, full.length);
    for (let i = 0; i < lazy.length - 4; i++) assert.equal(lazy[i], full[i], `byte ${i}`);
  });
});
