import { formatQuarterZh, quarterRange } from '../model/chinese.js';
import type { IsoDate } from '../model/types.js';

/** A calendar quarter, e.g. 2025Q1 = 2025-01-01 .. 2025-03-31. */
export interface Quarter {
  year: number;
  /** 1..4 */
  q: number;
  /** `2025Q1` */
  key: string;
  start: IsoDate;
  end: IsoDate;
}

export function quarter(year: number, q: number): Quarter {
  const key = `${year}Q${q}`;
  return { year, q, key, ...quarterRange(key) };
}

/** 2025Q1 -> 2025年第一季度 */
export const quarterNameZh = (q: Quarter): string => formatQuarterZh(q.key);

/** `2025Q1` (case-insensitive) -> the quarter, or undefined when the text is not a quarter key. */
export function parseQuarter(text: string): Quarter | undefined {
  const m = /^(\d{4})[Qq]([1-4])$/.exec(text.trim());
  return m ? quarter(Number(m[1]), Number(m[2])) : undefined;
}

/** The quarter a `YYYY-MM-DD` date falls in. */
export function quarterOf(date: IsoDate): Quarter {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return quarter(year, Math.floor((month - 1) / 3) + 1);
}

export function nextQuarter(current: Quarter): Quarter {
  return current.q === 4 ? quarter(current.year + 1, 1) : quarter(current.year, current.q + 1);
}

/** ISO dates compare correctly as strings; these names make the intent readable. */
export const isOnOrBefore = (a: IsoDate, b: IsoDate): boolean => a <= b;
export const isBefore = (a: IsoDate, b: IsoDate): boolean => a < b;
export const isWithin = (d: IsoDate, range: { start: IsoDate; end: IsoDate }): boolean =>
  range.start <= d && d <= range.end;
