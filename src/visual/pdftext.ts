// Reads the text back out of a PDF with pdf.js, so tests can check every body
// character landed on the page, in order and where expected.
import { mapPages } from './raster.js';

export interface TextItem {
  str: string;
  /** Left end of the baseline, in points from the page's left edge. */
  x: number;
  /** Baseline, in points from the page's TOP edge (pdf.js reports it bottom-up). */
  y: number;
  /**
   * Advance of the whole item in points. A compressed mark (e.g. a half-width
   * punctuation glyph) still reports its full 1-em advance here.
   */
  width: number;
  /** Font size in points. */
  height: number;
}

export interface PageText {
  /** Page size in points. */
  width: number;
  height: number;
  /** In content-stream order; one item per text run the PDF draws (one per glyph if drawn one by one). */
  items: TextItem[];
}

export async function extractText(pdf: Uint8Array): Promise<PageText[]> {
  return mapPages(pdf, async (page) => {
    // Scale 1: viewport units are points, origin top-left, any /Rotate and a
    // MediaBox not at 0,0 taken care of by convertToViewportPoint.
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const item of content.items) {
      // Skip marked-content markers and the empty items pdf.js adds at line ends.
      if (!('str' in item) || item.str === '') continue;
      const [x, y] = viewport.convertToViewportPoint(item.transform[4], item.transform[5]);
      items.push({ str: item.str, x, y, width: item.width, height: item.height });
    }
    return { width: viewport.width, height: viewport.height, items };
  });
}
