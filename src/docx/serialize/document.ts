import { mmToEmu, mmToTwips, pageLayout, pt, sum, type PageLayout } from '../layout.js';
import type {
  Block,
  CellAlign,
  ChartBlock,
  ColophonBlock,
  Inline,
  ParagraphBlock,
  SectionBlock,
  TableBlock,
} from '../model.js';
import type { StyleProfile } from '../profile.js';
import { escapeXml } from '../text.js';
import { STYLE_IDS } from './styles.js';

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Relationship ids fixed by the package layout (package.ts writes the same ids). */
export const REL = {
  styles: 'rId1',
  settings: 'rId2',
  fontTable: 'rId3',
  footerOdd: 'rId4',
  footerEven: 'rId5',
  /** Charts follow: rId6, rId7, … in document order. */
  firstChart: 6,
} as const;

/** Relationship id of the empty footer, which follows the charts. */
export const blankFooterRel = (charts: number): string => `rId${REL.firstChart + charts}`;

/*
 * The XML is written as pieces into one array and joined once: a report's document.xml is some
 * 70 KB, and building it with nested `+` made a deep rope that cost more to flatten (when it was
 * encoded) than to build.
 */
type Out = string[];

/**
 * Runs of inline content. Each run carries the eastAsia hint for shared punctuation; `sizePt`
 * overrides the style's size (a masthead shrunk to fit its line), `color` is set on the runs
 * themselves (the red masthead stays red when pasted into another document's styles).
 */
function writeRuns(out: Out, inlines: readonly Inline[], sizePt?: number, color?: string): void {
  const size =
    (color === undefined ? '' : `<w:color w:val="${escapeXml(color.toUpperCase())}"/>`) +
    (sizePt === undefined
      ? ''
      : `<w:sz w:val="${Math.round(sizePt * 2)}"/><w:szCs w:val="${Math.round(sizePt * 2)}"/>`);
  for (const inline of inlines) {
    if (inline.type === 'break') {
      out.push('<w:r><w:br/></w:r>');
      continue;
    }
    const text = escapeXml(inline.text);
    if (text === '') continue;
    out.push(
      inline.bold || inline.strike || size
        ? `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/>${inline.bold ? '<w:b/><w:bCs/>' : ''}${inline.strike ? '<w:strike/>' : ''}${size}</w:rPr>`
        : '<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>',
    );
    if (!text.includes('\t')) out.push('<w:t xml:space="preserve">', text, '</w:t>');
    else {
      text.split('\t').forEach((part, i) => {
        if (i > 0) out.push('<w:tab/>');
        if (part !== '') out.push('<w:t xml:space="preserve">', part, '</w:t>');
      });
    }
    out.push('</w:r>');
  }
}

/** Writes a paragraph; returns the index in `out` of its `</w:pPr>` (a section break goes there). */
function writeParagraph(
  out: Out,
  block: ParagraphBlock,
  layout: PageLayout,
  profile: StyleProfile,
): number {
  out.push('<w:p><w:pPr><w:pStyle w:val="', STYLE_IDS[block.role], '"/>');
  if (block.keepNext) out.push('<w:keepNext/>');
  if (block.pageBreakBefore) out.push('<w:pageBreakBefore/>');
  if (block.redLine) {
    const red = profile.styles.redLine;
    const space = Math.min(31, Math.round((red.gapMm * 72) / 25.4));
    const size = Math.max(2, Math.min(96, Math.round(red.widthPt * 8)));
    out.push(
      `<w:pBdr><w:bottom w:val="single" w:sz="${size}" w:space="${space}" w:color="${red.color.toUpperCase()}"/></w:pBdr>`,
    );
  }
  if (block.tabStops) {
    out.push('<w:tabs>');
    for (const stop of block.tabStops)
      out.push(`<w:tab w:val="${stop.kind}" w:pos="${stop.pos}"/>`);
    out.push('</w:tabs>');
  }
  const before = (block.blankLinesBefore ?? 0) * layout.linePitch + (block.spaceBeforeTwips ?? 0);
  if (before > 0) out.push(`<w:spacing w:before="${before}"/>`);
  if (block.leftIndentTwips !== undefined) {
    // A negative right indent: should a substitute font set the date wider than planned, it
    // runs into the margin instead of wrapping; where it starts is what GB/T 9704 fixes.
    const right = -Math.round(
      (block.rightIndentChars ?? 0) * pt(profile.styles.signature.size) * 20,
    );
    out.push(
      `<w:ind w:left="${block.leftIndentTwips}" w:leftChars="0" w:right="${right}" w:rightChars="0" w:firstLine="0" w:firstLineChars="0"/>`,
    );
  } else if (block.rightIndentChars !== undefined) {
    const chars = block.rightIndentChars;
    const twips = Math.round(chars * pt(profile.styles.signature.size) * 20);
    out.push(`<w:ind w:right="${twips}" w:rightChars="${Math.round(chars * 100)}"/>`);
  }
  if (block.align) out.push(`<w:jc w:val="${block.align}"/>`);
  const end = out.length;
  out.push('</w:pPr>');
  writeRuns(out, block.inlines, block.sizePt, block.color);
  out.push('</w:p>');
  return end;
}

