/**
 * The `fangan init` question sequence. It talks to the terminal only through `Prompter`
 * (implemented with inquirer in src/cli/prompts.ts), so tests drive it with scripted answers.
 * Every answer is checked as it is given, so the result always drafts a valid plan.
 */
import { formatMessage, type Params } from '../diagnostics/catalog.js';
import type { Lang } from '../diagnostics/types.js';
import type { IsoDate, Unit } from '../model/types.js';
import { isIsoDate } from '../model/calendar.js';
import {
  defaultDeadline,
  defaultGoalIds,
  defaultUnitIds,
  fillText,
  measuresForGoals,
  placeOf,
  type InitAnswers,
} from './draft.js';
import type { Starter } from './starter.js';

export interface Choice<T extends string> {
  name: string;
  value: T;
  checked?: boolean;
}

/** Validation result: true, or the message to show under the prompt. */
export type Check<T> = (value: T) => true | string;

export interface Prompter {
  input(q: { message: string; default?: string; validate?: Check<string> }): Promise<string>;
  select<T extends string>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  checkbox<T extends string>(q: {
    message: string;
    choices: Choice<T>[];
    validate?: Check<readonly T[]>;
  }): Promise<T[]>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
}

const TEXT = {
  'zh-CN': {
    town: '乡镇名称（如：青山镇）',
    county: '所属县（区），写入行政区域，可留空',
    issuer: '发文机关',
    start: '实施周期开始日期（YYYY-MM-DD）',
    end: '实施周期结束日期（YYYY-MM-DD）',
    date: '成文日期（YYYY-MM-DD）',
    docNumber: '发文字号（如：青政发〔2025〕3号），可留空',
    units: '责任单位',
    custom: '其他责任单位名称，多个用顿号或逗号分隔，可留空',
    goals: '工作目标',
    indicators: '量化指标',
    values: '现在填写各指标的基线值和目标值吗？（选否则先用参考值，之后在文件里改）',
    baseline: '{name}：基线值{unit}',
    target: '{name}：目标值{unit}',
    number: '请输入数字',
    measures: '重点工作',
    perMeasure: '逐项确认每项重点工作的牵头单位和完成时限吗？（选否则用默认）',
    lead: '{id} {title}：牵头单位',
    deadline: '{id} {title}：完成时限（YYYY-MM-DD）',
  },
  en: {
    town: 'Town name (e.g. 青山镇)',
    county: 'County, written into the region line (optional)',
    issuer: 'Issuing authority',
    start: 'Period start (YYYY-MM-DD)',
    end: 'Period end (YYYY-MM-DD)',
    date: 'Date of the document (YYYY-MM-DD)',
    docNumber: 'Document number, e.g. 青政发〔2025〕3号 (optional)',
    units: 'Responsible units',
    custom: 'Other units, separated by commas (optional)',
    goals: 'Goals',
    indicators: 'Indicators',
    values:
      'Enter baseline and target values now? (no: keep the suggested values and edit the file later)',
    baseline: '{name}: baseline{unit}',
    target: '{name}: target{unit}',
    number: 'enter a number',
    measures: 'Measures',
    perMeasure: 'Review the lead unit and deadline of each measure? (no: use the defaults)',
    lead: '{id} {title}: lead unit',
    deadline: '{id} {title}: deadline (YYYY-MM-DD)',
  },
} satisfies Record<Lang, Record<string, string>>;

