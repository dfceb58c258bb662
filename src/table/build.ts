/**
 * Plan -> Excel workbook (`fangan export-table --to xlsx`): the 任务分工表, the 指标 table and
 * one progress form per quarter of the plan's period, laid out to print on A4 landscape from WPS
 * or Excel. exceljs is loaded here, on first use, so commands that never write a workbook do not
 * pay for it. The same plan always gives the same bytes (fixed dates, creator and zip stamps).
 */
import type {
  Alignment,
  Borders,
  Cell,
  DataValidation,
  Fill,
  Font,
  Row,
  Workbook,
  Worksheet,
} from 'exceljs';
import type { Indicator, Measure, Plan } from '../model/types.js';
import { addDays, nextQuarter, quarterOf, type Quarter } from '../model/calendar.js';
import { formatDeadlineZh } from '../model/chinese.js';
import {
  FORM_COLUMNS,
  FORM_VERSION,
  HEAD_FIELDS,
  INDICATOR_KIND,
  INDICATOR_SHEET,
  MEASURE_KIND,
  META_SHEET,
  STATUS_LABELS,
  TAIL_FIELDS,
  TASK_SHEET,
  quarterSheetName,
  type FormColumnKey,
} from './layout.js';
import { fixZipDates } from './zip-dates.js';

export interface WorkbookOptions {
  /** Path of the plan relative to the workbook's folder, `/` separators: the importer's default. */
  planRef: string;
}

/** The quarters a plan's period touches, in order. */
export function planQuarters(plan: Plan): Quarter[] {
  const quarters: Quarter[] = [];
  const last = quarterOf(plan.period.end).key;
  for (let q = quarterOf(plan.period.start); ; q = nextQuarter(q)) {
    quarters.push(q);
    if (q.key === last || quarters.length >= 40) break;
  }
  return quarters;
}

const FONT = '宋体';
const GREY: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: Partial<Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const BODY_FONT: Partial<Font> = { name: FONT, size: 11 };
const WRAP: Partial<Alignment> = { vertical: 'top', wrapText: true };

/** Display width of text in Excel column units: CJK and full-width characters count double. */
const textWidth = (text: string): number =>
  [...text].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);

/**
 * Excel and WPS do not grow rows for wrapped text written by other programs, so each row gets a
 * height from its longest cell: lines of text per column width, 15 points a line.
 */
function fitRowHeight(row: Row, widths: readonly number[], minLines = 1): void {
  let lines = minLines;
  row.eachCell((cell, col) => {
    const width = Math.max(1, (widths[col - 1] ?? 10) - 2);
    const text = typeof cell.value === 'string' ? cell.value : '';
    const cellLines = text
      .split('\n')
      .reduce((sum, line) => sum + Math.max(1, Math.ceil(textWidth(line) / width)), 0);
    lines = Math.max(lines, cellLines);
  });
  row.height = Math.min(409, lines * 16 + 6);
}

function styleHeader(row: Row): void {
  row.eachCell((cell) => {
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  row.height = 30;
}

function styleBody(cell: Cell, grey: boolean): void {
  cell.font = BODY_FONT;
  cell.border = THIN;
  cell.alignment = WRAP;
  if (grey) cell.fill = GREY;
}

/** A4 landscape, one page wide, the header row repeated on every page, centred, page numbers. */
function printSetup(sheet: Worksheet, headerRow: number): void {
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${headerRow}:${headerRow}`,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' };
  sheet.views = [
    { state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` },
  ];
}

/** A title across `columns` columns in row 1. */
function titleRow(sheet: Worksheet, text: string, columns: number): void {
  sheet.mergeCells(1, 1, 1, columns);
  const cell = sheet.getCell(1, 1);
  cell.value = text;
  cell.font = { name: '黑体', size: 16 };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  sheet.getRow(1).height = 32;
}

function setWidths(sheet: Worksheet, widths: readonly number[]): void {
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
}

const unitNames = (plan: Plan) => {
  const names = new Map(plan.units.map((u) => [u.id, u.name]));
  return (id: string) => names.get(id) ?? id;
};

