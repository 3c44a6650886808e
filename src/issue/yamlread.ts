// Reading a YAML file with positions, and checked access to its mappings: the shared machinery
// of the issue and layout loaders. Every problem found is recorded with the line and column of
// the node that holds it; nothing here throws for bad input except readYamlFile, which throws
// one InputError when the file cannot be parsed at all.
import { readFileSync, statSync } from 'node:fs';
import type { Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { yaml } from '../cjs.js';

const { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } = yaml;
type LineCounter = InstanceType<typeof LineCounter>;
import { InputError, quote, suggest } from './errors.js';
import type { Problem } from './errors.js';
import type { Where } from './model.js';

/** Refuse files larger than this before reading them: bounded memory whatever the input. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Read and parse one YAML file; throws InputError for anything that is not a parseable YAML mapping. */
export function readYamlFile(path: string, display: string, what: string): Reader {
  const bytes = readBytes(path, display);
  const text = decode(bytes, display);
  const lc = new LineCounter();
  // YAML 1.2 core schema; `timestamp` so that `!!timestamp 2025-03-11` is understood too.
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, customTags: ['timestamp'] });
  const problems: Problem[] = [];
  const seenLines = new Set<number>();
  for (const e of doc.errors) {
    const { line, col } = lc.linePos(e.pos[0]);
    if (seenLines.has(line)) continue; // one error a line: the rest are usually its echoes
    seenLines.add(line);
    const [message, accepted] = explainYamlError(e.code, e.message, text, e.pos[0]);
    problems.push({ file: display, line, col, field: '(yaml)', message, accepted });
  }
  if (problems.length > 0) throw new InputError(problems);

  const reader = new Reader(display, doc, lc, text);
  const root = reader.resolve(doc.contents);
  const top = `a YAML mapping: ${what}`;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    throw new InputError([{ file: display, line: 0, col: 0, field: '(file)', message: 'the file is empty', accepted: top }]);
  }
  if (!isMap(root)) {
    const w = reader.where(root);
    throw new InputError([
      { file: display, line: w.line, col: w.col, field: '(file)', message: `the document is ${kindOf(root)}, not a mapping`, accepted: top },
    ]);
  }
  return reader;
}

function fileProblem(display: string, message: string, accepted: string, line = 0, col = 0): InputError {
  return new InputError([{ file: display, line, col, field: '(file)', message, accepted }]);
}

