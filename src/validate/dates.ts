/** Date checks for the validator; calendar arithmetic itself lives in src/model/calendar.ts. */
import { daysInMonth, isIsoDate, isoOf } from '../model/calendar.js';

/** The value if it is a real `YYYY-MM-DD` date, else undefined (other rules report why). */
export const validDate = (value: unknown): string | undefined =>
  typeof value === 'string' && isIsoDate(value) ? value : undefined;

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
      return isoOf(year, month, day);
    }
  }
  return '2025-03-31';
}

/**
 * The exact `YYYY-MM-DD` for a recognisable date written another way (`2025/3/1`, `2025.3.1`,
 * `2025-3-1`, `2025年3月1日`), or undefined when it is not one or the day does not exist.
 */
export function dateFix(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return isoOf(year, month, day);
}
