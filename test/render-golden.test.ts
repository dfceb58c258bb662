import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Plan } from '../src/model/types.js';
import { renderPlan } from '../src/render/index.js';

const fixture = (name: string) => new URL(`./fixtures/render/${name}`, import.meta.url);

/**
 * Golden file of the Markdown the built-in template makes from a fixture plan. After a deliberate
 * change to the template or the view, regenerate with
 *   UPDATE_GOLDEN=1 npx vitest run test/render-golden.test.ts
 * and review the diff of test/fixtures/render/plan.expected.md.
 */
describe('plan.md.hbs golden file', () => {
  it('renders the fixture plan exactly as recorded', async () => {
    const plan = parse(readFileSync(fixture('plan.yaml'), 'utf8')) as Plan;
    const { markdown, diagnostics } = await renderPlan(plan, { to: ['md'] });
    expect(diagnostics).toEqual([]);
    if (process.env.UPDATE_GOLDEN) writeFileSync(fixture('plan.expected.md'), markdown ?? '');
    expect(markdown).toBe(readFileSync(fixture('plan.expected.md'), 'utf8'));
  });
});
