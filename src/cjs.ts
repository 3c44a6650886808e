// yaml and commander are CommonJS packages, loaded with require rather than import: a CommonJS
// package imported from ESM is first scanned by Node's CommonJS lexer for its export names,
// and V8 optimising that lexer (one long function) costs more CPU than the scan saves.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const yaml = require('yaml') as typeof import('yaml');
export const commander = require('commander') as typeof import('commander');
