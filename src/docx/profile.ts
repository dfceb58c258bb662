import { readFile } from 'node:fs/promises';
import type { LineCounter, Node as YamlNode } from 'yaml';
import { yamlLib } from '../parse/yaml-lib.js';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';

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

// ---- validation: the shape of every field, used to check user profiles -------------------

type Kind =
  | 'text'
  | 'font'
  | 'size'
  | 'positive'
  | 'count'
  | 'align'
  | 'bool'
  | 'color'
  | 'fontList'
  | 'grid'
  | 'placement';
type Shape = Kind | { [key: string]: Shape } | { '*': Shape };

const textStyle: Shape = {
  font: 'font',
  size: 'size',
  align: 'align',
  bold: 'bool',
  firstLineChars: 'count',
  blankLinesAfter: 'count',
  blankLinesBefore: 'count',
  balanceLines: 'bool',
};

const PROFILE_SHAPE: Shape = {
  name: 'text',
  description: 'text',
  page: {
    widthMm: 'positive',
    heightMm: 'positive',
    marginTopMm: 'count',
    marginBottomMm: 'count',
    marginLeftMm: 'count',
    marginRightMm: 'count',
    linesPerPage: 'positive',
    charsPerLine: 'positive',
    grid: 'grid',
  },
  fonts: { latin: 'font', fallbacks: { '*': 'fontList' }, autoSpace: 'bool' },
  styles: {
    title: textStyle,
    subtitle: textStyle,
    heading1: textStyle,
    heading2: textStyle,
    heading3: textStyle,
    heading4: textStyle,
    body: textStyle,
    attachmentLabel: textStyle,
    masthead: { ...textStyle, color: 'color', topMm: 'count' },
    headElement: textStyle,
    docNumber: { ...textStyle, sideIndentChars: 'count' },
    redLine: { color: 'color', widthPt: 'positive', gapMm: 'count', blankLinesAfter: 'count' },
    colophon: {
      font: 'font',
      size: 'size',
      thickMm: 'positive',
      thinMm: 'positive',
      sideIndentChars: 'count',
      placement: 'placement',
      numbered: 'bool',
    },
    signature: {
      font: 'font',
      size: 'size',
      blankLinesBefore: 'count',
      issuerRightChars: 'count',
      dateShiftChars: 'count',
    },
    table: {
      font: 'font',
      headerFont: 'font',
      size: 'size',
      borderPt: 'count',
      cellMarginMm: 'count',
      minColumnChars: 'positive',
    },
    code: { font: 'font', latinFont: 'font', size: 'size' },
    chart: {
      font: 'font',
      size: 'size',
      widthMm: 'positive',
      heightMm: 'positive',
      color: 'color',
    },
    pageNumber: {
      font: 'font',
      size: 'size',
      dash: 'text',
      sideIndentChars: 'count',
      gapBelowTextMm: 'count',
    },
  },
};

/** What a value of each kind must look like, for the FG5004 message: zh-CN and en. */
const EXPECTED: Record<Kind, { 'zh-CN': string; en: string }> = {
  text: { 'zh-CN': '文本', en: 'a text' },
  font: { 'zh-CN': '字体名称（非空文本）', en: 'a font name (non-empty text)' },
  size: {
    'zh-CN': '字号：磅值（4～96）或“三号”“小四”等字号名',
    en: 'a font size: points (4-96) or a Chinese size name such as 三号 or 小四',
  },
  positive: { 'zh-CN': '大于 0 的数', en: 'a number greater than 0' },
  count: { 'zh-CN': '不小于 0 的数', en: 'a number not below 0' },
  align: { 'zh-CN': 'left、center、right 或 both', en: 'left, center, right or both' },
  bool: { 'zh-CN': 'true 或 false', en: 'true or false' },
  color: { 'zh-CN': '六位十六进制颜色，如 4472C4', en: 'a six-digit hex colour such as 4472C4' },
  fontList: { 'zh-CN': '字体名称列表', en: 'a list of font names' },
  grid: { 'zh-CN': 'lines 或 linesAndChars', en: 'lines or linesAndChars' },
  placement: { 'zh-CN': 'evenPage、newPage 或 follow', en: 'evenPage, newPage or follow' },
};

function fits(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'text':
      return typeof value === 'string';
    case 'font':
      return typeof value === 'string' && value.trim() !== '' && !/[<>&"]/.test(value);
    case 'size': {
      const pt =
        typeof value === 'number' || typeof value === 'string' ? sizeToPt(value) : undefined;
      return pt !== undefined && Number.isFinite(pt) && pt >= 4 && pt <= 96;
    }
    case 'positive':
      return typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 10000;
    case 'count':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 10000;
    case 'align':
      return value === 'left' || value === 'center' || value === 'right' || value === 'both';
    case 'bool':
      return typeof value === 'boolean';
    case 'color':
      return typeof value === 'string' && /^[0-9A-Fa-f]{6}$/.test(value);
    case 'fontList':
      return Array.isArray(value) && value.every((v) => fits('font', v));
    case 'grid':
      return value === 'lines' || value === 'linesAndChars';
    case 'placement':
      return value === 'evenPage' || value === 'newPage' || value === 'follow';
  }
}

