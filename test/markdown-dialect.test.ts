/**
 * The lean parser (src/markdown/dialect.ts) against micromark (mdast-util-from-markdown): it must
 * take every built-in template output, and whenever it takes anything at all it must give the
 * same tree as micromark without positions. Otherwise Word files would depend on which parser
 * happened to read the Markdown.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Plan, Progress } from '../src/model/types.js';
import { parseDialect, parseMarkdown } from '../src/markdown/index.js';
import { buildReportView, buildRollupView, toRollupEntry } from '../src/report/index.js';
import { createReportRenderer } from '../src/report/render.js';
import { renderPlan } from '../src/render/index.js';
import { escapeMarkdown } from '../src/template/escape.js';

/** FUZZ_RUNS=100000 for a long local search. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

/** mdast without `position` (the lean parser has none) and without `undefined` fields. */
const strip = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'position' ? undefined : v)));

/** The reference: micromark's tree without positions. */
const reference = (markdown: string): unknown => strip(parseMarkdown(markdown));

const load = <T>(file: string): T => parse(readFileSync(file, 'utf8')) as T;

/** Every built-in template output the examples make: plans, town reports, county roll-ups. */
async function builtInOutputs(): Promise<[string, string][]> {
  const out: [string, string][] = [];
  const towns = [
    'examples/qingxi',
    ...readdirSync('examples/county')
      .filter((t) => !t.endsWith('.yaml'))
      .map((t) => `examples/county/${t}`),
  ];
  const planFiles = [...towns.map((t) => `${t}/plan.yaml`), 'test/fixtures/render/plan.yaml'];
  for (const file of planFiles) {
    const { markdown } = await renderPlan(load<Plan>(file), { to: ['md'] });
    out.push([file, markdown ?? '']);
  }
  const renderer = await createReportRenderer({ formats: ['md'], lang: 'zh-CN' });
  const byQuarter = new Map<string, ReturnType<typeof toRollupEntry>[]>();
  for (const town of towns) {
    const plan = load<Plan>(`${town}/plan.yaml`);
    for (const name of readdirSync(`${town}/progress`).sort()) {
      const view = buildReportView(load<Progress>(`${town}/progress/${name}`), plan);
      out.push([`${town}/progress/${name}`, (await renderer.report(view)).markdown]);
      const list = byQuarter.get(view.periodKey) ?? [];
      list.push(toRollupEntry(view));
      byQuarter.set(view.periodKey, list);
    }
  }
  for (const [quarter, entries] of byQuarter) {
    out.push([`rollup ${quarter}`, (await renderer.rollup(buildRollupView(entries))).markdown]);
    // With county settings: addressee, signature, deadline, towns missing and failed.
    const heads = buildRollupView(entries.slice(1), {
      issuer: '云川县卫生健康局',
      addressee: '云川县爱卫办',
      due: '2025-04-08',
      absent: [
        { town: '东岭乡' },
        { town: '西岭乡', source: 'x.yaml', reason: 'x.yaml 第3行：错*误' },
      ],
    });
    out.push([`rollup ${quarter} with county settings`, (await renderer.rollup(heads)).markdown]);
  }
  return out;
}

