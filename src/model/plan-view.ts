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
import type {
  Attachment,
  BuiltInSection,
  CustomSection,
  Goal,
  Indicator,
  Measure,
  Plan,
} from './types.js';
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
  /** `1.` under a `（二）工作目标` heading, `（一）` right under the chapter heading. */
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
  /** Numbered `1.`, `2.` … (the level under the measure's `（一）`). */
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
  /** Relative column widths for `<!-- fangan:table widths=… -->`; empty: sized from the content. */
  widths: string;
  header: string[];
  rows: TaskRow[];
}

export interface AttachmentView {
  number: number;
  /** `附件1`; `附件` when the plan has a single attachment (GB/T 9704 7.3.3). */
  label: string;
  /** The number printed after `附件`: `1`, `2` …, empty for a single attachment. */
  labelNumber: string;
  /** Laid out on landscape pages (`<!-- fangan:attachment N landscape -->`). */
  landscape: boolean;
  title: string;
  /** The task-assignment table when the attachment asks for it. */
  table: TaskTable | null;
  paragraphs: string[];
}

/** A chapter from `sections:`: numbered in the outline with the built-in ones. */
export interface CustomSectionView {
  /** e.g. `三、实施策略` */
  heading: string;
  paragraphs: string[];
  /** Sub-items `（一）…` with their paragraphs. */
  items: { number: number; marker: string; title: string; paragraphs: string[] }[];
}

/** Where custom chapters go: before everything, after a built-in chapter, or at the end. */
export type SectionSlot = 'start' | BuiltInSection | 'end';

/** The 版头 elements (GB/T 9704 7.2), present when any of them is set. */
export interface HeadView {
  /** 份号 */
  copyNumber: string | null;
  /** 密级和保密期限 */
  secrecy: string | null;
  /** 紧急程度 */
  urgency: string | null;
  /** 发文机关标志 */
  masthead: string | null;
  /** 发文字号, here only with a masthead (without one it stays a subtitle under the title). */
  docNumber: string | null;
  /** `签发人：张三`, or null. */
  signer: string | null;
}

/** The issuing notice wrapped around the plan (`notice:` or `render --notice`). */
export interface NoticeView {
  /** `关于印发《…》的通知` */
  title: string;
  paragraphs: string[];
  /** `\u3000\u3000附件：青溪镇…工作方案` under the notice text. */
  attachmentNote: string;
}

/** The 版记 on the last page (GB/T 9704 7.4). */
export interface ColophonView {
  /** `抄送：县卫生健康局，县疾控中心。`, or null. */
  copyTo: string | null;
  /** 印发机关 (the issuer when left out). */
  printedBy: string;
  /** `2025年1月15日印发` */
  printedOn: string;
}