const planIndicators = (plan: Plan): { indicator: Indicator; goal: string }[] =>
  plan.goals.flatMap((g) => (g.indicators ?? []).map((indicator) => ({ indicator, goal: g.id })));

function taskSheet(book: Workbook, plan: Plan): void {
  const sheet = book.addWorksheet(TASK_SHEET);
  const headers = [
    '序号',
    '编号',
    '重点任务',
    '主要措施',
    '牵头单位',
    '配合单位',
    '完成时限',
    '对应目标',
  ];
  const widths = [6, 8, 26, 46, 14, 22, 14, 30];
  setWidths(sheet, widths);
  titleRow(sheet, `${plan.title}重点任务分工表`, headers.length);
  sheet.getRow(2).values = headers;
  styleHeader(sheet.getRow(2));
  const unit = unitNames(plan);
  const goals = new Map(plan.goals.map((g) => [g.id, g.text]));
  plan.measures.forEach((m: Measure, i) => {
    const row = sheet.getRow(i + 3);
    row.values = [
      i + 1,
      m.id,
      m.title,
      (m.actions ?? []).map((a, n) => `${n + 1}. ${a}`).join('\n') || (m.description ?? ''),
      unit(m.lead),
      (m.support ?? []).map(unit).join('、'),
      formatDeadlineZh(m.deadline),
      (m.goals ?? []).map((g) => goals.get(g) ?? g).join('\n'),
    ];
    row.eachCell({ includeEmpty: true }, (cell) => styleBody(cell, false));
    row.getCell(1).alignment = { vertical: 'top', horizontal: 'center' };
    fitRowHeight(row, widths);
  });
  printSetup(sheet, 2);
}

const DIRECTION_ZH = { increase: '提高', decrease: '降低' } as const;
const FREQUENCY_ZH = { quarterly: '每季度', half_year: '每半年', annual: '每年' } as const;

function indicatorSheet(book: Workbook, plan: Plan): void {
  const sheet = book.addWorksheet(INDICATOR_SHEET);
  const headers = [
    '序号',
    '编号',
    '指标名称',
    '所属目标',
    '单位',
    '基线值',
    '目标值',
    '方向',
    '完成时限',
    '监测频次',
  ];
  const widths = [6, 14, 30, 36, 8, 10, 10, 8, 14, 10];
  setWidths(sheet, widths);
  titleRow(sheet, `${plan.title}量化指标`, headers.length);
  sheet.getRow(2).values = headers;
  styleHeader(sheet.getRow(2));
  const goals = new Map(plan.goals.map((g) => [g.id, g.text]));
  planIndicators(plan).forEach(({ indicator: x, goal }, i) => {
    const row = sheet.getRow(i + 3);
    row.values = [
      i + 1,
      x.id,
      x.name,
      goals.get(goal) ?? goal,
      x.unit ?? '',
      x.baseline ?? '',
      x.target,
      DIRECTION_ZH[x.direction],
      x.deadline ? formatDeadlineZh(x.deadline) : '',
      FREQUENCY_ZH[x.frequency ?? 'quarterly'],
    ];
    row.eachCell({ includeEmpty: true }, (cell) => styleBody(cell, false));
    row.getCell(1).alignment = { vertical: 'top', horizontal: 'center' };
    fitRowHeight(row, widths);
  });
  printSetup(sheet, 2);
}

const column = (key: FormColumnKey): number => FORM_COLUMNS.findIndex((c) => c.key === key) + 1;
const STATUS_LIST = `"${Object.values(STATUS_LABELS).join(',')}"`;

/**
 * Form rows are at least two lines high, room to write in: a fixed height does not grow as people
 * type (LibreOffice does not fit rows on opening either), so the docs say how to fit a row.
 */
const FORM_MIN_LINES = 2;

/** Row number of the table header in every progress form (rows above: title, head fields, help). */
export const FORM_HEADER_ROW = 4;

