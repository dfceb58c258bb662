/**
 * The plan view: what `plan.md.hbs` (built in or a user's) gets to see. It is the validated plan
 * plus everything a template should not have to work out: section numbers that stay continuous
 * when optional sections are left out, unit names instead of ids, Chinese dates and deadlines,
 * numbering markers, the task-assignment table and the attachment note.
 *
 * Text that comes from the plan file stays plain text here (tidied: wraps joined, sentences
 * ended with `。`); templates print it through the escaping helpers `inline`, `block` and `cell`,
 * the one convention all our templates share. Values the view makes up itself (markers, Chinese
 * dates, numbers) contain no Markdown syntax. Connective wording ("由…任组长") lives in the
 * template, not here, so offices can change it.
 */
import type { Attachment, Goal, Indicator, Measure, Plan } from './types.js';
import {
  formatDateZh,
  formatDeadlineZh,
  formatPeriodZh,
  headingMarker,
  isEndOfMonth,
} from './chinese.js';
import { singleLine, splitParagraphs } from '../template/escape.js';

export interface TextSection {
  /** e.g. `一、背景与目的` */
  heading: string;
  paragraphs: string[];
}

export interface NumberedText {
  number: number;
  /** Numbering marker, e.g. `1.` or `（1）` or `（一）`. */
  marker: string;
  /** The text, ending with sentence punctuation. */
  text: string;
}

export interface IndicatorView {
  id: string;
  name: string;
  unit: string;
  baseline: string | null;
  target: string;
  direction: 'increase' | 'decrease';
  /** e.g. `2025年12月底前`, or null. */
  deadline: string | null;
  /** One clause: `居民健康素养水平由18.5%提高到25%以上（2025年12月底前）`. */
  text: string;
}

export interface GoalView {
  id: string;
  number: number;
  /** `1.` */
  marker: string;
  /** The goal, ending with `。`. */
  text: string;
  indicators: IndicatorView[];
  /** The indicator clauses joined by `；`, ending with `。`; null without indicators. */
  indicatorText: string | null;
}

export interface AimsSection {
  /** `二、总体要求和工作目标`, or `二、工作目标` / `二、总体要求` when only one part is there. */
  heading: string;
  /** Sub-heading `（一）总体要求` when both parts are there, else null. */
  requirementsHeading: string | null;
  requirements: string[];
  /** Sub-heading `（二）工作目标` when both parts are there, else null. */
  goalsHeading: string | null;
  goals: GoalView[];
}

export interface LeadingGroupView {
  leader: string;
  /** Joined with `、`, or null. */
  deputies: string | null;
  members: string | null;
}

export interface OrganizationSection {
  heading: string;
  leadingGroup: LeadingGroupView | null;
  office: string[];
  paragraphs: string[];
}

export interface MeasureView {
  id: string;
  number: number;
  /** `（一）` */
  marker: string;
  title: string;
  description: string[];
  /** Numbered `（1）`, `（2）` … */
  actions: NumberedText[];
  /** Name of the lead unit. */
  lead: string;
  /** Names of the supporting units joined with `、`, or null. */
  support: string | null;
  /** e.g. `2025年6月底前` */
  deadline: string;
  /** Ids of the goals this measure serves. */
  goals: string[];
}

export interface MeasureGroupView {
  /** `（一）` */
  marker: string;
  /** The goal text without its final `。`, or `其他重点工作` for measures serving no goal. */
  title: string;
  goalId: string | null;
  /** Within the group the measures are numbered `1.`, `2.` … */
  measures: { marker: string; measure: MeasureView }[];
}

export interface MeasuresSection {
  heading: string;
  /** The measures in file order, numbered `（一）`, `（二）` … */
  items: MeasureView[];
  /** The same measures grouped by the first goal they serve (goal order; ungrouped last). */
  byGoal: MeasureGroupView[];
}

export interface PhaseView {
  number: number;
  marker: string;
  name: string;
  /** `2025年1月1日至2月28日` */
  period: string;
  tasks: NumberedText[];
}

export interface SafeguardView {
  number: number;
  marker: string;
  title: string;
  paragraphs: string[];
}

export interface TaskRow {
  number: number;
  task: string;
  lead: string;
  support: string;
  deadline: string;
}

