import { mmToTwips, pageLayout, pt } from '../layout.js';
import type { Align, StyleProfile, TextStyle } from '../profile.js';
import { escapeXml } from '../text.js';

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * All four run font slots set explicitly (ascii/hAnsi/cs = the Latin font, eastAsia = the Chinese
 * font) and `w:hint="eastAsia"` so shared punctuation (“” — …) stays in the Chinese font. No
 * theme fonts anywhere: WPS reports missing theme fonts, and LibreOffice maps them oddly.
 */
export const rFonts = (eastAsia: string, latin: string): string => {
  const e = escapeXml(eastAsia);
  const l = escapeXml(latin);
  return `<w:rFonts w:ascii="${l}" w:hAnsi="${l}" w:eastAsia="${e}" w:cs="${l}" w:hint="eastAsia"/>`;
};

const halfPoints = (sizePt: number): string => String(Math.round(sizePt * 2));

const runProps = (
  font: string,
  latin: string,
  sizePt: number,
  bold: boolean,
  spacingTwips = 0,
  color = '',
): string => {
  const hp = halfPoints(sizePt);
  const b = bold ? '<w:b/><w:bCs/>' : '<w:b w:val="0"/><w:bCs w:val="0"/>';
  const c = color === '' ? '' : `<w:color w:val="${color.toUpperCase()}"/>`;
  const spacing = spacingTwips === 0 ? '' : `<w:spacing w:val="${spacingTwips}"/>`;
  return `<w:rPr>${rFonts(font, latin)}${b}${c}${spacing}<w:sz w:val="${hp}"/><w:szCs w:val="${hp}"/></w:rPr>`;
};

const JC: Record<Align, string> = { left: 'left', center: 'center', right: 'right', both: 'both' };

interface ParaOptions {
  keepNext?: boolean;
  /** Turns off Word's automatic gap between Chinese and Latin letters or digits. */
  noAutoSpace?: boolean;
  snapToGrid?: boolean;
  /** `exact` = the grid pitch (fixed 28.95 pt); `single` = ordinary single spacing. */
  spacing: 'exact' | 'single';
  before?: number;
  after?: number;
  firstLineChars?: number;
  sizePt: number;
  align: Align;
  outlineLevel?: number;
}

function paraProps(o: ParaOptions, linePitch: number): string {
  const parts: string[] = [];
  if (o.keepNext) parts.push('<w:keepNext/>');
  if (o.noAutoSpace) parts.push('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>');
  if (o.snapToGrid === false) parts.push('<w:snapToGrid w:val="0"/>');
  const line =
    o.spacing === 'exact'
      ? `w:line="${linePitch}" w:lineRule="exact"`
      : 'w:line="240" w:lineRule="auto"';
  parts.push(`<w:spacing w:before="${o.before ?? 0}" w:after="${o.after ?? 0}" ${line}/>`);
  const chars = o.firstLineChars ?? 0;
  // firstLineChars wins in Word/WPS/LibreOffice; firstLine (twips) is for readers that ignore it.
  parts.push(
    `<w:ind w:firstLineChars="${Math.round(chars * 100)}" w:firstLine="${Math.round(chars * o.sizePt * 20)}"/>`,
  );
  parts.push(`<w:jc w:val="${JC[o.align]}"/>`);
  if (o.outlineLevel !== undefined) parts.push(`<w:outlineLvl w:val="${o.outlineLevel}"/>`);
  return `<w:pPr>${parts.join('')}</w:pPr>`;
}

function style(
  id: string,
  name: string,
  pPr: string,
  rPr: string,
  extra: { basedOn?: string; isDefault?: boolean; next?: string } = {},
): string {
  return (
    `<w:style w:type="paragraph"${extra.isDefault ? ' w:default="1"' : ''} w:styleId="${id}">` +
    `<w:name w:val="${name}"/>` +
    (extra.basedOn ? `<w:basedOn w:val="${extra.basedOn}"/>` : '') +
    (extra.next ? `<w:next w:val="${extra.next}"/>` : '') +
    '<w:qFormat/>' +
    pPr +
    rPr +
    '</w:style>'
  );
}

