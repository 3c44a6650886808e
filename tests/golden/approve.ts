// npm run approve: accept the current rendering of the sample as the golden pages, after a
// reviewed change. Writes tests/golden/page-N.png (GOLDEN_DPI) and summary.json (for --explain).
import { writeFileSync } from 'node:fs';
import { buildPdf } from '../../src/pipeline.js';
import { rasterizePdf, writePngs } from '../../src/visual/raster.js';
import { summarize } from '../../src/visual/explain.js';
import { cpuModel, pin, PINNED_FILE, PINNED_ISSUES, type PinnedFile } from '../helpers/bytes.js';

export const GOLDEN_DIR = 'tests/golden';
export const GOLDEN_DPI = 36;
export const GOLDEN_ISSUE = 'samples/qiantang-2025-03-11.yaml';

async function main(): Promise<void> {
  const b = await buildPdf(GOLDEN_ISSUE);
  const pages = await rasterizePdf(new Uint8Array(b.pdf), GOLDEN_DPI);
  const files = await writePngs(pages, GOLDEN_DIR);
  writeFileSync(`${GOLDEN_DIR}/summary.json`, JSON.stringify(summarize(b.comp.dl), null, 1) + '\n');
  console.log(`approved ${files.length} pages at ${GOLDEN_DPI} dpi into ${GOLDEN_DIR}/`);
  // The bytes the speed work must keep (tests/bytes.test.ts), with the caches off as in npm test.
  process.env.BROADSHEET_CACHE = 'off';
  const pinned: PinnedFile = { cpu: cpuModel(), issues: {} };
  for (const issue of PINNED_ISSUES) pinned.issues[issue] = pin((await buildPdf(issue)).pdf);
  writeFileSync(PINNED_FILE, JSON.stringify(pinned, null, 1) + '\n');
  console.log(`pinned the bytes of ${PINNED_ISSUES.length} issues in ${PINNED_FILE}`);
}

if (process.argv[1]?.endsWith('approve.js')) await main();
