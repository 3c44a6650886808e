// Compressed PDF streams kept between runs: a re-render after an edit writes the same font
// files, ToUnicode maps and, but for the edited page, the same page contents, and pdfkit
// deflates every one of them again (~30 ms of the sample's warm re-render). Keyed by the
// SHA-1 of the bytes and their length; the answer is what zlib's deflateSync gives for them
// (pdfkit's own call), so the cache's version is zlib's. Only the last run's streams are kept.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { openCache } from './store.js';

const FORMAT = 1;

/** A deflate that answers from the last run's streams; null when caches are off. */
export function keptDeflate(): ((bytes: Uint8Array) => Uint8Array) | null {
  const file = openCache('streams', `${FORMAT}|zlib ${process.versions.zlib}`, { holds: 'run' });
  if (!file) return null;
  file.newRun();
  return (bytes) => {
    const key = `${createHash('sha1').update(bytes).digest('base64')}:${bytes.length}`;
    const hit = file.get(key);
    if (Buffer.isBuffer(hit)) {
      file.keep(key);
      return hit;
    }
    const out = deflateSync(bytes);
    file.put(key, out);
    return out;
  };
}
