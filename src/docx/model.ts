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
  | 'code';

export type Inline = { type: 'text'; text: string; bold?: true; strike?: true } | { type: 'break' };

export interface ParagraphBlock {
  type: 'paragraph';
  role: ParagraphRole;
  inlines: Inline[];
  pageBreakBefore?: true;
  /** Right indent in characters (signature lines are placed by it). */
  rightIndentChars?: number;
  /** Empty grid lines above the paragraph (the signature block). */
  blankLinesBefore?: number;
  /** Stays on the page of the next paragraph (the text before the signature, the issuer line). */
  keepNext?: true;
}

export type CellAlign = 'left' | 'center' | 'right';

export interface TableBlock {
  type: 'table';
  /** Column widths in twips; they add up to the text width. */
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

export type Block = ParagraphBlock | TableBlock | ChartBlock;

export interface DocModel {
  blocks: Block[];
}
