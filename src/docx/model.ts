/**
 * The Word document model: a plain description of what goes on the page, built from mdast by
 * `buildDocModel` and turned into OOXML by `serialize/`. Tests assert on this model as well as on
 * the XML. Paragraph roles map one-to-one to the paragraph styles of the profile.
 */

export type ParagraphRole =
  | 'title'
  | 'subtitle'
  | 'heading1'
  | 'heading2'
  | 'heading3'
  | 'heading4'
  | 'body'
  | 'noindent'
  | 'attachmentLabel'
  | 'signature'
  | 'code'
  | 'masthead'
  | 'headElement'
  | 'docNumber';

export type Inline = { type: 'text'; text: string; bold?: true; strike?: true } | { type: 'break' };

export interface ParagraphBlock {
  type: 'paragraph';
  role: ParagraphRole;
  inlines: Inline[];
  pageBreakBefore?: true;
  /** Right indent in characters (signature lines are placed by it). */
  rightIndentChars?: number;
  /** Left indent in twips (the date under the issuer starts at a measured place). */
  leftIndentTwips?: number;
  /** Empty grid lines above the paragraph (the signature block). */
  blankLinesBefore?: number;
  /** Stays on the page of the next paragraph (the text before the signature, the issuer line). */
  keepNext?: true;
  /** Space above in twips (the masthead's distance from the top of the text block). */
  spaceBeforeTwips?: number;
  /** Font size overriding the style's (a masthead shrunk to fit one line). */
  sizePt?: number;
  /** Text colour (RRGGBB) on the runs themselves: the red masthead. */
  color?: string;
  /**
   * Tab stops in twips from the left edge of the text block: the 发文字号 one character in from
   * the left, the 签发人 ending one character in from the right. Tabs, not indents, because the
   * red line under that paragraph is as wide as the paragraph and must span the text block.
   */
  tabStops?: { kind: 'left' | 'right'; pos: number }[];
  /**
   * Alignment overriding the style's (a 发文字号 moved left for the 签发人); `distribute` also
   * spreads the last line (the first part of a paragraph cut before the signature).
   */
  align?: 'left' | 'center' | 'right' | 'both' | 'distribute';
  /** The red separator line under this paragraph (版头). */
  redLine?: true;
}

/** Starts a new section: portrait or landscape pages, page numbers continuing. */
export interface SectionBlock {
  type: 'section';
  orientation: 'portrait' | 'landscape';
  /** The 版记 section: starts on an even page (profile), footers as the profile says. */
  colophon?: true;
}

/** The 版记: one row per element, between a thick first and last line and thin lines inside. */
export interface ColophonBlock {
  type: 'colophon';
  rows: { left: Inline[]; right?: Inline[]; hangingChars?: number }[];
  /** Pushed to the bottom of a page of its own (placement evenPage/newPage). */
  bottom: boolean;
  pageBreakBefore?: true;
}

export type CellAlign = 'left' | 'center' | 'right';

export interface TableBlock {
  type: 'table';
  /** Column widths in twips; they add up to the text width (of a landscape page there). */
  columnWidths: number[];
  align: CellAlign[];
  header: Inline[][];
  rows: Inline[][][];
  pageBreakBefore?: true;
}

export interface ChartSeries {
  kind: 'bar' | 'line';
  name?: string;
  values: number[];
}

/** A Mermaid `xychart-beta` chart, read by `parseXyChart`. */
export interface XyChart {
  title?: string;
  horizontal: boolean;
  categories: string[];
  xLabel?: string;
  yLabel?: string;
  yMin?: number;
  yMax?: number;
  series: ChartSeries[];
}

export interface ChartBlock {
  type: 'chart';
  chart: XyChart;
  pageBreakBefore?: true;
}

export type Block = ParagraphBlock | TableBlock | ChartBlock | SectionBlock | ColophonBlock;

export interface DocModel {
  blocks: Block[];
}
