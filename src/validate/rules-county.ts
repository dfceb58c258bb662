import { parseQuarter } from '../model/calendar.js';
import { validDate } from './dates.js';
import type { Issue } from './issue.js';
import { checkCalendar } from './rules-plan.js';
import { isObj, type Obj } from './shape.js';
import { pointerOf } from '../parse/index.js';

/**
 * Rules of a county settings file (kind: county) beyond its schema: every key of `due` is a
 * quarter (FG6250), every date a real day (FG2105), and a deadline before the quarter has even
 * ended is most likely a typo (FG6251, a warning).
 */
export function countyIssues(county: Obj): Issue[] {
  const issues: Issue[] = [];
  if (!isObj(county.due)) return issues;
  for (const [key, value] of Object.entries(county.due)) {
    const pointer = `/due${pointerOf([key])}`;
    const quarter = parseQuarter(key);
    if (!quarter || quarter.key !== key) {
      issues.push({ code: 'FG6250', pointer, part: 'key', params: { key } });
      continue;
    }
    checkCalendar(value, pointer, `due.${key}`, issues);
    const date = validDate(value);
    if (date && date <= quarter.end) {
      issues.push({ code: 'FG6251', pointer, params: { quarter: key, date, end: quarter.end } });
    }
  }
  return issues;
}