function formSheet(book: Workbook, plan: Plan, q: Quarter): Worksheet {
  const sheet = book.addWorksheet(quarterSheetName(q));
  const widths = FORM_COLUMNS.map((c) => c.width);
  setWidths(sheet, widths);
  const columns = FORM_COLUMNS.length;
  titleRow(sheet, `${plan.title}${quarterSheetName(q)}填报表`, columns);

  // Row 2: 报送单位 [value] 报送日期 [value] 季度 [locked value].
  const label = (cell: Cell, text: string) => {
    cell.value = text;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'right' };
  };
  const input = (cell: Cell) => {
    cell.font = BODY_FONT;
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', horizontal: 'left' };
    cell.protection = { locked: false };
  };
  label(sheet.getCell(2, 1), HEAD_FIELDS.reporter);
  sheet.mergeCells(2, 2, 2, 3);
  sheet.getCell(2, 2).value = plan.issuer;
  input(sheet.getCell(2, 2));
  label(sheet.getCell(2, 4), HEAD_FIELDS.date);
  const date = sheet.getCell(2, 5);
  date.value = new Date(`${addDays(q.end, 5)}T00:00:00Z`);
  date.numFmt = 'yyyy-mm-dd';
  input(date);
  date.dataValidation = {
    type: 'date',
    operator: 'greaterThan',
    allowBlank: false,
    formulae: [new Date(`${q.start}T00:00:00Z`)],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: '报送日期',
    error: `报送日期应在 ${q.start} 之后，请按 2025-04-08 的格式填写日期。`,
  };
  label(sheet.getCell(2, 6), HEAD_FIELDS.quarter);
  const quarterCell = sheet.getCell(2, 7);
  quarterCell.value = q.key;
  styleBody(quarterCell, true);
  // Optional: printed under the report title (e.g. 县卫生健康局).
  label(sheet.getCell(2, 8), HEAD_FIELDS.addressee);
  sheet.mergeCells(2, 9, 2, 10);
  input(sheet.getCell(2, 9));

  sheet.mergeCells(3, 1, 3, columns);
  const help = sheet.getCell(3, 1);
  help.value =
    '填表说明：灰色单元格是方案内容，请勿改动；白色单元格由报送单位填写。状态从下拉列表中选择；' +
    '完成比例填 0 到 100 的整数，已完成的填 100；一格内有多条内容时分行填写（Alt+Enter 换行）。' +
    '量化指标填截至本季度末的当前值，累计指标填自实施周期开始的累计数，本季度不监测的可不填。';
  help.font = { name: FONT, size: 10, color: { argb: 'FF595959' } };
  help.alignment = { wrapText: true, vertical: 'middle' };
  sheet.getRow(3).height = 48;

  const header = sheet.getRow(FORM_HEADER_ROW);
  header.values = FORM_COLUMNS.map((c) => c.header);
  styleHeader(header);

  const unit = unitNames(plan);
  let r = FORM_HEADER_ROW + 1;
  for (const m of plan.measures) {
    const row = sheet.getRow(r++);
    const values: Partial<Record<FormColumnKey, string | number>> = {
      kind: MEASURE_KIND,
      id: m.id,
      name: m.title,
      lead: unit(m.lead),
      deadline: formatDeadlineZh(m.deadline),
    };
    fillFormRow(row, values, 'measure');
    fitRowHeight(row, widths, FORM_MIN_LINES);
  }
  const measureRows: [number, number] = [FORM_HEADER_ROW + 1, r - 1];
  for (const { indicator: x } of planIndicators(plan)) {
    const row = sheet.getRow(r++);
    fillFormRow(
      row,
      {
        kind: INDICATOR_KIND,
        id: x.id,
        name: x.cumulative ? `${x.name}（累计）` : x.name,
        deadline: x.deadline ? formatDeadlineZh(x.deadline) : '',
        unit: x.unit ?? '',
        baseline: x.baseline ?? '',
        target: x.targets?.[q.key] ?? x.target,
      },
      'indicator',
    );
    fitRowHeight(row, widths, FORM_MIN_LINES);
  }

  addValidations(sheet, measureRows, [measureRows[1] + 1, r - 1]);

  // Under the table: whole-report texts, one merged cell each.
  r++;
  for (const field of TAIL_FIELDS) {
    const row = sheet.getRow(r);
    const labelCell = row.getCell(1);
    labelCell.value = field.label;
    labelCell.font = { name: FONT, size: 11, bold: true };
    labelCell.fill = GREY;
    labelCell.border = THIN;
    labelCell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    sheet.mergeCells(r, 2, r, columns);
    const value = row.getCell(2);
    value.font = BODY_FONT;
    value.border = THIN;
    value.alignment = WRAP;
    value.protection = { locked: false };
    row.height = 60;
    r++;
  }
  printSetup(sheet, FORM_HEADER_ROW);
  return sheet;
}