describe('parseDialect against micromark', async () => {
  const outputs = await builtInOutputs();

  it.each(outputs.map(([name, markdown]) => ({ name, markdown })))(
    'reads $name exactly like micromark',
    ({ markdown }) => {
      expect(markdown.length).toBeGreaterThan(500);
      const lean = parseDialect(markdown);
      expect(lean, 'the built-in templates stay inside the lean subset').toBeDefined();
      expect(strip(lean)).toEqual(reference(markdown));
    },
  );

  it('is what the Word writer gets without positions, and falls back for the rest', () => {
    const markdown = outputs[0]?.[1] ?? '';
    expect(strip(parseMarkdown(markdown, { positions: false }))).toEqual(reference(markdown));
    expect(parseMarkdown(markdown, { positions: false }).position).toBeUndefined();
    const list = '- 一\n- 二\n';
    expect(parseDialect(list)).toBeUndefined();
    expect(parseMarkdown(list, { positions: false }).children[0]?.type).toBe('list');
  });

  it('gives up on what it does not know', () => {
    for (const md of [
      '- item',
      '1. item',
      '> quote',
      '    indented',
      'a  \nb',
      'a\\\nb',
      '*em*',
      '_em_',
      '`code`',
      '[link](x)',
      '<b>bold</b>',
      '&copy;',
      '~~del~~',
      '# title #',
      'text\n===',
      '| a |\n| - | - |',
      '```\nunclosed',
      'tab\there',
      'cr\r\n',
    ]) {
      expect(parseDialect(md), md).toBeUndefined();
    }
  });

  // Pieces that sit on the edge of the subset: escapes, references, pipes, breaks, emphasis.
  const piece = fc.oneof(
    fc.constantFrom(
      '青溪镇',
      '健康促进',
      'abc',
      'x',
      ' ',
      '  ',
      '1.',
      '2)',
      '2025年',
      '（一）',
      '。',
      '，',
      '：',
      '“',
      '\\*',
      '\\|',
      '\\\\',
      '\\',
      '\\#',
      '\\a',
      '&lt;',
      '&gt;',
      '&amp;',
      '&quot;',
      '&copy;',
      '&#60;',
      '&',
      '&x',
      '**',
      '**逾期**',
      '**a b**',
      '** x**',
      '**（注）**',
      '***',
      '*',
      '_',
      '`',
      '[',
      ']',
      '<br>',
      '<br/>',
      '<b>',
      '<',
      '>',
      '~',
      '~~',
      '#',
      '|',
      '!',
      '-',
      '+',
      '=',
      '\u3000',
    ),
    fc.string({ maxLength: 4 }),
  );
  const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
  const cells = (n: number) => fc.array(text, { minLength: n, maxLength: n });
  const line = fc.oneof(
    text,
    text.map((t) => `${'#'.repeat(1 + (t.length % 7))} ${t}`),
    fc.constantFrom('', '', '<!-- fangan:pagebreak -->', '<!-- fangan:table widths=1,2 -->'),
    fc.constantFrom(
      '```mermaid\nxychart-beta\n  bar [1, 2]\n```',
      '```\n```',
      '````x y\n  a\n````',
    ),
    fc.constantFrom('- x', '1. x', '    x', '---', '===', '> x', '  x'),
    fc.integer({ min: 1, max: 3 }).chain((n) =>
      fc
        .tuple(
          cells(n),
          fc.array(fc.constantFrom('---', ':-:', ':--', '--:', '-'), {
            minLength: n,
            maxLength: n,
          }),
          fc.array(fc.integer({ min: n - 1, max: n + 1 }).chain(cells), { maxLength: 3 }),
          fc.constantFrom('', ' '),
        )
        .map(([head, delims, rows, end]) =>
          [head, delims, ...rows].map((r) => `| ${r.join(' | ')} |${end}`).join('\n'),
        ),
    ),
  );
  const document = fc
    .tuple(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\n\n', '', ' \n'))
    .map(([lines, sep]) => lines.join(sep === ' \n' ? '\n' : sep) + (sep === '' ? '' : '\n'));

  it('agrees with micromark on generated Markdown whenever it takes it', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(document, (markdown) => {
        runs++;
        const lean = parseDialect(markdown);
        if (lean === undefined) return;
        taken++;
        expect(strip(lean)).toEqual(reference(markdown));
      }),
      { numRuns: RUNS * 3 },
    );
    // Not a vacuous property: a good share of the documents is in the subset.
    expect(taken / runs).toBeGreaterThan(0.15);
  }, 120_000);

  it('takes any text escaped by the template helpers, and reads it like micromark', () => {
    const userText = fc.string({ unit: 'binary', maxLength: 40 }).filter(
      // Control characters other than line breaks are rejected by the reader long before this.
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      (s) => !/[\0-\x09\x0b\x0c\x0e-\x1f\x7f]/.test(s),
    );
    fc.assert(
      fc.property(userText, userText, userText, (a, b, c) => {
        const markdown = [
          `# ${escapeMarkdown(a, 'inline')}`,
          '',
          escapeMarkdown(b, 'block'),
          '',
          '| 任务 | 说明 |',
          '| --- | :-: |',
          `| ${escapeMarkdown(c, 'cell')} | ${escapeMarkdown(a, 'cell')} |`,
          '',
          `（1）${escapeMarkdown(c, 'inline')}`,
          '',
        ].join('\n');
        const lean = parseDialect(markdown);
        expect(lean, markdown).toBeDefined();
        expect(strip(lean)).toEqual(reference(markdown));
      }),
      { numRuns: RUNS * 2 },
    );
  }, 120_000);
});
