/**
 * A filled progress form (one quarter sheet of the workbook `export-table` wrote) -> Progress
 * data, with every problem placed at its cell (`2025年第一季度进展!G7`). Forgiving where people
 * type differently: `75%`, `七十五`, a status with spaces, a date typed as text or stored by
 * Excel as a serial number. Columns are found by their header text, rows by their ids.
 */
import type { CellValue, Workbook, Worksheet } from 'exceljs';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Params } from '../diagnostics/catalog.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { isoOf, addDays, parseQuarter } from '../model/calendar.js';
import { dateFix } from '../validate/dates.js';
import type {
  IndicatorActual,
  MeasureProgress,
  MeasureStatus,
  Plan,
  Progress,
} from '../model/types.js';
import { closest } from '../validate/suggest.js';
import {
  FORM_COLUMNS,
  HEAD_FIELDS,
  INDICATOR_KIND,
  MEASURE_KIND,
  META_SHEET,
  STATUS_LABELS,
  TAIL_FIELDS,
  parseStatus,
  quarterKeyOfSheet,
  quarterSheetName,
  type FormColumnKey,
  type TailKey,
} from './layout.js';

/** A diagnostic about one cell: `line` is the row, `column` the column number. */
export interface CellDiagnostic extends Diagnostic {
  /** `sheet!A1` */
  cell: string;
}

/** Opens .xlsx bytes; undefined when they are not a workbook exceljs can read. */
export async function openWorkbook(bytes: Uint8Array): Promise<Workbook | undefined> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
    return book;
  } catch {
    return undefined;
  }
}

/** What the hidden sheet says: the plan (relative to the workbook) and the quarter sheets. */
export interface FormMeta {
  planRef?: string;
  title?: string;
  /** quarter key -> sheet name */
  sheets: Map<string, string>;
}

export function formMeta(book: Workbook): FormMeta {
  const meta: FormMeta = { sheets: new Map() };
  const sheet = book.getWorksheet(META_SHEET);
  sheet?.eachRow((row) => {
    const key = text(row.getCell(1).value);
    const value = text(row.getCell(2).value);
    if (!value) return;
    if (key === 'plan') meta.planRef = value;
    else if (key === 'title') meta.title = value;
    else if (key.startsWith('sheet:')) meta.sheets.set(key.slice(6), value);
  });
  return meta;
}

/** The plain value of a cell: formulas give their result, rich text and links their text. */
function plain(value: CellValue): string | number | boolean | Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date))
      ? undefined
      : result;
  }
  if ('text' in value) return typeof value.text === 'string' ? value.text : undefined;
  return undefined;
}

/** A cell as trimmed text ('' when empty); numbers as written, dates as YYYY-MM-DD. */
function text(value: CellValue): string {
  const v = plain(value);
  if (v === undefined) return '';
  if (v instanceof Date) return isoOfDate(v);
  return String(v).trim();
}

const isoOfDate = (d: Date): string =>
  isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());

/** Header texts compared without spaces and without a `（%）` / `(%)` suffix. */
const headerKey = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\(%\)$/, '');

const COLUMN_OF_HEADER = new Map<string, FormColumnKey>(
  FORM_COLUMNS.map((c) => [headerKey(c.header), c.key]),
);
// Shorter headers people use when they build the form themselves.
for (const [header, key] of [
  ['任务', 'name'],
  ['名称', 'name'],
  ['当前进度', 'percent'],
  ['完成情况', 'done'],
  ['实际值', 'actual'],
  ['说明', 'note'],
] as const)
  COLUMN_OF_HEADER.set(header, key);

/** Column letters of a 1-based column number. */
export function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26))
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** `2025年第一季度进展!G7`: how diagnostics name a cell (unquoted, as people read it). */
export const cellRef = (sheet: string, row: number, col: number): string =>
  `${sheet}!${columnLetters(col)}${row}`;

interface FormLayout {
  headerRow: number;
  columns: Map<FormColumnKey, number>;
}

