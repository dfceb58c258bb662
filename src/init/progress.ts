/**
 * Scaffolding a quarterly progress file from a validated plan (pure: no I/O). Every measure and
 * indicator of the plan is listed; status, percent and actual values carry over from the
 * previous quarter's file when there is one, and comments say what to fill in.
 */
import { Document, isMap, isSeq, type Scalar } from 'yaml';
import type { IndicatorActual, IsoDate, MeasureProgress, Plan, Progress } from '../model/types.js';
import { addDays, type Quarter } from '../model/calendar.js';
import { chineseNumeral } from '../model/chinese.js';

/** Default report date: the 5th of the month after the quarter, a usual deadline for reports. */
export const defaultReportDate = (quarter: Quarter): IsoDate => addDays(quarter.end, 5);

export interface ScaffoldOptions {
  quarter: Quarter;
  /** Path of the plan relative to the progress file, with `/` separators. */
  planRef: string;
  /** The previous quarter's progress, already validated. */
  previous?: Progress;
  reporter?: string;
  date?: IsoDate;
  /** `$schema` reference for editors. */
  schemaRef?: string;
}

export interface ScaffoldedProgress {
  progress: Progress;
  /** Measure / indicator ids whose values came from the previous quarter. */
  carried: { measures: string[]; indicators: string[] };
  /** Indicators without a baseline or previous value: left out, with a comment. */
  unfilled: string[];
}

/** Builds the progress data (the values only; comments are added by `progressToYaml`). */
export function buildProgress(plan: Plan, options: ScaffoldOptions): ScaffoldedProgress {
  const carried = { measures: [] as string[], indicators: [] as string[] };
  const previousMeasures = new Map(options.previous?.measures.map((m) => [m.id, m]) ?? []);
  const previousActuals = new Map(options.previous?.indicators?.map((i) => [i.id, i]) ?? []);

  const measures: MeasureProgress[] = plan.measures.map((m) => {
    const before = previousMeasures.get(m.id);
    if (before) carried.measures.push(m.id);
    return {
      id: m.id,
      status: before?.status ?? 'not_started',
      percent: before?.percent ?? 0,
      done: [],
      problems: [],
      next: [],
    };
  });

  const unfilled: string[] = [];
  const indicators: IndicatorActual[] = [];
  for (const indicator of plan.goals.flatMap((g) => g.indicators ?? [])) {
    const before = previousActuals.get(indicator.id);
    const actual = before?.actual ?? indicator.baseline;
    if (before) carried.indicators.push(indicator.id);
    if (actual === undefined) unfilled.push(indicator.id);
    else indicators.push({ id: indicator.id, actual });
  }

  const progress: Progress = {
    kind: 'progress',
    plan: options.planRef,
    quarter: options.quarter.key,
    reporter: options.reporter ?? plan.issuer,
    date: options.date ?? defaultReportDate(options.quarter),
    measures,
    ...(indicators.length > 0 || unfilled.length > 0 ? { indicators } : {}),
    problems: [],
    next_steps: [],
  };
  return { progress, carried, unfilled };
}

/** Scaffolds the progress file as commented YAML (`built`: from `buildProgress`, to reuse it). */
export function scaffoldProgress(
  plan: Plan,
  options: ScaffoldOptions,
  built: ScaffoldedProgress = buildProgress(plan, options),
): string {
  return progressToYaml(plan, built, options);
}

function progressToYaml(
  plan: Plan,
  scaffold: ScaffoldedProgress,
  options: ScaffoldOptions,
): string {
  const { progress, carried, unfilled } = scaffold;
  const quarter = options.quarter;
  const doc = new Document(progress);
  const schemaRef = options.schemaRef ?? 'node_modules/fangan/schemas/progress.schema.json';
  doc.commentBefore =
    ` yaml-language-server: $schema=${schemaRef}\n` +
    ` ${plan.title} · ${quarter.year}年第${chineseNumeral(quarter.q)}季度进展` +
    `（由 fangan progress new 生成）。\n` +
    ' 填好后运行 fangan validate 检查，再用 fangan report 生成季度工作汇报。';

  const root = doc.contents;
  if (!isMap(root)) throw new Error('progress root is not a mapping');
  const keyNote: Record<string, string> = {
    plan: ' 所汇报的工作方案（相对本文件的路径）',
    quarter: ' 汇报季度',
    reporter: ' 报送单位',
    date: ' 报送日期：也是判断任务是否逾期的截止日',
    measures:
      ' 总体情况（可选，一段话），需要时去掉下一行的 # 并改写：\n' +
      ' summary: 本季度各项创建工作按计划推进，……\n\n' +
      ' 重点工作进展：status 为 not_started（未开始）/ in_progress（推进中）/ done（已完成）/\n' +
      ' delayed（滞后）/ cancelled（取消）；percent 为完成百分比 0–100，完成时为 100 且 status 为 done。\n' +
      ' done 写本季度做了什么（尽量带数字：场次、人数、份数），problems 写遇到的问题，next 写下季度打算。' +
      (carried.measures.length > 0 ? '\n status 和 percent 已沿用上一季度，请按实际更新。' : ''),
    indicators:
      ' 量化指标：actual 填截至本季度末的最新数值，可加 note 说明来源（如：抽样调查）。\n' +
      (carried.indicators.length > 0
        ? ' 预填的是上一季度的数值（没有时为基线值），请更新。'
        : ' 预填的是方案中的基线值，请更新。'),
    problems: ' 存在问题：每条一句，例如 - 部分村健康教育宣传栏内容更新不及时',
    next_steps: ' 下一步工作计划：每条一句',
  };
  root.items.forEach((pair) => {
    const key = pair.key as Scalar;
    const note = keyNote[String(key.value)];
    if (note) key.commentBefore = note;
    if (['measures', 'indicators', 'problems'].includes(String(key.value))) key.spaceBefore = true;
  });

  const measures = root.get('measures', true);
  const previousNext = new Map(options.previous?.measures.map((m) => [m.id, m.next ?? []]) ?? []);
  const unitName = (id: string) => plan.units.find((u) => u.id === id)?.name ?? id;
  if (isSeq(measures)) {
    measures.items.forEach((item, index) => {
      const measure = plan.measures[index];
      if (!isMap(item) || !measure) return;
      const planned = previousNext.get(measure.id) ?? [];
      item.commentBefore =
        ` ${measure.id} ${measure.title}（牵头：${unitName(measure.lead)}；完成时限：${measure.deadline}）` +
        (planned.length > 0 ? `\n 上季度计划：${planned.join('；')}` : '');
    });
  }

  const indicators = root.get('indicators', true);
  const all = plan.goals.flatMap((g) => g.indicators ?? []);
  if (isSeq(indicators)) {
    for (const item of indicators.items) {
      if (!isMap(item)) continue;
      item.flow = true;
      const indicator = all.find((i) => i.id === item.get('id'));
      if (!indicator) continue;
      const unit = indicator.unit ?? '';
      const baseline =
        indicator.baseline !== undefined ? `基线 ${indicator.baseline}${unit}，` : '';
      item.commentBefore = ` ${indicator.name}：${baseline}目标 ${indicator.target}${unit}`;
    }
    if (unfilled.length > 0) {
      const lines = unfilled.map((id) => {
        const indicator = all.find((i) => i.id === id);
        return ` - { id: ${id}, actual: 0 }   # ${indicator?.name ?? id}：方案中没有基线值，填好数值后去掉行首的 #`;
      });
      indicators.comment = lines.join('\n');
    }
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}