export interface PlanView {
  title: string;
  docNumber: string | null;
  head: HeadView | null;
  /** 主送机关 line `各村（社区），镇直各单位：`, or null. */
  addressees: string | null;
  notice: NoticeView | null;
  /** 附注 in round brackets, `（此件公开发布）`, or null. */
  note: string | null;
  colophon: ColophonView | null;
  /** Custom chapters by the place they go; every slot is a list (often empty). */
  extra: Record<SectionSlot, CustomSectionView[]>;
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
// The same goes for a space between Chinese and digits (`举办讲座 12 场`): Chinese typesetting puts
// no gap there, and Word adds none once autospace is off (profile `fonts.autoSpace`).
const SPACE_BETWEEN_CJK = new RegExp(
  `(?<=[${CJK}])[ \\t]+(?=[${CJK}0-9])|(?<=[0-9%])[ \\t]+(?=[${CJK}])`,
  'g',
);

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

function goalView(goal: Goal, index: number, level: 2 | 3): GoalView {
  const indicators = (goal.indicators ?? []).map(indicatorView);
  return {
    id: goal.id,
    number: index + 1,
    marker: headingMarker(level, index + 1),
    text: line(asSentence(goal.text)),
    indicators,
    indicatorText: indicators.length ? `${indicators.map((i) => i.text).join('；')}。` : null,
  };
}

export interface PlanViewOptions {
  /** Wrap the plan in an issuing notice even when the plan has no `notice:` (`render --notice`). */
  notice?: boolean;
}

/** Builds the view of a validated plan. Pure: the same plan always gives the same view. */
export function buildPlanView(plan: Plan, options: PlanViewOptions = {}): PlanView {
  const unitNames = new Map(plan.units.map((u) => [u.id, u.name]));
  // Validation guarantees references resolve; the id is a readable fallback if one slips through.
  const unitName = (id: string): string => unitNames.get(id) ?? id;

  // Sections get numbers only when present, so numbering stays continuous; custom chapters take
  // their numbers where they stand in the outline.
  let sectionCount = 0;
  const nextHeading = (title: string): string => `${headingMarker(1, ++sectionCount)}${title}`;
  const renamed = plan.headings ?? {};
  const builtInHeading = (key: BuiltInSection, title: string): string => {
    const own = renamed[key];
    return nextHeading(own === undefined ? title : withoutFinalStop(own));
  };
  const extra: Record<SectionSlot, CustomSectionView[]> = {
    start: [],
    background: [],
    aims: [],
    organization: [],
    measures: [],
    schedule: [],
    safeguards: [],
    outcomes: [],
    assessment: [],
    end: [],
  };
  const custom = plan.sections ?? [];
  const place = (slot: SectionSlot): void => {
    for (const section of custom) {
      if ((section.after ?? 'end') === slot) extra[slot].push(customSection(section, nextHeading));
    }
  };

  place('start');
  const background = plan.background ? paragraphs(plan.background) : [];
  const backgroundSection: TextSection | null = background.length
    ? { heading: builtInHeading('background', '背景与目的'), paragraphs: background }
    : null;
  place('background');

  const requirements = nonEmpty(plan.requirements).flatMap(paragraphs);
  let aims: AimsSection | null = null;
  const both = requirements.length > 0 && plan.goals.length > 0;
  // Goals sit under `（二）工作目标` (so they are `1.`), or right under the chapter (`（一）`).
  const goals = plan.goals.map((g, i) => goalView(g, i, both ? 3 : 2));
  if (requirements.length || goals.length) {
    aims = {
      heading: builtInHeading(
        'aims',
        both ? '总体要求和工作目标' : goals.length ? '工作目标' : '总体要求',
      ),
      requirementsHeading: both ? `${headingMarker(2, 1)}总体要求` : null,
      requirements,
      goalsHeading: both ? `${headingMarker(2, 2)}工作目标` : null,
      goals,
    };
  }
  place('aims');

  const org = plan.organization;
  let organization: OrganizationSection | null = null;
  if (org && (org.leading_group || org.office || org.text)) {
    const group = org.leading_group;
    const joined = (names: string[] | undefined): string | null => {
      const list = nonEmpty(names).map((n) => line(n));
      return list.length ? list.join('、') : null;
    };
    organization = {
      heading: builtInHeading('organization', '组织领导'),
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
  place('organization');

  const measureViews = plan.measures.map((m, i) => measureView(m, i, unitName));
  const measures: MeasuresSection | null = measureViews.length
    ? {
        heading: builtInHeading('measures', '重点工作及措施'),
        items: measureViews,
        byGoal: groupByGoal(measureViews, plan.goals),
      }
    : null;
  place('measures');

  const phases = (plan.schedule ?? []).map((p, i) => ({
    number: i + 1,
    marker: headingMarker(2, i + 1),
    name: line(withoutFinalStop(p.phase)),
    period: formatPeriodZh(p.start, p.end),
    tasks: numbered(p.tasks, 3),
  }));
  const schedule = phases.length
    ? { heading: builtInHeading('schedule', '实施步骤'), phases }
    : null;
  place('schedule');

  const safeguardItems = (plan.safeguards ?? []).map((s, i) => ({
    number: i + 1,
    marker: headingMarker(2, i + 1),
    title: line(withoutFinalStop(s.title)),
    paragraphs: paragraphs(s.text),
  }));
  const safeguards = safeguardItems.length
    ? { heading: builtInHeading('safeguards', '保障措施'), items: safeguardItems }
    : null;
  place('safeguards');

  const outcomeItems = numbered(plan.outcomes, 2);
  const outcomes = outcomeItems.length
    ? { heading: builtInHeading('outcomes', '预期成效'), items: outcomeItems }
    : null;
  place('outcomes');

  const assessmentParagraphs = plan.assessment ? paragraphs(plan.assessment) : [];
  const assessment = assessmentParagraphs.length
    ? { heading: builtInHeading('assessment', '考核评估'), paragraphs: assessmentParagraphs }
    : null;
  place('assessment');
  place('end');

  const taskTable = buildTaskTable(plan.measures, unitName);
  const list = plan.attachments ?? [];
  const attachments = list.map((a, i) => attachmentView(a, i, list.length, taskTable));

  const title = line(plan.title);
  const masthead = plan.masthead ? line(plan.masthead) : null;
  const docNumber = plan.doc_number ? line(plan.doc_number) : null;
  const head: HeadView | null =
    masthead || plan.copy_number || plan.secrecy || plan.urgency
      ? {
          copyNumber: plan.copy_number ? line(plan.copy_number) : null,
          secrecy: plan.secrecy ? line(plan.secrecy) : null,
          urgency: plan.urgency ? line(plan.urgency) : null,
          masthead,
          docNumber: masthead ? docNumber : null,
          signer: masthead && plan.signer ? `签发人：${line(plan.signer)}` : null,
        }
      : null;
  const noticeOf = plan.notice ?? (options.notice ? {} : undefined);
  const notice: NoticeView | null = noticeOf
    ? {
        title: noticeOf.title ? line(noticeOf.title) : `关于印发《${title}》的通知`,
        paragraphs: noticeOf.text
          ? paragraphs(noticeOf.text)
          : [`现将《${title}》印发给你们，请认真贯彻落实。`],
        attachmentNote: `${NOTE_INDENT}附件：${withoutFinalStop(title)}`,
      }
    : null;
  const copyTo = nonEmpty(plan.copy_to).map((n) => withoutFinalStop(n));
  const colophon: ColophonView | null =
    copyTo.length || plan.printed_by || plan.printed_on
      ? {
          copyTo: copyTo.length ? `抄送：${copyTo.join('，')}。` : null,
          printedBy: line(plan.printed_by ?? plan.issuer),
          printedOn: `${formatDateZh(plan.printed_on ?? plan.date)}印发`,
        }
      : null;
  const addressees = nonEmpty(plan.addressees).map((n) => withoutFinalStop(n));

  return {
    title,
    docNumber: head?.docNumber ? null : docNumber,
    head,
    addressees: addressees.length ? `${addressees.join('，')}：` : null,
    notice,
    note: plan.note ? `（${withoutFinalStop(plan.note).replace(/^[（(]|[）)]$/g, '')}）` : null,
    colophon,
    extra,
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

function customSection(
  section: CustomSection,
  nextHeading: (title: string) => string,
): CustomSectionView {
  return {
    heading: nextHeading(withoutFinalStop(section.title)),
    paragraphs: nonEmpty(section.paragraphs).flatMap(paragraphs),
    items: (section.items ?? []).map((item, i) => ({
      number: i + 1,
      marker: headingMarker(2, i + 1),
      title: withoutFinalStop(item.title),
      paragraphs: item.text ? paragraphs(item.text) : [],
    })),
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
    actions: numbered(m.actions, 3),
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
    // Empty: the Word writer sizes the columns from their content (headers on one line, the
    // deadline column as wide as its longest date, the rest shared by the text columns).
    widths: '',
    header: ['序号', '工作任务', '牵头单位', '配合单位', '完成时限'],
    // Cells keep the author's line breaks: the `cell` helper turns them into <br>.
    rows: measures.map((m, i) => ({
      number: i + 1,
      task: m.title
        .trim()
        .replace(/[。；;，,.]+$/, '')
        .replace(SPACE_BETWEEN_CJK, ''),
      lead: unitName(m.lead).trim(),
      support: (m.support ?? []).map((id) => unitName(id).trim()).join('、'),
      deadline: formatDeadlineZh(m.deadline),
    })),
  };
}

function attachmentView(
  a: Attachment,
  index: number,
  count: number,
  taskTable: TaskTable,
): AttachmentView {
  const labelNumber = count === 1 ? '' : String(index + 1);
  return {
    number: index + 1,
    label: `附件${labelNumber}`,
    labelNumber,
    landscape: a.landscape === true,
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
  // A single attachment is `附件：名称` without `1.` (GB/T 9704 7.3.3).
  if (attachments.length === 1) return [`${NOTE_INDENT}附件：${attachments[0]?.title ?? ''}`];
  return attachments.map((a, i) =>
    i === 0
      ? `${NOTE_INDENT}附件：${a.number}.${a.title}`
      : `${NOTE_INDENT}${NOTE_HANG}${a.number}.${a.title}`,
  );
}