/** Finds the table header (a row with 编号 and 状态 in the first 30 rows). */
function findLayout(sheet: Worksheet): FormLayout | undefined {
  for (let r = 1; r <= Math.min(30, sheet.rowCount); r++) {
    const columns = new Map<FormColumnKey, number>();
    sheet.getRow(r).eachCell((cell, col) => {
      const key = COLUMN_OF_HEADER.get(headerKey(text(cell.value)));
      if (key && !columns.has(key)) columns.set(key, col);
    });
    if (columns.has('id') && columns.has('status')) return { headerRow: r, columns };
  }
  return undefined;
}

/** Is this sheet a progress form, and has anybody filled anything in yet? */
export function formState(sheet: Worksheet): 'filled' | 'empty' | undefined {
  const layout = findLayout(sheet);
  if (!layout) return undefined;
  const fill: FormColumnKey[] = ['status', 'percent', 'done', 'problems', 'next', 'actual'];
  for (let r = layout.headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    for (const key of fill) {
      const col = layout.columns.get(key);
      if (col && text(row.getCell(col).value) !== '') return 'filled';
    }
  }
  return 'empty';
}

/** The problem choosing a sheet, for the command to report as a usage error (exit 2). */
export interface SheetChoiceProblem {
  code: string;
  params: Params;
}

/**
 * The form sheet to read: `--sheet`, `--quarter`, or the only filled form (the only form when
 * none is filled yet).
 */
export function chooseSheet(
  book: Workbook,
  options: { sheet?: string; quarter?: string },
): { sheet: Worksheet } | { problem: SheetChoiceProblem } {
  const names = book.worksheets.filter((s) => s.name !== META_SHEET).map((s) => s.name);
  if (options.sheet !== undefined) {
    const wanted = options.sheet.trim();
    const sheet = book.worksheets.find((s) => s.name.trim() === wanted);
    if (sheet && sheet.name !== META_SHEET) return { sheet };
    return { problem: { code: 'FG6503', params: { sheet: wanted, sheets: names.join('、') } } };
  }
  if (options.quarter !== undefined) {
    const q = parseQuarter(options.quarter);
    if (!q) return { problem: { code: 'FG6504', params: { value: options.quarter } } };
    const name = formMeta(book).sheets.get(q.key) ?? quarterSheetName(q);
    const sheet =
      book.getWorksheet(name) ?? book.worksheets.find((s) => quarterKeyOfSheet(s.name) === q.key);
    if (sheet) return { sheet };
    return { problem: { code: 'FG6505', params: { quarter: q.key, sheets: names.join('、') } } };
  }
  const forms = book.worksheets
    .filter((s) => s.name !== META_SHEET)
    .map((sheet) => ({ sheet, state: formState(sheet) }))
    .filter((f) => f.state !== undefined);
  const filled = forms.filter((f) => f.state === 'filled');
  const only =
    filled.length === 1
      ? filled[0]
      : filled.length === 0 && forms.length === 1
        ? forms[0]
        : undefined;
  if (only) return { sheet: only.sheet };
  if (forms.length === 0) return { problem: { code: 'FG6501', params: {} } };
  return {
    problem: {
      code: 'FG6502',
      params: { sheets: (filled.length > 0 ? filled : forms).map((f) => f.sheet.name).join('、') },
    },
  };
}

/** `七十五`, `一百`, `百分之八十`: Chinese numerals up to the hundreds. */
export function chineseNumber(s: string): number | undefined {
  const body = s.replace(/^百分之/, '');
  if (body === '' || !/^[零〇一二两三四五六七八九十百]+$/.test(body)) return undefined;
  const digit = '零一二三四五六七八九';
  let total = 0;
  let current: number | undefined;
  for (const ch of body) {
    const d = ch === '两' ? 2 : ch === '〇' ? 0 : digit.indexOf(ch);
    if (d >= 0) current = d;
    else {
      total += (current ?? 1) * (ch === '百' ? 100 : 10);
      current = undefined;
    }
  }
  return total + (current ?? 0);
}

type Parsed<T> = { value: T } | { problem: string } | { empty: true };

