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
  checkDocNumber,
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
    convert: '。改为“{fixed}”吗？',
    townLabel: '乡镇名称',
    startField: '开始日期',
    endField: '结束日期',
    deadlineField: '完成时限',
    countyLabel: '所属县（区）',
    dateLabel: '成文日期',
    docNumberLabel: '发文字号',
    summary: '请核对以下内容，确认后写入 {file}：',
    write: '确认，写入文件',
    edit: '修改：{label}',
    discard: '放弃，不写入',
    none: '（未填）',
    review: '逐项确认',
    defaults: '按默认',
    count: '（共 {n} 项）',
    period: '实施周期',
    leads: '牵头单位和完成时限',
    to: '至',
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
    convert: '. Change it to "{fixed}"?',
    townLabel: 'Town',
    startField: 'start',
    endField: 'end',
    deadlineField: 'deadline',
    countyLabel: 'County',
    dateLabel: 'Date of the document',
    docNumberLabel: 'Document number',
    summary: 'Check your answers; {file} is written once you confirm:',
    write: 'Confirm and write the file',
    edit: 'Change: {label}',
    discard: 'Discard, write nothing',
    none: '(empty)',
    review: 'reviewed one by one',
    defaults: 'defaults',
    count: ' ({n} in all)',
    period: 'Period',
    leads: 'Lead units and deadlines',
    to: 'to',
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

/** Raised when the user discards the answers on the summary: nothing is written. */
export class WizardDiscarded extends Error {
  override name = 'WizardDiscarded';
}

/** What the command line already says; the wizard offers these as defaults. */
export interface WizardSeed extends Partial<Omit<InitAnswers, 'period'>> {
  period?: Partial<InitAnswers['period']>;
  /** Start year when no period is given. */
  year?: number;
}

/** The answers so far; each step fills its part and may be asked again from the summary. */
interface State {
  town: string;
  county: string;
  issuer: string;
  start: IsoDate;
  end: IsoDate;
  date: IsoDate;
  docNumber: string;
  unitIds: string[];
  custom: Unit[];
  goals: string[];
  indicators: string[];
  /** The indicator ids offered last time: a change of goals offers others and asks again. */
  offered: string[];
  values: NonNullable<InitAnswers['values']>;
  measureIds: string[];
  review: boolean;
  leads: Record<string, string>;
  deadlines: Record<string, IsoDate>;
}

interface Step {
  key: string;
  label: string;
  /** `again`: asked because an earlier change made the answer impossible, not by choice. */
  ask(s: State, again?: boolean): Promise<void>;
  /** The answer no longer fits after an earlier answer changed: ask this step again. */
  stale?(s: State): boolean;
  /** How the summary shows the answer. */
  show(s: State): string;
}

/**
 * Asks every question once, then shows a summary: the user writes the file, changes any one
 * answer (later answers that no longer fit are asked again) or discards everything.
 * `file` names the file in the summary.
 */
