// Reading a face file. A Noto CJK TrueType face is 15 MB, 14 of them the `glyf` table of
// 30,000 outlines, while an issue prints 2,000 of them and measuring needs none (advances
// are in hmtx, glyph ids in cmap). So every table but `glyf` is read at open, and outlines
// are read when something is about to decode them: the subsetter (src/render/subset.ts),
// ink boxes, and fontkit's layout() on a shaping-cache miss. fontkit still parses the face,
// from a buffer of the file's full size whose unread pages the OS never maps in.
//
// A glyph read before its outline is filled would decode as an empty glyph: everything that
// decodes outlines goes through `outlines(font)` first (tested: the PDF is byte-identical to
// one made from whole files, and ink boxes match).
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { beforeSubsetRead, canReadSparsely, forgetGlyphs, presetLoca } from '../adapters/fontkit.js';
import { fastPaths } from '../adapters/fastpaths.js';

export interface Outlines {
  /** Read the outlines of these glyph ids (no-op for those already read). */
  glyphs(ids: Iterable<number>): void;
  /** Read the whole glyf table. */
  all(): void;
  /** Drop the glyph objects fontkit made while outlines were unread (their decoded boxes
   * would be of empty glyphs); fontkit makes them again, from the outlines, when asked. */
  forgetUnread(font: object): void;
}

const sparse = new WeakMap<object, Outlines>();

/** Outline access for a fontkit font; a no-op for faces read whole. */
export function outlines(font: object): Outlines {
  return sparse.get(font) ?? WHOLE;
}

const WHOLE: Outlines = { glyphs() {}, all() {}, forgetUnread() {} };

/** The file's bytes, and (for sparse reads) what fills in the outlines. */
export function readFontFile(file: string): { buf: Buffer; attach(font: object): void } {
  if (!fastPaths()) return whole(file);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(12);
    readSync(fd, head, 0, 12, 0);
    const version = head.readUInt32BE(0);
    const numTables = head.readUInt16BE(4);
    // Only plain TrueType-outline files (not collections, CFF or WOFF) are read sparsely.
    if (version !== 0x00010000 || numTables === 0 || numTables > 100) return whole(file);
    const buf = Buffer.allocUnsafeSlow(size);
    head.copy(buf, 0);
    readSync(fd, buf, 12, numTables * 16, 12);
    let glyf: { offset: number; length: number } | null = null;
    let loca: { offset: number; length: number } | null = null;
    const tables: { tag: string; offset: number; length: number }[] = [];
    for (let i = 0; i < numTables; i++) {
      const r = 12 + i * 16;
      const t = { tag: buf.toString('latin1', r, r + 4), offset: buf.readUInt32BE(r + 8), length: buf.readUInt32BE(r + 12) };
      if (t.offset + t.length > size) return whole(file);
      if (t.tag === 'glyf') glyf = t;
      else tables.push(t);
      if (t.tag === 'loca') loca = t;
    }
    if (!glyf || !loca) return whole(file);
    for (const t of tables) if (t.length) readSync(fd, buf, t.offset, t.length, t.offset);
    const indexToLocFormat = tables.some((t) => t.tag === 'head') ? buf.readInt16BE(tables.find((t) => t.tag === 'head')!.offset + 50) : 0;
    const g = glyf;
    const l = loca;
    const count = indexToLocFormat ? l.length / 4 - 1 : l.length / 2 - 1;
    const at = (id: number) => (indexToLocFormat ? buf.readUInt32BE(l.offset + 4 * id) : buf.readUInt16BE(l.offset + 2 * id) * 2);
    const read = new Uint8Array(Math.max(0, count));
    let allRead = false;
    const o: Outlines = {
      glyphs(ids) {
        if (allRead) return;
        let f = -1;
        try {
          for (const id of ids) {
            if (id < 0 || id >= count || read[id]) continue;
            read[id] = 1;
            const a = at(id);
            const end = Math.min(at(id + 1), g.length);
            if (end <= a) continue;
            if (f < 0) f = openSync(file, 'r');
            readSync(f, buf, g.offset + a, end - a, g.offset + a);
          }
        } finally {
          if (f >= 0) closeSync(f);
        }
      },
      forgetUnread(font) {
        if (!allRead) forgetGlyphs(font, (id) => !read[id]);
      },
      all() {
        if (allRead) return;
        const f = openSync(file, 'r');
        try {
          readSync(f, buf, g.offset, g.length, g.offset);
        } finally {
          closeSync(f);
        }
        allRead = true;
      },
    };
    // .notdef: pdfkit asks for its advance through fontkit, which decodes its outline.
    o.glyphs([0]);
    // fontkit decodes loca (30,000 offsets) element by element through restructure when an
    // outline is first read (5 ms a face); the same table, read here, is handed to it as
    // the decoded table it would have made (format 0 offsets doubled, as its `process` does).
    const offsets = new Array<number>(count + 1);
    for (let i = 0; i <= count; i++) offsets[i] = at(i);
    const decoded = { version: indexToLocFormat, offsets, ...(indexToLocFormat === 0 ? { _processed: true } : {}) };
    return {
      buf,
      attach: (font) => {
        // A fontkit of another shape: the outlines are read now, and it is a whole face.
        if (!canReadSparsely(font)) return o.all();
        sparse.set(font, o);
        presetLoca(font, decoded);
        beforeSubsetRead(font, (gid) => o.glyphs([gid]));
      },
    };
  } finally {
    closeSync(fd);
  }
}

function whole(file: string): { buf: Buffer; attach(font: object): void } {
  return { buf: readFileSync(file), attach() {} };
}