function readBytes(path: string, display: string): Buffer {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw fileProblem(display, 'is a folder, not a file', 'the path of a YAML file');
    if (!st.isFile()) throw fileProblem(display, 'is not a regular file', 'the path of a YAML file');
    if (st.size > MAX_FILE_BYTES) {
      throw fileProblem(display, `too large (${st.size} bytes)`, `a YAML file of at most ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    }
    return readFileSync(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? String(err)})`;
    throw fileProblem(display, why, 'the path of a readable YAML file');
  }
}

/** Bytes → text, refusing binary data and anything that is not UTF-8. */
function decode(bytes: Buffer, display: string): string {
  const utf8 = 'UTF-8 text (YAML)';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw fileProblem(display, 'the file is UTF-16 text', `${utf8}: save it as UTF-8`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, col } = bytePos(bytes, nul);
    throw fileProblem(display, 'binary data (a NUL byte), not text', utf8, line, col);
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const { line, col } = bytePos(bytes, bad);
    const hex = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
    throw fileProblem(display, `not valid UTF-8 (byte 0x${hex}); GBK or other legacy encodings are not read`, `${utf8}: save it as UTF-8`, line, col);
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // One kind of line break: CR LF and lone CR become LF (columns and line numbers are unchanged).
  return text.replace(/\r\n?/g, '\n');
}

/** Offset of the first byte that breaks UTF-8, or -1. */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let need: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line and column (in characters) of a byte offset. */
function bytePos(b: Buffer, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (b[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  const col = b.subarray(start, offset).toString('utf8').length + 1;
  return { line, col };
}

/** The yaml package's error as `what is wrong` and `what is accepted`. */
function explainYamlError(code: string, message: string, text: string, offset: number): [string, string] {
  const msg = message.replace(/\s+/g, ' ').replace(/\.$/, '');
  const yaml = 'valid YAML: indent with spaces, close every quote and bracket';
  switch (code) {
    case 'TAB_AS_INDENT':
      return ['a tab is used as indentation', 'indent with spaces only'];
    case 'MISSING_CHAR':
      return [msg.replace(/^Missing/, 'missing'), 'close the quote or bracket; for long text use a block scalar (| then the text indented on the next lines)'];
    case 'BAD_INDENT':
      return [`bad indentation (${msg})`, 'indent nested entries with spaces, all entries of one mapping or list at the same column'];
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return [`a mapping cannot start here (${msg})`, 'one `key: value` a line, nested keys indented under their parent key; quote values that contain ": "'];
    case 'DUPLICATE_KEY': {
      const key = /^[^\n:]*/.exec(text.slice(offset))?.[0].trim() ?? '';
      return [`the key ${quote(key)} appears twice in this mapping`, 'each key once per mapping'];
    }
    case 'MULTIPLE_DOCS':
      return ['more than one YAML document (a second ---)', 'one YAML document per file'];
    case 'BAD_DQ_ESCAPE':
      return [`bad escape in a double-quoted string (${msg})`, 'escapes \\n \\t \\\\ \\" \\uXXXX, or single quotes or a block scalar for text with backslashes'];
    case 'TAG_RESOLVE_FAILED':
      return [msg, 'a value of the type the tag names'];
    default:
      // The parser catches its own stack overflow on absurd nesting and reports it as an error.
      if (/call stack/i.test(msg)) return ['the document is nested too deeply', 'an issue nested a few levels deep'];
      return [msg.charAt(0).toLowerCase() + msg.slice(1), yaml];
  }
}

function kindOf(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'empty';
    if (typeof v === 'number') return `a number (${v})`;
    if (typeof v === 'boolean') return `a boolean (${v})`;
    if (v instanceof Date) return 'a date';
    return `text (${quote(String(v), 20)})`;
  }
  return 'something else';
}

/** A scalar's value as the user wrote it, for plain scalars that YAML typed as numbers, dates, booleans. */
function scalarText(node: Scalar, src: string): string {
  if (typeof node.value === 'string') return node.value;
  if (node.range && (node.type === 'PLAIN' || node.type === undefined)) return src.slice(node.range[0], node.range[1]).trim();
  return String(node.value);
}

/**
 * Characters that must not reach the typesetter: C0/C1 controls (tab and newline are fine),
 * DEL, lone surrogates, U+FFFE/U+FFFF. Returns the first one as U+XXXX, or null.
 */
export function badChar(s: string): string | null {
  // Fast path: most text has nothing to look at.
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/.test(s)) return null;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      return `a lone surrogate U+${hex4(c)}`;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return `a lone surrogate U+${hex4(c)}`;
    if ((c < 0x20 && c !== 0x0a && c !== 0x09) || (c >= 0x7f && c <= 0x9f)) return `the control character U+${hex4(c)}`;
    if (c === 0xfffe || c === 0xffff) return `the non-character U+${hex4(c)}`;
  }
  return null;
}

function hex4(c: number): string {
  return c.toString(16).toUpperCase().padStart(4, '0');
}

export interface IntOptions {
  required?: boolean;
  min?: number;
  max?: number;
  /** Overrides the generated `what is accepted`. */
  accepted?: string;
}

/** A document being read: positions, the problems found so far, checked access to values. */
export class Reader {
  readonly problems: Problem[] = [];
  constructor(
    readonly file: string,
    readonly doc: Document,
    readonly lc: LineCounter,
    private readonly src: string,
  ) {}

