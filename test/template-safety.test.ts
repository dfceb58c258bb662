import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTemplateEngine, type EngineOptions } from '../src/template/engine.js';
import { checkEntry } from '../src/template/files.js';
import { ejectTemplates } from '../src/template/eject.js';
import { buildPlanView } from '../src/model/plan-view.js';
import { parse } from 'yaml';
import type { Plan } from '../src/model/types.js';

/** A template folder holding the given files (paths relative to it). */
function templateDir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fangan-tpl-safe-'));
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
}

/** A file outside every template folder, standing in for /etc/shadow. */
const secretFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'fangan-secret-'));
  const file = join(dir, 'shadow');
  writeFileSync(file, 'root:SECRET-HASH:19000:0:99999:7:::\n');
  return file;
};

async function render(
  dir: string,
  view: object = { title: 'T', issuer: '某某镇人民政府', date: '2025年1月5日' },
  options: Omit<EngineOptions, 'dir'> = {},
) {
  const engine = await createTemplateEngine({ dir, lang: 'en', ...options });
  return engine.render('plan', view);
}

const fixturePlan = (): Plan =>
  parse(readFileSync(new URL('./fixtures/render/plan.yaml', import.meta.url), 'utf8')) as Plan;

describe('template folders: links, special files and files outside are refused', () => {
  it('refuses a symlinked partial instead of printing its target (FG3101)', async () => {
    const dir = templateDir({ 'plan.md.hbs': '# {{inline title}}\n\n{{> signature}}\n' });
    const link = join(dir, 'partials', 'signature.md.hbs');
    mkdirSync(join(dir, 'partials'));
    symlinkSync(secretFile(), link);
    const { output, diagnostics } = await render(dir);
    expect(output).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'FG3101', file: link, line: 1, column: 1 });
    expect(JSON.stringify(diagnostics)).not.toContain('SECRET');
  });

  it('refuses a symlinked main template and a symlinked partials folder', async () => {
    const dir = templateDir({});
    symlinkSync(secretFile(), join(dir, 'plan.md.hbs'));
    const outside = mkdtempSync(join(tmpdir(), 'fangan-outside-'));
    writeFileSync(join(outside, 'signature.md.hbs'), 'SECRET');
    symlinkSync(outside, join(dir, 'partials'));
    const { output, diagnostics } = await render(dir);
    expect(output).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['FG3101', join(dir, 'plan.md.hbs')],
      ['FG3101', join(dir, 'partials')],
    ]);
  });

  it('refuses a dangling link too: it does not silently fall back to the built-in file', async () => {
    const dir = templateDir({});
    symlinkSync(join(dir, 'nowhere.md.hbs'), join(dir, 'plan.md.hbs'));
    const { diagnostics } = await render(dir);
    expect(diagnostics.map((d) => d.code)).toEqual(['FG3101']);
  });

  it('a path resolving outside the folder is FG3102', () => {
    const root = realpathSync(templateDir({}));
    const elsewhere = secretFile();
    expect(checkEntry(elsewhere, root, 'en')).toMatchObject({
      code: 'FG3102',
      file: elsewhere,
    });
    expect(checkEntry(join(root), root, 'en')).toBeUndefined();
  });

  it('refuses a FIFO without blocking, and a folder named like a template (FG1200)', async () => {
    const dir = templateDir({ 'report.md.hbs/x': 'folder' });
    execFileSync('mkfifo', [join(dir, 'plan.md.hbs')]);
    const { output, diagnostics } = await render(dir);
    expect(output).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['FG1200', join(dir, 'plan.md.hbs')],
      ['FG1200', join(dir, 'report.md.hbs')],
    ]);
    expect(diagnostics[0]?.message).toContain('FIFO');
  });

  it('refuses template files over the 1 MB cap before reading them (FG1001)', async () => {
    const dir = templateDir({ 'plan.md.hbs': 'x'.repeat(1024 * 1024 + 1) });
    const { diagnostics } = await render(dir);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'FG1001', line: 1, column: 1 });
    expect(diagnostics[0]?.message).toContain('1048577');
    const small = templateDir({ 'plan.md.hbs': '{{title}}' });
    expect(
      (await render(small, { title: 'ok' }, { maxTemplateBytes: 8 })).diagnostics[0]?.code,
    ).toBe('FG1001');
  });

  it('reads GB18030 and BOM templates like plan files; damaged bytes are an encoding error', async () => {
    const gb = Buffer.from([
      0xb9, 0xa4, 0xd7, 0xf7, 0x3a, 0x7b, 0x7b, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x7d, 0x7d,
    ]);
    expect((await render(templateDir({ 'plan.md.hbs': gb }), { title: 'T' })).output).toBe(
      '工作:T\n',
    );
    const bom = templateDir({ 'plan.md.hbs': '\uFEFF方案 {{title}}\r\n' });
    expect((await render(bom, { title: 'T' })).output).toBe('方案 T\n');
    const damaged = Buffer.concat([Buffer.from('第一行\n第二行 '), Buffer.from([0xe5, 0x9c])]);
    const { diagnostics } = await render(templateDir({ 'plan.md.hbs': damaged }));
    expect(diagnostics[0]).toMatchObject({ code: 'FG1003', line: 2 });
  });
});

