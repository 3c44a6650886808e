// The issue and layout loaders (src/issue/): the contract of shared/spec/issue-format.md, one
// test per class of bad input, each pinning the line:col and field of the error line.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { EXIT_INPUT, InputError, formatProblem } from '../src/issue/errors.js';
import type { Problem } from '../src/issue/errors.js';
import { loadLayout } from '../src/issue/layout.js';
import { loadIssue } from '../src/issue/load.js';
import { haoSize, parseLength } from '../src/issue/units.js';

// npm test runs from the repository root.
const FIXTURES = resolve('tests/fixtures/load');

const tmpRoot = mkdtempSync(join(tmpdir(), 'broadsheet-load-'));
let tmpCount = 0;

/** Write files into a fresh folder; returns the path of `issue.yaml` in it. */
function writeIssue(text: string | Buffer, extra: Record<string, string | Buffer> = {}): string {
  const dir = join(tmpRoot, String(tmpCount++));
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  const file = join(dir, 'issue.yaml');
  writeFileSync(file, text);
  return file;
}

/** The problems loadIssue reports for a file (it must throw InputError and nothing else). */
function problemsOf(file: string): Problem[] {
  try {
    loadIssue(file);
  } catch (err) {
    assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
    for (const line of err.lines()) assert.ok(!line.includes('\n'), 'one line per problem');
    return err.problems;
  }
  assert.fail('expected an InputError');
}

function problems(text: string | Buffer, extra: Record<string, string | Buffer> = {}): Problem[] {
  return problemsOf(writeIssue(text, extra));
}

/** Assert that one problem has this position and field (and a message matching `re`). */
function has(ps: Problem[], line: number, col: number, field: string, re?: RegExp): Problem {
  const p = ps.find((q) => q.line === line && q.col === col && q.field === field);
  assert.ok(p, `no problem at ${line}:${col} ${field}; got:\n${ps.map(formatProblem).join('\n')}`);
  if (re) assert.match(`${p.message}; ${p.accepted}`, re);
  return p;
}

/** The minimal valid issue of the brief, with `articles1` as page 1's article list. */
function issueWith(articles1: string, head = 'layout: broadsheet\npaper: { name: 钱塘新区报 }\nissue: { date: 2025-03-11, number: 756 }'): string {
  return `${head}
pages:
  - number: 1
    articles:
${articles1}
  - number: 2
    articles:
      - { continued: a, columns: 2 }
`;
}
const ARTICLE_A = '      - { id: a, title: 标题, body: 正文。, columns: 2, jump: 2 }';