  /** The document's root mapping (readYamlFile checked it is one). */
  root(field = ''): Fields {
    return this.fieldsOf(this.resolve(this.doc.contents) as YAMLMap, field);
  }

  where(node: Node | null | undefined): Where {
    const off = node?.range?.[0];
    if (off === undefined) return { file: this.file, line: 0, col: 0 };
    const { line, col } = this.lc.linePos(off);
    return { file: this.file, line, col };
  }

  fail(node: Node | null | undefined, field: string, message: string, accepted: string): void {
    const w = this.where(node);
    this.problems.push({ file: w.file, line: w.line, col: w.col, field, message, accepted });
  }

  /** Follow an alias to its node; null for no node. */
  resolve(node: unknown): Node | null {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return node as Node;
  }

  /** Is this node absent or an empty scalar (`key:` with nothing, `~`, `null`)? */
  isNull(node: Node | null): boolean {
    return node === null || (isScalar(node) && node.value === null);
  }

  kind(node: Node | null): string {
    return kindOf(node);
  }

  /** A mapping's entries, checked against the known keys (unknown keys are reported; null: any key). */
  mapping(node: Node | null, field: string, keys: readonly string[] | null, accepted: string, explain?: (key: string) => string | null): Fields | null {
    if (!isMap(node)) {
      this.fail(node, field, `expected a mapping, found ${kindOf(node)}`, accepted);
      return null;
    }
    const fields = this.fieldsOf(node, field);
    for (const [name, entry] of fields.entries) {
      if (keys === null || keys.includes(name)) continue;
      const s = suggest(name, keys);
      const did = s ? ` (did you mean ${s}?)` : '';
      this.fail(entry.key, join(field, name), explain?.(name) ?? `unknown key${did}`, `keys here: ${keys.join(', ')}`);
    }
    return fields;
  }

  /** A list's items; reports anything else. A single value is not taken for a list. */
  list(node: Node | null, field: string, accepted: string): (Node | null)[] | null {
    if (!isSeq(node)) {
      this.fail(node, field, `expected a list, found ${kindOf(node)}`, accepted);
      return null;
    }
    return (node as YAMLSeq).items.map((it) => this.resolve(it));
  }

  /** Text as written: strings, and plain scalars YAML would type (`756`, `true`) taken as written. */
  text(node: Node | null, field: string, accepted: string): string | undefined {
    if (this.isNull(node)) return undefined;
    if (!isScalar(node)) {
      this.fail(node, field, `expected text, found ${kindOf(node)}`, accepted);
      return undefined;
    }
    const s = scalarText(node, this.source());
    const bad = badChar(s);
    if (bad) {
      this.fail(node, field, `contains ${bad}`, 'plain text: no control characters other than tab and newline, no lone surrogates');
      return undefined;
    }
    return s;
  }

