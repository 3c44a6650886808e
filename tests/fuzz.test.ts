// Fuzzing: thousands of mutated issue files. For each: no crash; either clear error lines
// (`FILE:LINE:COL: FIELD: problem; accepted`), a layout problem, or a valid PDF.
// A fixed seed here; `npm run fuzz` runs longer (FUZZ_CASES, FUZZ_SEED).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/pipeline.js';
import { writePdf } from '../src/render/pdf.js';
import { InputError } from '../src/issue/errors.js';
import { genIssue } from './helpers/gen.js';
import { mutate } from './helpers/fuzz.js';

const CASES = Number(process.env.FUZZ_CASES ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? 20250311);
const LINE = /^[^\n]+?(:\d+:\d+)?: [^\n]+: [^\n]+; [^\n]+$/;

test(`fuzz: ${CASES} mutated issue files, seed ${SEED}`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-fuzz-'));
  const bases = [1, 2, 3].map((s) => genIssue(s, 2).yaml);
  const counts = { input: 0, layout: 0, ok: 0, pdf: 0 };
  const failures: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const m = mutate(bases[i % bases.length], SEED + i);
    const f = join(dir, `m${i}.yaml`);
    writeFileSync(f, m.bytes);
    try {
      const b = build(f);
      if (b.comp.dl.problems.some((p) => p.kind === 'over' || p.kind === 'overfull')) counts.layout++;
      else counts.ok++;
      // Every 25th composed mutant goes all the way to a PDF.
      if (i % 25 === 0) {
        const pdf = await writePdf(b.comp.dl, b.comp.faces);
        assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
        assert.ok(pdf.subarray(-6).toString().includes('%%EOF'));
        counts.pdf++;
      }
    } catch (e) {
      if (e instanceof InputError) {
        counts.input++;
        for (const l of e.lines()) if (!LINE.test(l)) failures.push(`case ${i} (${m.name}): malformed error line: ${l}`);
      } else failures.push(`case ${i} (${m.name}): ${(e as Error)?.stack ?? e}`);
    }
  }
  console.log(`fuzz: ${CASES} cases: ${counts.input} bad input, ${counts.layout} layout problems, ${counts.ok} composed, ${counts.pdf} PDFs written; ${failures.length} failures`);
  assert.deepEqual(failures.slice(0, 5), []);
});
