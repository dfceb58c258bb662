/**
 * Chinese numbering and dates as written in official documents: heading markers 一、 （一） 1.
 * （1）, dates 2025年1月5日 (Arabic digits, no leading zeros), deadlines 2025年6月底前, quarters
 * 2025年第一季度. Pure functions over validated data; a malformed date here is a bug, so it throws.
 */
import { daysInMonth, isIsoDate, parts } from './calendar.js';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const POWERS = ['', '十', '百', '千'] as const;

/**
 * 1 -> 一, 10 -> 十, 11 -> 十一, 20 -> 二十, 99 -> 九十九, 101 -> 一百零一, 1010 -> 一千零一十.
 * Supports 0..9999, enough for any numbering in a plan.
 */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) {
    throw new RangeError(`chineseNumeral: ${n} is outside 0..9999`);
  }
  if (n === 0) return DIGITS[0];
  const digits = String(n).split('').map(Number);
  let out = '';
  let pendingZero = false;
  // A loop, not a forEach callback: V8 drops a per-call closure's optimised code at every full GC
  // and the render worker compiled it again all run long.
  for (const [i, d] of digits.entries()) {
    const power = digits.length - 1 - i;
    if (d === 0) {
      pendingZero = out !== '';
      continue;
    }
    if (pendingZero) out += DIGITS[0];
    pendingZero = false;
    // 10..19 read 十, 十一 … not 一十, 一十一 when 十 leads the number.
    const skipOne = d === 1 && power === 1 && out === '';
    out += (skipOne ? '' : (DIGITS[d] ?? '')) + (POWERS[power] ?? '');
  }
  return out;
}

/** Heading levels of Chinese official writing. */
export type HeadingLevel = 1 | 2 | 3 | 4;

/** The numbering marker of a heading: level 1 一、, level 2 （一）, level 3 1., level 4 （1）. */
export function headingMarker(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

function parseIsoDate(iso: string): { year: number; month: number; day: number } {
  if (!isIsoDate(iso)) {
    throw new RangeError(`not a calendar date in YYYY-MM-DD form: ${JSON.stringify(iso)}`);
  }
  return parts(iso);
}

/** 2025-01-05 -> 2025年1月5日 */
export function formatDateZh(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${year}年${month}月${day}日`;
}

/** True when the date is the last day of its month. */
export function isEndOfMonth(iso: string): boolean {
  const { year, month, day } = parseIsoDate(iso);
  return day === daysInMonth(year, month);
}

/** A deadline: 2025-06-30 -> 2025年6月底前 (last day of the month), else 2025-06-15 -> 2025年6月15日前. */
export function formatDeadlineZh(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return day === daysInMonth(year, month)
    ? `${year}年${month}月底前`
    : `${year}年${month}月${day}日前`;
}

/**
 * A span of dates: the end drops the year when it is the same as the start's.
 * 2025-01-01..2025-02-28 -> 2025年1月1日至2月28日; across years both carry the year.
 */
export function formatPeriodZh(start: string, end: string): string {
  const a = parseIsoDate(start);
  const b = parseIsoDate(end);
  const tail = a.year === b.year ? `${b.month}月${b.day}日` : formatDateZh(end);
  return `${formatDateZh(start)}至${tail}`;
}

const QUARTER = /^(\d{4})Q([1-4])$/;

/** 2025Q1 -> 2025年第一季度 */
export function formatQuarterZh(quarter: string): string {
  const m = QUARTER.exec(quarter);
  if (!m) throw new RangeError(`not a quarter in YYYYQn form: ${JSON.stringify(quarter)}`);
  return `${m[1]}年第${chineseNumeral(Number(m[2]))}季度`;
}