  /** An integer; reports type and range. */
  int(node: Node | null, field: string, opts: IntOptions): number | undefined {
    const min = opts.min ?? Number.MIN_SAFE_INTEGER;
    const max = opts.max ?? Number.MAX_SAFE_INTEGER;
    const accepted = opts.accepted ?? rangeText(min, max);
    if (this.isNull(node)) {
      if (opts.required) this.fail(node, field, 'empty', accepted);
      return undefined;
    }
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.fail(node, field, `expected a whole number, found ${kindOf(node)}`, accepted);
      return undefined;
    }
    if (v < min || v > max) {
      this.fail(node, field, `${v} is out of range`, accepted);
      return undefined;
    }
    return v;
  }

  /** A number (not necessarily whole). */
  num(node: Node | null, field: string, min: number, max: number, accepted: string): number | undefined {
    if (this.isNull(node)) return undefined;
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.fail(node, field, `expected a number, found ${kindOf(node)}`, accepted);
      return undefined;
    }
    if (v < min || v > max) {
      this.fail(node, field, `${v} is out of range`, accepted);
      return undefined;
    }
    return v;
  }

  bool(node: Node | null, field: string): boolean | undefined {
    if (this.isNull(node)) return undefined;
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'boolean') {
      this.fail(node, field, `expected true or false, found ${kindOf(node)}`, 'true or false');
      return undefined;
    }
    return v;
  }

  /** One of a fixed set of words, with a did-you-mean. */
  choice<T extends string>(node: Node | null, field: string, options: readonly T[]): T | undefined {
    const s = this.text(node, field, `one of ${options.join(', ')}`);
    if (s === undefined) return undefined;
    if ((options as readonly string[]).includes(s)) return s as T;
    const sug = suggest(s, options);
    this.fail(node, field, `${quote(s)} is not an option${sug ? ` (did you mean ${sug}?)` : ''}`, `one of ${options.join(', ')}`);
    return undefined;
  }

  private fieldsOf(node: YAMLMap, field: string): Fields {
    const entries = new Map<string, Entry>();
    for (const pair of node.items as Pair<unknown, unknown>[]) {
      const key = this.resolve(pair.key);
      if (!isScalar(key) || key.value === null || typeof key.value === 'object') {
        this.fail(key ?? node, field || '(top level)', `a key must be a plain word, found ${kindOf(key)}`, 'keys like `title:`');
        continue;
      }
      const name = scalarText(key, this.source());
      // Duplicate keys are a YAML error reported by the parser; keep the first.
      if (!entries.has(name)) entries.set(name, { key, value: this.resolve(pair.value) });
    }
    return new Fields(this, node, field, entries);
  }

  private source(): string {
    return this.src;
  }
}

interface Entry {
  key: Scalar;
  value: Node | null;
}

/** A mapping's entries with their field path, for reading values by key. */
export class Fields {
  constructor(
    readonly reader: Reader,
    readonly node: YAMLMap,
    readonly field: string,
    readonly entries: Map<string, Entry>,
  ) {}

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The value node of a key (aliases followed), or null. */
  get(key: string): Node | null {
    return this.entries.get(key)?.value ?? null;
  }

  path(key: string): string {
    return join(this.field, key);
  }

  /** Report a required key that is missing (at the mapping) or empty (at the value). */
  require(key: string, accepted: string): boolean {
    const e = this.entries.get(key);
    if (e === undefined) {
      this.reader.fail(this.node, this.path(key), 'missing', accepted);
      return false;
    }
    if (this.reader.isNull(e.value)) {
      this.reader.fail(e.value ?? e.key, this.path(key), 'empty', accepted);
      return false;
    }
    return true;
  }

  text(key: string, accepted: string, required = false): string | undefined {
    if (required && !this.require(key, accepted)) return undefined;
    const s = this.reader.text(this.get(key), this.path(key), accepted);
    if (required && s !== undefined && s.trim() === '') {
      this.reader.fail(this.get(key), this.path(key), 'empty', accepted);
      return undefined;
    }
    return s === undefined || s.trim() === '' ? undefined : s;
  }

  int(key: string, opts: IntOptions): number | undefined {
    if (opts.required && !this.require(key, opts.accepted ?? rangeText(opts.min, opts.max))) return undefined;
    return this.reader.int(this.get(key), this.path(key), opts);
  }

  where(key?: string): Where {
    return this.reader.where(key === undefined ? this.node : (this.get(key) ?? this.entries.get(key)?.key ?? this.node));
  }
}

/** `pages[0]` + `articles` → `pages[0].articles`. */
export function join(field: string, key: string): string {
  // Odd keys (spaces, punctuation) are quoted so that the field stays readable on its line.
  if (!/^[\p{L}_][\p{L}\p{N}_-]*$/u.test(key)) return `${field}[${JSON.stringify(key)}]`;
  return field === '' ? key : `${field}.${key}`;
}

function rangeText(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): string {
  if (max === Number.MAX_SAFE_INTEGER) return `a whole number ≥ ${min}`;
  if (min === max) return `${min}`;
  return `a whole number from ${min} to ${max}`;
}
