import { pt } from '../layout.js';
import type { ChartSeries, XyChart } from '../model.js';
import type { StyleProfile } from '../profile.js';
import { escapeXml } from '../text.js';

// Module level, not closures per call: V8 drops a per-call closure's optimised code at every
// full GC and the render worker compiled it again all run long.
const column = (i: number): string => String.fromCharCode(66 + (i % 24)); // B, C, … (A = categories)
const categoryPoint = (c: string, i: number): string =>
  `<c:pt idx="${i}"><c:v>${escapeXml(c)}</c:v></c:pt>`;
const valuePoint = (v: number, j: number): string => `<c:pt idx="${j}"><c:v>${v}</c:v></c:pt>`;

/**
 * A native Word chart part (`word/charts/chartN.xml`, DrawingML chart). Values are written as
 * caches of `Sheet1` references without an embedded workbook: Word, WPS and LibreOffice draw from
 * the caches, so the chart shows everywhere; only "edit data" in Word needs the workbook.
 */
export function chartPartXml(chart: XyChart, profile: StyleProfile): string {
  const style = profile.styles.chart;
  const hundredths = Math.round(pt(style.size) * 100);
  const font = (size = hundredths): string =>
    `<a:defRPr sz="${size}" b="0"><a:latin typeface="${escapeXml(profile.fonts.latin)}"/>` +
    `<a:ea typeface="${escapeXml(style.font)}"/><a:cs typeface="${escapeXml(profile.fonts.latin)}"/></a:defRPr>`;
  const txPr = `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${font()}</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`;
  const rich = (text: string, sizeScale = 1): string =>
    '<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>' +
    font(Math.round(hundredths * sizeScale)) +
    `</a:pPr><a:r><a:rPr lang="zh-CN" sz="${Math.round(hundredths * sizeScale)}" b="0"/>` +
    `<a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/>`;

  const n = chart.categories.length;
  const categories =
    `<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$${n + 1}</c:f><c:strCache><c:ptCount val="${n}"/>` +
    chart.categories.map(categoryPoint).join('') +
    '</c:strCache></c:strRef></c:cat>';
  const values = (s: ChartSeries, i: number): string =>
    `<c:val><c:numRef><c:f>Sheet1!$${column(i)}$2:$${column(i)}$${n + 1}</c:f><c:numCache>` +
    `<c:formatCode>General</c:formatCode><c:ptCount val="${n}"/>` +
    s.values.slice(0, n).map(valuePoint).join('') +
    '</c:numCache></c:numRef></c:val>';
  const seriesName = (s: ChartSeries, i: number): string =>
    `<c:tx><c:strRef><c:f>Sheet1!$${column(i)}$1</c:f><c:strCache><c:ptCount val="1"/>` +
    `<c:pt idx="0"><c:v>${escapeXml(s.name ?? chart.yLabel ?? `系列${i + 1}`)}</c:v></c:pt></c:strCache></c:strRef></c:tx>`;
  // Values shown on the bars; on a line above its points (`position`: CT_DLblPos for lines).
  const labelsAt = (position = ''): string =>
    '<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>' +
    txPr +
    (position ? `<c:dLblPos val="${position}"/>` : '') +
    '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>' +
    '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>';
  const labels = labelsAt();
  // The first series in the profile colour, further ones from a fixed palette.
  const colour = (i: number): string =>
    i === 0
      ? style.color
      : (['ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47'][(i - 1) % 5] ?? style.color);
  const fill = (i: number): string => `<a:solidFill><a:srgbClr val="${colour(i)}"/></a:solidFill>`;

  const indexed = chart.series.map((s, i) => ({ s, i }));
  const bars = indexed.filter(({ s }) => s.kind === 'bar');
  const lines = indexed.filter(({ s }) => s.kind === 'line');
  const axes = '<c:axId val="500000001"/><c:axId val="500000002"/>';
  const barChart =
    bars.length === 0
      ? ''
      : `<c:barChart><c:barDir val="${chart.horizontal ? 'bar' : 'col'}"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
        bars
          .map(
            ({ s, i }) =>
              `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${seriesName(s, i)}<c:spPr>${fill(i)}</c:spPr>` +
              `<c:invertIfNegative val="0"/>${labels}${categories}${values(s, i)}</c:ser>`,
          )
          .join('') +
        `<c:gapWidth val="80"/>${bars.length > 1 ? '<c:overlap val="-10"/>' : ''}${axes}</c:barChart>`;
  const lineChart =
    lines.length === 0
      ? ''
      : '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>' +
        lines
          .map(
            // The first line carries its values above circle markers, unless bars already show
            // values; further lines (a target, a comparison) are dashed with dash markers, which
            // still show where there is a single category.
            ({ s, i }, n) => {
              const main = n === 0 && bars.length === 0;
              return (
                `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${seriesName(s, i)}` +
                `<c:spPr><a:ln w="${main ? 28575 : 19050}" cap="rnd">${fill(i)}` +
                `${main ? '' : '<a:prstDash val="dash"/>'}<a:round/></a:ln></c:spPr>` +
                `<c:marker><c:symbol val="${main ? 'circle' : 'dash'}"/><c:size val="${main ? 5 : 9}"/></c:marker>` +
                `${main ? labelsAt('t') : ''}${categories}${values(s, i)}<c:smooth val="0"/></c:ser>`
              );
            },
          )
          .join('') +
        `<c:marker val="1"/>${axes}</c:lineChart>`;

  const scaling =
    '<c:scaling><c:orientation val="minMax"/>' +
    (chart.yMax !== undefined ? `<c:max val="${chart.yMax}"/>` : '') +
    (chart.yMin !== undefined ? `<c:min val="${chart.yMin}"/>` : '') +
    '</c:scaling>';
  const axisTitle = (text: string | undefined): string =>
    text ? `<c:title>${rich(text)}</c:title>` : '';
  const catAx =
    '<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>' +
    `<c:axPos val="${chart.horizontal ? 'l' : 'b'}"/>${axisTitle(chart.xLabel)}` +
    '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>' +
    `<c:tickLblPos val="nextTo"/>${txPr}<c:crossAx val="500000002"/><c:crosses val="autoZero"/>` +
    '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>';
  const valAx =
    `<c:valAx><c:axId val="500000002"/>${scaling}<c:delete val="0"/>` +
    `<c:axPos val="${chart.horizontal ? 'b' : 'l'}"/>` +
    '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>' +
    `${axisTitle(chart.yLabel)}<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${txPr}<c:crossAx val="500000001"/>` +
    '<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>';
  const legend =
    chart.series.length > 1
      ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${txPr}</c:legend>`
      : '';

  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ' +
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart>' +
    (chart.title
      ? `<c:title>${rich(chart.title, 1.2)}</c:title><c:autoTitleDeleted val="0"/>`
      : '<c:autoTitleDeleted val="1"/>') +
    `<c:plotArea><c:layout/>${barChart}${lineChart}${catAx}${valAx}</c:plotArea>` +
    `${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>' +
    txPr +
    '</c:chartSpace>'
  );
}
