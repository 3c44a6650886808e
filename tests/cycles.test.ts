// Import cycles in src: every relative import (type-only ones too — a type cycle still ties
// two modules together for a reader) as an edge, strongly connected components by Tarjan.
// `node dist/tests/cycles.test.js` prints every cycle found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { ROOT, SRC, sources } from './helpers/sources.js';

/** Module → the modules it imports (static `import … from`, `export … from`, `import '…'`). */
export function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const re = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"](\.[^'"]+)['"]|(?:^|\n)\s*import\s*['"](\.[^'"]+)['"]/g;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(re)) deps.push(resolve(dirname(f), (m[1] ?? m[2]).replace(/\.js$/, '.ts')));
    graph.set(f, deps.filter((d) => graph.has(d) || files.includes(d)));
  }
  return graph;
}

/** Strongly connected components with more than one module (or a module importing itself). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.map((s) => relative(ROOT, s)).sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

const found = cycles(importGraph(sources(SRC)));
console.log(found.length ? found.map((c) => 'cycle: ' + c.join(' ↔ ')).join('\n') : `no import cycle in src (${sources(SRC).length} modules)`);

test('the cycle finder finds a planted cycle', () => {
  const g = new Map([
    ['/a', ['/b']],
    ['/b', ['/c']],
    ['/c', ['/a']],
    ['/d', ['/a']],
  ]);
  assert.equal(cycles(g).length, 1);
  assert.equal(cycles(g)[0].length, 3);
});

test('no import cycle in src/layout', () => {
  const layout = found.filter((c) => c.some((m) => m.startsWith('src/layout/')));
  assert.deepEqual(layout, []);
});

test('src/layout reads compose.ts from nowhere inside it (compose is the stage entry)', () => {
  const graph = importGraph(sources(join(SRC, 'layout')));
  const users = [...graph].filter(([, deps]) => deps.some((d) => d.endsWith('/layout/compose.ts'))).map(([f]) => relative(ROOT, f));
  assert.deepEqual(users, []);
});

// Function lengths (issue 15: no function over ~80 lines in src/layout), by the TypeScript parser.
import ts from 'typescript';

export function functionLengths(files: string[]): { name: string; lines: number }[] {
  const out: { name: string; lines: number }[] = [];
  for (const f of files) {
    const src = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true);
    const walk = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
        const start = src.getLineAndCharacterOfPosition(node.getStart(src)).line;
        const end = src.getLineAndCharacterOfPosition(node.getEnd()).line;
        const named = (node as ts.FunctionDeclaration).name?.getText(src) ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(src) : '(anonymous)');
        out.push({ name: `${relative(ROOT, f)}:${start + 1} ${named}`, lines: end - start + 1 });
      }
      ts.forEachChild(node, walk);
    };
    walk(src);
  }
  return out.sort((a, b) => b.lines - a.lines);
}

const longest = functionLengths(sources(join(SRC, 'layout')));
console.log('largest functions in src/layout:\n' + longest.slice(0, 5).map((f) => `  ${String(f.lines).padStart(4)}  ${f.name}`).join('\n'));

test('no function over 80 lines in src/layout', () => {
  assert.deepEqual(longest.filter((f) => f.lines > 80), []);
});

// The same for the whole of src (issue 15: no import cycle anywhere, src/text's cache cycle
// gone), and function lengths in src/text: the house's files there, the caches and the library
// adapters are held to ~80 lines; the line engine's (line, units, optimal, break) are listed.
test('no import cycle in src', () => {
  assert.deepEqual(found, []);
});

const text = functionLengths(sources(join(SRC, 'text')));
console.log('largest functions in src/text:\n' + text.slice(0, 5).map((f) => `  ${String(f.lines).padStart(4)}  ${f.name}`).join('\n'));

test('no function over 80 lines in src/text/{face,fontfile,paragraph,shapecache}, src/cache, src/adapters', () => {
  const house = [...sources(join(SRC, 'text')).filter((f) => /\/(face|fontfile|paragraph|shapecache)\.ts$/.test(f)), ...sources(join(SRC, 'cache')), ...sources(join(SRC, 'adapters'))];
  assert.ok(house.length >= 9, `files: ${house.length}`);
  assert.deepEqual(functionLengths(house).filter((f) => f.lines > 80), []);
});

// The line engine's files (issue 14 touched them) are held to ~80 lines too.
const ENGINE = ['break', 'classify', 'line', 'normalize', 'optimal', 'paragraph', 'stats', 'units'].map((f) => join(SRC, 'text', `${f}.ts`));
const longestText = functionLengths(ENGINE);
console.log('largest functions in the line engine:\n' + longestText.slice(0, 5).map((f) => `  ${String(f.lines).padStart(4)}  ${f.name}`).join('\n'));

test('no function over 80 lines in the line engine (src/text)', () => {
  assert.deepEqual(longestText.filter((f) => f.lines > 80), []);
});