/**
 * The 版记: a one-column table, thick lines above and below, thin lines between the rows, each
 * row one line high. At the bottom of its own page a spacer paragraph above it fills the page,
 * so its last line sits on the bottom edge of the text block (GB/T 9704 7.4.1).
 */
function writeColophon(
  out: Out,
  block: ColophonBlock,
  layout: PageLayout,
  profile: StyleProfile,
): void {
  const c = profile.styles.colophon;
  const eighths = (mm: number): number => Math.max(2, Math.round(((mm * 72) / 25.4) * 8));
  const thick = `w:val="single" w:sz="${eighths(c.thickMm)}" w:space="0" w:color="000000"`;
  const thin = `w:val="single" w:sz="${eighths(c.thinMm)}" w:space="0" w:color="000000"`;
  const rowHeight = layout.linePitch;
  const width = layout.textWidthTwips;
  const charTwips = pt(c.size) * 20;
  const side = Math.round(c.sideIndentChars * charTwips);
  if (block.bottom) {
    // The page holds the spacer, the table and the closing paragraph (20 twips) Word needs.
    const spacer = layout.textHeightTwips - block.rows.length * rowHeight - 20 - 60;
    out.push(
      `<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="${Math.max(20, spacer)}" w:lineRule="exact"/></w:pPr></w:p>`,
    );
  } else if (block.pageBreakBefore) {
    out.push('<w:p><w:pPr><w:pageBreakBefore/><w:snapToGrid w:val="0"/></w:pPr></w:p>');
  }
  out.push(
    '<w:tbl><w:tblPr>' +
      `<w:tblW w:w="${width}" w:type="dxa"/><w:jc w:val="center"/>` +
      `<w:tblBorders><w:top ${thick}/><w:left w:val="nil"/><w:bottom ${thick}/><w:right w:val="nil"/>` +
      `<w:insideH ${thin}/><w:insideV w:val="nil"/></w:tblBorders>` +
      '<w:tblLayout w:type="fixed"/>' +
      '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>' +
      `</w:tblPr><w:tblGrid><w:gridCol w:w="${width}"/></w:tblGrid>`,
  );
  for (const row of block.rows) {
    const hanging = Math.round((row.hangingChars ?? 0) * charTwips);
    out.push(
      `<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="${rowHeight}" w:hRule="exact"/></w:trPr>` +
        `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>` +
        `<w:p><w:pPr><w:pStyle w:val="${STYLE_IDS.colophon}"/>` +
        (row.right ? `<w:tabs><w:tab w:val="right" w:pos="${width - 2 * side}"/></w:tabs>` : '') +
        `<w:ind w:left="${side + hanging}" w:right="${side}"${hanging ? ` w:hanging="${hanging}"` : ''}/>` +
        '</w:pPr>',
    );
    writeRuns(out, row.left);
    if (row.right) {
      out.push('<w:r><w:tab/></w:r>');
      writeRuns(out, row.right);
    }
    out.push('</w:p></w:tc></w:tr>');
  }
  out.push('</w:tbl>');
}

// Module level, not closures per call: V8 drops a per-call closure's optimised code at every
// full GC and the render worker compiled it again all run long.
const gridColumn = (width: number): string => `<w:gridCol w:w="${width}"/>`;

/** Cell openings per column, the same for every row; `aligns` for body cells (left: no jc). */
function cellOpenings(
  widths: readonly number[],
  style: string,
  aligns: readonly CellAlign[] | undefined,
): string[] {
  const opens: string[] = [];
  for (const [i, width] of widths.entries()) {
    const align = aligns?.[i] ?? 'left';
    opens.push(
      `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>` +
        `<w:p><w:pPr><w:pStyle w:val="${style}"/>${align === 'left' ? '' : `<w:jc w:val="${align}"/>`}</w:pPr>`,
    );
  }
  return opens;
}

