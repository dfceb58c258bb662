import { mmToEmu, pageLayout, pt, type PageLayout } from '../layout.js';
import type { Block, ChartBlock, Inline, ParagraphBlock, TableBlock } from '../model.js';
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

/*
 * The XML is written as pieces into one array and joined once: a report's document.xml is some
 * 70 KB, and building it with nested `+` made a deep rope that cost more to flatten (when it was
 * encoded) than to build.
 */
type Out = string[];

/** Runs of inline content. Each run carries the eastAsia hint for shared punctuation. */
function writeRuns(out: Out, inlines: readonly Inline[]): void {
  for (const inline of inlines) {
    if (inline.type === 'break') {
      out.push('<w:r><w:br/></w:r>');
      continue;
    }
    const text = escapeXml(inline.text);
    if (text === '') continue;
    out.push(
      inline.bold || inline.strike
        ? `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/>${inline.bold ? '<w:b/><w:bCs/>' : ''}${inline.strike ? '<w:strike/>' : ''}</w:rPr>`
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

function writeParagraph(
  out: Out,
  block: ParagraphBlock,
  layout: PageLayout,
  profile: StyleProfile,
): void {
  out.push('<w:p><w:pPr><w:pStyle w:val="', STYLE_IDS[block.role], '"/>');
  if (block.keepNext) out.push('<w:keepNext/>');
  if (block.pageBreakBefore) out.push('<w:pageBreakBefore/>');
  if (block.blankLinesBefore) {
    out.push(`<w:spacing w:before="${block.blankLinesBefore * layout.linePitch}"/>`);
  }
  if (block.rightIndentChars !== undefined) {
    const chars = block.rightIndentChars;
    const twips = Math.round(chars * pt(profile.styles.signature.size) * 20);
    out.push(`<w:ind w:right="${twips}" w:rightChars="${Math.round(chars * 100)}"/>`);
  }
  out.push('</w:pPr>');
  writeRuns(out, block.inlines);
  out.push('</w:p>');
}

function writeTable(out: Out, block: TableBlock, profile: StyleProfile): void {
  const border = Math.max(2, Math.round(profile.styles.table.borderPt * 8));
  const line = `w:val="single" w:sz="${border}" w:space="0" w:color="000000"`;
  const total = block.columnWidths.reduce((a, b) => a + b, 0);
  // Cell openings per column: the same for every row.
  const open = (style: string, align: (i: number) => string): string[] =>
    block.columnWidths.map(
      (width, i) =>
        `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>` +
        `<w:p><w:pPr><w:pStyle w:val="${style}"/>${align(i)}</w:pPr>`,
    );
  const headerOpen = open(STYLE_IDS.tableHeader, () => '');
  const bodyOpen = open(STYLE_IDS.tableText, (i) => {
    const align = block.align[i] ?? 'left';
    return align === 'left' ? '' : `<w:jc w:val="${align}"/>`;
  });
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
      block.columnWidths.map((w) => `<w:gridCol w:w="${w}"/>`).join('') +
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

function sectionXml(layout: PageLayout, profile: StyleProfile): string {
  const m = layout.margin;
  return (
    '<w:sectPr>' +
    `<w:footerReference w:type="default" r:id="${REL.footerOdd}"/>` +
    `<w:footerReference w:type="even" r:id="${REL.footerEven}"/>` +
    `<w:pgSz w:w="${layout.widthTwips}" w:h="${layout.heightTwips}"/>` +
    `<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}" ` +
    `w:header="851" w:footer="${layout.footerTwips}" w:gutter="0"/>` +
    '<w:pgNumType w:start="1"/><w:cols w:space="425"/>' +
    // 22 lines a page: the grid pitch is the fixed line spacing of the body. 28 characters a line
    // come from the character grid, or (grid `lines`) from the character spacing of the styles.
    (profile.page.grid === 'linesAndChars'
      ? `<w:docGrid w:type="linesAndChars" w:linePitch="${layout.linePitch}" w:charSpace="${layout.charSpace}"/>`
      : `<w:docGrid w:type="lines" w:linePitch="${layout.linePitch}"/>`) +
    '</w:sectPr>'
  );
}

export function documentXml(blocks: readonly Block[], profile: StyleProfile): string {
  const layout = pageLayout(profile);
  const out: Out = [XML_HEAD, `<w:document ${NS}><w:body>`];
  let charts = 0;
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
        writeParagraph(out, block, layout, profile);
        break;
      case 'table':
        writeTable(out, block, profile);
        break;
      case 'chart':
        out.push(chartXml(block, charts++, profile, layout));
        break;
    }
  }
  // Word needs a paragraph after a table at the end of the body.
  if (blocks[blocks.length - 1]?.type === 'table') {
    out.push('<w:p><w:pPr><w:snapToGrid w:val="0"/></w:pPr></w:p>');
  }
  out.push(sectionXml(layout, profile), '</w:body></w:document>');
  return out.join('');
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