interface Checker {
  file: string;
  lang: Lang;
  lineCounter: LineCounter;
  diagnostics: Diagnostic[];
}

function positionOf(
  checker: Checker,
  node: YamlNode | null | undefined,
): { line: number; column: number } {
  const offset = node?.range?.[0];
  if (offset === undefined) return { line: 1, column: 1 };
  const { line, col } = checker.lineCounter.linePos(offset);
  return { line, column: col };
}

/** Checks `value` (plain data) against `shape`; `node` is the YAML node it came from, for positions. */
function check(
  checker: Checker,
  shape: Shape,
  value: unknown,
  node: YamlNode | null | undefined,
  path: string,
): void {
  const pointer = path === '' ? '' : path;
  if (typeof shape === 'string') {
    if (!fits(shape, value)) {
      checker.diagnostics.push(
        makeDiagnostic(
          'FG5004',
          checker.lang,
          { file: checker.file, ...positionOf(checker, node), pointer },
          { field: path.slice(1).replace(/\//g, '.'), expected: EXPECTED[shape][checker.lang] },
        ),
      );
    }
    return;
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !yamlLib().isMap(node)
  ) {
    const code = path === '' ? 'FG5003' : 'FG5004';
    const expected = checker.lang === 'en' ? 'an object' : '对象（键值对）';
    checker.diagnostics.push(
      makeDiagnostic(
        code,
        checker.lang,
        { file: checker.file, ...positionOf(checker, node), pointer },
        {
          field: path.slice(1).replace(/\//g, '.'),
          expected,
        },
      ),
    );
    return;
  }
  for (const pair of node.items) {
    const keyNode = pair.key as YamlNode | null;
    const key = yamlLib().isScalar(keyNode) ? String(keyNode.value) : '';
    const childShape: Shape | undefined =
      '*' in shape
        ? (shape as { '*': Shape })['*']
        : Object.hasOwn(shape, key)
          ? shape[key]
          : undefined;
    const childPath = `${path}/${key}`;
    if (childShape === undefined) {
      const known = Object.keys(shape).join(', ');
      checker.diagnostics.push(
        makeDiagnostic(
          'FG5005',
          checker.lang,
          { file: checker.file, ...positionOf(checker, keyNode), pointer: childPath },
          { field: childPath.slice(1).replace(/\//g, '.'), known },
        ),
      );
      continue;
    }
    check(
      checker,
      childShape,
      (value as Record<string, unknown>)[key],
      pair.value as YamlNode | null,
      childPath,
    );
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

/**
 * Checks the text of a user profile (JSON or YAML) and merges it over the built-in one.
 * Throws `ProfileError` with FG5xxx diagnostics (file, line, column) when it is not usable.
 */
export async function profileFromText(
  text: string,
  file: string,
  options: { lang?: Lang } = {},
): Promise<StyleProfile> {
  const lang = options.lang ?? 'zh-CN';
  // `yaml` loads only for a user profile: the built-in one never needs it.
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    merge: false,
    prettyErrors: false,
  });
  const checker: Checker = { file, lang, lineCounter, diagnostics: [] };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      checker.diagnostics.push(
        makeDiagnostic(
          'FG5002',
          lang,
          { file, line, column: col },
          { reason: error.message.split('\n')[0] },
        ),
      );
    }
    throw new ProfileError(checker.diagnostics);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 0 });
  check(checker, PROFILE_SHAPE, data, doc.contents, '');
  if (checker.diagnostics.length > 0) throw new ProfileError(checker.diagnostics);
  return mergeProfile(await defaultProfile(), data) as StyleProfile;
}

/**
 * The style profile to render with: the built-in `gbt9704` when `file` is not given, otherwise
 * that file (JSON or YAML) merged over it. Throws `ProfileError` (FG5xxx) for a bad file.
 */
export async function loadProfile(
  file?: string,
  options: { lang?: Lang } = {},
): Promise<StyleProfile> {
  if (file === undefined) return defaultProfile();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ProfileError([
      makeDiagnostic('FG5001', options.lang ?? 'zh-CN', { file, line: 1, column: 1 }, { reason }),
    ]);
  }
  return profileFromText(text.replace(/^\uFEFF/, ''), file, options);
}
