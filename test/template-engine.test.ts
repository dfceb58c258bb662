import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import type { Nodes } from 'mdast';
import { createTemplateEngine, builtinTemplateDir } from '../src/template/engine.js';
import { helpers } from '../src/template/helpers.js';
import { parseMarkdown } from '../src/markdown/index.js';
import { buildPlanView } from '../src/model/plan-view.js';
import type { Plan } from '../src/model/types.js';

/** A template folder holding the given files (paths relative to it). */
function templateDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fangan-tpl-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function renderWith(
  source: string,
  view: object = { title: 'T', items: ['a'] },
  extra: Record<string, string> = {},
) {
  const dir = templateDir({ 'plan.md.hbs': source, ...extra });
  const engine = await createTemplateEngine({ dir, lang: 'en' });
  return { dir, ...engine.render('plan', view) };
}

const fixturePlan = (): Plan =>
  parse(readFileSync(new URL('./fixtures/render/plan.yaml', import.meta.url), 'utf8')) as Plan;

afterEach(() => {
  delete (globalThis as Record<string, unknown>).fanganPwned;
  vi.restoreAllMocks();
});

describe('template engine: user templates fall back per file', () => {
  it('uses the user plan template with the built-in partials', async () => {
    const { output, diagnostics } = await renderWith('# {{inline title}}\n\n{{> signature}}', {
      title: '标题',
      issuer: '某某镇人民政府',
      date: '2025年1月5日',
    });
    expect(diagnostics).toEqual([]);
    expect(output).toBe('# 标题\n\n<!-- fangan:signature -->\n某某镇人民政府\n\n2025年1月5日\n');
  });

  it('prefers a user partial over the built-in one', async () => {
    const { output } = await renderWith(
      '{{> signature}}',
      {},
      { 'partials/signature.md.hbs': '落款' },
    );
    expect(output).toBe('落款\n');
  });

  it('lists where every template comes from', async () => {
    const dir = templateDir({ 'partials/measure.md.hbs': 'x' });
    const engine = await createTemplateEngine({ dir });
    expect(engine.templates.get('plan')?.path).toBe(join(builtinTemplateDir, 'plan.md.hbs'));
    expect(engine.partials.get('measure')).toMatchObject({
      custom: true,
      path: join(dir, 'partials/measure.md.hbs'),
    });
  });
});

