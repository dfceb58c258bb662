/**
 * The helpers templates may call — the only ones: templates are compiled with
 * `knownHelpersOnly`, so any other name is a compile error (FG3002). Besides these, the
 * Handlebars block helpers `if`, `unless`, `each` and `with` are available; `lookup` and `log`
 * are switched off.
 *
 * Text from YAML files reaches templates as plain text: templates print it through `inline`,
 * `block` or `cell`, which escape it for Markdown (never HTML); the list helpers `join`,
 * `paragraphs` and `cellLines` escape each item the same way. Every helper is documented for
 * template authors in docs/render.md; keep that list in step with this one.
 */
import {
  chineseNumeral,
  formatDateZh,
  formatDeadlineZh,
  formatPeriodZh,
  formatQuarterZh,
  headingMarker,
  type HeadingLevel,
} from '../model/chinese.js';
import { escapeMarkdown, type EscapeContext } from './escape.js';

/** A helper was called with arguments it cannot use; becomes FG3011 at the call's line. */
export class HelperError extends Error {
  override name = 'HelperError';
  constructor(
    readonly helper: string,
    readonly detail: string,
    readonly line: number | undefined,
    readonly column?: number,
  ) {
    super(`${helper}: ${detail}`);
  }
}

/**
 * The compile step adds `fanganLine=<n> fanganColumn=<n>` to every call of these helpers, so an
 * error can name the template position (Handlebars does not tell helpers where they were called).
 */
export const LINE_HASH_KEY = 'fanganLine';
export const COLUMN_HASH_KEY = 'fanganColumn';

interface HelperOptions {
  hash?: Record<string, unknown>;
}

type Helper = (...args: unknown[]) => unknown;

/** Splits Handlebars' trailing options object off the positional arguments. */
function define(
  name: string,
  minArgs: number,
  body: (args: unknown[], fail: (detail: string) => never) => unknown,
): Helper {
  return (...all: unknown[]) => {
    const options = all.pop() as HelperOptions | undefined;
    const line = options?.hash?.[LINE_HASH_KEY];
    const column = options?.hash?.[COLUMN_HASH_KEY];
    const fail = (detail: string): never => {
      throw new HelperError(
        name,
        detail,
        typeof line === 'number' ? line : undefined,
        typeof column === 'number' ? column : undefined,
      );
    };
    if (all.length < minArgs) fail(`needs ${minArgs} argument(s), got ${all.length}`);
    return body(all, fail);
  };
}

const asList = (v: unknown, fail: (d: string) => never): unknown[] => {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) fail('expects a list');
  return v as unknown[];
};

const asText = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

const escapeAll = (items: unknown[], context: EscapeContext): string[] =>
  items.map((item) => escapeMarkdown(asText(item), context)).filter((s) => s !== '');

const asInt = (v: unknown, fail: (d: string) => never): number => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n))
    fail(`expects a whole number, got ${asText(v)}`);
  return n as number;
};

const asNumber = (v: unknown, fail: (d: string) => never): number => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) fail(`expects a number, got ${asText(v)}`);
  return n as number;
};

const guard = <T>(fail: (d: string) => never, fn: () => T): T => {
  try {
    return fn();
  } catch (err) {
    return fail((err as Error).message);
  }
};

/**
 * Name -> implementation. Documented one by one in docs/render.md. A helper name hides a view
 * field of the same name in `{{name}}`, so names are verbs or carry a `zh`/`format` prefix.
 */