/** Splits `镇交通站、镇林业站, 镇水利站` into names. */
export const splitNames = (text: string): string[] =>
  text
    .split(/[、,，;；\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Ids u1, u2, … for units that are not in the starter, skipping ids already taken. */
export function customUnits(names: readonly string[], taken: readonly string[]): Unit[] {
  const used = new Set(taken);
  let n = 0;
  return names.map((name) => {
    let id: string;
    do id = `u${++n}`;
    while (used.has(id));
    used.add(id);
    return { id, name };
  });
}

/** What the command line already says; the wizard offers these as defaults. */
export interface WizardSeed extends Partial<Omit<InitAnswers, 'period'>> {
  period?: Partial<InitAnswers['period']>;
  /** Start year when no period is given. */
  year?: number;
}

export async function runWizard(
  prompter: Prompter,
  starter: Starter,
  seed: WizardSeed,
  lang: Lang,
): Promise<InitAnswers> {
  const t = TEXT[lang];
  const say = (text: string, params: Record<string, string>) => fillText(text, params);
  const msg = (code: string, params: Params = {}) => formatMessage(code, lang, params);
  const notEmpty =
    (field: string): Check<string> =>
    (v) =>
      v.trim() !== '' || msg('FG7114', { field });
  const isDate =
    (flag: string, extra?: Check<string>): Check<string> =>
    (v) =>
      !isIsoDate(v.trim()) ? msg('FG7104', { flag, value: v }) : extra ? extra(v.trim()) : true;

  const town = (
    await prompter.input({
      message: t.town,
      ...(seed.town ? { default: seed.town } : {}),
      validate: notEmpty(t.town),
    })
  ).trim();
  const county = (
    await prompter.input({ message: t.county, ...(seed.county ? { default: seed.county } : {}) })
  ).trim();
  const issuer = (
    await prompter.input({
      message: t.issuer,
      default: seed.issuer ?? `${town}人民政府`,
      validate: notEmpty(t.issuer),
    })
  ).trim();

  const year = seed.year ?? new Date().getFullYear();
  const start = (
    await prompter.input({
      message: t.start,
      default: seed.period?.start ?? `${year}-01-01`,
      validate: isDate('start'),
    })
  ).trim();
  const end = (
    await prompter.input({
      message: t.end,
      default: seed.period?.end ?? `${start.slice(0, 4)}-12-31`,
      validate: isDate('end', (v) => v >= start || msg('FG7105', { start, end: v })),
    })
  ).trim();
  const inPeriod = (v: IsoDate) => (v >= start && v <= end ? true : `${start} – ${end}`);
  const date = (
    await prompter.input({
      message: t.date,
      default: seed.date ?? start,
      validate: isDate('date'),
    })
  ).trim();
  const docNumber = (
    await prompter.input({
      message: t.docNumber,
      ...(seed.docNumber ? { default: seed.docNumber } : {}),
    })
  ).trim();

  const vars = { town, place: placeOf(town) };
  const presetUnits = seed.units ?? defaultUnitIds(starter);
  const unitIds = await prompter.checkbox({
    message: t.units,
    choices: starter.units.map((u) => ({
      name: fillText(u.name, vars),
      value: u.id,
      checked: presetUnits.includes(u.id),
    })),
  });
  const extra = splitNames(
    await prompter.input({
      message: t.custom,
      ...(seed.customUnits?.length
        ? { default: seed.customUnits.map((u) => u.name).join('、') }
        : {}),
      validate: (v) =>
        unitIds.length > 0 || splitNames(v).length > 0 || msg('FG7109', { flag: t.units }),
    }),
  );
  const custom = customUnits(
    extra,
    starter.units.map((u) => u.id),
  );
  const allUnits: Unit[] = [
    ...starter.units
      .filter((u) => unitIds.includes(u.id))
      .map((u) => ({ id: u.id, name: fillText(u.name, vars) })),
    ...custom,
  ];

  const presetGoals = seed.goals ?? defaultGoalIds(starter);
  const goals = await prompter.checkbox({
    message: t.goals,
    choices: starter.goals.map((g) => ({
      name: `${g.id} ${fillText(g.text, vars)}`,
      value: g.id,
      checked: presetGoals.includes(g.id),
    })),
    validate: (v) => v.length > 0 || msg('FG7109', { flag: t.goals }),
  });

  const goalIndicators = starter.goals
    .filter((g) => goals.includes(g.id))
    .flatMap((g) => g.indicators ?? []);
  let indicators: string[] = [];
  if (goalIndicators.length > 0) {
    indicators = await prompter.checkbox({
      message: t.indicators,
      choices: goalIndicators.map((i) => ({
        name: `${fillText(i.name, vars)}${i.unit ? `（${i.unit}）` : ''}`,
        value: i.id,
        checked: seed.indicators ? seed.indicators.includes(i.id) : true,
      })),
    });
  }

  const values: NonNullable<InitAnswers['values']> = {};
  if (indicators.length > 0 && (await prompter.confirm({ message: t.values, default: false }))) {
    const asNumber = (v: string) => Number(v.trim());
    const numeric: Check<string> = (v) =>
      (v.trim() !== '' && Number.isFinite(asNumber(v))) || t.number;
    for (const i of goalIndicators.filter((x) => indicators.includes(x.id))) {
      const unit = i.unit ? `（${i.unit}）` : '';
      const name = fillText(i.name, vars);
      const percentRange: Check<string> = (v) =>
        i.unit !== '%' ||
        (asNumber(v) >= 0 && asNumber(v) <= 100) ||
        msg('FG7010', { field: name, min: 0, max: 100 });
      const baselineText = await prompter.input({
        message: say(t.baseline, { name, unit }),
        ...(i.baseline !== undefined ? { default: String(i.baseline) } : {}),
        validate: (v) =>
          (v.trim() === '' && i.baseline === undefined) ||
          (numeric(v) === true ? percentRange(v) : numeric(v)),
      });
      const baseline = baselineText.trim() === '' ? undefined : asNumber(baselineText);
      const target = asNumber(
        await prompter.input({
          message: say(t.target, { name, unit }),
          default: String(i.target),
          validate: (v) => {
            const n = numeric(v);
            if (n !== true) return n;
            const range = percentRange(v);
            if (range !== true) return range;
            const x = asNumber(v);
            if (baseline === undefined) return true;
            const agrees = i.direction === 'increase' ? x > baseline : x < baseline;
            return (
              agrees || msg('FG7009', { id: i.id, target: x, direction: i.direction, baseline })
            );
          },
        }),
      );
      values[i.id] = { ...(baseline !== undefined ? { baseline } : {}), target };
    }
  }

  const presetMeasures = seed.measures ?? measuresForGoals(starter, goals);
  const measureIds = await prompter.checkbox({
    message: t.measures,
    choices: starter.measures.map((m) => ({
      name: `${m.id} ${m.area ? `［${m.area}］` : ''}${fillText(m.title, vars)}`,
      value: m.id,
      checked: presetMeasures.includes(m.id),
    })),
    validate: (chosen) => {
      if (chosen.length === 0) return msg('FG7109', { flag: t.measures });
      for (const g of goals) {
        if (starter.measures.some((m) => chosen.includes(m.id) && m.goals?.includes(g))) continue;
        const serving = starter.measures.filter((m) => m.goals?.includes(g)).map((m) => m.id);
        return msg('FG7106', { goal: g, measures: serving.join(',') });
      }
      return true;
    },
  });

  const period = { start, end };
  const leads: Record<string, string> = {};
  const deadlines: Record<string, IsoDate> = {};
  const chosenMeasures = starter.measures.filter((m) => measureIds.includes(m.id));
  const review =
    chosenMeasures.length > 0 && (await prompter.confirm({ message: t.perMeasure, default: true }));
  for (const m of chosenMeasures) {
    const fallback = allUnits.some((u) => u.id === m.lead) ? m.lead : allUnits[0]!.id;
    const suggestedDeadline = seed.deadlines?.[m.id] ?? defaultDeadline(m, period);
    if (!review) {
      leads[m.id] = seed.leads?.[m.id] ?? fallback;
      deadlines[m.id] = suggestedDeadline;
      continue;
    }
    const label = { id: m.id, title: fillText(m.title, vars) };
    leads[m.id] = await prompter.select({
      message: say(t.lead, label),
      choices: allUnits.map((u) => ({ name: u.name, value: u.id })),
      default: seed.leads?.[m.id] ?? fallback,
    });
    deadlines[m.id] = (
      await prompter.input({
        message: say(t.deadline, label),
        default: suggestedDeadline,
        validate: isDate('deadline', (v) =>
          inPeriod(v) === true ? true : msg('FG7108', { measure: m.id, date: v, start, end }),
        ),
      })
    ).trim();
  }

  return {
    town,
    ...(county ? { county } : {}),
    issuer,
    period,
    date,
    ...(docNumber ? { docNumber } : {}),
    units: unitIds,
    customUnits: custom,
    goals,
    indicators,
    measures: measureIds,
    leads,
    deadlines,
    values,
  };
}
