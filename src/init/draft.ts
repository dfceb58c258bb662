/**
 * Drafting a work plan from a starter and a set of answers (pure: no I/O). `resolveDraft` turns
 * answers into a complete `Plan` or a list of problems; `draftPlan` prints that plan as
 * commented YAML. Whatever comes out validates: dates inside the period, references resolved,
 * every chosen goal served by a chosen measure.
 */
import { Document, isMap, isScalar, isSeq, Scalar, visit } from 'yaml';
import type { Node } from 'yaml';
import type { Goal, Indicator, IsoDate, Measure, Phase, Plan, Unit } from '../model/types.js';
import {
  addDays,
  daysBetween,
  isIsoDate,
  minDate,
  monthEnd,
  monthsTouched,
  parts,
} from '../model/calendar.js';
import type { Starter, StarterMeasure, StarterPhase } from './starter.js';
import { convertKeys } from '../validate/keys-format.js';

export interface InitAnswers {
  /** 乡镇名称, e.g. 某某镇 (a name ending in 乡 turns {place} into 乡). */
  town: string;
  /** 所属县（区）; with it the region reads `<county><town>`. */
  county?: string;
  /** 发文机关; default `<town>人民政府`. */
  issuer?: string;
  period: { start: IsoDate; end: IsoDate };
  /** 成文日期; default the period start. */
  date?: IsoDate;
  docNumber?: string;
  /** Starter unit ids; default: the units the chosen measures name as lead or support. */
  units?: string[];
  /** Units that are not in the starter. */
  customUnits?: Unit[];
  /** Starter goal ids; default: the goals marked `default` (all when none is). */
  goals?: string[];
  /** Indicator ids; default: every indicator of the chosen goals. */
  indicators?: string[];
  /** Measure ids; default: measures that serve a chosen goal (or no goal in particular). */
  measures?: string[];
  /** Lead unit per measure id; default the starter's when chosen, else the first chosen unit. */
  leads?: Record<string, string>;
  /** Deadline per measure id; default the starter's month scaled to the period. */
  deadlines?: Record<string, IsoDate>;
  /** Baseline / target per indicator id; default the starter's. */
  values?: Record<string, { baseline?: number; target?: number }>;
}

/** A reason the answers cannot make a valid plan: a catalogue code plus its parameters. */
export interface AnswerProblem {
  code: string;
  params: Record<string, string | number>;
}

export interface ResolvedDraft {
  plan: Plan;
  /** Indicator id -> background figures, emitted as a comment. */
  references: Record<string, string>;
  /** Measure id -> domain area, emitted as a comment. */
  areas: Record<string, string>;
}

/** “镇” or “乡”, from the last character of the town name. */
export const placeOf = (town: string): string => (town.trim().endsWith('乡') ? '乡' : '镇');

