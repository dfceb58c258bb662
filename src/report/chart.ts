import { formatNumber } from './figures.js';

/**
 * A bar chart for the report templates. `spec` is the body of a ```mermaid block in the
 * xychart-beta syntax the Word writer understands (docs/internals.md), so templates only write
 * the fence around it; `bars` keeps the data for templates that want to lay it out themselves.
 */
export interface ChartView {
  title: string;
  yLabel: string;
  bars: { label: string; value: number; valueText: string }[];
  /** false when there is nothing to draw; templates then leave the chart out. */
  hasData: boolean;
  spec: string;
}

/** Chart text goes inside double quotes: drop what would end the string or the list. */
const chartText = (s: string): string =>
  s
    .replace(/["[\]`\n\r]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim() || '-';

export function buildChart(
  title: string,
  yLabel: string,
  data: { label: string; value: number }[],
): ChartView {
  const bars = data.map((d) => ({
    label: d.label,
    value: Number(d.value.toFixed(1)),
    valueText: formatNumber(d.value, 1),
  }));
  const spec = [
    'xychart-beta',
    `    title "${chartText(title)}"`,
    `    x-axis [${bars.map((b) => `"${chartText(b.label)}"`).join(', ')}]`,
    `    y-axis "${chartText(yLabel)}" 0 --> 100`,
    `    bar [${bars.map((b) => b.valueText).join(', ')}]`,
  ].join('\n');
  return { title, yLabel, bars, hasData: bars.length > 0, spec };
}
