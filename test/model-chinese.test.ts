import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chineseNumeral,
  formatDateZh,
  formatDeadlineZh,
  formatPeriodZh,
  formatQuarterZh,
  headingMarker,
} from '../src/model/chinese.js';
import { daysInMonth, quarterRange } from '../src/model/calendar.js';

/** An independent reader of Chinese numerals, to check chineseNumeral against. */
function readNumeral(text: string): number {
  const digit: Record<string, number> = {
    零: 0,
    一: 1,
    二: 2,
    三: 3,
    四: 4,
    五: 5,
    六: 6,
    七: 7,
    八: 8,
    九: 9,
  };
  const unit: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let pending = 0;
  for (const ch of text) {
    if (ch in digit) pending = digit[ch] ?? 0;
    else if (ch in unit) {
      total += (pending || 1) * (unit[ch] ?? 0);
      pending = 0;
    } else throw new Error(`bad numeral ${text}`);
  }
  return total + pending;
}

const isoDate = fc
  .record({
    y: fc.integer({ min: 1990, max: 2100 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => ({ y, m, d: Math.min(d, daysInMonth(y, m)) }))
  .map(({ y, m, d }) => ({
    y,
    m,
    d,
    iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  }));

describe('chineseNumeral', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [19, '十九'],
    [20, '二十'],
    [21, '二十一'],
    [99, '九十九'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一十'],
    [1001, '一千零一'],
    [1010, '一千零一十'],
    [2025, '二千零二十五'],
  ])('%i -> %s', (n, zh) => {
    expect(chineseNumeral(n)).toBe(zh);
  });

  it('reads back to the same number (1..9999)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (n) => readNumeral(chineseNumeral(n)) === n),
    );
  });

  it('never starts with 一十 and never doubles 零', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (n) => {
        const zh = chineseNumeral(n);
        return !zh.startsWith('一十') && !zh.includes('零零') && !zh.endsWith('零');
      }),
    );
  });

  it('refuses numbers it cannot write', () => {
    expect(() => chineseNumeral(-1)).toThrow(RangeError);
    expect(() => chineseNumeral(1.5)).toThrow(RangeError);
    expect(() => chineseNumeral(10000)).toThrow(RangeError);
  });
});

describe('headingMarker', () => {
  it('writes the four levels of official numbering', () => {
    expect(headingMarker(1, 3)).toBe('三、');
    expect(headingMarker(2, 12)).toBe('（十二）');
    expect(headingMarker(3, 4)).toBe('4.');
    expect(headingMarker(4, 2)).toBe('（2）');
  });
});

describe('dates', () => {
  it('formats dates without leading zeros', () => {
    expect(formatDateZh('2025-01-05')).toBe('2025年1月5日');
    expect(formatDateZh('2025-12-31')).toBe('2025年12月31日');
  });

  it('round-trips any calendar date', () => {
    fc.assert(
      fc.property(isoDate, ({ y, m, d, iso }) => {
        const match = /^(\d{4})年([1-9]\d?)月([1-9]\d?)日$/.exec(formatDateZh(iso));
        return (
          match !== null &&
          Number(match[1]) === y &&
          Number(match[2]) === m &&
          Number(match[3]) === d
        );
      }),
    );
  });

  it('writes a deadline at the end of a month as 月底前', () => {
    expect(formatDeadlineZh('2025-06-30')).toBe('2025年6月底前');
    expect(formatDeadlineZh('2025-06-15')).toBe('2025年6月15日前');
    expect(formatDeadlineZh('2024-02-29')).toBe('2024年2月底前');
    expect(formatDeadlineZh('2025-02-28')).toBe('2025年2月底前');
    expect(formatDeadlineZh('2024-02-28')).toBe('2024年2月28日前');
  });

  it('uses 月底前 exactly for the last day of the month', () => {
    fc.assert(
      fc.property(isoDate, ({ y, m, d, iso }) => {
        const text = formatDeadlineZh(iso);
        return (
          text.endsWith('月底前') === (d === daysInMonth(y, m)) && text.startsWith(`${y}年${m}月`)
        );
      }),
    );
  });

  it('drops the repeated year in a period', () => {
    expect(formatPeriodZh('2025-01-01', '2025-02-28')).toBe('2025年1月1日至2月28日');
    expect(formatPeriodZh('2025-07-01', '2026-06-30')).toBe('2025年7月1日至2026年6月30日');
  });

  it('refuses malformed and impossible dates (validated data only reaches here)', () => {
    expect(() => formatDateZh('2025-02-30')).toThrow(RangeError);
    expect(() => formatDateZh('2025/3/1')).toThrow(RangeError);
    expect(() => formatDeadlineZh('2025-13-01')).toThrow(RangeError);
  });
});

describe('quarters', () => {
  it('names quarters and their ranges', () => {
    expect(formatQuarterZh('2025Q1')).toBe('2025年第一季度');
    expect(formatQuarterZh('2025Q4')).toBe('2025年第四季度');
    expect(quarterRange('2024Q1')).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(quarterRange('2025Q2')).toEqual({ start: '2025-04-01', end: '2025-06-30' });
    expect(() => formatQuarterZh('2025Q5')).toThrow(RangeError);
  });
});