export interface TaskTable {
  /** Relative column widths for `<!-- fangan:table widths=… -->`. */
  widths: string;
  header: string[];
  rows: TaskRow[];
}

export interface AttachmentView {
  number: number;
  /** `附件1` */
  label: string;
  title: string;
  /** The task-assignment table when the attachment asks for it. */
  table: TaskTable | null;
  paragraphs: string[];
}

export interface PlanView {
  title: string;
  docNumber: string | null;
  issuer: string;
  /** Date of the document, `2025年1月15日`. */
  date: string;
  region: string | null;
  period: { start: string; end: string; text: string; endMonth: string };
  sections: {
    background: TextSection | null;
    aims: AimsSection | null;
    organization: OrganizationSection | null;
    measures: MeasuresSection | null;
    schedule: { heading: string; phases: PhaseView[] } | null;
    safeguards: { heading: string; items: SafeguardView[] } | null;
    outcomes: { heading: string; items: NumberedText[] } | null;
    assessment: TextSection | null;
  };
  taskTable: TaskTable;
  attachments: AttachmentView[];
  /** Lines of the `附件：1.…` note, already indented with full-width spaces; empty without attachments. */
  attachmentNote: string[];
}

// CJK ideographs and full-width punctuation. YAML folds a wrapped plain scalar with a space, which
// between two Chinese characters is never meant: it would show as a gap in the document.
const CJK = '\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff00-\\uffef';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])[ \\t]+(?=[${CJK}])`, 'g');

/** One line of plain text: wraps joined, stray spaces between Chinese characters removed. */
export const line = (text: string): string => singleLine(text).replace(SPACE_BETWEEN_CJK, '');

/** Plain text -> tidied paragraphs. */
export const paragraphs = (text: string): string[] =>
  splitParagraphs(text).map((p) => p.replace(SPACE_BETWEEN_CJK, ''));

const SENTENCE_END = /[。！？!?]$/;
const SOFT_END = /[；;，,、.：:]$/;

/** Ends a piece of text with `。` unless it already ends a sentence; a trailing `；` or `，` becomes `。`. */
export function asSentence(text: string): string {
  const t = line(text);
  if (t === '' || SENTENCE_END.test(t)) return t;
  return SOFT_END.test(t) ? `${t.slice(0, -1)}。` : `${t}。`;
}

/** Drops a final `。`/`；` so the text can sit in a heading or before more words. */
export function withoutFinalStop(text: string): string {
  return line(text).replace(/[。；;，,.]+$/, '');
}

const nonEmpty = (items: readonly string[] | undefined): string[] =>
  (items ?? []).filter((s) => line(s) !== '');

/** Numbers a list of sentences with markers of the given level. */
function numbered(items: readonly string[] | undefined, level: 2 | 3 | 4): NumberedText[] {
  return nonEmpty(items).map((text, i) => ({
    number: i + 1,
    marker: headingMarker(level, i + 1),
    text: line(asSentence(text)),
  }));
}

const formatNumber = (n: number): string => String(n);

function indicatorView(indicator: Indicator): IndicatorView {
  const unit = indicator.unit ?? '';
  const value = (n: number): string => `${formatNumber(n)}${unit}`;
  const up = indicator.direction === 'increase';
  // "以上"/"以下" read as a floor/ceiling, which 100% and 0 already are.
  const bound =
    (up && unit === '%' && indicator.target >= 100) || (!up && indicator.target <= 0)
      ? ''
      : up
        ? '以上'
        : '以下';
  const target = `${value(indicator.target)}${bound}`;
  const change =
    indicator.baseline === undefined
      ? `${up ? '达到' : '控制在'}${target}`
      : `由${value(indicator.baseline)}${up ? '提高到' : '降低到'}${target}`;
  const deadline = indicator.deadline ? formatDeadlineZh(indicator.deadline) : null;
  const name = withoutFinalStop(indicator.name);
  return {
    id: indicator.id,
    name: line(name),
    unit: line(unit),
    baseline: indicator.baseline === undefined ? null : formatNumber(indicator.baseline),
    target: formatNumber(indicator.target),
    direction: indicator.direction,
    deadline,
    text: line(`${name}${change}${deadline ? `（${deadline}）` : ''}`),
  };
}

function goalView(goal: Goal, index: number): GoalView {
  const indicators = (goal.indicators ?? []).map(indicatorView);
  return {
    id: goal.id,
    number: index + 1,
    marker: headingMarker(3, index + 1),
    text: line(asSentence(goal.text)),
    indicators,
    indicatorText: indicators.length ? `${indicators.map((i) => i.text).join('；')}。` : null,
  };
}

/** Builds the view of a validated plan. Pure: the same plan always gives the same view. */
export function buildPlanView(plan: Plan): PlanView {
  const unitNames = new Map(plan.units.map((u) => [u.id, u.name]));
  // Validation guarantees references resolve; the id is a readable fallback if one slips through.
  const unitName = (id: string): string => unitNames.get(id) ?? id;

  // Sections get numbers only when present, so numbering stays continuous.
  let sectionCount = 0;
  const nextHeading = (title: string): string => `${headingMarker(1, ++sectionCount)}${title}`;

  const background = plan.background ? paragraphs(plan.background) : [];
  const backgroundSection: TextSection | null = background.length
    ? { heading: nextHeading('背景与目的'), paragraphs: background }
    : null;

  const requirements = nonEmpty(plan.requirements).flatMap(paragraphs);
  const goals = plan.goals.map(goalView);
  let aims: AimsSection | null = null;
  if (requirements.length || goals.length) {
    const both = requirements.length > 0 && goals.length > 0;
    aims = {
      heading: nextHeading(both ? '总体要求和工作目标' : goals.length ? '工作目标' : '总体要求'),
      requirementsHeading: both ? `${headingMarker(2, 1)}总体要求` : null,
      requirements,
      goalsHeading: both ? `${headingMarker(2, 2)}工作目标` : null,
      goals,
    };
  }

  const org = plan.organization;
  let organization: OrganizationSection | null = null;
  if (org && (org.leading_group || org.office || org.text)) {
    const group = org.leading_group;
    const joined = (names: string[] | undefined): string | null => {
      const list = nonEmpty(names).map((n) => line(n));
      return list.length ? list.join('、') : null;
    };
    organization = {
      heading: nextHeading('组织领导'),
      leadingGroup: group
        ? {
            leader: line(group.leader),
            deputies: joined(group.deputies),
            members: joined(group.members),
          }
        : null,
      office: org.office ? paragraphs(org.office) : [],
      paragraphs: org.text ? paragraphs(org.text) : [],
    };
  }

  const measureViews = plan.measures.map((m, i) => measureView(m, i, unitName));
  const measures: MeasuresSection | null = measureViews.length
    ? {
        heading: nextHeading('重点工作及措施'),
        items: measureViews,
        byGoal: groupByGoal(measureViews, plan.goals),
      }
    : null;

  const phases = (plan.schedule ?? []).map((p, i) => ({
    number: i + 1,
    marker: headingMarker(2, i + 1),
    name: line(withoutFinalStop(p.phase)),
    period: formatPeriodZh(p.start, p.end),
    tasks: numbered(p.tasks, 3),
  }));
  const schedule = phases.length ? { heading: nextHeading('实施步骤'), phases } : null;

  const safeguardItems = (plan.safeguards ?? []).map((s, i) => ({
    number: i + 1,
    marker: headingMarker(2, i + 1),
    title: line(withoutFinalStop(s.title)),
    paragraphs: paragraphs(s.text),
  }));
  const safeguards = safeguardItems.length
    ? { heading: nextHeading('保障措施'), items: safeguardItems }
    : null;

  const outcomeItems = numbered(plan.outcomes, 2);
  const outcomes = outcomeItems.length
    ? { heading: nextHeading('预期成效'), items: outcomeItems }
    : null;

  const assessmentParagraphs = plan.assessment ? paragraphs(plan.assessment) : [];
  const assessment = assessmentParagraphs.length
    ? { heading: nextHeading('考核评估'), paragraphs: assessmentParagraphs }
    : null;

  const taskTable = buildTaskTable(plan.measures, unitName);
  const attachments = (plan.attachments ?? []).map((a, i) => attachmentView(a, i, taskTable));

  return {
    title: line(plan.title),
    docNumber: plan.doc_number ? line(plan.doc_number) : null,
    issuer: line(plan.issuer),
    date: formatDateZh(plan.date),
    region: plan.region ? line(plan.region) : null,
    period: {
      start: formatDateZh(plan.period.start),
      end: formatDateZh(plan.period.end),
      text: formatPeriodZh(plan.period.start, plan.period.end),
      endMonth: periodEndMonth(plan.period.end),
    },
    sections: {
      background: backgroundSection,
      aims,
      organization,
      measures,
      schedule,
      safeguards,
      outcomes,
      assessment,
    },
    taskTable,
    attachments,
    attachmentNote: attachmentNote(attachments),
  };
}

/** `2025-12-31` -> `2025年12月底`; a date inside a month -> `2025年12月15日`. */
function periodEndMonth(iso: string): string {
  const [year, month] = iso.split('-').map(Number);
  return isEndOfMonth(iso) ? `${year}年${month}月底` : formatDateZh(iso);
}

function measureView(m: Measure, index: number, unitName: (id: string) => string): MeasureView {
  const support = (m.support ?? []).map((id) => line(unitName(id)));
  return {
    id: m.id,
    number: index + 1,
    marker: headingMarker(2, index + 1),
    title: line(withoutFinalStop(m.title)),
    description: m.description ? paragraphs(m.description) : [],
    actions: numbered(m.actions, 4),
    lead: line(unitName(m.lead)),
    support: support.length ? support.join('、') : null,
    deadline: formatDeadlineZh(m.deadline),
    goals: m.goals ?? [],
  };
}

function groupByGoal(measures: MeasureView[], goals: Goal[]): MeasureGroupView[] {
  const known = new Set(goals.map((g) => g.id));
  const groups: { goalId: string | null; title: string; members: MeasureView[] }[] = goals.map(
    (g) => ({ goalId: g.id, title: line(withoutFinalStop(g.text)), members: [] }),
  );
  const rest: MeasureView[] = [];
  for (const m of measures) {
    const first = m.goals.find((id) => known.has(id));
    const group = first === undefined ? undefined : groups.find((g) => g.goalId === first);
    (group ? group.members : rest).push(m);
  }
  if (rest.length) groups.push({ goalId: null, title: '其他重点工作', members: rest });
  return groups
    .filter((g) => g.members.length > 0)
    .map((g, i) => ({
      marker: headingMarker(2, i + 1),
      title: g.title,
      goalId: g.goalId,
      measures: g.members.map((measure, j) => ({ marker: headingMarker(3, j + 1), measure })),
    }));
}

function buildTaskTable(measures: Measure[], unitName: (id: string) => string): TaskTable {
  return {
    widths: '8,31,16,20,25',
    header: ['序号', '工作任务', '牵头单位', '配合单位', '完成时限'],
    // Cells keep the author's line breaks: the `cell` helper turns them into <br>.
    rows: measures.map((m, i) => ({
      number: i + 1,
      task: m.title.trim().replace(/[。；;，,.]+$/, ''),
      lead: unitName(m.lead).trim(),
      support: (m.support ?? []).map((id) => unitName(id).trim()).join('、'),
      deadline: formatDeadlineZh(m.deadline),
    })),
  };
}

function attachmentView(a: Attachment, index: number, taskTable: TaskTable): AttachmentView {
  return {
    number: index + 1,
    label: `附件${index + 1}`,
    title: line(withoutFinalStop(a.title)),
    table: a.table === 'measures' ? taskTable : null,
    paragraphs: a.text ? paragraphs(a.text) : [],
  };
}

// Full-width spaces: the note starts two characters in (GB/T 9704 7.3.3) and later lines line up
// under the first attachment's number, i.e. under the character after `附件：`.
const NOTE_INDENT = '\u3000\u3000';
const NOTE_HANG = '\u3000\u3000\u3000';

function attachmentNote(attachments: AttachmentView[]): string[] {
  return attachments.map((a, i) =>
    i === 0
      ? `${NOTE_INDENT}附件：${a.number}.${a.title}`
      : `${NOTE_INDENT}${NOTE_HANG}${a.number}.${a.title}`,
  );
}