describe('valid issues', () => {
  test('the minimal issue of the brief loads', () => {
    const file = writeIssue(issueWith(ARTICLE_A));
    const issue = loadIssue(file);
    assert.equal(issue.file, file);
    assert.equal(issue.layout.name, 'broadsheet');
    assert.deepEqual(issue.date, { year: 2025, month: 3, day: 11 });
    assert.equal(issue.number, 756);
    assert.equal(issue.pageCount, 2);
    const a = issue.pages[0].items[0];
    assert.equal(a.kind, 'article');
    assert.deepEqual(a.kind === 'article' && a.title, ['标题']);
    assert.deepEqual(issue.pages[1].items[0], { kind: 'continued', id: 'a', columns: 2, where: { file, line: 10, col: 9 } });
  });

  test('every field of the contract, pages sorted by number, title lines split and trimmed', () => {
    const file = join(FIXTURES, 'valid.yaml');
    const issue = loadIssue(file);
    assert.deepEqual(
      issue.pages.map((p) => p.number),
      [1, 2, 3],
    );
    assert.equal(issue.pageCount, 3);
    assert.equal(issue.paper.logo, join(FIXTURES, 'art/masthead.svg'));
    assert.deepEqual(issue.paper.info, ['钱塘发布 钱塘新区报', '热线电话 82987136']);
    const a = issue.pages[0].items[0];
    assert.ok(a.kind === 'article');
    assert.deepEqual(a.title, ['以科技创新引领新型工业化发展', '推动新型工业化钱塘范例出新出彩']);
    assert.equal(a.body, '春潮涌动催人进,奋楫扬帆正当时。\n\n金承涛指出,……\n');
    assert.equal(a.titleStyle, 'vertical');
    assert.equal(a.jump, 3);
    assert.deepEqual(a.photo, { file: join(FIXTURES, 'photos/dahui.jpg'), caption: '大会现场。记者 赵一霖 摄', columns: 3, where: { file, line: 44, col: 11 } });
    assert.deepEqual(a.where, { file, line: 25, col: 9 });
    assert.deepEqual(a.bodyWhere, { file, line: 33, col: 15 });
    assert.deepEqual(issue.pages[2].items[0], { kind: 'continued', id: 'keji-dahui', columns: 4, lines: 40, column: 5, where: { file, line: 19, col: 9 } });
    assert.equal(issue.pages[2].section, '民生');
    assert.equal(issue.pages[1].editor, '责任编辑 陈晓');
  });

  test('issue.date as a quoted string, a YAML timestamp, and 29 February of a leap year', () => {
    for (const date of ['"2025-03-11"', '!!timestamp 2025-03-11', '2024-02-29']) {
      const issue = loadIssue(writeIssue(issueWith(ARTICLE_A, `paper: { name: 报 }\nissue: { date: ${date}, number: 1 }`)));
      assert.equal(issue.date.day, date.includes('2024') ? 29 : 11);
    }
  });

  test('a layout given as a path relative to the issue file', () => {
    const head = `layout: ${join(FIXTURES, 'layouts/small.yaml')}\npaper: { name: 报 }\nissue: { date: 2025-03-11, number: 1 }`;
    const issue = loadIssue(writeIssue(issueWith(ARTICLE_A, head)));
    assert.equal(issue.layout.name, 'small');
    assert.equal(issue.layout.grid.lines, 73);
  });
});

describe('the file itself', () => {
  test('a file that does not exist: named as given, no position', () => {
    const ps = problemsOf('no/such/issue.yaml');
    assert.equal(formatProblem(ps[0]), 'no/such/issue.yaml: (file): no such file; the path of a readable YAML file');
  });

  test('an empty file, and one holding only a comment', () => {
    for (const text of ['', '# nothing here\n']) {
      const ps = problems(text);
      assert.equal(ps.length, 1);
      assert.equal(ps[0].field, '(file)');
      assert.match(ps[0].message, /empty/);
    }
  });

  test('a document that is not a mapping', () => {
    has(problems('- a\n- b\n'), 1, 1, '(file)', /a list, not a mapping/);
  });

  test('binary junk (a NUL byte) is named as such, with its position', () => {
    has(problems(Buffer.from('paper:\n  name: x\x00\x01\x02')), 2, 10, '(file)', /binary data/);
  });

  test('invalid UTF-8 (GBK bytes) says so, at the first bad byte', () => {
    const gbk = Buffer.concat([Buffer.from('paper:\n  name: 报'), Buffer.from([0xc7, 0xae, 0xcc, 0xc1]), Buffer.from('\n')]);
    has(problems(gbk), 2, 11, '(file)', /not valid UTF-8 \(byte 0xCC\).*save it as UTF-8/); // C7 AE happens to be valid (U+01EE)
  });

  test('UTF-16 text is refused with advice', () => {
    const ps = problems(Buffer.from('\ufeffpaper: x', 'utf16le'));
    assert.match(ps[0].message, /UTF-16/);
  });

  test('a UTF-8 byte-order mark and CRLF line ends are fine', () => {
    const issue = loadIssue(writeIssue('\ufeff' + issueWith(ARTICLE_A).replace(/\n/g, '\r\n')));
    assert.equal(issue.number, 756);
  });
});