/** Paragraph style ids, one per model role (see model.ts). */
export const STYLE_IDS = {
  title: 'Title',
  subtitle: 'Subtitle',
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  heading4: 'Heading4',
  body: 'Normal',
  noindent: 'NoIndent',
  attachmentLabel: 'AttachmentLabel',
  signature: 'Signature',
  code: 'Code',
  masthead: 'Masthead',
  headElement: 'HeadElement',
  docNumber: 'DocNumber',
  colophon: 'Colophon',
  tableText: 'TableText',
  tableHeader: 'TableHeader',
  chart: 'Chart',
  footer: 'Footer',
} as const;

export function stylesXml(profile: StyleProfile): string {
  const { linePitch, charSpacingTwips } = pageLayout(profile);
  const latin = profile.fonts.latin;
  const s = profile.styles;
  // LibreOffice reads autoSpace from each style, not from the document defaults.
  const p = (o: ParaOptions): string =>
    paraProps(profile.fonts.autoSpace ? o : { ...o, noAutoSpace: true }, linePitch);
  const bodyPt = pt(s.body.size);
  // Text of body size on the line grid is tightened so that charsPerLine characters fit a line.
  const spacingFor = (sizePt: number): number => (sizePt === bodyPt ? charSpacingTwips : 0);
  const textStyle = (
    id: string,
    name: string,
    t: TextStyle,
    extra: { keepNext?: boolean; outlineLevel?: number; snapToGrid?: boolean } = {},
  ): string => {
    const sizePt = pt(t.size);
    const o: ParaOptions = {
      spacing: 'exact',
      before: (t.blankLinesBefore ?? 0) * linePitch,
      after: (t.blankLinesAfter ?? 0) * linePitch,
      firstLineChars: t.firstLineChars ?? 0,
      sizePt,
      align: t.align,
    };
    if (extra.keepNext) o.keepNext = true;
    if (extra.outlineLevel !== undefined) o.outlineLevel = extra.outlineLevel;
    if (extra.snapToGrid === false) o.snapToGrid = false;
    return style(id, name, p(o), runProps(t.font, latin, sizePt, t.bold, spacingFor(sizePt)), {
      basedOn: 'Normal',
      next: 'Normal',
    });
  };
  const tablePt = pt(s.table.size);
  const codePt = pt(s.code.size);
  const footerPt = pt(s.pageNumber.size);
  const chartPt = pt(s.chart.size);
  const cellMargin = mmToTwips(s.table.cellMarginMm);
  const numberFont = s.pageNumber.font;

  const styles = [
    style(
      STYLE_IDS.body,
      'Normal',
      p({
        spacing: 'exact',
        firstLineChars: s.body.firstLineChars ?? 0,
        sizePt: bodyPt,
        align: s.body.align,
      }),
      runProps(s.body.font, latin, bodyPt, s.body.bold, charSpacingTwips),
      { isDefault: true },
    ),
    style(
      STYLE_IDS.noindent,
      'No Indent',
      p({ spacing: 'exact', sizePt: bodyPt, align: 'both' }),
      '',
      { basedOn: 'Normal' },
    ),
    // Larger characters on the character grid would take two cells each: titles stay off the grid.
    textStyle(STYLE_IDS.title, 'Title', s.title, { snapToGrid: false, keepNext: true }),
    textStyle(STYLE_IDS.subtitle, 'Subtitle', s.subtitle, { keepNext: true }),
    textStyle(STYLE_IDS.heading1, 'heading 1', s.heading1, { keepNext: true, outlineLevel: 0 }),
    textStyle(STYLE_IDS.heading2, 'heading 2', s.heading2, { keepNext: true, outlineLevel: 1 }),
    textStyle(STYLE_IDS.heading3, 'heading 3', s.heading3, { keepNext: true, outlineLevel: 2 }),
    textStyle(STYLE_IDS.heading4, 'heading 4', s.heading4, { keepNext: true, outlineLevel: 3 }),
    textStyle(STYLE_IDS.attachmentLabel, 'Attachment Label', s.attachmentLabel, { keepNext: true }),
    // 版头: the masthead is larger than a grid line, so it is set in single spacing off the grid.
    style(
      STYLE_IDS.masthead,
      'Masthead',
      p({
        spacing: 'single',
        snapToGrid: false,
        keepNext: true,
        sizePt: pt(s.masthead.size),
        align: s.masthead.align,
        after: (s.masthead.blankLinesAfter ?? 0) * linePitch,
      }),
      runProps(s.masthead.font, latin, pt(s.masthead.size), s.masthead.bold, 0, s.masthead.color),
      { basedOn: 'Normal', next: 'Normal' },
    ),
    textStyle(STYLE_IDS.headElement, 'Head Element', s.headElement),
    textStyle(STYLE_IDS.docNumber, 'Document Number', s.docNumber, { keepNext: true }),
    // 版记 rows: single spacing inside one-line rows, no first-line indent.
    style(
      STYLE_IDS.colophon,
      'Colophon',
      p({ spacing: 'single', snapToGrid: false, sizePt: pt(s.colophon.size), align: 'left' }),
      runProps(s.colophon.font, latin, pt(s.colophon.size), false),
      { basedOn: 'Normal' },
    ),
    style(
      STYLE_IDS.signature,
      'Signature',
      p({ spacing: 'exact', sizePt: pt(s.signature.size), align: 'right' }),
      runProps(
        s.signature.font,
        latin,
        pt(s.signature.size),
        false,
        spacingFor(pt(s.signature.size)),
      ),
      { basedOn: 'Normal' },
    ),
    style(
      STYLE_IDS.code,
      'Code',
      p({ spacing: 'single', snapToGrid: false, sizePt: codePt, align: 'left' }),
      runProps(s.code.font, s.code.latinFont, codePt, false),
      { basedOn: 'Normal' },
    ),
    // Single spacing and no grid inside tables, or every row grows to a 28.95 pt line.
    style(
      STYLE_IDS.tableText,
      'Table Text',
      p({ spacing: 'single', snapToGrid: false, sizePt: tablePt, align: 'left' }),
      runProps(s.table.font, latin, tablePt, false),
      { basedOn: 'Normal' },
    ),
    style(
      STYLE_IDS.tableHeader,
      'Table Header',
      p({ spacing: 'single', snapToGrid: false, sizePt: tablePt, align: 'center' }),
      runProps(s.table.headerFont, latin, tablePt, false),
      { basedOn: 'TableText' },
    ),
    style(
      STYLE_IDS.chart,
      'Chart',
      p({ spacing: 'single', snapToGrid: false, sizePt: chartPt, align: 'center' }),
      '',
      { basedOn: 'Normal' },
    ),
    // Page numbers: half-width digits in the same font as the dashes (宋体), so all slots match.
    style(
      STYLE_IDS.footer,
      'footer',
      p({ spacing: 'single', snapToGrid: false, sizePt: footerPt, align: 'left' }),
      runProps(numberFont, numberFont, footerPt, false),
      { basedOn: 'Normal' },
    ),
  ];

  const bodyHp = halfPoints(bodyPt);
  return (
    XML_HEAD +
    `<w:styles ${W_NS}>` +
    '<w:docDefaults><w:rPrDefault><w:rPr>' +
    rFonts(s.body.font, latin) +
    `<w:kern w:val="2"/><w:sz w:val="${bodyHp}"/><w:szCs w:val="${bodyHp}"/>` +
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>' +
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>' +
    // Widow control off: a page keeps all 22 lines instead of pushing one to the next page.
    '<w:widowControl w:val="0"/>' +
    // No automatic gap between Chinese and Latin letters or digits unless the profile wants it.
    (profile.fonts.autoSpace ? '' : '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>') +
    `<w:spacing w:before="0" w:after="0" w:line="${linePitch}" w:lineRule="exact"/>` +
    '</w:pPr></w:pPrDefault></w:docDefaults>' +
    styles.join('') +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>' +
    `<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="${cellMargin}" w:type="dxa"/>` +
    `<w:bottom w:w="0" w:type="dxa"/><w:right w:w="${cellMargin}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
    '</w:styles>'
  );
}

export function settingsXml(): string {
  return (
    XML_HEAD +
    `<w:settings ${W_NS}>` +
    '<w:zoom w:percent="100"/>' +
    '<w:defaultTabStop w:val="420"/>' +
    // Odd pages number on the right, even pages on the left (GB/T 9704 7.5).
    '<w:evenAndOddHeaders/>' +
    '<w:characterSpacingControl w:val="doNotCompress"/>' +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>' +
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>' +
    '</w:settings>'
  );
}