export function fillText(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** Goals pre-selected when the user names none. */
export const defaultGoalIds = (starter: Starter): string[] => {
  const marked = starter.goals.filter((g) => g.default);
  return (marked.length > 0 ? marked : starter.goals).map((g) => g.id);
};

/** Units pre-checked in the wizard. */
export const defaultUnitIds = (starter: Starter): string[] => {
  const marked = starter.units.filter((u) => u.default);
  return (marked.length > 0 ? marked : starter.units).map((u) => u.id);
};

/** Measures that serve one of `goals`, or no goal in particular. */
export const measuresForGoals = (starter: Starter, goals: readonly string[]): string[] =>
  starter.measures
    .filter((m) => !m.goals || m.goals.length === 0 || m.goals.some((g) => goals.includes(g)))
    .map((m) => m.id);

/** The starter's deadline month (of 12) scaled to the real period, at that month's end. */
export function defaultDeadline(
  measure: Pick<StarterMeasure, 'deadline_month'>,
  period: { start: IsoDate; end: IsoDate },
): IsoDate {
  const months = monthsTouched(period.start, period.end);
  const k = Math.min(months, Math.max(1, Math.round((measure.deadline_month / 12) * months)));
  return minDate(monthEnd(period.start, k - 1), period.end);
}

/**
 * Spreads the phase template over the period: whole months when there are enough, else days.
 * Phases are contiguous, in order, and the last ends on the period end.
 */
export function scheduleFor(
  phases: readonly StarterPhase[],
  period: { start: IsoDate; end: IsoDate },
): Phase[] {
  const months = monthsTouched(period.start, period.end);
  const days = daysBetween(period.start, period.end) + 1;
  const byMonth = months >= phases.length;
  const slots = byMonth ? months : days;
  const used = phases.slice(0, Math.min(phases.length, slots));
  if (used.length === 0) return [];
  const total = used.reduce((sum, p) => sum + p.months, 0);
  // Cumulative boundaries, strictly increasing, leaving room for the phases still to come.
  const bounds: number[] = [];
  let cumulative = 0;
  used.forEach((p, i) => {
    cumulative += p.months;
    const ideal = Math.round((cumulative / total) * slots);
    const previous = bounds[i - 1] ?? 0;
    bounds.push(Math.min(slots - (used.length - 1 - i), Math.max(previous + 1, ideal)));
  });
  bounds[bounds.length - 1] = slots;
  let start = period.start;
  return used.map((p, i) => {
    const bound = bounds[i]!;
    const end =
      i === used.length - 1
        ? period.end
        : byMonth
          ? monthEnd(period.start, bound - 1)
          : addDays(period.start, bound - 1);
    const phase: Phase = { phase: p.phase, start, end };
    if (p.tasks && p.tasks.length > 0) phase.tasks = [...p.tasks];
    start = addDays(end, 1);
    return phase;
  });
}

/** Checks the answers against the starter and builds the plan. */
export function resolveDraft(
  answers: InitAnswers,
  starter: Starter,
): { draft?: ResolvedDraft; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const problem = (code: string, params: Record<string, string | number> = {}) =>
    problems.push({ code, params });

  const town = answers.town.trim();
  if (town === '') problem('FG7114', { field: '--town' });
  const { start, end } = answers.period;
  if (!isIsoDate(start)) problem('FG7104', { flag: '--period', value: start });
  if (!isIsoDate(end)) problem('FG7104', { flag: '--period', value: end });
  if (answers.date !== undefined && !isIsoDate(answers.date))
    problem('FG7104', { flag: '--date', value: answers.date });
  if (problems.length > 0) return { problems };
  if (end < start) return { problems: [{ code: 'FG7105', params: { start, end } }] };
  // 成文日期 falls inside the period; a 发文字号 is written the GB/T 9704 way.
  if (answers.date !== undefined && (answers.date < start || answers.date > end))
    problem('FG7230', { date: answers.date, start, end });
  const docProblem = answers.docNumber?.trim() ? checkDocNumber(answers.docNumber) : undefined;
  if (docProblem) problem(docProblem.code, docProblem.params);
  const period = { start, end };

  const issuer = answers.issuer?.trim() || `${town}人民政府`;
  const vars = {
    town,
    place: placeOf(town),
    issuer,
    year: String(parts(start).year),
    end_year: String(parts(end).year),
  };
  const fill = (text: string) => fillText(text, vars);

  const pick = (flag: string, asked: readonly string[], known: readonly string[]) => {
    for (const id of asked)
      if (!known.includes(id)) problem('FG7102', { flag, value: id, choices: known.join(',') });
    return known.filter((id) => asked.includes(id)); // starter order, no duplicates
  };

  // Goals and their indicators.
  const goalIds = pick(
    '--goals',
    answers.goals ?? defaultGoalIds(starter),
    starter.goals.map((g) => g.id),
  );
  if (goalIds.length === 0 && answers.goals !== undefined) problem('FG7109', { flag: '--goals' });
  const chosenGoals = starter.goals.filter((g) => goalIds.includes(g.id));
  const goalIndicators = chosenGoals.flatMap((g) => g.indicators ?? []);
  const allIndicators = starter.goals.flatMap((g) => g.indicators ?? []).map((i) => i.id);
  let indicatorIds = goalIndicators.map((i) => i.id);
  if (answers.indicators !== undefined) {
    for (const id of answers.indicators) {
      if (!allIndicators.includes(id))
        problem('FG7102', { flag: '--indicators', value: id, choices: indicatorIds.join(',') });
      else if (!indicatorIds.includes(id)) problem('FG7115', { flag: '--indicators', value: id });
    }
    indicatorIds = indicatorIds.filter((id) => answers.indicators!.includes(id));
  }

  // Measures, and every chosen goal served by at least one of them.
  const measureIds = pick(
    '--measures',
    answers.measures ?? measuresForGoals(starter, goalIds),
    starter.measures.map((m) => m.id),
  );
  if (measureIds.length === 0) problem('FG7109', { flag: '--measures' });
  const chosenMeasures = starter.measures.filter((m) => measureIds.includes(m.id));
  for (const g of chosenGoals) {
    if (!chosenMeasures.some((m) => m.goals?.includes(g.id))) {
      const serving = starter.measures.filter((m) => m.goals?.includes(g.id)).map((m) => m.id);
      problem('FG7106', { goal: g.id, measures: serving.join(',') || '-' });
    }
  }

  // Units: the ones asked for, or the ones the measures use.
  const starterUnitIds = starter.units.map((u) => u.id);
  const customUnits = answers.customUnits ?? [];
  for (const u of customUnits) {
    if (starterUnitIds.includes(u.id) || customUnits.filter((c) => c.id === u.id).length > 1)
      problem('FG7007', { id: u.id });
    if (u.name.trim() === '') problem('FG7114', { field: '--units' });
  }
  const knownUnitIds = [...starterUnitIds, ...customUnits.map((u) => u.id)];
  const leadsAsked = answers.leads ?? {};
  let unitIds: string[];
  if (answers.units !== undefined) {
    unitIds = pick('--units', answers.units, starterUnitIds);
  } else {
    const used = new Set<string>();
    for (const m of chosenMeasures) {
      used.add(leadsAsked[m.id] ?? m.lead);
      m.support?.forEach((u) => used.add(u));
    }
    unitIds = starterUnitIds.filter((id) => used.has(id));
  }
  unitIds = [...unitIds, ...customUnits.map((u) => u.id)];
  if (unitIds.length === 0) problem('FG7109', { flag: '--units' });

  const leadOf = (m: StarterMeasure): string => {
    const asked = leadsAsked[m.id];
    if (asked !== undefined) {
      if (!unitIds.includes(asked))
        problem(knownUnitIds.includes(asked) ? 'FG7107' : 'FG7102', {
          measure: m.id,
          unit: asked,
          flag: 'lead',
          value: asked,
          choices: unitIds.join(','),
        });
      return asked;
    }
    return unitIds.includes(m.lead) ? m.lead : (unitIds[0] ?? m.lead);
  };
  const deadlineOf = (m: StarterMeasure): IsoDate => {
    const asked = answers.deadlines?.[m.id];
    if (asked === undefined) return defaultDeadline(m, period);
    if (!isIsoDate(asked)) problem('FG7104', { flag: `deadline ${m.id}`, value: asked });
    else if (asked < start || asked > end)
      problem('FG7108', { measure: m.id, date: asked, start, end });
    return asked;
  };

  // Objects are built in the key order the YAML should show.
  const measures: Measure[] = chosenMeasures.map((m) => {
    const lead = leadOf(m);
    // A starter lead that was replaced still helps: it moves to the front of the supporters.
    const support = [m.lead, ...(m.support ?? [])].filter(
      (u, i, all) => unitIds.includes(u) && u !== lead && all.indexOf(u) === i,
    );
    const goals = (m.goals ?? []).filter((g) => goalIds.includes(g));
    const indicators = (m.indicators ?? []).filter((i) => indicatorIds.includes(i));
    return {
      id: m.id,
      title: fill(m.title),
      ...(m.description ? { description: fill(m.description) } : {}),
      ...(m.actions?.length ? { actions: m.actions.map(fill) } : {}),
      lead,
      ...(support.length > 0 ? { support } : {}),
      deadline: deadlineOf(m),
      ...(goals.length > 0 ? { goals } : {}),
      ...(indicators.length > 0 ? { indicators } : {}),
    };
  });

  const references: Record<string, string> = {};
  const goals: Goal[] = chosenGoals.map((g) => {
    const goal: Goal = { id: g.id, text: fill(g.text) };
    const indicators: Indicator[] = (g.indicators ?? [])
      .filter((i) => indicatorIds.includes(i.id))
      .map((i) => {
        const asked = answers.values?.[i.id] ?? {};
        const baseline = asked.baseline ?? i.baseline;
        const indicator: Indicator = {
          id: i.id,
          name: fill(i.name),
          ...(i.unit ? { unit: i.unit } : {}),
          ...(baseline !== undefined ? { baseline } : {}),
          target: asked.target ?? i.target,
          direction: i.direction,
          deadline: end,
        };
        if (i.reference) references[i.id] = fill(i.reference);
        checkIndicator(indicator, problem);
        return indicator;
      });
    if (indicators.length > 0) goal.indicators = indicators;
    return goal;
  });

  if (problems.length > 0) return { problems };

  const unitsById = new Map(starter.units.map((u) => [u.id, u]));
  const units: Unit[] = unitIds.map((id) => {
    const custom = customUnits.find((u) => u.id === id);
    return custom ? { id, name: custom.name.trim() } : { id, name: fill(unitsById.get(id)!.name) };
  });
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;

  const plan: Plan = {
    kind: 'plan',
    title: fill(starter.title),
    issuer,
    date: answers.date ?? start,
    period,
    units,
    goals,
    measures,
  };
  // Key order of the YAML follows the order of the document; rebuild in that order below.
  if (answers.docNumber?.trim()) plan.doc_number = answers.docNumber.trim();
  plan.region = `${answers.county?.trim() ?? ''}${town}`;
  if (starter.background) plan.background = fill(starter.background).trimEnd() + '\n';
  if (starter.requirements?.length) plan.requirements = starter.requirements.map(fill);
  if (starter.organization) {
    const o = starter.organization;
    const officeUnit =
      o.office_unit && unitIds.includes(o.office_unit) ? o.office_unit : unitIds[0]!;
    const members = units.map((u) => {
      const starterUnit = unitsById.get(u.id);
      return starterUnit?.member ? fill(starterUnit.member) : `${u.name}主要负责人`;
    });
    plan.organization = {
      leading_group: {
        leader: fill(o.leader),
        ...(o.deputies?.length ? { deputies: o.deputies.map(fill) } : {}),
        members,
      },
      office: `领导小组下设办公室，办公室设在${unitName(officeUnit)}${
        o.office_duty ? `，${fill(o.office_duty).replace(/。$/, '')}` : ''
      }。`,
    };
  }
  if (starter.schedule?.length)
    plan.schedule = scheduleFor(
      starter.schedule.map((p) => ({
        ...p,
        phase: fill(p.phase),
        tasks: p.tasks?.map(fill) ?? [],
      })),
      period,
    );
  if (starter.safeguards?.length)
    plan.safeguards = starter.safeguards.map((s) => ({ title: fill(s.title), text: fill(s.text) }));
  if (starter.outcomes?.length) plan.outcomes = starter.outcomes.map(fill);
  if (starter.assessment) plan.assessment = fill(starter.assessment);
  if (starter.attachments?.length)
    plan.attachments = starter.attachments.map((a) => ({
      title: fill(a.title),
      ...(a.table ? { table: a.table } : {}),
      ...(a.text ? { text: fill(a.text) } : {}),
    }));

  const areas: Record<string, string> = {};
  for (const m of chosenMeasures) if (m.area) areas[m.id] = m.area;
  return { draft: { plan, references, areas }, problems };
}

function checkIndicator(
  i: Indicator,
  problem: (code: string, params: Record<string, string | number>) => void,
): void {
  if (i.unit === '%') {
    for (const [key, v] of [
      ['baseline', i.baseline],
      ['target', i.target],
    ] as const) {
      if (v !== undefined && (v < 0 || v > 100))
        problem('FG7010', { field: `${i.id}.${key}`, min: 0, max: 100 });
    }
  }
  if (i.baseline === undefined) return;
  const agrees = i.direction === 'increase' ? i.target > i.baseline : i.target < i.baseline;
  if (!agrees)
    problem('FG7009', {
      id: i.id,
      target: i.target,
      direction: i.direction,
      baseline: i.baseline,
    });
}

/** Top-level keys in document order, each with the short Chinese note written above it. */
const SECTION_NOTES: Array<[keyof Plan, string]> = [
  ['kind', ' 文件类型：工作方案（请勿修改）'],
  ['title', ' 标题'],
  ['issuer', ' 发文机关（制定单位）'],
  ['doc_number', ' 发文字号（可删除）'],
  ['date', ' 成文日期，格式 YYYY-MM-DD'],
  ['region', ' 行政区域'],
  ['period', ' 实施周期：完成时限、实施步骤都要落在这个范围内'],
  ['units', ' 责任单位：重点工作的 lead（牵头单位）和 support（配合单位）填这里的 id'],
  ['background', ' 一、背景与目的：请按本地实际改写，段落之间空一行'],
  ['requirements', ' 总体要求：每条一段'],
  [
    'goals',
    ' 工作目标与量化指标：baseline 基线值、target 目标值请按本地监测数据修改；\n direction 为 increase（提高）或 decrease（降低）',
  ],
  ['organization', ' 组织领导：领导小组与办公室'],
  [
    'measures',
    ' 重点工作及措施：actions 为具体做法，lead 牵头单位，support 配合单位，\n deadline 完成时限，goals / indicators 为所对应的目标和指标',
  ],
  ['schedule', ' 实施步骤：各阶段按时间先后排列，首尾相接'],
  ['safeguards', ' 保障措施'],
  ['outcomes', ' 预期成效'],
  ['assessment', ' 考核评估'],
  ['attachments', ' 附件：table: measures 会自动生成重点任务分工表'],
];

export interface DraftOptions {
  /** `$schema` reference for editors; default the path inside an npm install. */
  schemaRef?: string;
  /** Name of the starter, mentioned in the header comment. */
  starterName?: string;
  /** `zh`: Chinese keys and values (`标题:`, `方向: 提高`), as `fangan init --keys zh` writes. */
  keys?: 'zh' | 'en';
}

/** The section notes that name English keys, worded for a plan written with Chinese keys. */
const CHINESE_KEY_NOTES: Record<string, string> = {
  units: ' 责任单位：重点工作的牵头单位、配合单位填这里的编号',
  goals: ' 工作目标与量化指标：基线值、目标值请按本地监测数据修改；\n 方向为 提高 或 降低',
  measures:
    ' 重点工作及措施：具体措施写具体做法，牵头单位、配合单位填单位编号，\n 完成时限写 YYYY-MM-DD，工作目标、指标填所对应的目标和指标编号',
  attachments: ' 附件：表格: 任务分工表 会自动生成重点任务分工表',
};

/** Prints a resolved plan as commented YAML. */
export function planToYaml(draft: ResolvedDraft, options: DraftOptions = {}): string {
  const { plan, references, areas } = draft;
  const ordered: Record<string, unknown> = {};
  for (const [key] of SECTION_NOTES) if (plan[key] !== undefined) ordered[key] = plan[key];
  const doc = new Document(ordered);

  const schemaRef = options.schemaRef ?? 'node_modules/fangan/schemas/plan.schema.json';
  doc.commentBefore =
    ` yaml-language-server: $schema=${schemaRef}\n` +
    ` 由 fangan init 起草${options.starterName ? `（素材：${options.starterName}）` : ''}。` +
    '请逐项核对修改，然后运行 fangan validate 检查。';

  const root = doc.contents;
  if (!isMap(root)) throw new Error('draft root is not a mapping');
  root.items.forEach((pair, index) => {
    const key = pair.key as Scalar;
    const note =
      (options.keys === 'zh' ? CHINESE_KEY_NOTES[String(key.value)] : undefined) ??
      SECTION_NOTES.find(([k]) => k === key.value)?.[1];
    if (note) key.commentBefore = note;
    if (
      index > 0 &&
      [
        'units',
        'background',
        'goals',
        'organization',
        'measures',
        'schedule',
        'safeguards',
        'outcomes',
        'attachments',
        'requirements',
        'assessment',
      ].includes(String(key.value))
    )
      key.spaceBefore = true;
    if (key.value === 'background' && isScalar(pair.value)) pair.value.type = Scalar.BLOCK_LITERAL;
  });
  // Short lists and small records read best on one line.
  const flow = (node: unknown) => {
    if (isMap(node) || isSeq(node)) node.flow = true;
  };
  flow(root.get('period', true));
  const units = root.get('units', true);
  if (isSeq(units)) units.items.forEach(flow);
  const attachments = root.get('attachments', true);
  if (isSeq(attachments)) attachments.items.forEach(flow);
  const measures = root.get('measures', true);
  if (isSeq(measures)) {
    let previousArea: string | undefined;
    for (const item of measures.items) {
      if (!isMap(item)) continue;
      for (const key of ['support', 'goals', 'indicators']) flow(item.get(key, true));
      const id = item.get('id');
      const area = typeof id === 'string' ? areas[id] : undefined;
      // One heading comment per domain area, above its first measure.
      if (area && area !== previousArea) item.commentBefore = ` ${area}`;
      previousArea = area;
    }
  }
  const goals = root.get('goals', true);
  if (isSeq(goals)) {
    for (const goal of goals.items) {
      const indicators = isMap(goal) ? goal.get('indicators', true) : undefined;
      if (!isSeq(indicators)) continue;
      for (const ind of indicators.items) {
        if (!isMap(ind)) continue;
        const id = ind.get('id');
        const reference = typeof id === 'string' ? references[id] : undefined;
        if (reference) ind.commentBefore = ` ${reference}`;
      }
    }
  }
  // Dates and ids stay plain; the yaml printer quotes anything that would not read back as text.
  visit(doc, {
    Scalar(_, node: Node) {
      if (isScalar(node) && typeof node.value === 'string' && node.value.includes('\n'))
        node.type = Scalar.BLOCK_LITERAL;
    },
  });
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: true });
  return options.keys === 'zh'
    ? (convertKeys(text, 'zh', { file: 'plan.yaml' }).text ?? text)
    : text;
}