/** A number typed as text: full-width digits, thousands separators, a trailing unit or `%`. */
function numberOfText(s: string, allowUnit: string | undefined): number | undefined {
  let t = s.normalize('NFKC').replace(/[\s,]/g, '');
  if (allowUnit && t.endsWith(allowUnit)) t = t.slice(0, -allowUnit.length);
  if (t.endsWith('%')) t = t.slice(0, -1);
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return Number(t);
  return chineseNumber(t);
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6;

/** 完成比例: 75, 0.75 in a cell formatted as percent, '75%', '７５', '七十五'. */
function parsePercent(value: CellValue, numFmt: string | undefined): Parsed<number> {
  const v = plain(value);
  if (v === undefined || (typeof v === 'string' && v.trim() === '')) return { empty: true };
  let n: number | undefined;
  if (typeof v === 'number') n = numFmt?.includes('%') ? round(v * 100) : v;
  else if (typeof v === 'string') n = numberOfText(v, undefined);
  if (n === undefined || !Number.isFinite(n)) return { problem: 'FG6512' };
  if (n < 0 || n > 100) return { problem: 'FG6513' };
  return { value: n };
}

/**
 * Excel's day 0: 1899-12-30 in the usual 1900 date system (after its leap-year bug), 1904-01-01
 * in workbooks that use the 1904 system (old Mac Excel).
 */
const excelEpoch = (date1904: boolean): string => (date1904 ? '1904-01-01' : '1899-12-30');

/** 报送日期: a date cell, an Excel serial number, or text such as 2025/4/8 or 2025年4月8日. */
function parseDate(value: CellValue, date1904: boolean): Parsed<string> {
  const v = plain(value);
  if (v === undefined || (typeof v === 'string' && v.trim() === '')) return { empty: true };
  if (v instanceof Date) return { value: isoOfDate(v) };
  const serial = (n: number): Parsed<string> =>
    Number.isInteger(n) && n > 60 && n < 2958466
      ? { value: addDays(excelEpoch(date1904), n) }
      : { problem: 'FG6514' };
  if (typeof v === 'number') return serial(Math.floor(v));
  const s = String(v).normalize('NFKC').replace(/\s+/g, '');
  if (/^\d{5}$/.test(s)) return serial(Number(s));
  const iso = dateFix(s);
  return iso ? { value: iso } : { problem: 'FG6514' };
}

/** Cell text split into list items: one per line, list markers (1. 1、 （1） • -) removed. */
function lines(value: CellValue): string[] {
  return text(value)
    .split(/\r?\n/)
    .map((l) =>
      l
        .trim()
        .replace(/^(?:\d{1,2}[.、．)）]|[（(]\d{1,2}[)）]|[•·\-*])\s*/, '')
        .trim(),
    )
    .filter((l) => l !== '');
}

/** What people write in a value cell to say there is no value this time. */
const NOT_MEASURED = /^(?:|[-—–/／、]+|无|暂无|不适用|未监测|本季度不监测)$/;

export interface FormRead {
  /** The progress data (its `plan` is left empty for the caller); undefined after an error. */
  progress?: Progress;
  sheet: string;
  diagnostics: CellDiagnostic[];
  /** Where a JSON pointer of the progress data came from, to place validation diagnostics. */
  cellOf(pointer: string): { row: number; col: number };
}

export interface ReadFormOptions {
  /** The workbook's path as shown in diagnostics. */
  file: string;
  plan: Plan;
  lang: Lang;
}

