/**
 * The layout shared by the workbook writer (`build.ts`) and the form reader (`read.ts`): sheet
 * names, column headers and the Chinese labels of the status values. The reader finds columns by
 * their header text, not by position, so a form whose columns were moved still imports.
 */
import type { MeasureStatus } from '../model/types.js';
import { chineseNumeral } from '../model/chinese.js';
import type { Quarter } from '../model/calendar.js';

export const TASK_SHEET = '任务分工表';
export const INDICATOR_SHEET = '指标';
/** Hidden sheet with what the reader needs and the user should not edit (plan path, quarters). */
export const META_SHEET = 'fangan';
/** Version of the form layout, written to the hidden sheet. */
export const FORM_VERSION = 1;

/** `2025年第一季度进展`: the sheet name of a quarter's progress form. */
export const quarterSheetName = (q: Quarter): string =>
  `${q.year}年第${chineseNumeral(q.q)}季度进展`;

/** Reads a quarter back from a sheet name such as `2025年第一季度进展` (also `2025年第1季度`). */
export function quarterKeyOfSheet(name: string): string | undefined {
  const m = /(\d{4})\s*年\s*第\s*([一二三四1-4])\s*季度/.exec(name);
  if (!m) return undefined;
  const q = '一二三四'.indexOf(m[2] as string) + 1 || Number(m[2]);
  return `${m[1]}Q${q}`;
}

/** Row kinds in the 类别 column of a progress form. */
export const MEASURE_KIND = '重点工作';
export const INDICATOR_KIND = '量化指标';

/** Columns of a progress form, in order; `fill` columns are for the reporting unit. */
export const FORM_COLUMNS = [
  { key: 'kind', header: '类别', width: 10 },
  { key: 'id', header: '编号', width: 14 },
  { key: 'name', header: '任务或指标', width: 30 },
  { key: 'lead', header: '牵头单位', width: 14 },
  { key: 'deadline', header: '完成时限', width: 15 },
  { key: 'status', header: '状态', width: 10, fill: 'measure' },
  { key: 'percent', header: '完成比例（%）', width: 10, fill: 'measure' },
  { key: 'done', header: '完成情况说明', width: 36, fill: 'measure' },
  { key: 'problems', header: '存在问题', width: 24, fill: 'measure' },
  { key: 'next', header: '下步打算', width: 24, fill: 'measure' },
  { key: 'unit', header: '单位', width: 8 },
  { key: 'baseline', header: '基线值', width: 9 },
  { key: 'target', header: '目标值', width: 9 },
  { key: 'actual', header: '当前值', width: 10, fill: 'indicator' },
  { key: 'note', header: '数据来源及说明', width: 20, fill: 'indicator' },
] as const;
export type FormColumnKey = (typeof FORM_COLUMNS)[number]['key'];

/** Labels of the fields above the table (the value is in the cell to the right of the label). */
export const HEAD_FIELDS = {
  reporter: '报送单位',
  date: '报送日期',
  quarter: '季度',
  addressee: '主送机关',
} as const;

/** Rows under the table: a label in column A, the text in the (merged) cell to its right. */
export const TAIL_FIELDS = [
  { key: 'summary', label: '总体情况' },
  { key: 'problems', label: '存在问题' },
  { key: 'highlights', label: '亮点与特色做法' },
  { key: 'next_steps', label: '下一步工作计划' },
] as const;
export type TailKey = (typeof TAIL_FIELDS)[number]['key'];

/** The drop-down list of the 状态 column, in the order a measure goes through them. */
export const STATUS_LABELS: Record<MeasureStatus, string> = {
  not_started: '未启动',
  in_progress: '推进中',
  done: '已完成',
  delayed: '滞后',
  cancelled: '已取消',
};

/** Other ways people write a status (the alias table's words and short forms). */
const STATUS_WORDS: Record<string, MeasureStatus> = {
  未开始: 'not_started',
  未启动: 'not_started',
  尚未启动: 'not_started',
  推进中: 'in_progress',
  进行中: 'in_progress',
  正在推进: 'in_progress',
  已完成: 'done',
  完成: 'done',
  滞后: 'delayed',
  已滞后: 'delayed',
  进度滞后: 'delayed',
  已取消: 'cancelled',
  取消: 'cancelled',
};

/**
 * The status a cell means: the Chinese labels and their variants, or the English values of the
 * YAML format, ignoring spaces (also full-width ones) anywhere in the text.
 */
export function parseStatus(text: string): MeasureStatus | undefined {
  const clean = text.replace(/[\s\u3000]+/g, '');
  const word = STATUS_WORDS[clean];
  if (word) return word;
  const english = clean.toLowerCase().replace(/-/g, '_');
  return english in STATUS_LABELS ? (english as MeasureStatus) : undefined;
}