describe('YAML syntax errors: field (yaml), one line each', () => {
  test('a tab used as indentation', () => {
    const p = has(problems('paper:\n\tname: x\n'), 2, 1, '(yaml)', /tab.*indent with spaces/);
    assert.equal(formatProblem(p).split(': ')[0], `${p.file}:2:1`);
  });

  test('an unclosed quote', () => {
    const ps = problems('paper: { name: "钱塘 }\nissue: { number: 1 }\n');
    assert.equal(ps[0].field, '(yaml)');
    assert.match(ps[0].message, /missing closing "quote/);
  });

  test('bad nesting: a mapping after a value on the same key', () => {
    has(problems('paper: x\n  name: y\n'), 1, 8, '(yaml)', /mapping cannot start here/);
  });

  test('a key given twice', () => {
    has(problems('paper: { name: x }\npaper: { name: y }\n'), 2, 1, '(yaml)', /"paper" appears twice/);
  });

  test('a second document', () => {
    has(problems('paper: { name: x }\n---\npaper: { name: y }\n'), 2, 1, '(yaml)', /more than one YAML document/);
  });
});

describe('structure', () => {
  test('unknown keys, with a did-you-mean', () => {
    const ps = problems(issueWith('      - { id: a, title: t, body: b, colums: 2, jump: 2 }').replace('pages:', 'pagse: 1\npages:'));
    has(ps, 4, 1, 'pagse', /unknown key \(did you mean pages\?\)/);
    has(ps, 8, 37, 'pages[0].articles[0].colums', /did you mean columns\?/);
    // and the missing columns is reported at the article's mapping
    has(ps, 8, 9, 'pages[0].articles[0].columns', /missing/);
  });

  test('missing required fields: reported at the parent mapping', () => {
    const ps = problems('layout: broadsheet\npaper: { name_en: X }\nissue: { pages: 1 }\npages:\n  - section: 要闻\n    articles:\n      - { note: x }\n');
    has(ps, 2, 8, 'paper.name', /missing/);
    has(ps, 3, 8, 'issue.date', /missing/);
    has(ps, 3, 8, 'issue.number', /missing/);
    has(ps, 5, 5, 'pages[0].number', /missing/);
    for (const f of ['id', 'title', 'body', 'columns']) has(ps, 7, 9, `pages[0].articles[0].${f}`, /missing/);
    has(problems('paper: { name: x }\nissue: { date: 2025-03-11, number: 1 }\n'), 1, 1, 'pages', /missing/);
  });

  test('wrong types', () => {
    const ps = problems(issueWith('      - { id: a, title: [t], body: { x: 1 }, columns: two, jump: 2 }').replace('paper: { name: 钱塘新区报 }', 'paper: [钱塘新区报]'));
    has(ps, 2, 8, 'paper', /expected a mapping, found a list/);
    has(ps, 7, 36, 'pages[0].articles[0].body', /expected text, found a mapping/);
    has(ps, 7, 55, 'pages[0].articles[0].columns', /expected a whole number, found text \("two"\)/);
  });

  test('an empty body or title', () => {
    const ps = problems(issueWith('      - { id: a, title: "  ", body: "", columns: 2, jump: 2 }'));
    has(ps, 7, 25, 'pages[0].articles[0].title', /empty/);
    has(ps, 7, 37, 'pages[0].articles[0].body', /empty/);
  });

  test('a continuation with keys of an article', () => {
    const ps = problems(issueWith(ARTICLE_A).replace('{ continued: a, columns: 2 }', '{ continued: a, title: x }'));
    has(ps, 10, 25, 'pages[1].articles[0].title', /title belongs to the article, not to its continuation; keys here: continued, columns, lines, column/);
  });
});

describe('ids', () => {
  test('only letters, digits, - and _', () => {
    has(problems(issueWith('      - { id: "a.b", title: t, body: b, columns: 2 }')), 7, 15, 'pages[0].articles[0].id', /"a\.b" contains "\."/);
  });

  test('unique in the issue', () => {
    const ps = problems(issueWith(`${ARTICLE_A}\n      - { id: a, title: t, body: b, columns: 2 }`));
    has(ps, 8, 15, 'pages[0].articles[1].id', /used twice \(first at line 7\)/);
  });
});

describe('column hints against the layout grid (8 columns, 103 lines)', () => {
  test('columns 1..8', () => {
    has(problems(issueWith('      - { id: a, title: t, body: b, columns: 9, jump: 2 }')), 7, 46, 'pages[0].articles[0].columns', /9 is out of range; a whole number from 1 to 8/);
    has(problems(issueWith('      - { id: a, title: t, body: b, columns: 0, jump: 2 }')), 7, 46, 'pages[0].articles[0].columns', /0 is out of range/);
  });

  test('column + columns − 1 ≤ 8', () => {
    has(problems(issueWith('      - { id: a, title: t, body: b, columns: 3, column: 7, jump: 2 }')), 7, 57, 'pages[0].articles[0].column', /runs past grid column 8; column ≤ 6/);
  });

  test('lines 1..103', () => {
    has(problems(issueWith('      - { id: a, title: t, body: b, columns: 2, lines: 104, jump: 2 }')), 7, 56, 'pages[0].articles[0].lines', /from 1 to 103/);
    has(problems(issueWith('      - { id: a, title: t, body: b, columns: 2, lines: 0, jump: 2 }')), 7, 56, 'pages[0].articles[0].lines', /0 is out of range/);
  });

  test('the same checks on a continuation', () => {
    const ps = problems(issueWith(ARTICLE_A).replace('{ continued: a, columns: 2 }', '{ continued: a, columns: 2, column: 8 }'));
    has(ps, 10, 45, 'pages[1].articles[0].column', /runs past/);
  });
});

describe('jumps and continuations', () => {
  test('a jump to its own page', () => {
    has(problems(issueWith('      - { id: a, title: t, body: b, columns: 2, jump: 1 }')), 7, 55, 'pages[0].articles[0].jump', /jumps to its own page 1/);
  });

  test('a jump to a page not in the issue', () => {
    has(problems(issueWith('      - { id: a, title: t, body: b, columns: 2, jump: 5 }')), 7, 55, 'pages[0].articles[0].jump', /page 5 is not in this issue; one of the pages 2/);
  });

  test('continued: naming no article', () => {
    const ps = problems(issueWith(ARTICLE_A).replace('continued: a,', 'continued: b,'));
    has(ps, 10, 22, 'pages[1].articles[0].continued', /no article with id "b"/);
    const ps2 = problems(issueWith(ARTICLE_A.replace('id: a', 'id: dahui')).replace('continued: a,', 'continued: dahiu,'));
    has(ps2, 10, 22, 'pages[1].articles[0].continued', /did you mean dahui\?/);
  });

  test('continued: naming an article without a jump', () => {
    has(problems(issueWith(ARTICLE_A.replace(', jump: 2', ''))), 10, 22, 'pages[1].articles[0].continued', /has no jump; add jump: 2/);
  });

  test('continued: naming an article whose jump points elsewhere', () => {
    const text = issueWith(ARTICLE_A.replace('jump: 2', 'jump: 3')).replace('issue: { date: 2025-03-11, number: 756 }', 'issue: { date: 2025-03-11, number: 756, pages: 3 }') + '  - number: 3\n';
    has(problems(text), 10, 22, 'pages[1].articles[0].continued', /jumps to page 3, not to this page 2/);
  });

  test('continued: the same article twice', () => {
    const ps = problems(issueWith(ARTICLE_A) + '      - { continued: a }\n');
    has(ps, 11, 22, 'pages[1].articles[1].continued', /continued twice \(first at line 10\)/);
  });
});

describe('pages', () => {
  test('a page number twice', () => {
    has(problems(issueWith(ARTICLE_A).replace('number: 2', 'number: 1')), 8, 13, 'pages[1].number', /page 1 is listed twice \(first at line 5\)/);
  });

  test('a page number out of range', () => {
    has(problems(issueWith(ARTICLE_A).replace('number: 2', 'number: 3')), 8, 13, 'pages[1].number', /3 is out of range; a page number from 1 to 2/);
  });

  test('a page missing: pages 1 and 3 of 3 listed', () => {
    const ps = problems('paper: { name: x }\nissue: { date: 2025-03-11, number: 1, pages: 3 }\npages:\n  - number: 1\n  - number: 3\n');
    has(ps, 2, 46, 'issue.pages', /3 pages declared but 2 listed/);
    has(ps, 4, 3, 'pages', /page 2 missing; pages numbered 1 to 3, each once/);
  });

  test('an empty page list', () => {
    has(problems('paper: { name: x }\nissue: { date: 2025-03-11, number: 1 }\npages: []\n'), 3, 8, 'pages', /no pages/);
  });
});

describe('issue: date and number', () => {
  test('an impossible date', () => {
    has(problems(issueWith(ARTICLE_A).replace('2025-03-11', '2025-02-30')), 3, 16, 'issue.date', /not a day of the calendar.*2025-02 has 28 days/);
    has(problems(issueWith(ARTICLE_A).replace('2025-03-11', '2025-13-01')), 3, 16, 'issue.date', /not a day of the calendar/);
  });

  test('not a date', () => {
    has(problems(issueWith(ARTICLE_A).replace('2025-03-11', '11/03/2025')), 3, 16, 'issue.date', /not a date; a date such as 2025-03-11/);
  });

  test('issue.number must be a positive whole number', () => {
    for (const n of ['0', '-3', '1.5', 'abc']) {
      has(problems(issueWith(ARTICLE_A).replace('number: 756', `number: ${n}`)), 3, 36, 'issue.number', /whole number ≥ 1/);
    }
  });

  test('issue.pages must equal the pages listed', () => {
    has(problems(issueWith(ARTICLE_A).replace('number: 756 }', 'number: 756, pages: 4 }')), 3, 48, 'issue.pages', /4 pages declared but 2 listed/);
  });
});

describe('text fields', () => {
  test('title_style: horizontal or vertical', () => {
    has(problems(issueWith('      - { id: a, title: t, body: b, columns: 2, jump: 2, title_style: vertcal }')), 7, 71, 'pages[0].articles[0].title_style', /did you mean vertical\?.*one of horizontal, vertical/);
  });

  test('importance (extension): 1, 2 or 3', () => {
    has(problems(issueWith('      - { id: a, title: t, body: b, columns: 2, jump: 2, importance: 4 }')), 7, 70, 'pages[0].articles[0].importance', /headline size class: 1 \(the size of its span\), 2 or 3/);
    has(problems(issueWith('      - { id: a, title: t, body: b, columns: 2, jump: 2, importance: big }')), 7, 70, 'pages[0].articles[0].importance', /expected a whole number/);
  });

  test('a control character inside the body is named as U+XXXX', () => {
    has(problems(issueWith('      - { id: a, title: t, body: "正文\\u0007。", columns: 2, jump: 2 }')), 7, 34, 'pages[0].articles[0].body', /U\+0007/);
    // raw in the file, too (YAML lets it through a plain scalar)
    has(problems(issueWith('      - { id: a, title: t, body: 正文\x01。, columns: 2, jump: 2 }')), 7, 34, 'pages[0].articles[0].body', /control character U\+0001/);
  });

  test('a lone surrogate inside a title', () => {
    has(problems(issueWith('      - { id: a, title: "标\\ud800题", body: b, columns: 2, jump: 2 }')), 7, 25, 'pages[0].articles[0].title', /lone surrogate U\+D800/);
  });

  test('a body over 2 MB is refused', () => {
    const big = '字'.repeat(800_000); // 2.4 MB of UTF-8
    has(problems(issueWith(`      - { id: a, title: t, body: ${big}, columns: 2, jump: 2 }`)), 7, 34, 'pages[0].articles[0].body', /2\.3 MB; a body of at most 2 MB/);
  });
});

describe('files named in the issue', () => {
  test('a photo that does not exist, or is not JPEG/PNG', () => {
    const ps = problems(issueWith('      - { id: a, title: t, body: b, columns: 2, jump: 2, photo: { file: photos/x.jpg } }'));
    has(ps, 7, 73, 'pages[0].articles[0].photo.file', /file not found: "photos\/x\.jpg"/);
    const ps2 = problems(issueWith('      - { id: a, title: t, body: b, columns: 2, jump: 2, photo: { file: x.gif } }'), { 'x.gif': 'GIF89a' });
    has(ps2, 7, 73, 'pages[0].articles[0].photo.file', /not a \.jpg\/\.jpeg\/\.png file/);
  });

  test('a photo relative to the issue file loads; its columns are at most the article columns', () => {
    const ok = loadIssue(writeIssue(issueWith('      - { id: a, title: t, body: b, columns: 2, jump: 2, photo: { file: p/x.png } }'), { 'p/x.png': 'png' }));
    const a = ok.pages[0].items[0];
    assert.ok(a.kind === 'article' && a.photo?.file === join(ok.dir, 'p/x.png'));
    const ps = problems(issueWith('      - { id: a, title: t, body: b, columns: 2, jump: 2, photo: { file: x.png, columns: 3 } }'), { 'x.png': 'png' });
    has(ps, 7, 89, 'pages[0].articles[0].photo.columns', /from 1 to 2/);
  });

  test('paper.logo must exist', () => {
    has(problems(issueWith(ARTICLE_A).replace('paper: { name: 钱塘新区报 }', 'paper: { name: 钱塘新区报, logo: art/logo.svg }')), 2, 29, 'paper.logo', /file not found/);
  });

  test('the layout must exist: a name with a did-you-mean, or a path', () => {
    has(problems(issueWith(ARTICLE_A).replace('layout: broadsheet', 'layout: broadshet')), 1, 9, 'layout', /no layout named "broadshet" \(did you mean broadsheet\?\)/);
    has(problems(issueWith(ARTICLE_A).replace('layout: broadsheet', 'layout: layouts/mine.yaml')), 1, 9, 'layout', /layout file not found/);
  });

  test("a broken layout's errors name the layout file and its lines", () => {
    const ps = problems(issueWith(ARTICLE_A).replace('layout: broadsheet', `layout: ${join(FIXTURES, 'layouts/broken.yaml')}`));
    const layoutFile = join(FIXTURES, 'layouts/broken.yaml');
    assert.equal(has(ps, 4, 3, 'grid.colum_chars', /did you mean column_chars\?/).file, layoutFile);
    has(ps, 5, 14, 'grid.body_size', /not a length or 号 size/);
    has(ps, 3, 3, 'grid.column_chars', /missing/);
  });
});

describe('layouts', () => {
  test('T26: broadsheet.yaml derives the 999 × 1386 pt type area, 103 lines, 117 pt columns on a 126 pt step', () => {
    const l = loadLayout('broadsheet', process.cwd());
    assert.equal(l.grid.pitch, 13.5);
    assert.equal(l.grid.lines, 103);
    assert.equal(l.typeArea.width, 999);
    assert.equal(l.typeArea.height, 1386);
    assert.equal(l.columnWidth, 117);
    assert.equal(l.columnStep, 126);
    // column k left = x0 + 126(k−1); a 5-column block is 621 pt (69 em)
    const left = (k: number) => l.typeArea.x + (k - 1) * l.columnStep;
    assert.equal(left(8) - left(1), 882);
    assert.equal(left(5) + l.columnWidth - left(1), 621);
    assert.equal(left(8) + l.columnWidth - l.typeArea.x, l.typeArea.width);
    // centred on the 390 × 546 mm trim
    const mm = 72 / 25.4;
    assert.ok(Math.abs(l.trim.width - 390 * mm) < 1e-9 && Math.abs(l.trim.height - 546 * mm) < 1e-9);
    assert.ok(Math.abs(l.typeArea.x * 2 + 999 - l.trim.width) < 1e-9);
    assert.ok(Math.abs(l.typeArea.y * 2 + 1386 - l.trim.height) < 1e-9);
    assert.ok(Math.abs(l.bleed - 3 * mm) < 1e-9);
    assert.equal(l.faces.body.key, 'serif-regular');
    assert.match(l.faces.body.file, /NotoSerifSC_400Regular\.ttf$/);
    assert.equal(l.headline.sizes[0].title, 54);
    assert.equal(l.text.cjkLatinGap, 0.25);
    assert.equal(l.text.indent, 2);
  });

  test('lines given directly, margins given, faces falling back to kindred roles', () => {
    const l = loadLayout('layouts/small.yaml', FIXTURES);
    assert.equal(l.grid.lines, 73);
    assert.equal(l.grid.typeHeight, null);
    assert.equal(l.typeArea.width, (6 * 12 + 5) * 9);
    assert.equal(l.typeArea.height, 72 * 13.5 + 9);
    assert.ok(Math.abs(l.typeArea.x - (10 * 72) / 25.4) < 1e-9);
    assert.equal(l.bleed, 0);
    assert.equal(l.faces.body.key, 'serif-regular');
    assert.equal(l.faces.title.key, 'sans-black');
    assert.equal(l.faces.masthead.key, 'sans-black'); // masthead → title
    assert.equal(l.faces.subhead.key, 'serif-regular'); // subhead → bold → body
  });

  test('layout problems: both lines and type_height, a type area wider than the trim, unknown faces', () => {
    const dir = join(tmpRoot, String(tmpCount++));
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'l.yaml'),
      'trim: { width: 300mm, height: 546mm }\ngrid: { columns: 8, column_chars: 13, body_size: 9pt, type_height: 490mm, lines: 100 }\nfaces: { body: serif-regulr, title: none.ttf }\ntext: { kinsoku: gbb }\n',
    );
    try {
      loadLayout('l.yaml', dir, 'l.yaml');
      assert.fail('expected InputError');
    } catch (err) {
      assert.ok(err instanceof InputError);
      const ps = err.problems;
      has(ps, 2, 82, 'grid.lines', /both type_height and lines/);
      has(ps, 3, 16, 'faces.body', /did you mean serif-regular\?/);
      has(ps, 3, 37, 'faces.title', /font file not found/);
      has(ps, 4, 18, 'text.kinsoku', /did you mean gb\?/);
    }
    try {
      writeFileSync(join(dir, 'w.yaml'), 'trim: { width: 300mm, height: 546mm }\ngrid: { columns: 8, column_chars: 13, body_size: 9pt, lines: 103 }\n');
      loadLayout('w.yaml', dir, 'w.yaml');
      assert.fail('expected InputError');
    } catch (err) {
      assert.ok(err instanceof InputError);
      has(err.problems, 2, 7, 'grid', /999pt wide\) does not fit the trim width/);
    }
  });
});

