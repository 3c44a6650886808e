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

const sparseFaces = new WeakMap<object, Outlines>();

/** Outline access for a fontkit font; a no-op for faces read whole. */
export function outlines(font: object): Outlines {
  return sparseFaces.get(font) ?? WHOLE;
}

const WHOLE: Outlines = { glyphs() {}, all() {}, forgetUnread() {} };

type Table = { tag: string; offset: number; length: number };
const GAP = 4096; // bytes: below this, reading the bytes between two records costs less than a second read
type Opened = { buf: Buffer; attach(font: object): void };

/** The file's bytes, and (for sparse reads) what fills in the outlines. */
export function readFontFile(file: string): Opened {
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
    const tables: Table[] = [];
    for (let i = 0; i < numTables; i++) {
      const r = 12 + i * 16;
      tables.push({ tag: buf.toString('latin1', r, r + 4), offset: buf.readUInt32BE(r + 8), length: buf.readUInt32BE(r + 12) });
    }
    const glyf = tables.find((t) => t.tag === 'glyf');
    const loca = tables.find((t) => t.tag === 'loca');
    if (!glyf || !loca || tables.some((t) => t.offset + t.length > size)) return whole(file);
    for (const t of tables) if (t !== glyf && t.length) readSync(fd, buf, t.offset, t.length, t.offset);
    const headTable = tables.find((t) => t.tag === 'head');
    return sparse(file, buf, glyf, loca, headTable ? buf.readInt16BE(headTable.offset + 50) : 0);
  } finally {
    closeSync(fd);
  }
}

/** A face whose tables but glyf are in `buf`: outlines read into it when asked for. */
function sparse(file: string, buf: Buffer, g: Table, l: Table, indexToLocFormat: number): Opened {
  const count = indexToLocFormat ? l.length / 4 - 1 : l.length / 2 - 1;
  const at = (id: number) => (indexToLocFormat ? buf.readUInt32BE(l.offset + 4 * id) : buf.readUInt16BE(l.offset + 2 * id) * 2);
  const read = new Uint8Array(Math.max(0, count));
  let allRead = false;
  const o: Outlines = {
    glyphs(ids) {
      if (allRead) return;
      // The records asked for, in file order; records closer than GAP are read in one go
      // (an issue's 2,000 glyphs were 2,000 reads).
      const spans: [number, number][] = [];
      for (const id of ids) {
        if (id < 0 || id >= count || read[id]) continue;
        read[id] = 1;
        const a = at(id);
        const end = Math.min(at(id + 1), g.length);
        if (end > a) spans.push([a, end]);
      }
      if (!spans.length) return;
      spans.sort((x, y) => x[0] - y[0]);
      const f = openSync(file, 'r');
      try {
        let [a, end] = spans[0];
        for (let i = 1; i <= spans.length; i++) {
          if (i < spans.length && spans[i][0] - end < GAP) {
            end = Math.max(end, spans[i][1]);
            continue;
          }
          readSync(f, buf, g.offset + a, end - a, g.offset + a);
          if (i < spans.length) [a, end] = spans[i];
        }
      } finally {
        closeSync(f);
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
      sparseFaces.set(font, o);
      presetLoca(font, decoded);
      beforeSubsetRead(font, (gid) => o.glyphs([gid]));
    },
  };
}

function whole(file: string): Opened {
  return { buf: readFileSync(file), attach() {} };
}