/** Reads one progress form sheet against its plan. */
export function readForm(book: Workbook, sheet: Worksheet, options: ReadFormOptions): FormRead {
  const { plan, lang, file } = options;
  const name = sheet.name;
  const diagnostics: CellDiagnostic[] = [];
  const report = (
    code: string,
    row: number,
    col: number,
    params: Params = {},
    hint?: { code: string; params?: Params },
  ) => {
    const cell = cellRef(name, row, col);
    diagnostics.push({
      ...makeDiagnostic(code, lang, { file, line: row, column: col }, { cell, ...params }, hint),
      cell,
    });
  };
  const pointers = new Map<string, { row: number; col: number }>();
  const cellOf = (pointer: string) => {
    for (let p = pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
      const at = pointers.get(p);
      if (at) return at;
    }
    return { row: 1, col: 1 };
  };

  const layout = findLayout(sheet);
  if (!layout) {
    report('FG6506', 1, 1, { sheet: name });
    return { sheet: name, diagnostics, cellOf };
  }
  const col = (key: FormColumnKey): number | undefined => layout.columns.get(key);

  // Fields above the table: label, then the value in the next cell.
  const head = new Map<string, { row: number; col: number }>();
  for (let r = 1; r < layout.headerRow; r++) {
    sheet.getRow(r).eachCell((cell, c) => {
      const label = text(cell.value).replace(/[\s:：]/g, '');
      if (Object.values(HEAD_FIELDS).includes(label as never) && !head.has(label))
        head.set(label, { row: r, col: c + 1 });
    });
  }
  const headCell = (label: string) => head.get(label) ?? { row: 2, col: 2 };
  const headValue = (label: string): CellValue => {
    const at = head.get(label);
    return at ? sheet.getCell(at.row, at.col).value : null;
  };

  const reporterAt = headCell(HEAD_FIELDS.reporter);
  pointers.set('/reporter', reporterAt);
  const reporter = text(headValue(HEAD_FIELDS.reporter));
  if (reporter === '')
    report('FG6510', reporterAt.row, reporterAt.col, { field: HEAD_FIELDS.reporter });

  const dateAt = headCell(HEAD_FIELDS.date);
  pointers.set('/date', dateAt);
  const dateCell = headValue(HEAD_FIELDS.date);
  const date = parseDate(dateCell, book.properties.date1904 === true);
  if ('empty' in date) report('FG6510', dateAt.row, dateAt.col, { field: HEAD_FIELDS.date });
  else if ('problem' in date)
    report('FG6514', dateAt.row, dateAt.col, { value: text(dateCell) }, { code: 'FG6591' });

  const quarterAt = headCell(HEAD_FIELDS.quarter);
  pointers.set('/quarter', quarterAt);
  const quarterText = text(headValue(HEAD_FIELDS.quarter)) || quarterKeyOfSheet(name) || '';
  const quarter = parseQuarter(quarterText);
  if (!quarter)
    report(quarterText === '' ? 'FG6510' : 'FG6520', quarterAt.row, quarterAt.col, {
      field: HEAD_FIELDS.quarter,
      value: quarterText,
    });

  const addresseeAt = head.get(HEAD_FIELDS.addressee);
  if (addresseeAt) pointers.set('/addressee', addresseeAt);
  const addressee = text(headValue(HEAD_FIELDS.addressee));

  const planMeasures = new Map(plan.measures.map((m) => [m.id, m]));
  const planIndicators = new Map(
    plan.goals.flatMap((g) => g.indicators ?? []).map((x) => [x.id, x]),
  );
  const measures: MeasureProgress[] = [];
  const indicators: IndicatorActual[] = [];
  const tail: Partial<Record<TailKey, { value: CellValue; row: number }>> = {};
  const seen = new Map<string, number>();
  const idCol = col('id') as number;
  const kindCol = col('kind');

  for (let r = layout.headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const first = text(row.getCell(1).value).replace(/\s+/g, '');
    const tailField = TAIL_FIELDS.find((f) => f.label === first);
    if (tailField) {
      // The text is in the first non-empty cell right of the label (merged across the table).
      let value: CellValue = null;
      for (let c = 2; c <= Math.max(2, row.cellCount); c++) {
        const v = row.getCell(c).value;
        if (text(v) !== '') {
          value = v;
          break;
        }
      }
      tail[tailField.key] = { value, row: r };
      pointers.set(`/${tailField.key}`, { row: r, col: 2 });
      continue;
    }
    const id = text(row.getCell(idCol).value);
    const kindText = kindCol ? text(row.getCell(kindCol).value).replace(/\s+/g, '') : '';
    if (id === '') continue;
    const kind =
      kindText === MEASURE_KIND
        ? 'measure'
        : kindText === INDICATOR_KIND
          ? 'indicator'
          : planMeasures.has(id)
            ? 'measure'
            : planIndicators.has(id)
              ? 'indicator'
              : undefined;
    if (
      kind === undefined ||
      (kind === 'measure' ? !planMeasures.has(id) : !planIndicators.has(id))
    ) {
      const known = kind === 'indicator' ? [...planIndicators.keys()] : [...planMeasures.keys()];
      const guess = closest(id, known);
      report(
        kind === 'indicator' ? 'FG6516' : 'FG6515',
        r,
        idCol,
        { id },
        guess ? { code: 'FG6592', params: { id: guess } } : undefined,
      );
      continue;
    }
    const key = `${kind}:${id}`;
    if (seen.has(key)) {
      report('FG6517', r, idCol, { id, row: seen.get(key) });
      continue;
    }
    seen.set(key, r);
    const cellAt = (k: FormColumnKey) => {
      const c = col(k);
      return c ? row.getCell(c) : undefined;
    };

    if (kind === 'measure') {
      const index = measures.length;
      const base = `/measures/${index}`;
      pointers.set(base, { row: r, col: idCol });
      for (const k of ['status', 'percent', 'done', 'problems', 'next'] as const) {
        const c = col(k);
        if (c) pointers.set(`${base}/${k}`, { row: r, col: c });
      }
      const statusCell = cellAt('status');
      const statusText = text(statusCell?.value ?? null);
      let status: MeasureStatus | undefined;
      if (statusText === '') report('FG6510', r, col('status') as number, { field: '状态' });
      else {
        status = parseStatus(statusText);
        if (!status)
          report(
            'FG6511',
            r,
            col('status') as number,
            { value: statusText },
            { code: 'FG6590', params: { choices: Object.values(STATUS_LABELS).join('、') } },
          );
      }
      const percentCell = cellAt('percent');
      const percentCol = col('percent');
      let percent: number | undefined;
      const parsed = percentCell
        ? parsePercent(percentCell.value, percentCell.numFmt)
        : ({ empty: true } as const);
      if ('value' in parsed) percent = parsed.value;
      else if ('problem' in parsed)
        report(
          parsed.problem,
          r,
          percentCol as number,
          { value: text(percentCell?.value ?? null) },
          {
            code: 'FG6593',
          },
        );
      else if (status === 'done') percent = 100;
      else if (status === 'not_started') percent = 0;
      else if (status !== undefined)
        report('FG6510', r, percentCol ?? idCol, { field: '完成比例' });

      if (status !== undefined && percent !== undefined) {
        const entry: MeasureProgress = { id, status, percent };
        for (const k of ['done', 'problems', 'next'] as const) {
          const items = lines(cellAt(k)?.value ?? null);
          if (items.length > 0) entry[k] = items;
        }
        measures.push(entry);
      } else measures.push({ id, status: status ?? 'not_started', percent: percent ?? 0 });
    } else {
      const actualCell = cellAt('actual');
      const actualText = text(actualCell?.value ?? null);
      // Empty, or a dash / 无 / 未监测 written to say so: not measured this quarter.
      if (NOT_MEASURED.test(actualText)) continue;
      const index = indicators.length;
      const base = `/indicators/${index}`;
      pointers.set(base, { row: r, col: idCol });
      const actualCol = col('actual') as number;
      pointers.set(`${base}/actual`, { row: r, col: actualCol });
      const noteCol = col('note');
      if (noteCol) pointers.set(`${base}/note`, { row: r, col: noteCol });
      const raw = plain(actualCell?.value ?? null);
      const unit = planIndicators.get(id)?.unit;
      const actual = typeof raw === 'number' ? raw : numberOfText(actualText, unit);
      if (actual === undefined || !Number.isFinite(actual)) {
        report('FG6518', r, actualCol, { value: actualText }, { code: 'FG6594' });
        continue;
      }
      const note = text(cellAt('note')?.value ?? null).replace(/\s*\n\s*/g, '；');
      indicators.push({ id, actual, ...(note ? { note } : {}) });
    }
  }

  // Measures of the plan whose rows were deleted from the form.
  for (const id of planMeasures.keys())
    if (!seen.has(`measure:${id}`)) report('FG6519', layout.headerRow, idCol, { id });

  if (diagnostics.some((d) => d.severity === 'error') || !quarter || !('value' in date))
    return { sheet: name, diagnostics, cellOf };

  const progress: Progress = {
    kind: 'progress',
    plan: '',
    quarter: quarter.key,
    reporter,
    ...(addressee ? { addressee } : {}),
    date: date.value,
    measures,
  };
  const summary = tail.summary ? text(tail.summary.value) : '';
  if (summary !== '') progress.summary = summary;
  if (indicators.length > 0) progress.indicators = indicators;
  for (const key of ['problems', 'highlights', 'next_steps'] as const) {
    const items = tail[key] ? lines(tail[key].value) : [];
    if (items.length > 0) progress[key] = items;
  }
  return { progress, sheet: name, diagnostics, cellOf };
}
