// Column breaks: which columns of a balanced block run long is chosen so that no widow,
// orphan or split word stands at a break.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { breakFaultCount, endChoices, splitsWord } from '../src/layout/columns.js';
import { balancedEnds } from '../src/layout/flow.js';
import type { FlowLine, Slot } from '../src/layout/types.js';

const line = (para: number, index: number, count: number, text = '字字字字'): FlowLine => ({ line: { text } as FlowLine['line'], para, index, count, kind: 'body' });
const slotsFor = (ends: number[], starts: number[]): Slot[] => starts.flatMap((s, c) => Array.from({ length: ends[c] - s }, (_, i) => ({ x: c * 100, line: s + i })));

test('balanced ends: heights within a line, the longer first; a column under a figure out of the balance', () => {
  assert.deepEqual(balancedEnds([0, 0, 0], 7, 50).ends, [3, 2, 2]);
  assert.deepEqual(balancedEnds([0, 0, 0], 9, 50).ends, [3, 3, 3]);
  // Column 1 starts at line 10 (a photo above): the text ends level in the others.
  assert.deepEqual(balancedEnds([10, 0, 0], 8, 50).ends, [10, 4, 4]);
});

test('end choices: the long column moved so that an orphan does not end a column', () => {
  // Paragraph 0 has 2 lines, paragraph 1 has 5: 7 lines in 3 columns.
  const flow = [line(0, 0, 2), line(0, 1, 2), line(1, 0, 5), line(1, 1, 5), line(1, 2, 5), line(1, 3, 5), line(1, 4, 5)];
  const starts = [0, 0, 0];
  const choices = endChoices(starts, 7, 3);
  assert.deepEqual(choices[0], [3, 2, 2]); // longer first: column 1 would end with paragraph 1's first line
  const faults = choices.map((ends) => breakFaultCount(flow, slotsFor(ends, starts), 0, 7));
  assert.equal(faults[0], 1);
  assert.deepEqual(choices[faults.indexOf(0)], [2, 3, 2]);
});

test('a word split across a break: a Latin or digit run, a 《》 title', () => {
  assert.equal(splitsWord(line(0, 0, 2, '字字AB'), line(0, 1, 2, 'CD字')), true);
  assert.equal(splitsWord(line(0, 0, 2, '字《家乡'), line(0, 1, 2, '云溪》字')), true);
  assert.equal(splitsWord(line(0, 0, 2, '字《家乡》'), line(0, 1, 2, '字字')), false);
  assert.equal(splitsWord(line(0, 0, 1, '字字AB'), line(1, 0, 2, 'CD字')), false); // another paragraph
});
