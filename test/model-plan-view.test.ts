import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { asSentence, buildPlanView } from '../src/model/plan-view.js';
import type { Plan } from '../src/model/types.js';

const fixturePlan = (): Plan =>
  parse(readFileSync(new URL('./fixtures/render/plan.yaml', import.meta.url), 'utf8')) as Plan;

const minimal = (): Plan => ({
  kind: 'plan',
  title: '某镇方案',
  issuer: '某镇人民政府',
  date: '2025-01-15',
  period: { start: '2025-01-01', end: '2025-12-31' },
  units: [{ id: 'a', name: '甲办' }],
  goals: [],
  measures: [{ id: 'M1', title: '任务', lead: 'a', deadline: '2025-12-31' }],
});

describe('buildPlanView', () => {
  it('numbers only the sections that are present, without gaps', () => {
    const view = buildPlanView(fixturePlan());
    const s = view.sections;
    expect(s.background).toBeNull();
    expect(s.safeguards).toBeNull();
    expect([
      s.aims?.heading,
      s.organization?.heading,
      s.measures?.heading,
      s.schedule?.heading,
      s.outcomes?.heading,
      s.assessment?.heading,
    ]).toEqual([
      '一、总体要求和工作目标',
      '二、组织领导',
      '三、重点工作及措施',
      '四、实施步骤',
      '五、预期成效',
      '六、考核评估',
    ]);
  });

  it('gives a minimal plan one section, numbered 一', () => {
    const view = buildPlanView(minimal());
    expect(view.sections.measures?.heading).toBe('一、重点工作及措施');
    expect(view.sections.aims).toBeNull();
    expect(view.attachments).toEqual([]);
    expect(view.attachmentNote).toEqual([]);
  });

  it('names the aims section after what it holds', () => {
    const onlyGoals = { ...minimal(), goals: [{ id: 'G', text: '目标' }] };
    expect(buildPlanView(onlyGoals).sections.aims).toMatchObject({
      heading: '一、工作目标',
      requirementsHeading: null,
      goalsHeading: null,
    });
    const both = buildPlanView(fixturePlan()).sections.aims;
    expect(both?.requirementsHeading).toBe('（一）总体要求');
    expect(both?.goalsHeading).toBe('（二）工作目标');
  });

  it('resolves unit ids to names and writes Chinese deadlines', () => {
    const [m1, m2, m3] = buildPlanView(fixturePlan()).sections.measures?.items ?? [];
    expect(m1).toMatchObject({
      marker: '（一）',
      lead: '镇卫生院',
      support: '各村（社区）委员会',
      deadline: '2025年6月15日前',
    });
    expect(m1?.actions.map((a) => a.marker + a.text)).toEqual([
      // the level under （一） is 1. (GB/T 9704 7.3.3: levels never skip)
      '1.制定讲座计划。',
      '2.# 不是标题，| 不是表格，<script>alert(1)</script> 不是代码。',
    ]);
    expect(m2?.support).toBeNull();
    expect(m3?.support).toBe('镇卫生院、镇中心学校');
  });

  it('groups measures by their first goal, with the rest last', () => {
    const groups = buildPlanView(fixturePlan()).sections.measures?.byGoal ?? [];
    expect(
      groups.map((g) => [g.marker, g.title, g.measures.map((m) => m.marker + m.measure.id)]),
    ).toEqual([
      ['（一）', '居民健康素养水平明显提升', ['1.M1']],
      ['（二）', '健康促进学校全覆盖', ['1.M2']],
      ['（三）', '其他重点工作', ['1.M3']],
    ]);
  });

  it('writes indicator clauses from baseline, target and direction', () => {
    const goals = buildPlanView(fixturePlan()).sections.aims?.goals ?? [];
    expect(goals.map((g) => g.indicatorText)).toEqual([
      '居民健康素养水平由20%提高到25%以上（2025年11月底前）；成人吸烟率控制在24%以下。',
      '健康促进学校占比由60%提高到100%（2025年9月底前）。',
    ]);
    expect(goals[0]?.text).toBe('居民健康素养水平明显提升。');
  });

  it('builds the task table and the attachment note', () => {
    const view = buildPlanView(fixturePlan());
    expect(view.taskTable.header).toEqual(['序号', '工作任务', '牵头单位', '配合单位', '完成时限']);
    // no fixed widths: the Word writer sizes the columns from their content
    expect(view.taskTable.widths).toBe('');
    expect(view.taskTable.rows[1]).toEqual({
      number: 2,
      task: '建设健康促进学校',
      lead: '镇中心学校',
      support: '',
      deadline: '2025年9月底前',
    });
    expect(view.attachments.map((a) => [a.label, a.title, a.table !== null])).toEqual([
      ['附件1', '重点任务分工表', true],
      ['附件2', '联系人名单', false],
    ]);
    expect(view.attachmentNote).toEqual([
      '\u3000\u3000附件：1.重点任务分工表',
      '\u3000\u3000\u3000\u3000\u30002.联系人名单',
    ]);
  });

  it('writes the plan date, period and schedule in Chinese', () => {
    const view = buildPlanView(fixturePlan());
    expect(view.date).toBe('2025年2月10日');
    expect(view.period).toMatchObject({ text: '2025年2月1日至11月30日', endMonth: '2025年11月底' });
    expect(
      view.sections.schedule?.phases.map((p) => `${p.marker}${p.name}（${p.period}）`),
    ).toEqual([
      '（一）启动阶段（2025年2月1日至2月28日）',
      '（二）实施阶段（2025年3月1日至11月30日）',
    ]);
  });

  it('joins wrapped lines and drops spaces between Chinese characters and digits', () => {
    const view = buildPlanView(fixturePlan());
    expect(view.sections.aims?.requirements[0]).toBe(
      '坚持政府主导、部门协作，以提升居民健康素养为主线。',
    );
    expect(view.sections.measures?.items[0]?.description).toEqual(['每月至少1场，覆盖全部村组。']);
  });

  it('is pure: the same plan gives an equal view and the plan is not changed', () => {
    const plan = fixturePlan();
    const copy = structuredClone(plan);
    expect(buildPlanView(plan)).toEqual(buildPlanView(copy));
    expect(plan).toEqual(copy);
  });
});

describe('asSentence', () => {
  it.each([
    ['完成任务', '完成任务。'],
    ['完成任务。', '完成任务。'],
    ['完成任务；', '完成任务。'],
    ['真的吗？', '真的吗？'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(asSentence(input)).toBe(expected);
  });
});
