// A hand-made one-page PDF/X-1a:2001 file, in parts a test can break one at a time
// (tests/preflight.test.ts) or rewrite with another tool (tests/readback.test.ts).
import { onePage, OnePage, RawObj } from './rawpdf.js';

// A 2 × 2 px CMYK image: total ink 100+50+50+20 = 220 % (under 240).
export const px = (c: number[]) => Buffer.from(c.map((v) => Math.round((v * 255) / 100)));
const IMAGE_220 = Buffer.concat(Array.from({ length: 4 }, () => px([100, 50, 50, 20])));

export interface Parts {
  info: string;
  font: string;
  descriptor: string;
  program: string;
  image: RawObj;
  content: string;
  catalog: string;
  boxes?: string;
  version?: string;
  trailer: string;
  moreFonts?: string;
}

export function parts(): Parts {
  return {
    info: '<< /Title (test) /CreationDate (D:20250311000000Z) /ModDate (D:20250311000000Z) /Trapped /False /GTS_PDFXVersion (PDF/X-1:2001) /GTS_PDFXConformance (PDF/X-1a:2001) >>',
    font: '<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Test /FirstChar 65 /LastChar 65 /Widths [500] /FontDescriptor 6 0 R >>',
    descriptor: '<< /Type /FontDescriptor /FontName /ABCDEF+Test /Flags 4 /FontBBox [0 0 500 700] /ItalicAngle 0 /Ascent 700 /Descent 0 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>',
    program: 'a font program',
    image: { dict: '/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceCMYK /BitsPerComponent 8', data: IMAGE_220, flate: true },
    // Black text and a rule under the overprinting ExtGState; the image (0.5 pt for 2 px: 288 ppi) knocks out.
    content: 'q /GSop gs 0 0 0 1 k 0 0 0 1 K BT /F1 10 Tf 100 Tz 1 0 0 1 20 100 Tm (A) Tj ET 0.5 w 10 10 m 100 10 l S Q q /GSko gs 0.5 0 0 0.5 20 20 cm /Im1 Do Q',
    catalog: '/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (IFRA26) /RegistryName (http://www.color.org) /OutputCondition (ISO 12647-3 newsprint) >>]',
    trailer: '/Info 4 0 R /ID [<0102> <0102>]',
  };
}

export function make(p: Parts): Buffer {
  const page: OnePage = {
    content: p.content,
    resources: `/Font << /F1 5 0 R ${p.moreFonts ?? ''} >> /XObject << /Im1 8 0 R >> /ExtGState << /GSop 9 0 R /GSko 10 0 R /GStr 11 0 R >>`,
    extra: [
      p.info, p.font, p.descriptor, { dict: '', data: p.program }, p.image,
      '<< /Type /ExtGState /OP true /op true /OPM 1 >>', '<< /Type /ExtGState /OP false /op false /OPM 0 >>', '<< /Type /ExtGState /ca 0.5 >>',
      '<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Test /FirstChar 65 /LastChar 65 /Widths [500] /FontDescriptor 13 0 R >>',
      '<< /Type /FontDescriptor /FontName /ABCDEF+Test /Flags 4 /FontBBox [0 0 500 700] /ItalicAngle 0 /Ascent 700 /Descent 0 /CapHeight 700 /StemV 80 /FontFile2 14 0 R >>',
      { dict: '', data: 'another font program' },
    ],
    catalog: p.catalog, trailer: p.trailer, boxes: p.boxes, version: p.version,
  };
  return onePage(page);
}

