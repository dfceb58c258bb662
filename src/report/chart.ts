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

// Module level, not a closure per call: V8 drops a per-call closure's optimised code at every
// full GC and the render worker compiled it again all run long.
const barOf = (d: { label: string; value: number }): ChartView['bars'][number] => ({
  label: d.label,
  value: Number(d.value.toFixed(1)),
  valueText: formatNumber(d.value, 1),
});

const quotedLabel = (b: ChartView['bars'][number]): string => `"${chartText(b.label)}"`;

const valueTextOf = (b: ChartView['bars'][number]): string => b.valueText;

export function buildChart(
  title: string,
  yLabel: string,
  data: { label: string; value: number }[],
): ChartView {
  const bars = data.map(barOf);
  const spec = [
    'xychart-beta',
    `    title "${chartText(title)}"`,
    `    x-axis [${bars.map(quotedLabel).join(', ')}]`,
    `    y-axis "${chartText(yLabel)}" 0 --> 100`,
    `    bar [${bars.map(valueTextOf).join(', ')}]`,
  ].join('\n');
  return { title, yLabel, bars, hasData: bars.length > 0, spec };
}
