import { readFile } from 'node:fs/promises';
import type { ErrorObject } from 'ajv';
import type { Params } from '../diagnostics/catalog.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { pointerOf, pointerSegments } from '../parse/positions.js';
import type { ParsedYaml } from '../parse/index.js';
import { readRegularFileSync } from '../read/file.js';
import { sourceFromBytes } from '../read/source.js';

/**
 * A style profile: every number of the Word layout lives here, never in code. The built-in
 * `gbt9704` profile (templates/profiles/gbt9704.json) follows GB/T 9704-2012; a user profile file
 * (JSON or YAML) is merged over it field by field, so it only names what differs.
 */
export type Align = 'left' | 'center' | 'right' | 'both';

/** A font size: points, or a Chinese size name such as `三号` / `3号` / `小四`. */
export type FontSize = number | string;

export interface TextStyle {
  font: string;
  size: FontSize;
  align: Align;
  bold: boolean;
  /** First-line indent in characters (2 = the usual two-character indent). */
  firstLineChars?: number;
  /** Empty lines (grid lines) left after the paragraph. */
  blankLinesAfter?: number;
  /** Empty lines (grid lines) left before the paragraph. */
  blankLinesBefore?: number;
  /**
   * Titles: break a long title between words into lines that form a trapezoid or diamond
   * (GB/T 9704 7.3.1) instead of leaving the breaks to the word processor.
   */
  balanceLines?: boolean;
}

/** Where the 版记 goes: its own last page on an even page, its own last page, or right after the text. */
export type ColophonPlacement = 'evenPage' | 'newPage' | 'follow';

export interface StyleProfile {
  name: string;
  description: string;
  page: {
    widthMm: number;
    heightMm: number;
    marginTopMm: number;
    marginBottomMm: number;
    marginLeftMm: number;
    marginRightMm: number;
    linesPerPage: number;
    charsPerLine: number;
    /**
     * `lines`: a line grid, and body text tightened by character spacing to fit `charsPerLine`
     * (lays out the same in Word, WPS and LibreOffice). `linesAndChars`: Word's character grid
     * (docGrid charSpace); LibreOffice then gives each Chinese character two grid cells.
     */
    grid: 'lines' | 'linesAndChars';
  };
  fonts: {
    /** Font for digits and Latin letters (ascii/hAnsi/cs run slots). */
    latin: string;
    /** Chinese font -> substitutes tried in order when it is missing (first one is `w:altName`). */
    fallbacks: Record<string, string[]>;
    /**
     * Word's automatic space between Chinese and Latin letters or digits (autoSpaceDE/DN). Off in
     * GB/T 9704 documents: `2025年` is set without gaps.
     */
    autoSpace: boolean;
  };
  styles: {
    title: TextStyle;
    subtitle: TextStyle;
    heading1: TextStyle;
    heading2: TextStyle;
    heading3: TextStyle;
    heading4: TextStyle;
    body: TextStyle;
    attachmentLabel: TextStyle;
    /** 发文机关标志: red, centred; `size` is the largest size, shrunk so it fits one line. */
    masthead: TextStyle & {
      color: string;
      /** From the top of the text block to the top of the masthead (GB/T 9704 7.2.4: 35 mm). */
      topMm: number;
    };
    /** 份号, 密级和保密期限, 紧急程度: top left, one line each. */
    headElement: TextStyle;
    /** 发文字号 under the masthead; with a 签发人 it moves left and the signer goes right. */
    docNumber: TextStyle & {
      /** Characters kept free left of the 发文字号 and right of the 签发人 when both are there. */
      sideIndentChars: number;
    };
    /** The red separator line under the 发文字号 (GB/T 9704 7.2.7). */
    redLine: {
      color: string;
      widthPt: number;
      /** Distance from the 发文字号 line to the red line. */
      gapMm: number;
      /** Empty lines between the red line and the title. */
      blankLinesAfter: number;
    };
    /** The 版记 (GB/T 9704 7.4): 抄送, 印发机关 and 印发日期 between lines on the last page. */
    colophon: {
      font: string;
      size: FontSize;
      /** First and last line (推荐 0.35 mm). */
      thickMm: number;
      /** Lines between the elements (推荐 0.25 mm). */
      thinMm: number;
      /** 抄送 and 印发机关 start, 印发日期 ends this many characters in. */
      sideIndentChars: number;
      placement: ColophonPlacement;
      /** Page numbers on the 版记 page (a page of its own); GB/T 9704 7.5 leaves them off. */
      numbered: boolean;
    };
    signature: {
      font: string;
      size: FontSize;
      blankLinesBefore: number;
      /** The issuer ends this many characters before the right margin. */
      issuerRightChars: number;
      /** The date starts this many characters right of the issuer's first character. */
      dateShiftChars: number;
    };
    table: {
      font: string;
      headerFont: string;
      size: FontSize;
      borderPt: number;
      cellMarginMm: number;
      minColumnChars: number;
    };
    code: { font: string; latinFont: string; size: FontSize };
    chart: { font: string; size: FontSize; widthMm: number; heightMm: number; color: string };
    pageNumber: {
      font: string;
      size: FontSize;
      dash: string;
      sideIndentChars: number;
      gapBelowTextMm: number;
    };
  };
}

