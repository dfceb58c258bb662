/** Calendar checks for `YYYY-MM-DD` strings; valid ISO dates compare correctly as strings. */

export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month of the proleptic Gregorian calendar (arithmetic: plans hold many dates). */
const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? isLeapYear(year)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

/** A `YYYY-MM-DD` string naming a real day (2025-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The value if it is a real `YYYY-MM-DD` date, else undefined (other rules report why). */
export const validDate = (value: unknown): string | undefined =>
  typeof value === 'string' && isCalendarDate(value) ? value : undefined;

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * What the user probably meant, written as YYYY-MM-DD: `2025/3/1`, `2025.3.1`, `2025年3月1日`
 * -> `2025-03-01`; an impossible day is clamped to the month's last day. Falls back to a
 * generic example.
 */
export function dateExample(value: unknown): string {
  const m =
    typeof value === 'string'
      ? /^\s*(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})\D?\s*$/.exec(value)
      : null;
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month >= 1 && month <= 12) {
      const day = Math.min(Math.max(1, Number(m[3])), daysInMonth(year, month));
      return `${year}-${pad(month)}-${pad(day)}`;
    }
  }
  return '2025-03-31';
}

/** First and last day of `2025Q2`-style quarters. */
export function quarterRange(quarter: string): { start: string; end: string } | undefined {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) return undefined;
  const year = Number(m[1]);
  const q = Number(m[2]);
  const lastMonth = q * 3;
  return {
    start: `${year}-${pad(lastMonth - 2)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`,
  };
}