/**
 * Drafts the plan as YAML text. Answers must have been checked with `resolveDraft` (or come from
 * the wizard, which checks as it asks); problems here are a bug, so they throw.
 */
export function draftPlan(
  answers: InitAnswers,
  starter: Starter,
  options: DraftOptions = {},
): string {
  const { draft, problems } = resolveDraft(answers, starter);
  if (!draft)
    throw new Error(`draftPlan: answers do not fit the starter: ${JSON.stringify(problems)}`);
  return planToYaml(draft, { starterName: starter.name, ...options });
}

/** A 发文字号 that is not written the GB/T 9704 way, and the fix when one can be made. */
export interface DocNumberProblem extends AnswerProblem {
  /** The same number written correctly, when only brackets, digits or zeros were wrong. */
  fixed?: string;
}

// Escaped for a character class.
const OPEN_BRACKETS = '〔\\[［【(（〈<';
const CLOSE_BRACKETS = '〕\\]］】)）〉>';
const toAsciiDigits = (text: string): string =>
  text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/**
 * Checks a 发文字号 such as 青政发〔2025〕3号: an issuer's code, the year in full inside 〔〕,
 * and the number without leading zeros, then 号 (GB/T 9704-2012, 7.2.4). Square, lenticular
 * or round brackets and full-width digits are problems with a ready fix.
 */