function writeTable(out: Out, block: TableBlock, profile: StyleProfile): void {
  const border = Math.max(2, Math.round(profile.styles.table.borderPt * 8));
  const line = `w:val="single" w:sz="${border}" w:space="0" w:color="000000"`;
  const total = sum(block.columnWidths);
  const headerOpen = cellOpenings(block.columnWidths, STYLE_IDS.tableHeader, undefined);
  const bodyOpen = cellOpenings(block.columnWidths, STYLE_IDS.tableText, block.align);
  const writeRow = (cells: Inline[][], header: boolean): void => {
    out.push(`<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr>`);
    const opens = header ? headerOpen : bodyOpen;
    cells.forEach((content, i) => {
      out.push(opens[i] ?? '');
      writeRuns(out, content);
      out.push('</w:p></w:tc>');
    });
    out.push('</w:tr>');
  };
  if (block.pageBreakBefore) {
    out.push('<w:p><w:pPr><w:pageBreakBefore/><w:snapToGrid w:val="0"/></w:pPr></w:p>');
  }
  out.push(
    '<w:tbl><w:tblPr>' +
      `<w:tblW w:w="${total}" w:type="dxa"/><w:jc w:val="center"/>` +
      `<w:tblBorders><w:top ${line}/><w:left ${line}/><w:bottom ${line}/><w:right ${line}/>` +
      `<w:insideH ${line}/><w:insideV ${line}/></w:tblBorders>` +
      '<w:tblLayout w:type="fixed"/>' +
      '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>' +
      '</w:tblPr><w:tblGrid>' +
      block.columnWidths.map(gridColumn).join('') +
      '</w:tblGrid>',
  );
  writeRow(block.header, true);
  for (const cells of block.rows) writeRow(cells, false);
  out.push('</w:tbl>');
}

/** The chart frame: as wide as the profile asks, never wider than the text block. */
export function chartExtent(profile: StyleProfile, layout: PageLayout): { cx: number; cy: number } {
  const chart = profile.styles.chart;
  const maxMm = (layout.textWidthTwips * 25.4) / 1440;
  const widthMm = Math.min(chart.widthMm, maxMm);
  return { cx: mmToEmu(widthMm), cy: mmToEmu((chart.heightMm * widthMm) / chart.widthMm) };
}

function chartXml(
  block: ChartBlock,
  index: number,
  profile: StyleProfile,
  layout: PageLayout,
): string {
  const { cx, cy } = chartExtent(profile, layout);
  const id = index + 1;
  const name = escapeXml(block.chart.title ?? `图表 ${id}`);
  return (
    `<w:p><w:pPr><w:pStyle w:val="${STYLE_IDS.chart}"/>${block.pageBreakBefore ? '<w:pageBreakBefore/>' : ''}</w:pPr>` +
    '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">' +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
    `<wp:docPr id="${id}" name="${name}"/><wp:cNvGraphicFramePr/>` +
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
    `<c:chart r:id="rId${REL.firstChart + index}"/>` +
    '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
  );
}

/** What differs from section to section: the first one numbers from 1, later ones continue. */
interface SectionProps {
  first: boolean;
  orientation: 'portrait' | 'landscape';
  colophon: boolean;
}

/**
 * A landscape section turns the portrait page a quarter: the text block keeps its size
 * (225 × 156 mm), the top and bottom margins become the left and right ones.
 */
export function landscapeLayout(layout: PageLayout, profile: StyleProfile): PageLayout {
  const m = layout.margin;
  const margin = { top: m.left, bottom: m.right, left: m.top, right: m.bottom };
  const n = profile.styles.pageNumber;
  const footerTwips = Math.max(
    0,
    margin.bottom - mmToTwips(n.gapBelowTextMm) - Math.round(pt(n.size) * 20),
  );
  return {
    ...layout,
    widthTwips: layout.heightTwips,
    heightTwips: layout.widthTwips,
    margin,
    textWidthTwips: layout.textHeightTwips,
    textHeightTwips: layout.textWidthTwips,
    footerTwips,
  };
}

function sectionXml(
  base: PageLayout,
  profile: StyleProfile,
  props: SectionProps = { first: true, orientation: 'portrait', colophon: false },
  blankFooter = '',
): string {
  const layout = props.orientation === 'landscape' ? landscapeLayout(base, profile) : base;
  const m = layout.margin;
  const c = profile.styles.colophon;
  const unnumbered = props.colophon && !c.numbered && blankFooter !== '';
  const start = props.first
    ? ''
    : `<w:type w:val="${props.colophon && c.placement === 'evenPage' ? 'evenPage' : 'nextPage'}"/>`;
  return (
    '<w:sectPr>' +
    `<w:footerReference w:type="default" r:id="${unnumbered ? blankFooter : REL.footerOdd}"/>` +
    `<w:footerReference w:type="even" r:id="${unnumbered ? blankFooter : REL.footerEven}"/>` +
    start +
    `<w:pgSz w:w="${layout.widthTwips}" w:h="${layout.heightTwips}"${props.orientation === 'landscape' ? ' w:orient="landscape"' : ''}/>` +
    `<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}" ` +
    `w:header="851" w:footer="${layout.footerTwips}" w:gutter="0"/>` +
    (props.first ? '<w:pgNumType w:start="1"/>' : '') +
    '<w:cols w:space="425"/>' +
    // 22 lines a page: the grid pitch is the fixed line spacing of the body. 28 characters a line
    // come from the character grid, or (grid `lines`) from the character spacing of the styles.
    (profile.page.grid === 'linesAndChars'
      ? `<w:docGrid w:type="linesAndChars" w:linePitch="${layout.linePitch}" w:charSpace="${layout.charSpace}"/>`
      : `<w:docGrid w:type="lines" w:linePitch="${layout.linePitch}"/>`) +
    '</w:sectPr>'
  );
}

