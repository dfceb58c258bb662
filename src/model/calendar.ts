/**
 * Calendar arithmetic on `YYYY-MM-DD` strings and quarters, done in UTC so the local time zone
 * never shifts a day. The one place the project computes with dates.
 */
import type { IsoDate } from './types.js';

/** `YYYY-MM-DD`, the only date form plan files use. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export const isoOf = (year: number, month: number, day: number): IsoDate =>
  `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** True for a real calendar date written as YYYY-MM-DD (2025-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month of the proleptic Gregorian calendar (plain arithmetic: plans hold many dates). */
export const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? isLeapYear(year)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

export function parts(date: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`not an ISO date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

const toDayNumber = (date: IsoDate): number => {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month - 1, day) / 86_400_000;
};

const fromDayNumber = (n: number): IsoDate => {
  const d = new Date(n * 86_400_000);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
};

export const addDays = (date: IsoDate, days: number): IsoDate =>
  fromDayNumber(toDayNumber(date) + days);

/** Days from `a` to `b` (0 when equal). */
export const daysBetween = (a: IsoDate, b: IsoDate): number => toDayNumber(b) - toDayNumber(a);

/** ISO strings compare correctly as text. */
export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);

/** Last day of the month that lies `offset` months after the month of `date` (offset 0 = same). */
export function monthEnd(date: IsoDate, offset = 0): IsoDate {
  const { year, month } = parts(date);
  const index = year * 12 + (month - 1) + offset;
  const y = Math.floor(index / 12);
  const mo = (index % 12) + 1;
  return isoOf(y, mo, daysInMonth(y, mo));
}

/** Calendar months touched by the period, counting partial first and last months. */
export function monthsTouched(start: IsoDate, end: IsoDate): number {
  const s = parts(start);
  const e = parts(end);
  return (e.year - s.year) * 12 + (e.month - s.month) + 1;
}

/** A calendar quarter, e.g. 2025Q1 = 2025-01-01 .. 2025-03-31. */
export interface Quarter {
  year: number;
  /** 1..4 */
  q: number;
  /** Normalised key, e.g. `2025Q1`. */
  key: string;
  start: IsoDate;
  end: IsoDate;
}

export function quarter(year: number, q: number): Quarter {
  const start = isoOf(year, (q - 1) * 3 + 1, 1);
  return { year, q, key: `${year}Q${q}`, start, end: monthEnd(start, 2) };
}

/** Reads `2025Q2` (any case, optional dash: `2025-q2`); undefined when it is not a quarter. */
export function parseQuarter(text: string): Quarter | undefined {
  const m = /^(\d{4})-?[Qq]([1-4])$/.exec(text.trim());
  return m ? quarter(Number(m[1]), Number(m[2])) : undefined;
}

/** The quarter a `YYYY-MM-DD` date falls in. */
export function quarterOf(date: IsoDate): Quarter {
  const { year, month } = parts(date);
  return quarter(year, Math.floor((month - 1) / 3) + 1);
}

export const nextQuarter = (current: Quarter): Quarter =>
  current.q === 4 ? quarter(current.year + 1, 1) : quarter(current.year, current.q + 1);

export const previousQuarter = (current: Quarter): Quarter =>
  current.q === 1 ? quarter(current.year - 1, 4) : quarter(current.year, current.q - 1);

/** A quarter reports on a plan when the two overlap by at least one day. */
export const quarterOverlaps = (q: Quarter, period: { start: IsoDate; end: IsoDate }): boolean =>
  q.start <= period.end && q.end >= period.start;

/** First and last day of a `2025Q2`-style quarter; undefined when the text is not one. */
export function quarterRange(key: string): { start: IsoDate; end: IsoDate } | undefined {
  const q = /^\d{4}Q[1-4]$/.test(key) ? parseQuarter(key) : undefined;
  return q && { start: q.start, end: q.end };
}