export async function runWizard(
  prompter: Prompter,
  starter: Starter,
  seed: WizardSeed,
  lang: Lang,
  file = 'plan.yaml',
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
  const list = (names: string[]) =>
    names.length === 0
      ? t.none
      : `${names.slice(0, 6).join('、')}${names.length > 6 ? '…' : ''}${say(t.count, { n: String(names.length) })}`;
  const vars = (s: State) => ({ town: s.town, place: placeOf(s.town) });
  const allUnits = (s: State): Unit[] => [
    ...starter.units
      .filter((u) => s.unitIds.includes(u.id))
      .map((u) => ({ id: u.id, name: fillText(u.name, vars(s)) })),
    ...s.custom,
  ];
  const goalIndicators = (s: State) =>
    starter.goals.filter((g) => s.goals.includes(g.id)).flatMap((g) => g.indicators ?? []);
  const chosenMeasures = (s: State) => starter.measures.filter((m) => s.measureIds.includes(m.id));
  const inPeriod = (s: State, v: IsoDate) => v >= s.start && v <= s.end;
  const measuresCheck =
    (s: State): Check<readonly string[]> =>
    (chosen) => {
      if (chosen.length === 0) return msg('FG7109', { flag: t.measures });
      for (const g of s.goals) {
        if (starter.measures.some((m) => chosen.includes(m.id) && m.goals?.includes(g))) continue;
        const serving = starter.measures.filter((m) => m.goals?.includes(g)).map((m) => m.id);
        return msg('FG7106', { goal: g, measures: serving.join(',') });
      }
      return true;
    };
  /** The lead unit a measure gets without a reviewed answer. */
  const defaultLead = (s: State, m: (typeof starter.measures)[number]) => {
    const units = allUnits(s);
    const asked = seed.leads?.[m.id];
    if (asked !== undefined && units.some((u) => u.id === asked)) return asked;
    return units.some((u) => u.id === m.lead) ? m.lead : units[0]!.id;
  };

  const year = seed.year ?? new Date().getFullYear();
  const s: State = {
    town: seed.town ?? '',
    county: seed.county ?? '',
    issuer: seed.issuer ?? '',
    start: seed.period?.start ?? `${year}-01-01`,
    end: seed.period?.end ?? '',
    date: seed.date ?? '',
    docNumber: seed.docNumber ?? '',
    unitIds: seed.units ?? defaultUnitIds(starter),
    custom: seed.customUnits ?? [],
    goals: seed.goals ?? defaultGoalIds(starter),
    indicators: seed.indicators ?? [],
    offered: [],
    values: {},
    measureIds: seed.measures ?? [],
    review: true,
    leads: {},
    deadlines: {},
  };
  let measuresAsked = false;

  const steps: Step[] = [
    {
      key: 'town',
      label: t.townLabel,
      ask: async () => {
        const before = s.town;
        s.town = (
          await prompter.input({
            message: t.town,
            ...(s.town ? { default: s.town } : {}),
            validate: notEmpty(t.town),
          })
        ).trim();
        // An issuer that was only the default follows the new town name.
        if (before && s.issuer === `${before}人民政府`) s.issuer = `${s.town}人民政府`;
      },
      show: () => s.town,
    },
    {
      key: 'county',
      label: t.countyLabel,
      ask: async () => {
        s.county = (
          await prompter.input({ message: t.county, ...(s.county ? { default: s.county } : {}) })
        ).trim();
      },
      show: () => s.county || t.none,
    },
    {
      key: 'issuer',
      label: t.issuer,
      ask: async () => {
        s.issuer = (
          await prompter.input({
            message: t.issuer,
            default: s.issuer || `${s.town}人民政府`,
            validate: notEmpty(t.issuer),
          })
        ).trim();
      },
      show: () => s.issuer,
    },
    {
      key: 'period',
      label: t.period,
      ask: async () => {
        s.start = (
          await prompter.input({
            message: t.start,
            default: s.start,
            validate: isDate(t.startField),
          })
        ).trim();
        const start = s.start;
        s.end = (
          await prompter.input({
            message: t.end,
            default: s.end && s.end >= start ? s.end : `${start.slice(0, 4)}-12-31`,
            validate: isDate(t.endField, (v) => v >= start || msg('FG7105', { start, end: v })),
          })
        ).trim();
      },
      show: () => `${s.start} ${t.to} ${s.end}`,
    },
    {
      key: 'date',
      label: t.dateLabel,
      ask: async () => {
        s.date = (
          await prompter.input({
            message: t.date,
            default: s.date && inPeriod(s, s.date) ? s.date : s.start,
            validate: isDate(
              t.dateLabel,
              (v) => inPeriod(s, v) || msg('FG7230', { date: v, start: s.start, end: s.end }),
            ),
          })
        ).trim();
      },
      stale: () => !inPeriod(s, s.date),
      show: () => s.date,
    },
    {
      key: 'docNumber',
      label: t.docNumberLabel,
      ask: async () => {
        for (;;) {
          const typed = (
            await prompter.input({
              message: t.docNumber,
              ...(s.docNumber ? { default: s.docNumber } : {}),
              // Refused in place unless empty, right, or fixable with one question below.
              validate: (v) => {
                if (v.trim() === '') return true;
                const problem = checkDocNumber(v);
                return !problem || problem.fixed !== undefined || msg(problem.code, problem.params);
              },
            })
          ).trim();
          const problem = typed === '' ? undefined : checkDocNumber(typed);
          if (!problem?.fixed) {
            s.docNumber = typed;
            return;
          }
          const fixed = problem.fixed;
          const convert = await prompter.confirm({
            message: `${msg(problem.code, problem.params)}${say(t.convert, { fixed })}`,
            default: true,
          });
          if (convert) {
            s.docNumber = fixed;
            return;
          }
          s.docNumber = typed;
        }
      },
      show: () => s.docNumber || t.none,
    },
    {
      key: 'units',
      label: t.units,
      ask: async () => {
        s.unitIds = await prompter.checkbox({
          message: t.units,
          choices: starter.units.map((u) => ({
            name: fillText(u.name, vars(s)),
            value: u.id,
            checked: s.unitIds.includes(u.id),
          })),
        });
        const extra = splitNames(
          await prompter.input({
            message: t.custom,
            ...(s.custom.length ? { default: s.custom.map((u) => u.name).join('、') } : {}),
            validate: (v) =>
              s.unitIds.length > 0 || splitNames(v).length > 0 || msg('FG7109', { flag: t.units }),
          }),
        );
        // Units named before keep their ids, so leads chosen for them stay valid.
        const kept = s.custom.filter((u) => extra.includes(u.name));
        const added = customUnits(
          extra.filter((name) => !kept.some((u) => u.name === name)),
          [...starter.units.map((u) => u.id), ...kept.map((u) => u.id)],
        );
        s.custom = extra.map((name) => [...kept, ...added].find((u) => u.name === name)!);
      },
      show: () => list(allUnits(s).map((u) => u.name)),
    },
    {
      key: 'goals',
      label: t.goals,
      ask: async () => {
        s.goals = await prompter.checkbox({
          message: t.goals,
          choices: starter.goals.map((g) => ({
            name: `${g.id} ${fillText(g.text, vars(s))}`,
            value: g.id,
            checked: s.goals.includes(g.id),
          })),
          validate: (v) => v.length > 0 || msg('FG7109', { flag: t.goals }),
        });
      },
      show: () => list(s.goals),
    },
    {
      key: 'indicators',
      label: t.indicators,
      ask: async () => {
        const offered = goalIndicators(s);
        const first = s.offered.length === 0;
        s.indicators =
          offered.length === 0
            ? []
            : await prompter.checkbox({
                message: t.indicators,
                choices: offered.map((i) => ({
                  name: `${fillText(i.name, vars(s))}${i.unit ? `（${i.unit}）` : ''}`,
                  value: i.id,
                  // New goals bring their indicators in checked; earlier choices stay.
                  checked:
                    first && !seed.indicators
                      ? true
                      : s.indicators.includes(i.id) || (!first && !s.offered.includes(i.id)),
                })),
              });
        s.offered = offered.map((i) => i.id);
        for (const id of Object.keys(s.values)) if (!s.indicators.includes(id)) delete s.values[id];
        if (
          s.indicators.length > 0 &&
          (await prompter.confirm({ message: t.values, default: false }))
        )
          await askValues();
      },
      stale: () =>
        goalIndicators(s)
          .map((i) => i.id)
          .join() !== s.offered.join(),
      show: () =>
        list(
          goalIndicators(s)
            .filter((i) => s.indicators.includes(i.id))
            .map((i) => fillText(i.name, vars(s))),
        ),
    },
    {
      key: 'measures',
      label: t.measures,
      ask: async () => {
        const preset = measuresAsked
          ? s.measureIds
          : (seed.measures ?? measuresForGoals(starter, s.goals));
        measuresAsked = true;
        s.measureIds = await prompter.checkbox({
          message: t.measures,
          choices: starter.measures.map((m) => ({
            name: `${m.id} ${m.area ? `［${m.area}］` : ''}${fillText(m.title, vars(s))}`,
            value: m.id,
            checked: preset.includes(m.id),
          })),
          validate: measuresCheck(s),
        });
      },
      stale: () => measuresCheck(s)(s.measureIds) !== true,
      show: () => list(s.measureIds),
    },
    {
      key: 'leads',
      label: t.leads,
      ask: async (_, again) => {
        // Asked again after a change: the review decision stands, only the answers are redone.
        if (!again)
          s.review =
            chosenMeasures(s).length > 0 &&
            (await prompter.confirm({ message: t.perMeasure, default: true }));
        if (!s.review) return;
        const units = allUnits(s);
        for (const m of chosenMeasures(s)) {
          const label = { id: m.id, title: fillText(m.title, vars(s)) };
          const previous = s.leads[m.id];
          s.leads[m.id] = await prompter.select({
            message: say(t.lead, label),
            choices: units.map((u) => ({ name: u.name, value: u.id })),
            default:
              previous && units.some((u) => u.id === previous) ? previous : defaultLead(s, m),
          });
          const deadline = s.deadlines[m.id];
          s.deadlines[m.id] = (
            await prompter.input({
              message: say(t.deadline, label),
              default:
                deadline && inPeriod(s, deadline)
                  ? deadline
                  : (seed.deadlines?.[m.id] ?? defaultDeadline(m, { start: s.start, end: s.end })),
              validate: isDate(
                t.deadlineField,
                (v) =>
                  inPeriod(s, v) ||
                  msg('FG7108', { measure: m.id, date: v, start: s.start, end: s.end }),
              ),
            })
          ).trim();
        }
      },
      // Reviewed answers that no longer fit (a unit dropped, the period moved) are asked again.
      stale: () =>
        s.review &&
        chosenMeasures(s).some((m) => {
          const lead = s.leads[m.id];
          const deadline = s.deadlines[m.id];
          return (
            lead === undefined ||
            !allUnits(s).some((u) => u.id === lead) ||
            deadline === undefined ||
            !inPeriod(s, deadline)
          );
        }),
      show: () => (s.review ? t.review : t.defaults),
    },
  ];

  async function askValues(): Promise<void> {
    const asNumber = (v: string) => Number(v.trim());
    const numeric: Check<string> = (v) =>
      (v.trim() !== '' && Number.isFinite(asNumber(v))) || t.number;
    for (const i of goalIndicators(s).filter((x) => s.indicators.includes(x.id))) {
      const unit = i.unit ? `（${i.unit}）` : '';
      const name = fillText(i.name, vars(s));
      const asked = s.values[i.id];
      const percentRange: Check<string> = (v) =>
        i.unit !== '%' ||
        (asNumber(v) >= 0 && asNumber(v) <= 100) ||
        msg('FG7010', { field: name, min: 0, max: 100 });
      const baselineDefault = asked?.baseline ?? i.baseline;
      const baselineText = await prompter.input({
        message: say(t.baseline, { name, unit }),
        ...(baselineDefault !== undefined ? { default: String(baselineDefault) } : {}),
        validate: (v) =>
          (v.trim() === '' && i.baseline === undefined) ||
          (numeric(v) === true ? percentRange(v) : numeric(v)),
      });
      const baseline = baselineText.trim() === '' ? undefined : asNumber(baselineText);
      const target = asNumber(
        await prompter.input({
          message: say(t.target, { name, unit }),
          default: String(asked?.target ?? i.target),
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
      s.values[i.id] = { ...(baseline !== undefined ? { baseline } : {}), target };
    }
  }

  for (const step of steps) await step.ask(s);
  for (;;) {
    const colon = lang === 'en' ? ': ' : '：';
    const lines = steps.map((step) => `  ${step.label}${colon}${step.show(s)}`);
    const choice = await prompter.select<string>({
      message: `${say(t.summary, { file })}\n${lines.join('\n')}\n`,
      choices: [
        { name: t.write, value: 'write' },
        ...steps.map((step) => ({ name: say(t.edit, { label: step.label }), value: step.key })),
        { name: t.discard, value: 'discard' },
      ],
      default: 'write',
    });
    if (choice === 'write') break;
    if (choice === 'discard') throw new WizardDiscarded(msg('FG7236'));
    const index = steps.findIndex((step) => step.key === choice);
    await steps[index]!.ask(s);
    // Later answers that the change made impossible are asked again, in order.
    for (const later of steps.slice(index + 1)) if (later.stale?.(s)) await later.ask(s, true);
  }

  const period = { start: s.start, end: s.end };
  const leads: Record<string, string> = {};
  const deadlines: Record<string, IsoDate> = {};
  for (const m of chosenMeasures(s)) {
    leads[m.id] = s.review ? s.leads[m.id]! : defaultLead(s, m);
    deadlines[m.id] = s.review
      ? s.deadlines[m.id]!
      : (seed.deadlines?.[m.id] ?? defaultDeadline(m, period));
  }
  return {
    town: s.town,
    ...(s.county ? { county: s.county } : {}),
    issuer: s.issuer,
    period,
    date: s.date,
    ...(s.docNumber ? { docNumber: s.docNumber } : {}),
    units: s.unitIds,
    customUnits: s.custom,
    goals: s.goals,
    indicators: s.indicators,
    measures: s.measureIds,
    leads,
    deadlines,
    values: s.values,
  };
}
