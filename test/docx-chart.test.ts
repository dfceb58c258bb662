import { describe, expect, it } from 'vitest';
import { parseXyChart } from '../src/docx/index.js';

describe('parseXyChart (mermaid xychart-beta)', () => {
  it('reads title, quoted categories with commas, the y range and a bar series', () => {
    const chart = parseXyChart(
      [
        'xychart-beta',
        '    title "各镇完成率"',
        '    x-axis ["城关镇", "东,西镇", 南镇]',
        '    y-axis "完成率（%）" 0 --> 100',
        '    bar [82.5, 64, -3]',
      ].join('\n'),
    );
    expect(chart).toEqual({
      horizontal: false,
      title: '各镇完成率',
      categories: ['城关镇', '东,西镇', '南镇'],
      yLabel: '完成率（%）',
      yMin: 0,
      yMax: 100,
      series: [{ kind: 'bar', values: [82.5, 64, -3] }],
    });
  });

  it('reads horizontal charts, axis titles, named line series and numbers missing categories', () => {
    const chart = parseXyChart(
      'xychart-beta horizontal\n%% comment\nx-axis "季度"\ny-axis "人次"\nbar [1, 2]\nline "目标" [2, 3, 4]\n',
    );
    expect(chart).toMatchObject({
      horizontal: true,
      xLabel: '季度',
      yLabel: '人次',
      categories: ['1', '2', '3'],
      series: [
        { kind: 'bar', values: [1, 2] },
        { kind: 'line', name: '目标', values: [2, 3, 4] },
      ],
    });
  });

  it.each([
    ['another diagram', 'graph TD\n  A --> B'],
    ['no series', 'xychart-beta\n  title "空"'],
    ['a value that is not a number', 'xychart-beta\n  bar [1, 二]'],
    ['an unknown statement', 'xychart-beta\n  pie [1]'],
    ['an empty range', 'xychart-beta\n  y-axis 10 --> 0\n  bar [1]'],
    ['an unclosed list', 'xychart-beta\n  bar [1, 2'],
  ])('returns undefined for %s, so the block prints as literal text', (_name, source) => {
    expect(parseXyChart(source)).toBeUndefined();
  });
});