const isColophonSection = (block: Block): boolean =>
  block.type === 'section' && block.colophon === true;

/** Does the document need the footer without a page number (a 版记 page of its own)? */
export const needsBlankFooter = (blocks: readonly Block[], profile: StyleProfile): boolean =>
  !profile.styles.colophon.numbered && blocks.some(isColophonSection);

export function documentXml(blocks: readonly Block[], profile: StyleProfile): string {
  const layout = pageLayout(profile);
  const out: Out = [XML_HEAD, `<w:document ${NS}><w:body>`];
  const chartCount = blocks.filter((b) => b.type === 'chart').length;
  const blankFooter = needsBlankFooter(blocks, profile) ? blankFooterRel(chartCount) : '';
  let charts = 0;
  let section: SectionProps = { first: true, orientation: 'portrait', colophon: false };
  /** Where the last paragraph's `</w:pPr>` is; -1 after a table (no paragraph to end on). */
  let lastPPr = -1;
  const startSection = (block: SectionBlock): void => {
    const close = sectionXml(layout, profile, section, blankFooter);
    if (lastPPr >= 0) out[lastPPr] = `${close}</w:pPr>`;
    else out.push(`<w:p><w:pPr><w:snapToGrid w:val="0"/>${close}</w:pPr></w:p>`);
    lastPPr = -1;
    section = { first: false, orientation: block.orientation, colophon: block.colophon === true };
  };
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
        lastPPr = writeParagraph(out, block, layout, profile);
        break;
      case 'table':
        writeTable(out, block, profile);
        lastPPr = -1;
        break;
      case 'chart':
        out.push(chartXml(block, charts++, profile, layout));
        lastPPr = -1;
        break;
      case 'section':
        startSection(block);
        break;
      case 'colophon':
        writeColophon(out, block, layout, profile);
        lastPPr = -1;
        break;
    }
  }
  // Word needs a paragraph after a table at the end of the body; after the 版记 a tiny one.
  const last = blocks[blocks.length - 1];
  if (last?.type === 'table') {
    out.push('<w:p><w:pPr><w:snapToGrid w:val="0"/></w:pPr></w:p>');
  } else if (last?.type === 'colophon') {
    out.push(
      '<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>',
    );
  }
  out.push(sectionXml(layout, profile, section, blankFooter), '</w:body></w:document>');
  return out.join('');
}

/** A footer with nothing in it, for pages GB/T 9704 leaves unnumbered. */
export function blankFooterXml(): string {
  return `${XML_HEAD}<w:ftr ${NS}><w:p><w:pPr><w:pStyle w:val="${STYLE_IDS.footer}"/></w:pPr></w:p></w:ftr>`;
}

/**
 * Page-number footer `— 1 —` (GB/T 9704 7.5): odd pages right-aligned one character in from the
 * right, even pages left-aligned one character in from the left.
 */
export function footerXml(profile: StyleProfile, side: 'odd' | 'even'): string {
  const n = profile.styles.pageNumber;
  const chars = n.sideIndentChars;
  const twips = Math.round(chars * pt(n.size) * 20);
  const indent =
    side === 'odd'
      ? `<w:ind w:right="${twips}" w:rightChars="${Math.round(chars * 100)}"/>`
      : `<w:ind w:left="${twips}" w:leftChars="${Math.round(chars * 100)}"/>`;
  const dash = escapeXml(n.dash);
  const text = (t: string): string =>
    `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">${t}</w:t></w:r>`;
  const field = (type: string): string => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`;
  return (
    `${XML_HEAD}<w:ftr ${NS}><w:p><w:pPr><w:pStyle w:val="${STYLE_IDS.footer}"/>${indent}` +
    `<w:jc w:val="${side === 'odd' ? 'right' : 'left'}"/></w:pPr>` +
    text(`${dash} `) +
    field('begin') +
    '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>' +
    field('separate') +
    '<w:r><w:t>1</w:t></w:r>' +
    field('end') +
    text(` ${dash}`) +
    '</w:p></w:ftr>'
  );
}