describe('units', () => {
  test('号 sizes, with and without 号', () => {
    assert.equal(haoSize('小五'), 9);
    assert.equal(haoSize('小五号'), 9);
    assert.equal(haoSize('五号'), 10.5);
    assert.equal(haoSize('小初'), 36);
    assert.equal(haoSize('特号'), 54);
    assert.equal(haoSize('大特号'), 63);
    assert.equal(haoSize('初号'), 42);
    assert.equal(haoSize('八号'), 5);
    assert.equal(haoSize('五'), undefined);
  });

  test('lengths', () => {
    const pt = (s: string | number, em?: number) => {
      const r = parseLength(s, { em });
      assert.ok(r.ok, `${s}: ${r.ok ? '' : r.why}`);
      return r.pt;
    };
    assert.ok(Math.abs(pt('390mm') - 1105.5118) < 1e-4);
    assert.equal(pt('9pt'), 9);
    assert.equal(pt(9), 9);
    assert.equal(pt('9'), 9);
    assert.ok(Math.abs(pt('13Q') - (13 * 0.25 * 72) / 25.4) < 1e-9);
    assert.equal(pt('0.5em', 9), 4.5);
    assert.equal(parseLength('0.5em').ok, false);
    assert.equal(parseLength('-1mm').ok, false);
    assert.equal(parseLength('3 furlongs').ok, false);
  });

  test('error lines and exit status', () => {
    assert.equal(EXIT_INPUT, 2);
    assert.equal(
      formatProblem({ file: 'a.yaml', line: 3, col: 5, field: 'pages[0].articles[2].columns', message: '9 is out of range', accepted: 'a whole number from 1 to 8' }),
      'a.yaml:3:5: pages[0].articles[2].columns: 9 is out of range; a whole number from 1 to 8',
    );
  });
});
