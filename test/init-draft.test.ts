import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/model/calendar.js';
import {
  defaultDeadline,
  draftPlan,
  measuresForGoals,
  resolveDraft,
  scheduleFor,
  type InitAnswers,
} from '../src/init/draft.js';
import type { Starter } from '../src/init/starter.js';
import {
  builtinStarter,
  parsePlan,
  planInvariantProblems,
  validatePlanText,
} from './init-helpers.js';

let starter: Starter;
beforeAll(async () => {
  starter = await builtinStarter();
});

const year2025 = { start: '2025-01-01', end: '2025-12-31' };

describe('draftPlan', () => {
  it('writes a commented plan whose first line points editors at the schema', () => {
    const text = draftPlan({ town: '青山镇', county: '绿水县', period: year2025 }, starter, {
      schemaRef: '../schemas/plan.schema.json',
    });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/plan.schema.json');
    expect(text).toMatch(/^# 责任单位：/m);
    expect(text).toMatch(/^ {2}# 健康场所$/m); // one area heading above its first measure
    expect(text).toMatch(/# 全国居民健康素养水平 2022年27\.78%、2023年29\.70%、2024年31\.87%/);
    const plan = parsePlan(text);
    expect(plan).toMatchObject({
      kind: 'plan',
      title: '青山镇创建健康促进乡镇工作方案',
      issuer: '青山镇人民政府',
      region: '绿水县青山镇',
      date: '2025-01-01',
      period: year2025,
    });
    expect(plan.measures.length).toBeGreaterThanOrEqual(10);
    expect(planInvariantProblems(plan)).toEqual([]);
    expect(plan.background).toContain('青山镇决定在2025年');
    expect(plan.attachments).toEqual([{ title: '重点任务分工表', table: 'measures' }]);
  });

  it('uses 乡 for a township and lists only the units the chosen measures use', () => {
    const plan = parsePlan(draftPlan({ town: '白石乡', period: year2025, goals: ['G2'] }, starter));
    const serving = measuresForGoals(starter, ['G2']);
    expect(plan.measures.map((m) => m.id)).toEqual(serving);
    const used = new Set(plan.measures.flatMap((m) => [m.lead, ...(m.support ?? [])]));
    expect(plan.units.map((u) => u.id).sort()).toEqual([...used].sort());
    expect(plan.units.find((u) => u.id === 'wsy')?.name).toBe('乡卫生院');
    expect(plan.organization?.leading_group?.deputies).toEqual(['乡长', '分管副乡长']);
    expect(plan.goals.map((g) => g.id)).toEqual(['G2']);
    expect(planInvariantProblems(plan)).toEqual([]);
  });

  it('keeps every chosen unit, falls back to the first one as lead, and drops unchosen supports', () => {
    const plan = parsePlan(
      draftPlan(
        {
          town: '青山镇',
          period: year2025,
          units: ['dzb', 'wsy', 'tw'],
          customUnits: [{ id: 'u1', name: '镇交通站' }],
          goals: ['G5'],
        },
        starter,
      ),
    );
    expect(plan.units.map((u) => u.id)).toEqual(['dzb', 'wsy', 'tw', 'u1']);
    const m11 = plan.measures.find((m) => m.id === 'M11')!; // starter lead nyb was not chosen
    expect(m11.lead).toBe('dzb');
    expect(m11.support).toBeUndefined();
    const m12 = plan.measures.find((m) => m.id === 'M12')!;
    expect(m12.support).toEqual(['wsy']);
    expect(plan.organization?.office).toContain('镇卫生院');
    expect(plan.organization?.leading_group?.members).toContain('镇交通站主要负责人');
  });

  it('applies chosen leads, deadlines and indicator values', () => {
    const plan = parsePlan(
      draftPlan(
        {
          town: '青山镇',
          period: year2025,
          docNumber: '青政发〔2025〕3号',
          date: '2025-01-15',
          goals: ['G2'],
          indicators: ['literacy'],
          measures: ['M8'],
          units: ['wsy', 'whz'],
          leads: { M8: 'whz' },
          deadlines: { M8: '2025-08-31' },
          values: { literacy: { baseline: 26.5, target: 30 } },
        },
        starter,
      ),
    );
    expect(plan.doc_number).toBe('青政发〔2025〕3号');
    expect(plan.date).toBe('2025-01-15');
    expect(plan.measures).toEqual([
      expect.objectContaining({
        id: 'M8',
        lead: 'whz',
        support: ['wsy'],
        deadline: '2025-08-31',
        goals: ['G2'],
        indicators: ['literacy'],
      }),
    ]);
    expect(plan.goals[0]!.indicators).toEqual([
      {
        id: 'literacy',
        name: '居民健康素养水平',
        unit: '%',
        baseline: 26.5,
        target: 30,
        direction: 'increase',
        deadline: '2025-12-31',
      },
    ]);
  });

  it.each<[string, Partial<InitAnswers>, string]>([
    ['a goal no chosen measure serves', { goals: ['G1', 'G2'], measures: ['M1', 'M3'] }, 'FG7106'],
    ['an unknown goal id', { goals: ['G9'] }, 'FG7102'],
    ['an unknown unit id', { units: ['wxy'] }, 'FG7102'],
    ['an indicator of a goal not chosen', { goals: ['G1'], indicators: ['literacy'] }, 'FG7115'],
    ['a deadline outside the period', { deadlines: { M1: '2026-01-31' } }, 'FG7108'],
    ['a lead that is not a chosen unit', { units: ['dzb', 'wsy'], leads: { M1: 'jyb' } }, 'FG7107'],
    [
      'a period that ends before it starts',
      { period: { start: '2025-12-01', end: '2025-01-01' } },
      'FG7105',
    ],
    ['an impossible date', { period: { start: '2025-02-30', end: '2025-12-31' } }, 'FG7104'],
    [
      'a target against its direction',
      { values: { adult_smoking: { baseline: 20, target: 25 } } },
      'FG7009',
    ],
    ['a percentage over 100', { values: { literacy: { target: 120 } } }, 'FG7010'],
    ['no measures', { measures: [] }, 'FG7109'],
  ])('reports %s instead of drafting', (_, change, code) => {
    const answers: InitAnswers = { town: '青山镇', period: year2025, ...change };
    const { draft, problems } = resolveDraft(answers, starter);
    expect(draft).toBeUndefined();
    expect(problems.map((p) => p.code)).toContain(code);
    expect(() => draftPlan(answers, starter)).toThrow(/answers do not fit/);
  });
});

describe('dates from the 12-month template', () => {
  const phases = [
    { phase: 'A', months: 2 },
    { phase: 'B', months: 7 },
    { phase: 'C', months: 2 },
    { phase: 'D', months: 1 },
  ];

  it('spreads phases over whole months of a calendar year', () => {
    expect(scheduleFor(phases, year2025).map((p) => [p.start, p.end])).toEqual([
      ['2025-01-01', '2025-02-28'],
      ['2025-03-01', '2025-09-30'],
      ['2025-10-01', '2025-11-30'],
      ['2025-12-01', '2025-12-31'],
    ]);
  });

  it('scales phases to an 18-month period and to a period shorter than the phases', () => {
    const long = scheduleFor(phases, { start: '2025-07-01', end: '2026-12-31' });
    expect(long.map((p) => p.end)).toEqual([
      '2025-09-30',
      '2026-08-31',
      '2026-11-30',
      '2026-12-31',
    ]);
    const short = scheduleFor(phases, { start: '2025-03-10', end: '2025-04-20' });
    expect(short.map((p) => p.phase)).toEqual(['A', 'B', 'C', 'D']);
    expect(short[0]!.start).toBe('2025-03-10');
    expect(short.at(-1)!.end).toBe('2025-04-20');
    const twoDays = scheduleFor(phases, { start: '2025-03-10', end: '2025-03-11' });
    expect(twoDays.map((p) => [p.phase, p.start, p.end])).toEqual([
      ['A', '2025-03-10', '2025-03-10'],
      ['B', '2025-03-11', '2025-03-11'],
    ]);
  });

  it('puts deadlines at month ends, scaled and never past the period', () => {
    expect(defaultDeadline({ deadline_month: 6 }, year2025)).toBe('2025-06-30');
    expect(defaultDeadline({ deadline_month: 6 }, { start: '2025-01-01', end: '2026-12-31' })).toBe(
      '2025-12-31',
    );
    expect(
      defaultDeadline({ deadline_month: 12 }, { start: '2025-03-15', end: '2025-05-20' }),
    ).toBe('2025-05-20');
    expect(defaultDeadline({ deadline_month: 1 }, { start: '2025-03-15', end: '2025-05-20' })).toBe(
      '2025-03-31',
    );
  });
});

/** Random answer sets that a user could give: ids from the starter, dates in the period. */
const answersArbitrary = (s: Starter): fc.Arbitrary<InitAnswers> => {
  const goalIds = s.goals.map((g) => g.id);
  const unitIds = s.units.map((u) => u.id);
  return fc
    .record({
      town: fc.constantFrom('青山镇', '白石乡', '东风镇', '红旗乡'),
      county: fc.option(fc.constantFrom('绿水县', '某某区'), { nil: undefined }),
      startDay: fc.integer({ min: 0, max: 365 * 6 }),
      length: fc.integer({ min: 0, max: 1000 }),
      goals: fc.subarray(goalIds, { minLength: 1 }),
      extraMeasures: fc.subarray(s.measures.map((m) => m.id)),
      units: fc.option(fc.subarray(unitIds), { nil: undefined }),
      custom: fc.subarray(['镇交通站', '镇林业站']),
      narrowIndicators: fc.boolean(),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      docNumber: fc.option(fc.constant('某政发〔2025〕1号'), { nil: undefined }),
    })
    .map((r) => {
      const start = addDays('2024-01-01', r.startDay);
      const period = { start, end: addDays(start, r.length) };
      // Each chosen goal gets at least one measure serving it.
      const measures = new Set(r.extraMeasures);
      for (const g of r.goals)
        if (![...measures].some((id) => s.measures.find((m) => m.id === id)?.goals?.includes(g)))
          measures.add(s.measures.find((m) => m.goals?.includes(g))!.id);
      const answers: InitAnswers = {
        town: r.town,
        period,
        goals: r.goals,
        measures: [...measures],
      };
      if (r.county) answers.county = r.county;
      if (r.docNumber) answers.docNumber = r.docNumber;
      const custom = r.custom.map((name, i) => ({ id: `u${i + 1}`, name }));
      if (r.units !== undefined && r.units.length + custom.length > 0) {
        answers.units = r.units;
        answers.customUnits = custom;
        const chosen = [...r.units, ...custom.map((u) => u.id)];
        // Some measures get an explicit lead and deadline.
        answers.leads = {};
        answers.deadlines = {};
        [...measures].forEach((id, i) => {
          if ((r.seed >> i) & 1) answers.leads![id] = chosen[(r.seed + i) % chosen.length]!;
          if ((r.seed >> (i + 8)) & 1)
            answers.deadlines![id] = addDays(start, (r.seed * (i + 1)) % (r.length + 1));
        });
      }
      if (r.narrowIndicators) {
        const all = s.goals
          .filter((g) => r.goals.includes(g.id))
          .flatMap((g) => g.indicators ?? []);
        answers.indicators = all.filter((_, i) => (r.seed >> i) & 1).map((i) => i.id);
      }
      return answers;
    });
};

describe('drafting over random valid answers', () => {
  it('always resolves, keeps the plan-format rules and validates clean', async () => {
    await fc.assert(
      fc.asyncProperty(answersArbitrary(await builtinStarter()), async (answers) => {
        const { problems } = resolveDraft(answers, starter);
        expect(problems).toEqual([]);
        const text = draftPlan(answers, starter);
        const plan = parsePlan(text);
        expect(planInvariantProblems(plan)).toEqual([]);
        if (answers.units) {
          const expected = [...answers.units, ...(answers.customUnits ?? []).map((u) => u.id)];
          expect(new Set(plan.units.map((u) => u.id))).toEqual(new Set(expected));
        }
        const diagnostics = validatePlanText(text);
        expect(diagnostics).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