export const helpers: Record<string, Helper> = {
  /** `{{join list "、"}}`: plain-text items, escaped like `inline`, joined with the separator (default `、`). */
  join: define('join', 1, ([list, sep], fail) =>
    escapeAll(asList(list, fail), 'inline').join(typeof sep === 'string' ? sep : '、'),
  ),

  /** `{{paragraphs list}}`: plain-text items as Markdown paragraphs, escaped like `block`. */
  paragraphs: define('paragraphs', 1, ([list], fail) =>
    escapeAll(asList(list, fail), 'block').join('\n\n'),
  ),

  /** `{{cellLines list}}`: plain-text items as the lines of one table cell (escaped, joined with `<br>`). */
  cellLines: define('cellLines', 1, ([list], fail) =>
    escapeAll(asList(list, fail), 'cell').join('<br>'),
  ),

  /** `{{inline text}}`: plain text escaped for one Markdown line (headings, run-in text); wraps joined. */
  inline: define('inline', 1, ([text]) => escapeMarkdown(asText(text), 'inline')),

  /** `{{block text}}`: plain text escaped as Markdown paragraphs (a blank line between them). */
  block: define('block', 1, ([text]) => escapeMarkdown(asText(text), 'block')),

  /** `{{cell text}}`: plain text escaped for one GFM table cell; line breaks become `<br>`. */
  cell: define('cell', 1, ([text]) => escapeMarkdown(asText(text), 'cell')),

  /** `{{zhNumber 12}}` -> 十二 */
  zhNumber: define('zhNumber', 1, ([n], fail) => guard(fail, () => chineseNumeral(asInt(n, fail)))),

  /** `{{zhMarker 2 3}}` -> （三）: heading marker of level 1 一、, 2 （一）, 3 1., 4 （1）. */
  zhMarker: define('zhMarker', 2, ([level, n], fail) => {
    const l = asInt(level, fail);
    if (l < 1 || l > 4) fail('level must be 1, 2, 3 or 4');
    return guard(fail, () => headingMarker(l as HeadingLevel, asInt(n, fail)));
  }),

  /** `{{zhDate "2025-01-05"}}` -> 2025年1月5日 */
  zhDate: define('zhDate', 1, ([iso], fail) => guard(fail, () => formatDateZh(asText(iso)))),

  /** `{{zhDeadline "2025-06-30"}}` -> 2025年6月底前; other days -> 2025年6月15日前 */
  zhDeadline: define('zhDeadline', 1, ([iso], fail) =>
    guard(fail, () => formatDeadlineZh(asText(iso))),
  ),

  /** `{{zhPeriod "2025-01-01" "2025-03-31"}}` -> 2025年1月1日至3月31日 */
  zhPeriod: define('zhPeriod', 2, ([a, b], fail) =>
    guard(fail, () => formatPeriodZh(asText(a), asText(b))),
  ),

  /** `{{zhQuarter "2025Q1"}}` -> 2025年第一季度 */
  zhQuarter: define('zhQuarter', 1, ([q], fail) => guard(fail, () => formatQuarterZh(asText(q)))),

  /** `{{inc @index}}` -> the 1-based position inside `{{#each}}`. */
  inc: define('inc', 1, ([n], fail) => asInt(n, fail) + 1),

  /** `{{#if (eq a b)}}`: strict equality. */
  eq: define('eq', 2, ([a, b]) => a === b),

  /** `{{formatNumber 12.345 1}}` -> 12.3: a number with a fixed count of decimals (default 0). */
  formatNumber: define('formatNumber', 1, ([n, digits], fail) => {
    const d = digits === undefined ? 0 : asInt(digits, fail);
    if (d < 0 || d > 6) fail('digits must be 0..6');
    return asNumber(n, fail).toFixed(d);
  }),

  /** `{{formatPercent 0.125 1}}` -> 12.5%: a ratio (0..1) as a percentage, decimals default 1. */
  formatPercent: define('formatPercent', 1, ([ratio, digits], fail) => {
    const d = digits === undefined ? 1 : asInt(digits, fail);
    if (d < 0 || d > 6) fail('digits must be 0..6');
    return `${(asNumber(ratio, fail) * 100).toFixed(d)}%`;
  }),
};

/** Names for the compiler's `knownHelpers`: ours, the safe built-ins, and the risky ones off. */
export const knownHelpers: Record<string, boolean> = {
  ...Object.fromEntries(Object.keys(helpers).map((name) => [name, true])),
  if: true,
  unless: true,
  each: true,
  with: true,
  lookup: false,
  log: false,
};