describe('bad input 17: templates cannot reach prototypes or run code', () => {
  const payloads: [string, string][] = [
    ['{{constructor}}', 'FG3008'],
    ['{{__proto__}}', 'FG3008'],
    ['{{title.constructor.name}}', 'FG3008'],
    ['{{lookup . "constructor"}}', 'FG3002'],
    ['{{#with __proto__}}{{polluted}}{{/with}}', 'FG3008'],
    ['{{#with (__lookupGetter__ "__proto__")}}{{/with}}', 'FG3008'],
    ['{{log "x"}}', 'FG3002'],
    // CVE-2019-19919 / the classic "string.sub constructor" remote-code payload.
    [
      `{{#with "s" as |string|}}
  {{#with "e"}}
    {{#with split as |conslist|}}
      {{this.pop}}
      {{this.push (lookup string.sub "constructor")}}
      {{this.pop}}
      {{#with string.split as |codelist|}}
        {{this.pop}}
        {{this.push "return globalThis.fanganPwned = 1;"}}
        {{this.pop}}
        {{#each conslist}}
          {{#with (string.sub.apply 0 codelist)}}
            {{this}}
          {{/with}}
        {{/each}}
      {{/with}}
    {{/with}}
  {{/with}}
{{/with}}`,
      'FG3002',
    ],
    // CVE-2021-23369 style: reach Function through a helper's prototype.
    [
      '{{#with this as |o|}}{{#with (o.inline.constructor "return globalThis.fanganPwned = 1")}}{{this}}{{/with}}{{/with}}',
      'FG3002',
    ],
    ['{{#each this}}{{#with this.constructor}}{{call this "x"}}{{/with}}{{/each}}', 'FG3008'],
  ];

  it.each(payloads)('%s -> %s, nothing runs', async (source, code) => {
    const { output, diagnostics } = await renderWith(source);
    expect(output).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toContain(code);
    expect((globalThis as Record<string, unknown>).fanganPwned).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('still denies inherited properties at run time (defence in depth)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const view = Object.create({ secret: 'inherited' }) as Record<string, unknown>;
    view.title = 'own';
    const { output } = await renderWith('{{title}}|{{secret}}', view);
    expect(output).toBe('own|\n');
  });

  it('uses a fresh Handlebars instance: helpers registered elsewhere are unknown', async () => {
    const handlebars = (await import('handlebars')).default;
    handlebars.registerHelper('leak', () => 'leaked');
    try {
      const { diagnostics } = await renderWith('{{leak 1}}');
      expect(diagnostics.map((d) => d.code)).toEqual(['FG3002']);
    } finally {
      handlebars.unregisterHelper('leak');
    }
  });
});

describe('bad input 18: template mistakes name the file and line', () => {
  it.each([
    ['unknown helper', 'a\n\n{{shout title}}', 'FG3002', 3, 1],
    ['decorator', 'a\n{{* decorate}}', 'FG3004', 2, 1],
    ['inline partial decorator', '{{#*inline "x"}}y{{/inline}}', 'FG3004', 1, 1],
    ['dynamic partial', 'x\ny\n  {{> (inline title)}}', 'FG3005', 3, 3],
    ['missing partial', '{{> nowhere}}', 'FG3006', 1, 1],
    // The parser stops at the end of the file; the mistake is the block left open.
    ['unclosed block', 'a\nb {{#if title}}\nc', 'FG3001', 2, 3],
    ['unclosed mustache', 'a\n{{title', 'FG3001', 2, 1],
    ['mismatched block', 'a\n{{#each items}}{{/if}}', 'FG3001', 2, 4],
    ['missing field (strict)', 'a\n\n  {{titel}}', 'FG3003', 3, 5],
    ['wrong helper arguments', 'a\n{{zhDate "2025-02-30"}}', 'FG3011', 2, 1],
  ])('%s', async (_name, source, code, line, column) => {
    const { dir, output, diagnostics } = await renderWith(source);
    expect(output).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code,
      severity: 'error',
      file: join(dir, 'plan.md.hbs'),
      line,
      column,
    });
    expect(diagnostics[0]?.message).not.toMatch(/^\s*at /m);
  });

  it('an error inside a partial names the partial file', async () => {
    const { dir, diagnostics } = await renderWith(
      'x\n{{> part}}',
      { title: 'T' },
      { 'partials/part.md.hbs': 'ok\nok\n{{nope}}' },
    );
    expect(diagnostics[0]).toMatchObject({
      code: 'FG3003',
      file: join(dir, 'partials/part.md.hbs'),
      line: 3,
    });
  });

  it('a check error inside a partial names the partial file', async () => {
    const { dir, diagnostics } = await renderWith(
      '{{> part}}',
      {},
      { 'partials/part.md.hbs': '\n{{* nope}}' },
    );
    expect(diagnostics[0]).toMatchObject({
      code: 'FG3004',
      file: join(dir, 'partials/part.md.hbs'),
      line: 2,
    });
  });

  it('a template missing everywhere is FG3007', async () => {
    const engine = await createTemplateEngine();
    expect(engine.render('nosuch', {}).diagnostics[0]?.code).toBe('FG3007');
  });

  it('messages come in Chinese by default', async () => {
    const dir = templateDir({ 'plan.md.hbs': '{{shout x}}' });
    const engine = await createTemplateEngine({ dir });
    expect(engine.render('plan', {}).diagnostics[0]?.message).toBe(
      '模板使用了未知的帮助函数“shout”',
    );
  });
});