describe('templates eject: symlinked sub-folders are refused', () => {
  it('refuses partials/ or profiles/ when they are links, and writes nothing', async () => {
    for (const sub of ['partials', 'profiles']) {
      const dir = mkdtempSync(join(tmpdir(), 'fangan-eject-'));
      const outside = mkdtempSync(join(tmpdir(), 'fangan-eject-target-'));
      symlinkSync(outside, join(dir, sub));
      const result = await ejectTemplates(dir, { lang: 'en' });
      expect(result.written).toEqual([]);
      expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([['FG4011', join(dir, sub)]]);
      expect(execFileSync('ls', ['-A', outside], { encoding: 'utf8' })).toBe('');
    }
  });

  it('still exports into a fresh folder', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'fangan-eject-')), 'tpl');
    const result = await ejectTemplates(dir, { lang: 'en' });
    expect(result.diagnostics).toEqual([]);
    expect(result.written).toContain(join(dir, 'partials', 'signature.md.hbs'));
  });
});

describe('deep nesting is an FG3103 error, found before Handlebars parses', () => {
  const cases: [string, string, number, number][] = [
    ['blocks', 'a\nb\n' + '{{#if x}}'.repeat(5000) + 'y' + '{{/if}}'.repeat(5000), 3, 901],
    ['else-if chains', 'a\n{{#if a}}' + '{{else if b}}'.repeat(5000) + '{{/if}}', 2, 1297],
    [
      'sub-expressions',
      'a\n  {{inline ' + '(inline '.repeat(3000) + 'x' + ')'.repeat(3000) + '}}',
      2,
      812,
    ],
    ['inverted blocks', '{{^x}}'.repeat(3000) + '{{/x}}'.repeat(3000), 1, 601],
  ];
  it.each(cases)('%s', async (_name, source, line, column) => {
    const { output, diagnostics } = await render(templateDir({ 'plan.md.hbs': source }), { x: 1 });
    expect(output).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'FG3103', line, column });
  });

  it('a partial nested too deeply names the partial file', async () => {
    const dir = templateDir({
      'plan.md.hbs': '{{> deep}}',
      'partials/deep.md.hbs': '\n' + '{{#with x}}'.repeat(200) + '{{/with}}'.repeat(200),
    });
    const { diagnostics } = await render(dir);
    expect(diagnostics[0]).toMatchObject({
      code: 'FG3103',
      file: join(dir, 'partials', 'deep.md.hbs'),
      line: 2,
    });
  });

  it('the built-in templates are well inside the limit', async () => {
    const engine = await createTemplateEngine();
    const { output, diagnostics } = engine.render('plan', buildPlanView(fixturePlan()));
    expect(diagnostics).toEqual([]);
    expect(output).toContain('工作方案');
  });
});