/** A profile that could not be loaded; `diagnostics` say why (FG5xxx). */
export class ProfileError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(
      diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`).join('\n'),
    );
    this.name = 'ProfileError';
    this.diagnostics = diagnostics;
  }
}

/** Chinese type sizes (字号) in points. */
export const CHINESE_SIZES: Readonly<Record<string, number>> = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
  六号: 7.5,
  小六: 6.5,
};

const DIGIT_NAMES: Readonly<Record<string, string>> = {
  '0': '初',
  '1': '一',
  '2': '二',
  '3': '三',
  '4': '四',
  '5': '五',
  '6': '六',
};

/** `三号`, `3号`, `小4` or `16` -> points; undefined when the name is unknown. */
export function sizeToPt(size: FontSize): number | undefined {
  if (typeof size === 'number') return size;
  const trimmed = size.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const named = trimmed
    .replace(/\d/g, (d) => DIGIT_NAMES[d] ?? d)
    .replace(/^([一二三四五六])$/, '$1号');
  return CHINESE_SIZES[named] ?? CHINESE_SIZES[`${named}号`];
}

// ---- validation: schemas/profile.schema.json (ajv), then rules between fields ------------

/** What a value of each schema definition must look like, for the FG5004 message. */
const EXPECTED: Record<string, { 'zh-CN': string; en: string }> = {
  text: { 'zh-CN': '文本（不超过 200 字）', en: 'a text (at most 200 characters)' },
  font: { 'zh-CN': '字体名称（非空文本）', en: 'a font name (non-empty text)' },
  fontList: { 'zh-CN': '字体名称列表', en: 'a list of font names' },
  fontSize: {
    'zh-CN': '字号：磅值（4～96）或“三号”“小四”等字号名',
    en: 'a font size: points (4-96) or a Chinese size name such as 三号 or 小四',
  },
  pageMm: { 'zh-CN': '50～558 之间的毫米数', en: 'a length between 50 and 558 mm' },
  positiveMm: { 'zh-CN': '大于 0 的数', en: 'a number greater than 0' },
  count: { 'zh-CN': '不小于 0 的数', en: 'a number not below 0' },
  gridCount: { 'zh-CN': '1～200 之间的整数', en: 'a whole number from 1 to 200' },
  align: { 'zh-CN': 'left、center、right 或 both', en: 'left, center, right or both' },
  bool: { 'zh-CN': 'true 或 false', en: 'true or false' },
  color: { 'zh-CN': '六位十六进制颜色，如 4472C4', en: 'a six-digit hex colour such as 4472C4' },
  grid: { 'zh-CN': 'lines 或 linesAndChars', en: 'lines or linesAndChars' },
  object: { 'zh-CN': '对象（键值对）', en: 'an object' },
  placement: { 'zh-CN': 'evenPage、newPage 或 follow', en: 'evenPage, newPage or follow' },
};

/** The dotted field name of a JSON pointer: `/styles/body/size` -> `styles.body.size`. */
const fieldOf = (pointer: string): string => pointerSegments(pointer).join('.');

interface Located {
  file: string;
  lang: Lang;
  parsed: ParsedYaml;
  diagnostics: Diagnostic[];
}

/** Position of the value (or key) at `pointer`; the nearest enclosing node the file has, else 1:1. */
function where(ctx: Located, pointer: string, part: 'value' | 'key' = 'value') {
  let segments = pointerSegments(pointer);
  for (;;) {
    const span = ctx.parsed.locate(pointerOf(segments), part);
    if (span) return { file: ctx.file, line: span.line, column: span.column, pointer };
    if (segments.length === 0) return { file: ctx.file, line: 1, column: 1, pointer };
    segments = segments.slice(0, -1);
    part = 'key';
  }
}

const report = (
  ctx: Located,
  code: string,
  pointer: string,
  params: Params,
  part: 'value' | 'key' = 'value',
): void => {
  ctx.diagnostics.push(makeDiagnostic(code, ctx.lang, where(ctx, pointer, part), params));
};

/** ajv errors -> FG5003 (top level), FG5004 (a wrong value), FG5005 (an unknown field). */
function schemaDiagnostics(ctx: Located, errors: readonly ErrorObject[]): void {
  const seen = new Set<string>();
  for (const error of errors) {
    const pointer = error.instancePath;
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      const child = `${pointer}${pointerOf([key])}`;
      const known = Object.keys(
        (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
      );
      report(ctx, 'FG5005', child, { field: fieldOf(child), known: known.join(', ') }, 'key');
      continue;
    }
    if (error.keyword === 'propertyNames') continue; // reported by the failing name's own error
    const target =
      error.propertyName === undefined ? pointer : `${pointer}${pointerOf([error.propertyName])}`;
    if (seen.has(target)) continue;
    seen.add(target);
    const definition = /^#\/definitions\/(\w+)/.exec(error.schemaPath)?.[1] ?? 'object';
    const expected = (EXPECTED[definition] ?? EXPECTED.object)?.[ctx.lang] ?? '';
    if (target === '') report(ctx, 'FG5003', '', { expected });
    else {
      const part = error.propertyName === undefined ? 'value' : 'key';
      report(ctx, 'FG5004', target, { field: fieldOf(target), expected }, part);
    }
  }
}

/** Sizes the schema lets through by shape (`小四号`, `3`) but that name no size from 4 to 96 pt. */
function sizeDiagnostics(ctx: Located, user: Record<string, unknown>): void {
  const styles = user.styles;
  if (!isPlainObject(styles)) return;
  for (const [name, style] of Object.entries(styles)) {
    if (!isPlainObject(style) || typeof style.size !== 'string') continue; // numbers: the schema
    const pointer = pointerOf(['styles', name, 'size']);
    if (ctx.diagnostics.some((d) => d.pointer === pointer)) continue;
    const points = sizeToPt(style.size);
    if (points === undefined || !(points >= 4 && points <= 96)) {
      report(ctx, 'FG5004', pointer, {
        field: fieldOf(pointer),
        expected: EXPECTED.fontSize?.[ctx.lang] ?? '',
      });
    }
  }
}

const PT_PER_MM = 72 / 25.4;
const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * Rules between fields, on the merged profile: the page must leave a text area, the line and
 * character grid must fit the body size, and things measured in lines or characters must fit
 * a page or a line. A diagnostic points at the first of the fields concerned that the user's
 * file sets (the others come from the built-in profile).
 */
function crossFieldDiagnostics(ctx: Located, user: unknown, p: StyleProfile): void {
  const setByUser = (pointer: string): boolean => {
    let node = user;
    for (const segment of pointerSegments(pointer)) {
      if (!isPlainObject(node) || !Object.hasOwn(node, segment)) return false;
      node = node[segment];
    }
    return true;
  };
  const first = (...pointers: string[]): string => pointers.find(setByUser) ?? pointers[0] ?? '';
  const zh = ctx.lang === 'zh-CN';
  const page = p.page;

  const textWidth = page.widthMm - page.marginLeftMm - page.marginRightMm;
  const textHeight = page.heightMm - page.marginTopMm - page.marginBottomMm;
  const MIN_TEXT_MM = 30;
  if (textWidth < MIN_TEXT_MM) {
    report(ctx, 'FG5101', first('/page/marginLeftMm', '/page/marginRightMm', '/page/widthMm'), {
      what: zh ? '左右' : 'left and right',
      margins: round(page.marginLeftMm + page.marginRightMm),
      size: page.widthMm,
      left: round(textWidth),
      min: MIN_TEXT_MM,
    });
  }
  if (textHeight < MIN_TEXT_MM) {
    report(ctx, 'FG5101', first('/page/marginTopMm', '/page/marginBottomMm', '/page/heightMm'), {
      what: zh ? '上下' : 'top and bottom',
      margins: round(page.marginTopMm + page.marginBottomMm),
      size: page.heightMm,
      left: round(textHeight),
      min: MIN_TEXT_MM,
    });
  }
  if (textWidth < MIN_TEXT_MM || textHeight < MIN_TEXT_MM) return; // the grid rules would repeat it

  const bodyPt = sizeToPt(p.styles.body.size) ?? 16;
  const linePitchPt = (textHeight / page.linesPerPage) * PT_PER_MM;
  if (linePitchPt < bodyPt) {
    report(ctx, 'FG5102', first('/page/linesPerPage', '/styles/body/size', '/page/marginTopMm'), {
      lines: page.linesPerPage,
      height: round(textHeight),
      pitch: round(linePitchPt),
      body: bodyPt,
    });
  }
  // GB/T 9704 squeezes 28 characters of 16 pt into 156 mm (15.8 pt each): a little tightening
  // is the norm, overlapping glyphs or characters spread apart are not.
  const charPitchPt = (textWidth / page.charsPerLine) * PT_PER_MM;
  if (charPitchPt < bodyPt * 0.9 || charPitchPt > bodyPt * 2) {
    report(ctx, 'FG5103', first('/page/charsPerLine', '/styles/body/size', '/page/marginLeftMm'), {
      chars: page.charsPerLine,
      width: round(textWidth),
      pitch: round(charPitchPt),
      body: bodyPt,
    });
  }

  const chart = p.styles.chart;
  if (chart.widthMm > textWidth) {
    report(ctx, 'FG5104', first('/styles/chart/widthMm', '/page/widthMm'), {
      field: 'styles.chart.widthMm',
      value: chart.widthMm,
      limit: round(textWidth),
    });
  }
  if (chart.heightMm > textHeight) {
    report(ctx, 'FG5104', first('/styles/chart/heightMm', '/page/heightMm'), {
      field: 'styles.chart.heightMm',
      value: chart.heightMm,
      limit: round(textHeight),
    });
  }

  // Counts of characters must stay below a line, counts of lines below a page.
  const perLine: [string, number | undefined][] = [];
  const perPage: [string, number | undefined][] = [];
  for (const [name, style] of Object.entries(p.styles)) {
    const s = style as Partial<TextStyle>;
    perLine.push([`/styles/${name}/firstLineChars`, s.firstLineChars]);
    perPage.push([`/styles/${name}/blankLinesAfter`, s.blankLinesAfter]);
  }
  const sig = p.styles.signature;
  perLine.push(['/styles/signature/issuerRightChars', sig.issuerRightChars + sig.dateShiftChars]);
  perLine.push(['/styles/table/minColumnChars', p.styles.table.minColumnChars]);
  perLine.push(['/styles/pageNumber/sideIndentChars', p.styles.pageNumber.sideIndentChars]);
  perPage.push(['/styles/signature/blankLinesBefore', sig.blankLinesBefore]);
  const check = (list: [string, number | undefined][], limit: number, limitField: string) => {
    for (const [pointer, value] of list) {
      if (value === undefined || value < limit) continue;
      const field =
        pointer === '/styles/signature/issuerRightChars'
          ? 'styles.signature.issuerRightChars + dateShiftChars'
          : fieldOf(pointer);
      const at =
        pointer === '/styles/signature/issuerRightChars'
          ? first(pointer, '/styles/signature/dateShiftChars', `/${limitField.replace('.', '/')}`)
          : first(pointer, `/${limitField.replace('.', '/')}`);
      report(ctx, 'FG5105', at, { field, value, limit, limitField });
    }
  };
  check(perLine, page.charsPerLine, 'page.charsPerLine');
  check(perPage, page.linesPerPage, 'page.linesPerPage');

  // The page number sits in the bottom margin, `gapBelowTextMm` below the text area.
  const pn = p.styles.pageNumber;
  const numberMm = (sizeToPt(pn.size) ?? 14) / PT_PER_MM;
  if (pn.gapBelowTextMm + numberMm > page.marginBottomMm) {
    report(ctx, 'FG5106', first('/styles/pageNumber/gapBelowTextMm', '/page/marginBottomMm'), {
      gap: pn.gapBelowTextMm,
      height: round(numberMm),
      margin: page.marginBottomMm,
    });
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge for profiles: objects merge key by key, everything else (lists too) replaces. */
function mergeProfile(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = mergeProfile(base[key], value);
  return out;
}

const BUILTIN_URL = new URL('../../templates/profiles/gbt9704.json', import.meta.url);
let builtin: StyleProfile | undefined;

/** The built-in GB/T 9704 profile (read once per process). */
export async function defaultProfile(): Promise<StyleProfile> {
  builtin ??= JSON.parse(await readFile(BUILTIN_URL, 'utf8')) as StyleProfile;
  return structuredClone(builtin);
}

/** Largest style profile read; the built-in one is 3 kB. */
export const MAX_PROFILE_BYTES = 256 * 1024;

/**
 * Checks the text of a user profile (JSON or YAML) and merges it over the built-in one: the
 * parse stage (no aliases, tags or duplicate keys), schemas/profile.schema.json, font sizes by
 * name, then the rules between fields. Throws `ProfileError` with FG5xxx diagnostics (file, line,
 * column) when it is not usable.
 */
export async function profileFromText(
  text: string,
  file: string,
  options: { lang?: Lang } = {},
): Promise<StyleProfile> {
  const lang = options.lang ?? 'zh-CN';
  // The parser and the validator load only for a user profile: the built-in one needs neither.
  const [{ parseYaml }, { validatorFor }] = await Promise.all([
    import('../parse/index.js'),
    import('../validate/schema.js'),
  ]);
  const parsed = parseYaml(text, { file, lang });
  const ctx: Located = { file, lang, parsed, diagnostics: [] };
  const parseErrors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (!parsed.ok || parseErrors.length > 0) {
    // The parse stage's precise message, under the profile's own code.
    for (const d of parseErrors.length > 0 ? parseErrors : parsed.diagnostics) {
      const wrapped = makeDiagnostic('FG5002', lang, d, { reason: d.message });
      if (d.hint !== undefined) wrapped.hint = d.hint;
      ctx.diagnostics.push(wrapped);
    }
    throw new ProfileError(ctx.diagnostics);
  }
  const data = parsed.value;
  const validate = validatorFor('profile');
  if (!validate(data)) schemaDiagnostics(ctx, validate.errors ?? []);
  if (isPlainObject(data)) sizeDiagnostics(ctx, data);
  if (ctx.diagnostics.length > 0) {
    // In file order, as an editor shows them.
    ctx.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new ProfileError(ctx.diagnostics);
  }
  const merged = mergeProfile(await defaultProfile(), data) as StyleProfile;
  crossFieldDiagnostics(ctx, data, merged);
  if (ctx.diagnostics.length > 0) throw new ProfileError(ctx.diagnostics);
  return merged;
}

/**
 * The style profile to render with: the built-in `gbt9704` when `file` is not given, otherwise
 * that file (JSON or YAML; UTF-8, UTF-16 or GB18030, read by the read stage) merged over it.
 * Throws `ProfileError` (FG5xxx, or FG1xxx for a file that cannot be read as text) for a bad file.
 */
export async function loadProfile(
  file?: string,
  options: { lang?: Lang } = {},
): Promise<StyleProfile> {
  if (file === undefined) return defaultProfile();
  const lang = options.lang ?? 'zh-CN';
  let read: ReturnType<typeof readRegularFileSync>;
  try {
    read = readRegularFileSync(file, { maxBytes: MAX_PROFILE_BYTES, lang });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ProfileError([
      makeDiagnostic('FG5001', lang, { file, line: 1, column: 1 }, { reason }),
    ]);
  }
  if (!read.ok) throw new ProfileError(read.diagnostics);
  const source = sourceFromBytes(read.bytes, file, { lang, maxBytes: MAX_PROFILE_BYTES });
  if (!source.ok) throw new ProfileError(source.diagnostics);
  return profileFromText(source.text, file, options);
}