/** All text of a node, `<br>` read as a line break; `html` nodes other than those listed separately. */
function textOf(node: Nodes): string {
  if (node.type === 'html') return /^<br>$/.test(node.value) ? '\n' : '';
  if ('value' in node) return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

function collect(node: Nodes, type: string, out: Nodes[] = []): Nodes[] {
  if (node.type === type) out.push(node);
  if ('children' in node) for (const c of node.children as Nodes[]) collect(c, type, out);
  return out;
}

describe('bad input 19: Markdown and HTML in data show literally', () => {
  it('renders *, #, |, <script>, [x](javascript:…) and a newline in a table cell as text', async () => {
    const plan = fixturePlan();
    plan.units[0] = { id: 'wsy', name: '镇卫生院\n（第二行）' };
    const measure = plan.measures[0];
    if (!measure) throw new Error('fixture changed');
    measure.title = '**粗体** # 井号 | 竖线 <script>alert(1)</script> [x](javascript:alert(1))';
    const engine = await createTemplateEngine();
    const { output, diagnostics } = engine.render('plan', buildPlanView(plan));
    expect(diagnostics).toEqual([]);
    const tree = parseMarkdown(output ?? '');

    const htmlValues = collect(tree, 'html').map((n) => (n as { value: string }).value);
    expect(htmlValues.every((v) => v.startsWith('<!-- fangan:') || v === '<br>')).toBe(true);
    expect(collect(tree, 'link')).toEqual([]);
    expect(collect(tree, 'strong')).toEqual([]);
    expect(collect(tree, 'emphasis')).toEqual([]);

    const headings = collect(tree, 'heading').map(textOf);
    expect(headings).toContain(`（一）${measure.title}`);

    const [table] = collect(tree, 'table') as Extract<Nodes, { type: 'table' }>[];
    expect(table?.children).toHaveLength(1 + plan.measures.length);
    const firstRow = table?.children[1]?.children.map(textOf);
    expect(firstRow).toEqual([
      '1',
      measure.title,
      '镇卫生院\n（第二行）',
      '各村（社区）委员会',
      '2025年6月15日前',
    ]);
  });
});

describe('helpers', () => {
  const call = (name: string, ...args: unknown[]) => helpers[name]?.(...args, { hash: {} });

  it('format Chinese numbers, markers and dates', () => {
    expect(call('zhNumber', 12)).toBe('十二');
    expect(call('zhMarker', 2, 3)).toBe('（三）');
    expect(call('zhDate', '2025-01-05')).toBe('2025年1月5日');
    expect(call('zhDeadline', '2025-06-30')).toBe('2025年6月底前');
    expect(call('zhPeriod', '2025-01-01', '2025-03-31')).toBe('2025年1月1日至3月31日');
    expect(call('zhQuarter', '2025Q3')).toBe('2025年第三季度');
  });

  it('escape what they print', () => {
    expect(call('inline', 'a*b')).toBe('a\\*b');
    expect(call('block', 'a\n\nb#')).toBe('a\n\nb\\#');
    expect(call('cell', 'a|b\nc')).toBe('a\\|b<br>c');
    expect(call('join', ['a*', '', 'b'], '、')).toBe('a\\*、b');
    expect(call('paragraphs', ['一', '# 二'])).toBe('一\n\n\\# 二');
    expect(call('cellLines', ['a|', 'b'])).toBe('a\\|<br>b');
  });

  it('do small arithmetic and number formatting', () => {
    expect(call('inc', 0)).toBe(1);
    expect(call('eq', 'a', 'a')).toBe(true);
    expect(call('formatNumber', 12.345, 1)).toBe('12.3');
    expect(call('formatPercent', 0.125)).toBe('12.5%');
  });

  it('refuse wrong arguments with the template line', () => {
    expect(() => helpers.zhMarker?.(9, 1, { hash: { fanganLine: 7 } })).toThrow(
      expect.objectContaining({ name: 'HelperError', helper: 'zhMarker', line: 7 }),
    );
    expect(() => helpers.join?.('not a list', { hash: {} })).toThrow(/expects a list/);
  });
});
