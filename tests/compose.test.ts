// Composed pages, checked on the DisplayList: blocks, type area, grid, measure, furniture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/pipeline.js';
import { Grid } from '../src/layout/grid.js';
import { dateLine, lunarLine } from '../src/layout/furniture.js';
import { overlaps, outsideTypeArea, offMeasure, offGrid, bodyRuns } from './helpers/geometry.js';

const PARA = [
  '金承涛指出,钱塘要实现高质量发展,根基在实体经济,关键靠科技创新,方向是产业升级。近年来,全区上下深入贯彻落实中央和省市委决策要求,持续深化“146”工作部署,推动钱塘在改革开放中发展壮大。',
  '大会现场为2024年产业规模领航企业颁奖,发布《钱塘(新)区新型工业化行动方案(2025-2027年)》,5家企业为高校人才颁发“科技副总”聘书,5组“高校+平台+企业+产业链”达成结对共建合作。',
  '消纳场地面积2264亩,用于保障钱塘区及杭州市相关城区的土方消纳。要坚持依法依规,严格按照上级部署和工作要求——规范实施渣土剥离等工艺流程……因地制宜实施后续生态修复。',
];

function issueFile(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bs-compose-'));
  const f = join(dir, 'issue.yaml');
  writeFileSync(f, yaml);
  return f;
}

function body(n: number): string {
  return Array.from({ length: n }, (_, i) => PARA[i % PARA.length]).join('\n\n');
}

const ISSUE = `layout: broadsheet
paper:
  name: 钱塘新区报
  name_en: QIANTANG NEW AREA DAILY
  info: [热线电话 82987136]
issue: { date: 2025-03-11, number: 756 }
pages:
  - number: 1
    articles:
      - { id: lead, title: "以科技创新引领新型工业化发展", byline: "本报讯(首席记者 赵一霖)", body: ${JSON.stringify(body(12))}, columns: 5 }
      - { id: side, title: "区政府常务会议召开", body: ${JSON.stringify(body(30))}, columns: 3, lines: 30, jump: 2 }
      - { id: short, title: "短讯", body: ${JSON.stringify(body(4))}, columns: 3 }
  - number: 2
    section: 要闻
    editor: 责任编辑 陈晓
    articles:
      - { id: p2, title: "第二版文章", body: ${JSON.stringify(body(20))}, columns: 4 }
`;

test('a composed issue: no overlaps, glyph ink inside the type area, lines on the grid and on the measure', () => {
  const b = build(issueFile(ISSUE));
  const grid = new Grid(b.issue.layout);
  assert.equal(b.comp.dl.pages.length, 2);
  for (const page of b.comp.dl.pages) {
    assert.deepEqual(overlaps(page), []);
    assert.deepEqual(outsideTypeArea(page, b.comp.faces), []);
    assert.deepEqual(offGrid(page, grid, b.comp.faces), []);
    assert.deepEqual(offMeasure(page, grid), []);
    assert.ok(bodyRuns(page).some((r) => r.justified), 'some lines are justified');
  }
});

test('T26: the broadsheet grid is derived: 999 × 1386 pt, 126-pt column step, 103 lines', () => {
  const b = build(issueFile(ISSUE));
  const grid = new Grid(b.issue.layout);
  assert.equal(grid.width, 999);
  assert.equal(grid.height, 1386);
  assert.equal(grid.lines, 103);
  assert.equal(grid.columnStep, 126);
  assert.equal(grid.columnWidth, 117);
  assert.equal(grid.spanWidth(5), 621);
  for (const page of b.comp.dl.pages)
    for (const bl of page.blocks) {
      assert.equal((bl.y - grid.y0) / grid.pitch, bl.firstLine);
      assert.equal(bl.x, grid.x0 + (bl.column - 1) * 126);
    }
});

test('T27: pure-Han lines: every glyph of a solid line sits at colX + 9i', () => {
  const han = '钱塘区坚持以科技创新引领新型工业化发展推动新型工业化钱塘范例出新出彩'.repeat(8);
  const b = build(issueFile(ISSUE.replace(JSON.stringify(body(4)), JSON.stringify(han))));
  const page = b.comp.dl.pages[0];
  const runs = bodyRuns(page).filter((r) => r.article === 'short' && r.justified);
  assert.ok(runs.length > 5);
  // Solid lines (13 characters): the 孤字 fix may expand one line near the end.
  for (const r of runs.filter((x) => x.glyphs.length === 13)) r.glyphs.forEach((g, i) => assert.ok(Math.abs(g.x - 9 * i) < 0.01, `glyph ${i} at ${g.x} in ${r.glyphs.map((x) => x.text).join("")}`));
});

test('a jump: （下转第2版） ends the source block at its right edge; page 2 opens with （上接第1版）', () => {
  const b = build(issueFile(ISSUE));
  const grid = new Grid(b.issue.layout);
  const p1 = b.comp.dl.pages[0];
  const jump = p1.items.find((i) => i.type === 'glyphs' && i.role === 'jump');
  assert.ok(jump && jump.type === 'glyphs');
  assert.equal(jump.glyphs.map((g) => g.text).join(''), '（下转第2版）');
  const block = p1.blocks.find((bl) => bl.article === 'side')!;
  assert.equal(block.jumpTo, 2);
  // Its last glyph's ink (the ）, trimmed at the line end) meets the block's right edge.
  const last = jump.glyphs[jump.glyphs.length - 1];
  const right = jump.x + last.x + last.adv / 2;
  assert.ok(Math.abs(right - (block.x + block.width)) < 0.01, `${right} vs ${block.x + block.width}`);
  // On the last grid line of the block.
  assert.equal(jump.y, grid.baseline(block.firstLine + block.lines - 1));
  const p2 = b.comp.dl.pages[1];
  const from = p2.items.find((i) => i.type === 'glyphs' && i.role === 'jump');
  assert.ok(from && from.type === 'glyphs');
  assert.equal(from.glyphs.map((g) => g.text).join(''), '（上接第1版）');
  assert.ok(p2.blocks.some((bl) => bl.article === 'side' && bl.part === 'continued' && bl.jumpFrom === 1));
});

test('an article over its space with no jump is a layout problem naming it and the lines over', () => {
  const yaml = ISSUE.replace('columns: 3, lines: 30, jump: 2', 'columns: 3, lines: 30');
  const b = build(issueFile(yaml));
  const over = b.comp.dl.problems.filter((p) => p.kind === 'over');
  assert.equal(over.length, 1);
  assert.match(over[0].message, /side: 超 \d+ 行/);
});

test('dates: 2025年3月11日 星期二 and the lunar date from ICU', () => {
  assert.equal(dateLine({ year: 2025, month: 3, day: 11 }), '2025年3月11日 星期二');
  assert.equal(lunarLine({ year: 2025, month: 3, day: 11 }), '农历乙巳年二月十二');
  assert.equal(lunarLine({ year: 2025, month: 1, day: 29 }), '农历乙巳年正月初一');
});
