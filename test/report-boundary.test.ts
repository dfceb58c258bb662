/**
 * Edges of the report maths that mutation testing found unguarded:
 *
 * - A task due ON the report date counts as due (it is in the completion rate's denominator and
 *   done on that day counts as done on time) but is NOT overdue: the day is not over. Overdue
 *   starts the day after the deadline, in the report and in `fangan validate` (FG2208) alike.
 *   docs/report.md says so; these tests fail if `<=` becomes `<` or the other way round.
 * - Roll-up ranks with ties: the order is total and does not depend on the input order.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { MeasureStatus, Plan, Progress } from '../src/model/types.js';
import { buildReportView, buildRollupView, toRollupEntry } from '../src/report/index.js';
import { addDays } from '../src/model/calendar.js';
import { validateText } from '../src/validate/index.js';

const REPORT_DATE = '2025-06-30';

const planWith = (deadlines: string[]): Plan => ({
  kind: 'plan',
  title: '试验镇创建健康促进镇工作方案',
  issuer: '试验镇人民政府',
  date: '2025-01-10',
  region: '某某县试验镇',
  period: { start: '2025-01-01', end: '2025-12-31' },
  units: [{ id: 'wsy', name: '镇卫生院' }],
  goals: [{ id: 'G1', text: '健康素养提升' }],
  measures: deadlines.map((deadline, i) => ({
    id: `M${i + 1}`,
    title: `任务${i + 1}`,
    lead: 'wsy',
    deadline,
    goals: ['G1'],
  })),
});

const progressWith = (statuses: MeasureStatus[], date = REPORT_DATE): Progress => ({
  kind: 'progress',
  plan: 'plan.yaml',
  quarter: '2025Q2',
  reporter: '镇卫生院',
  date,
  measures: statuses.map((status, i) => ({
    id: `M${i + 1}`,
    status,
    percent: status === 'done' ? 100 : status === 'not_started' ? 0 : 50,
  })),
});

const status = fc.constantFrom<MeasureStatus>(
  'not_started',
  'in_progress',
  'done',
  'delayed',
  'cancelled',
);

describe('a task due on the report date', () => {
  it('is due but not overdue; done that day it counts as done on time', () => {
    const plan = planWith([REPORT_DATE, REPORT_DATE, addDays(REPORT_DATE, -1)]);
    const view = buildReportView(progressWith(['in_progress', 'done', 'in_progress']), plan);
    const [onDay, doneOnDay, dayBefore] = view.measures;
    expect(onDay).toMatchObject({ due: true, overdue: false, overdueText: '否' });
    expect(doneOnDay).toMatchObject({ due: true, overdue: false });
    expect(dayBefore).toMatchObject({ due: true, overdue: true });
    expect(view.figures).toMatchObject({ due: 3, dueDone: 1, overdue: 1, rateText: '33.3%' });
    expect(view.overdue.map((m) => m.id)).toEqual(['M3']);
  });

  it('due ⇔ deadline on or before the report date; overdue ⇔ strictly before, open (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), status), {
          minLength: 1,
          maxLength: 8,
        }),
        (cases) => {
          const plan = planWith(cases.map(([offset]) => addDays(REPORT_DATE, offset)));
          const view = buildReportView(progressWith(cases.map(([, s]) => s)), plan);
          cases.forEach(([offset, s], i) => {
            const row = view.measures[i];
            const open = s !== 'done' && s !== 'cancelled';
            expect(row?.due).toBe(s !== 'cancelled' && offset <= 0);
            expect(row?.overdue).toBe(open && offset < 0);
          });
          const active = cases.filter(([, s]) => s !== 'cancelled');
          expect(view.figures.due).toBe(active.filter(([o]) => o <= 0).length);
          expect(view.figures.dueDone).toBe(
            active.filter(([o, s]) => o <= 0 && s === 'done').length,
          );
        },
      ),
    );
  });

  it('is not overdue for fangan validate either (FG2208 starts the next day)', () => {
    const plan = planWith([REPORT_DATE]);
    const warnings = (date: string): string[] =>
      validateText(stringify(progressWith(['in_progress'], date)), {
        file: 'p.yaml',
        lang: 'en',
        plan,
      }).diagnostics.map((d) => d.code);
    expect(warnings(REPORT_DATE)).toEqual([]);
    expect(warnings(addDays(REPORT_DATE, 1))).toEqual(['FG2208']);
  });

  it('is not due next quarter once the report date has reached it', () => {
    const plan = planWith([REPORT_DATE, '2025-07-01', '2025-09-30', '2025-10-01']);
    const view = buildReportView(
      progressWith(['in_progress', 'in_progress', 'in_progress', 'in_progress']),
      plan,
    );
    expect(view.dueNext.map((m) => m.id)).toEqual(['M2', 'M3']);
  });
});

describe('roll-up ranking with ties (property)', () => {
  const towns = ['甲镇', '乙乡', '丙镇', '丁街道', '戊镇', '己乡'];
  // Few distinct values so that ties on every key are common.
  const town = fc.record({
    name: fc.constantFrom(...towns),
    percents: fc.array(fc.constantFrom(0, 50, 100), { minLength: 2, maxLength: 2 }),
    overdue: fc.boolean(),
  });

  const entryOf = (t: { name: string; percents: number[]; overdue: boolean }) => {
    const plan = planWith(['2025-03-31', '2025-12-31']);
    plan.region = `某某县${t.name}`;
    plan.title = `${t.name}创建健康促进镇工作方案`;
    const progress = progressWith(
      t.percents.map((p) => (p === 100 ? 'done' : p === 0 ? 'not_started' : 'in_progress')),
    );
    // M1 (due 03-31) open makes one overdue task; done when the town has none.
    if (!t.overdue && progress.measures[0])
      Object.assign(progress.measures[0], { status: 'done', percent: 100 });
    return toRollupEntry(buildReportView(progress, plan));
  };

  it('orders by average percent, then fewer overdue, then rate, then name, whatever the input order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(town, { minLength: 1, maxLength: 6, selector: (t) => t.name }),
        fc.infiniteStream(fc.nat()),
        (list, seeds) => {
          const entries = list.map(entryOf);
          const shuffled = [...entries]
            .map((e) => ({ e, k: seeds.next().value as number }))
            .sort((a, b) => a.k - b.k)
            .map(({ e }) => e);
          const a = buildRollupView(entries).rows;
          const b = buildRollupView(shuffled).rows;
          expect(b.map((r) => r.town)).toEqual(a.map((r) => r.town));
          expect(a.map((r) => r.rank)).toEqual(a.map((_, i) => i + 1));
          const collator = new Intl.Collator('zh-CN');
          for (let i = 1; i < a.length; i++) {
            const [x, y] = [a[i - 1], a[i]];
            if (!x || !y) continue;
            const key =
              y.averagePercent - x.averagePercent ||
              x.overdue - y.overdue ||
              (y.rate ?? -1) - (x.rate ?? -1) ||
              collator.compare(x.town, y.town);
            // Each row is ahead of the next on the first key where they differ (names differ).
            expect(key, `${x.town} before ${y.town}`).toBeLessThan(0);
          }
        },
      ),
    );
  });
});
