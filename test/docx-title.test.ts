/**
 * The title line breaker (GB/T 9704 7.3.1): long titles break only between words, into the
 * 梯形 (two lines, no stub) or 菱形 (three lines, the middle one longest) shape.
 */
import { describe, expect, it } from 'vitest';
import { balanceTitle } from '../src/docx/title.js';
import { displayWidth } from '../src/docx/text.js';

/** 2号 (22 pt) characters on a 156 mm line. */
const MAX = 20;
const breakTitle = (title: string): string[] =>
  balanceTitle([{ type: 'text', text: title }], MAX)
    .map((inline) => (inline.type === 'text' ? inline.text : '\n'))
    .join('')
    .split('\n');

/** Phrases a reader would not see cut (names, verbs, compounds); ICU alone cuts several. */
const PHRASES = [
  '印发',
  '青溪镇',
  '青石镇',
  '松岭镇',
  '健康促进',
  '促进镇',
  '促进乡镇',
  '工作方案',
  '饮用水',
  '报送',
  '卫生健康局',
  '2025年',
  '第一季度',
];

const TITLES = [
  '关于印发《青石镇创建健康促进乡镇工作方案》的通知',
  '关于印发《青溪镇创建健康促进镇工作方案》的通知',
  '云川县卫生健康局关于报送健康促进镇创建工作进展情况的报告',
  '青溪镇2025年第一季度健康促进工作进展情况汇报',
  '关于进一步加强农村饮用水安全工作的实施意见',
  '关于印发《云川县松岭镇白沙村等十二个行政村创建国家级健康促进示范村工作实施方案》的通知',
];

describe('balanceTitle', () => {
  it.each(TITLES)('breaks %s between words, in shape', (title) => {
    const lines = breakTitle(title);
    expect(lines.join('')).toBe(title);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(MAX);
    // Where each line ends, as an offset into the title: never inside a phrase.
    const ends = lines.slice(0, -1).map((_, i) => lines.slice(0, i + 1).join('').length);
    for (const phrase of PHRASES) {
      for (let at = title.indexOf(phrase); at >= 0; at = title.indexOf(phrase, at + 1)) {
        for (const end of ends) {
          expect(end > at && end < at + phrase.length, `${lines.join('/')} cuts ${phrase}`).toBe(
            false,
          );
        }
      }
    }
    // ICU word boundaries only, and no line starts with closing or ends with opening marks.
    const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });
    const bounds = new Set([...segmenter.segment(title)].map((s) => s.index));
    for (const end of ends) expect(bounds.has(end), `${end} in ${title}`).toBe(true);
    for (const line of lines) {
      expect(line).not.toMatch(/^[》）”，、。]/);
      expect(line).not.toMatch(/[《（“的]$/);
    }
    // 长短适宜: no stub line; three lines form a diamond, the middle one longest.
    const widths = lines.map(displayWidth);
    const total = displayWidth(title);
    for (const width of widths) expect(width).toBeGreaterThan(total / (2 * widths.length));
    if (widths.length === 3) {
      expect(widths[1]).toBeGreaterThanOrEqual(widths[0] as number);
      expect(widths[1]).toBeGreaterThanOrEqual(widths[2] as number);
    }
  });

  it('keeps the town name and 健康促进镇 whole: 《…健康促进镇 / 工作方案》的通知', () => {
    expect(breakTitle('关于印发《青石镇创建健康促进乡镇工作方案》的通知')).toEqual([
      '关于印发《青石镇创建健康促进乡镇',
      '工作方案》的通知',
    ]);
  });

  it('leaves a title that fits on one line alone', () => {
    expect(breakTitle('青溪镇创建健康促进镇工作方案')).toEqual(['青溪镇创建健康促进镇工作方案']);
  });
});
