import { formatQuarterZh } from '../model/chinese.js';
import type { Quarter } from '../model/calendar.js';
import type { IsoDate } from '../model/types.js';

export { parseQuarter, quarterOf, nextQuarter, type Quarter } from '../model/calendar.js';

/** 2025Q1 -> 2025年第一季度 */
export const quarterNameZh = (q: Quarter): string => formatQuarterZh(q.key);

/** ISO dates compare correctly as strings; these names make the intent readable. */
export const isOnOrBefore = (a: IsoDate, b: IsoDate): boolean => a <= b;
export const isBefore = (a: IsoDate, b: IsoDate): boolean => a < b;
export const isWithin = (d: IsoDate, range: { start: IsoDate; end: IsoDate }): boolean =>
  range.start <= d && d <= range.end;
