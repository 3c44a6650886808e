// The validated issue and layout: what every stage after load sees. No raw YAML past here.

/** Where a value came from, for error lines. */
export interface Where {
  file: string;
  line: number; // 1-based; 0 when unknown
  col: number; // 1-based; 0 when unknown
}

export type Role =
  | 'body'
  | 'bold'
  | 'subhead'
  | 'title'
  | 'kicker'
  | 'subtitle'
  | 'byline'
  | 'bylineName'
  | 'caption'
  | 'note'
  | 'folio'
  | 'folioSection'
  | 'folioPaper'
  | 'masthead'
  | 'mastheadEn'
  | 'mastheadInfo';

/** A face reference: a key of fonts/manifest.yaml or an absolute path to a TTF/OTF. */
export interface FaceRef {
  key: string; // manifest key, or the path when a file was named
  file: string; // absolute path of the font file
}

export interface Layout {
  name: string;
  file: string;
  /** Trim size in pt. */
  trim: { width: number; height: number };
  /** Bleed on each side in pt. */
  bleed: number;
  grid: {
    columns: number; // grid columns (基本栏)
    columnChars: number; // c: body characters per column line
    gutterChars: number; // g: gutter (栏空) in body characters
    bodySize: number; // pt
    lineGap: number; // pt, 行距 (white between lines)
    pitch: number; // derived: bodySize + lineGap
    lines: number; // derived: lines per column
    typeHeight: number | null; // pt, the 版心 height given (lines derived from it), or null when lines given
  };
  /** Derived type area (版心) in pt, page coordinates (origin at the trim's top-left). */
  typeArea: { x: number; y: number; width: number; height: number };
  /** Derived: the left edge of grid column k (1-based) is typeArea.x + (k-1)*columnStep. */
  columnWidth: number; // pt = columnChars * bodySize
  columnStep: number; // pt = (columnChars + gutterChars) * bodySize
  faces: Record<Role, FaceRef>;
  /** `faces.fallback`: a face for body characters the role's own face lacks (a rare ideograph). */
  fallback?: FaceRef;
  /** Typesetting switches (typesetting.md). */
  text: {
    kinsoku: 'basic' | 'gb' | 'strict';
    punct: 'quanjiao';
    hang: boolean;
    cjkLatinGap: number; // em, default 0.25
    compressStops: boolean;
    indent: number; // em, first-line indent, default 2
    normalizeAscii: boolean; // ASCII , ; : ? ! ( ) touching CJK printed full-width
    breaker: 'reference' | 'optimal';
    jumpNumerals: 'arabic' | 'chinese';
    jumpHead: boolean;
    /** The spacing budget (issue 14): ⅛ em a gap, CJK–Latin ⅛–⅜ em; absent with `even_spacing: false`. */
    spacing?: { letter: number; gapMin: number; gapMax: number };
    /** Blank grid lines above a `###` subhead inside the text (0–2, default 1). */
    subheadSpace: number;
    /** A feature byline (`文/陈墨`): run in and followed by a 1-em space, or on a line of its own. */
    featureByline: 'space' | 'own_line';
  };
  masthead: { pitches: number; nameSize: number; enSize: number; infoSize: number };
  folio: { pitches: number; ruleWidth: number; numberSize: number; sectionSize: number; paperSize: number; metaSize: number };
  rules: { between: number; side: number };
  headline: {
    /** title size in pt by span: first entry whose minColumns <= span wins. */
    sizes: { minColumns: number; title: number; deck: number }[];
    minTitle: number; // pt
    titleLeading: number; // line pitch factor
    jumpHeadSize: number; // pt (max 小二)
    /** 错落: a vertical title's shorter second column lowered to end with the first. */
    verticalStagger: boolean;
  };
  caption: { size: number };
  /** The press: PDF/X, output condition, photos' ink, resolution and colour, marks. */
  output: Output;
}

/** `output:` in the layout: what the press is told and what photos are converted to. */
export interface Output {
  pdfx: 'x1a' | 'none'; // PDF/X-1a:2001 (default) or a plain PDF 1.3
  condition: string; // OutputConditionIdentifier, a registered characterization (IFRA26)
  conditionName: string; // OutputCondition: what a person reads
  registry: string; // RegistryName
  conditionInfo: string; // Info
  profile?: string; // absolute path of a CMYK ICC profile: separations and DestOutputProfile
  grayProfile?: string; // absolute path of a gray ICC profile for mono pages
  inkLimit: number; // total area coverage, percent
  resolution: number; // ppi at placed size photos are resampled to
  minResolution: number; // ppi below which a photo is warned about
  mono: boolean | number[]; // every page black only, or these page numbers
  marks: boolean; // crop and registration marks and a slug
}

export interface Photo {
  file: string; // absolute path
  caption?: string;
  columns?: number;
  where: Where;
}

export interface Article {
  kind: 'article';
  id: string;
  kicker?: string;
  title: string[]; // one entry per headline line
  subtitle?: string;
  byline?: string;
  body: string; // raw body; paragraphs separated by a blank line
  note?: string;
  columns: number;
  lines?: number;
  column?: number;
  jump?: number;
  titleStyle: 'horizontal' | 'vertical';
  importance?: 1 | 2 | 3; // extension: headline size class (1 = the span's size)
  photo?: Photo;
  where: Where; // the article's mapping
  bodyWhere: Where; // the body scalar (for character errors)
}

export interface Continued {
  kind: 'continued';
  id: string; // the article that jumps here
  columns?: number;
  lines?: number;
  column?: number;
  where: Where;
}

export interface Page {
  number: number;
  section?: string;
  editor?: string;
  items: (Article | Continued)[];
  where: Where;
}

export interface Issue {
  file: string; // absolute path of the issue file
  dir: string; // its folder: paths inside are relative to it
  layout: Layout;
  paper: {
    name: string;
    nameEn?: string;
    logo?: string; // absolute path
    logoWhere?: Where; // the `logo:` value, for error lines
    info: string[];
    sponsor?: string;
  };
  date: { year: number; month: number; day: number };
  number: number;
  pageCount: number;
  pages: Page[]; // sorted by number
}