/** Writes one row of the form: plan columns grey and locked, the row kind's columns open. */
function fillFormRow(
  row: Row,
  values: Partial<Record<FormColumnKey, string | number>>,
  kind: 'measure' | 'indicator',
): void {
  FORM_COLUMNS.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    const open = 'fill' in c && c.fill === kind;
    cell.value = values[c.key] ?? null;
    styleBody(cell, !open);
    if (open) cell.protection = { locked: false };
  });
}

/**
 * Data validation on whole column ranges. (Set cell by cell, exceljs merges the cells into
 * overlapping ranges because it sorts addresses as text: F10 before F5.)
 */
function addValidations(
  sheet: Worksheet,
  measures: [number, number],
  indicators: [number, number],
) {
  const list = (
    sheet as unknown as { dataValidations: { add(range: string, v: DataValidation): void } }
  ).dataValidations;
  const range = (key: FormColumnKey, [from, to]: [number, number]) => {
    const letter = columnLetter(column(key));
    return `${letter}${from}:${letter}${to}`;
  };
  if (measures[1] >= measures[0]) {
    list.add(range('status', measures), {
      type: 'list',
      allowBlank: false,
      formulae: [STATUS_LIST],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '状态',
      error: '请从下拉列表中选择：未启动、推进中、已完成、滞后、已取消。',
      showInputMessage: true,
      promptTitle: '状态',
      prompt: '从下拉列表中选择本项工作目前的状态。',
    });
    list.add(range('percent', measures), {
      type: 'whole',
      operator: 'between',
      allowBlank: false,
      formulae: [0, 100],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '完成比例',
      error: '请填 0 到 100 之间的整数（不带 %），已完成的填 100。',
      showInputMessage: true,
      promptTitle: '完成比例',
      prompt: '0 到 100 的整数，已完成填 100。',
    });
  }
  if (indicators[1] >= indicators[0])
    list.add(range('actual', indicators), {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [-1e12, 1e12],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '当前值',
      error: '请填数字，不带单位，例如 24.1。',
    });
}

/** Column letter of a column number up to 26 (the form has 15 columns). */
const columnLetter = (n: number): string => String.fromCharCode(64 + n);

/** The hidden sheet: what the form was made from, for `progress import`. */
function metaSheet(
  book: Workbook,
  plan: Plan,
  options: WorkbookOptions,
  quarters: Quarter[],
): void {
  const sheet = book.addWorksheet(META_SHEET, { state: 'hidden' });
  sheet.addRow(['format', `fangan-progress-form/${FORM_VERSION}`]);
  sheet.addRow(['plan', options.planRef]);
  sheet.addRow(['title', plan.title]);
  for (const q of quarters) sheet.addRow([`sheet:${q.key}`, quarterSheetName(q)]);
}

/** Builds the workbook for a validated plan and returns the .xlsx bytes. */
export async function buildWorkbook(plan: Plan, options: WorkbookOptions): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  // Fixed metadata: the plan's own date, so re-running gives the same file.
  const stamp = new Date(`${plan.date}T00:00:00Z`);
  book.creator = 'fangan';
  book.lastModifiedBy = 'fangan';
  book.created = stamp;
  book.modified = stamp;
  book.title = plan.title;

  taskSheet(book, plan);
  indicatorSheet(book, plan);
  const quarters = planQuarters(plan);
  // Protection without a password: it keeps the grey plan cells from being changed by accident,
  // and anyone can lift it (审阅 > 撤销工作表保护) to add a row.
  const forms = quarters.map((q) => formSheet(book, plan, q));
  for (const sheet of forms)
    await sheet.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
    });
  metaSheet(book, plan, options, quarters);
  book.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' },
  ];

  const buffer = await book.xlsx.writeBuffer();
  return fixZipDates(new Uint8Array(buffer as ArrayBuffer), plan.date);
}