describe('render budget: runaway templates stop with a diagnostic', () => {
  const big = { list: Array.from({ length: 200 }, (_, i) => i), word: 'x'.repeat(1000) };

  it('{{#each}} nested over big data stops at the step budget (FG3104) at the inner block', async () => {
    const source =
      'title\n{{#each list}}\n  {{#each @root.list}}\n    {{#each @root.list}}{{inc @index}}{{/each}}\n  {{/each}}\n{{/each}}\n';
    const { output, diagnostics } = await render(templateDir({ 'plan.md.hbs': source }), big);
    expect(output).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'FG3104', line: 4, column: 5 });
    expect(diagnostics[0]?.message).toContain('2000000');
  });

  it('a smaller budget is honoured and the same template renders within a larger one', async () => {
    const dir = templateDir({ 'plan.md.hbs': '{{#each list}}{{inline this}}{{/each}}' });
    const tight = await render(dir, big, { budget: { maxSteps: 300 } });
    expect(tight.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['FG3104', 1, 1]]);
    const roomy = await render(dir, big, { budget: { maxSteps: 401 } });
    expect(roomy.diagnostics).toEqual([]);
    // The budget is per render: a second render of the same engine starts from zero.
    const engine = await createTemplateEngine({ dir, budget: { maxSteps: 401 } });
    expect(engine.render('plan', big).diagnostics).toEqual([]);
    expect(engine.render('plan', big).diagnostics).toEqual([]);
  });

  it('output over the size cap is FG3105', async () => {
    const dir = templateDir({
      'plan.md.hbs': 'a\n{{#each list}}\n{{#each @root.list}}{{@root.word}}{{/each}}\n{{/each}}',
    });
    const { output, diagnostics } = await render(dir, big, { budget: { maxOutputChars: 100_000 } });
    expect(output).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['FG3105', 2, 1]]);
    const flat = templateDir({ 'plan.md.hbs': '{{word}}{{word}}' });
    const flatOut = await render(flat, big, { budget: { maxOutputChars: 1500 } });
    expect(flatOut.diagnostics.map((d) => d.code)).toEqual(['FG3105']);
  });

  it('a partial calling itself stops at the partial depth (FG3106), not a stack overflow', async () => {
    const dir = templateDir({
      'plan.md.hbs': 'x\n{{> loop}}',
      'partials/loop.md.hbs': 'again\n{{#with this}}{{> loop}}{{/with}}',
    });
    const { output, diagnostics } = await render(dir, { a: 1 });
    expect(output).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'FG3106',
      file: join(dir, 'partials', 'loop.md.hbs'),
      line: 2,
      column: 1,
    });
  });
});

describe('template error positions point at the mistake (never 1:1 when it is known)', () => {
  const cases: [string, string, string, number, number][] = [
    ['unclosed mustache', 'a\nb\n  x {{title', 'FG3001', 3, 5],
    ['stray closing braces', 'a\nb\ncc {{title}}}', 'FG3001', 3, 11],
    ['empty partial name', 'a\nb\nc {{> }}', 'FG3001', 3, 7],
    ['else outside a block', 'a\nb\n  {{else}}', 'FG3001', 3, 3],
    ['block params on a mustache', 'ab\ncd\n  x {{title as |x|}}', 'FG3001', 3, 13],
    ['unclosed block at the end', 'a\n\n   {{#each items}}\nx', 'FG3001', 3, 4],
    // Handlebars names the open block that the close does not match.
    ['inner unclosed block', 'a\n{{#if title}}\n  {{#each items}}\n{{/if}}', 'FG3001', 3, 6],
    ['unclosed comment', 'a\nb\n  {{!-- note', 'FG3001', 3, 3],
    ['if without argument', 'a\nb\n {{#if}}x{{/if}}', 'FG3011', 3, 2],
    ['each with two arguments', 'a\n\n{{#each items title}}x{{/each}}', 'FG3011', 3, 1],
    [
      'lookup on text inside a block',
      'a\nb\n  {{#with title}}{{../title.x}}{{/with}}',
      'FG3009',
      3,
      3,
    ],
    ['helper arguments on line 4', 'a\nb\nc\n  x {{zhDate "2025-02-30"}}', 'FG3011', 4, 5],
  ];
  it.each(cases)('%s', async (_name, source, code, line, column) => {
    const dir = templateDir({ 'plan.md.hbs': source });
    const { output, diagnostics } = await render(dir, { title: 'T', items: ['a'] });
    expect(output).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code, file: join(dir, 'plan.md.hbs'), line, column });
  });
});
