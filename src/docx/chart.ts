import type { ChartSeries, XyChart } from './model.js';

/**
 * Reads the Mermaid `xychart-beta` subset of the dialect:
 *
 *     xychart-beta [horizontal]
 *       title "…"
 *       x-axis ["title"] [a, "b", …]
 *       y-axis ["title"] [min --> max]
 *       bar ["name"] [1, 2.5, …]
 *       line ["name"] [1, 2.5, …]
 *
 * Returns undefined for anything else, and the writer then prints the block as literal text.
 */
export function parseXyChart(source: string): XyChart | undefined {
  const lines = source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('%%'));
  const header = lines.shift()?.split(/\s+/);
  if (header?.[0] !== 'xychart-beta' || header.length > 2) return undefined;
  if (header[1] !== undefined && header[1] !== 'horizontal') return undefined;
  const chart: XyChart = { horizontal: header[1] === 'horizontal', categories: [], series: [] };

  for (const line of lines) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const { text: label, rest: afterLabel } = leadingString(rest);
    switch (keyword) {
      case 'title':
        chart.title = label ?? rest;
        break;
      case 'x-axis': {
        if (label !== undefined) chart.xLabel = label;
        if (afterLabel === '') break;
        const list = parseList(afterLabel);
        if (list) chart.categories = list;
        else if (!parseRange(afterLabel)) return undefined;
        break;
      }
      case 'y-axis': {
        if (label !== undefined) chart.yLabel = label;
        if (afterLabel === '') break;
        const range = parseRange(afterLabel);
        if (!range) return undefined;
        [chart.yMin, chart.yMax] = range;
        break;
      }
      case 'bar':
      case 'line': {
        const values = parseList(afterLabel)?.map(Number);
        if (!values || values.some(isNotFinite)) return undefined;
        const series: ChartSeries = { kind: keyword, values };
        if (label !== undefined) series.name = label;
        chart.series.push(series);
        break;
      }
      case 'accTitle:':
      case 'accDescr:':
        break;
      default:
        return undefined;
    }
  }
  if (chart.series.length === 0) return undefined;
  const count = Math.max(...chart.series.map((s) => s.values.length));
  // Missing category names: number the points as Mermaid does on a numeric axis.
  for (let i = chart.categories.length; i < count; i++) chart.categories.push(String(i + 1));
  return chart;
}

// Module level, not a closure per call: V8 drops a per-call closure's optimised code at every
// full GC and the render worker compiled it again all run long.
function isNotFinite(value: number): boolean {
  return !Number.isFinite(value);
}

/** A leading "quoted" string, and what follows it. */
function leadingString(text: string): { text?: string; rest: string } {
  const match = /^"([^"]*)"\s*(.*)$/.exec(text);
  return match ? { text: match[1] ?? '', rest: match[2] ?? '' } : { rest: text };
}

/** `[a, "b, c", 3]` -> ['a', 'b, c', '3']; undefined when not a bracketed list. */
function parseList(text: string): string[] | undefined {
  const match = /^\[(.*)\]$/.exec(text.trim());
  if (!match) return undefined;
  const body = match[1] ?? '';
  if (body.trim() === '') return [];
  const items: string[] = [];
  const item = /\s*(?:"([^"]*)"|([^,]*?))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (item.lastIndex < body.length && (m = item.exec(body)) !== null) {
    items.push(m[1] ?? m[2] ?? '');
    if (m[0] === '') return undefined;
  }
  return item.lastIndex >= body.length ? items : undefined;
}

function parseRange(text: string): [number, number] | undefined {
  const match = /^(-?\d+(?:\.\d+)?)\s*-->\s*(-?\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = Number(match[2]);
  return min < max ? [min, max] : undefined;
}