export function checkDocNumber(value: string): DocNumberProblem | undefined {
  const text = value.trim();
  const match = new RegExp(
    `^(\\S+?)\\s*([${OPEN_BRACKETS}])\\s*([0-9０-９]+)\\s*([${CLOSE_BRACKETS}])\\s*([0-9０-９]+)\\s*号$`,
    'u',
  ).exec(text);
  const example = '青政发〔2025〕3号';
  if (!match) return { code: 'FG7232', params: { value: text, example } };
  const [, prefix = '', open, yearText = '', close, numberText = ''] = match;
  const year = toAsciiDigits(yearText);
  if (!/^\d{4}$/.test(year)) return { code: 'FG7233', params: { value: text } };
  const digits = toAsciiDigits(numberText);
  const number = digits.replace(/^0+(?=\d)/, '');
  if (number === '0') return { code: 'FG7232', params: { value: text, example } };
  const fixed = `${prefix}〔${year}〕${number}号`;
  if (fixed === text) return undefined;
  if (digits !== number) return { code: 'FG7234', params: { value: text, fixed }, fixed };
  if (open !== '〔' || close !== '〕')
    return { code: 'FG7231', params: { value: text, fixed }, fixed };
  // Full-width digits or stray spaces only.
  return { code: 'FG7235', params: { value: text, fixed }, fixed };
}
