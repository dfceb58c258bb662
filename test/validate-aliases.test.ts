import { mkdtempSync, readFileSync, readdirSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { parseYaml } from '../src/parse/index.js';
import { aliasSchema, aliasSchemaName, aliasSchemaSource } from '../src/validate/alias-schema.js';
import { aliasTable, keyAlias, schemaOf, valueAliases } from '../src/validate/aliases.js';
import { convertKeys } from '../src/validate/keys-format.js';
import { loadPlan, loadProgress, validateText } from '../src/validate/index.js';
import { FILE_KINDS, type FileKind } from '../src/validate/schema-compile.js';
import { captureIO } from './helpers/io.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/validate/keys/${name}`, import.meta.url));
const read = (name: string): string => readFileSync(fixture(name), 'utf8');
const schemasDir = fileURLToPath(new URL('../schemas/', import.meta.url));

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every object schema (with its properties) and every enum in a schema, with a readable path. */
function walkSchema(
  schema: Node,
  visit: (node: Node, path: string) => void,
  node: unknown = schema,
  path = '#',
): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => walkSchema(schema, visit, n, `${path}/${i}`));
    return;
  }
  if (!isNode(node)) return;
  visit(node, path);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' || key === 'definitions') {
      for (const [name, child] of Object.entries(value as Node))
        walkSchema(schema, visit, child, `${path}/${key}/${name}`);
    } else if (['items', 'oneOf', 'anyOf', 'allOf', 'not'].includes(key)) {
      walkSchema(schema, visit, value, `${path}/${key}`);
    }
  }
}

describe('the alias table (schemas/aliases.json)', () => {
  for (const kind of FILE_KINDS) {
    it(`gives every ${kind} property a Chinese name, unique within its object`, () => {
      const missing: string[] = [];
      const clashes: string[] = [];
      walkSchema(schemaOf(kind) as Node, (node, path) => {
        if (!isNode(node.properties)) return;
        const keys = Object.keys(node.properties);
        const names = new Map<string, string>();
        for (const key of keys) {
          const zh = keyAlias(kind, key);
          if (zh === undefined) {
            missing.push(`${path}/properties/${key}`);
            continue;
          }
          // Plain YAML scalars without quotes: Han characters only.
          expect(zh, `${path}/${key}`).toMatch(/^\p{Script=Han}+$/u);
          const other = names.get(zh);
          if (other !== undefined) clashes.push(`${path}: ${other} and ${key} are both ${zh}`);
          names.set(zh, key);
        }
      });
      // A field added to the schema without a Chinese name in schemas/aliases.json fails here.
      expect(missing).toEqual([]);
      expect(clashes).toEqual([]);
    });

    it(`gives every ${kind} enum value a Chinese word, distinct within the enum`, () => {
      const missing: string[] = [];
      walkSchema(schemaOf(kind) as Node, (node, path) => {
        const values = Array.isArray(node.enum)
          ? node.enum
          : node.const === undefined
            ? []
            : [node.const];
        const seen = new Set<string>();
        for (const value of values) {
          if (typeof value !== 'string') continue;
          const words = valueAliases(value);
          if (words.length === 0) missing.push(`${path}: ${value}`);
          for (const word of words) {
            expect(seen.has(word), `${path}: ${word} twice`).toBe(false);
            seen.add(word);
            expect(word).toMatch(/^\p{Script=Han}+$/u);
          }
        }
      });
      expect(missing).toEqual([]);
    });
  }

  it('has no entries for keys that no schema has', () => {
    const used = new Set<string>();
    for (const kind of FILE_KINDS) {
      walkSchema(schemaOf(kind) as Node, (node) => {
        if (isNode(node.properties)) for (const key of Object.keys(node.properties)) used.add(key);
      });
    }
    const table = aliasTable().keys;
    const listed = [
      ...Object.keys(table.common),
      ...Object.keys(table.plan ?? {}),
      ...Object.keys(table.progress ?? {}),
    ];
    expect(listed.filter((k) => !used.has(k))).toEqual([]);
  });
});

describe('the Chinese-key editor schemas', () => {
  for (const kind of FILE_KINDS) {
    it(`schemas/${aliasSchemaName(kind)} is up to date (npm run generate rewrites it)`, () => {
      expect(readFileSync(join(schemasDir, aliasSchemaName(kind)), 'utf8')).toBe(
        aliasSchemaSource(kind),
      );
    });
  }

  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  const check = (kind: FileKind, value: unknown): boolean => {
    const validate =
      ajv.getSchema(aliasSchema(kind).$id as string) ?? ajv.compile(aliasSchema(kind));
    return validate(value) as boolean;
  };
  const parse = (name: string): Record<string, unknown> => {
    const result = validateText(read(name), { file: name });
    expect(result.diagnostics).toEqual([]);
    // The value as parsed, before fangan's own normalisation: what an editor checks.
    return structuredClone(parseYaml(read(name), { file: name }).value) as Record<string, unknown>;
  };

  it('accept a plan in Chinese keys, in English keys, and mixed', () => {
    expect(check('plan', parse('zh/plan.yaml'))).toBe(true);
    expect(check('plan', parse('en/plan.yaml'))).toBe(true);
    const mixed = parse('zh/plan.yaml');
    mixed.title = mixed['标题'];
    delete mixed['标题'];
    expect(check('plan', mixed)).toBe(true);
    expect(check('progress', parse('zh/progress.yaml'))).toBe(true);
  });

  it('reject a key given in both spellings and a missing required key', () => {
    const both = { ...parse('zh/plan.yaml'), title: '另一个标题' };
    expect(check('plan', both)).toBe(false);
    const none = parse('zh/plan.yaml');
    delete none['标题'];
    expect(check('plan', none)).toBe(false);
  });
});

describe('validating files with Chinese keys and values', () => {
  it('a plan and a progress file in Chinese validate and read the same as their English twins', async () => {
    const zh = await loadPlan(fixture('zh/plan.yaml'));
    const en = await loadPlan(fixture('en/plan.yaml'));
    expect(zh.result.diagnostics).toEqual([]);
    expect(zh.plan).toBeDefined();
    expect(zh.plan).toEqual(en.plan);
    // Key order is kept, so templates see the same object.
    expect(JSON.stringify(zh.plan)).toBe(JSON.stringify(en.plan));

    const zhProgress = await loadProgress(fixture('zh/progress.yaml'));
    const enProgress = await loadProgress(fixture('en/progress.yaml'));
    expect(zhProgress.result.diagnostics).toEqual([]);
    expect(zhProgress.progress).toBeDefined();
    expect(JSON.stringify(zhProgress.progress)).toBe(JSON.stringify(enProgress.progress));
    expect(zhProgress.progress?.measures[0]?.status).toBe('in_progress');
  });

  const zhPlan = read('zh/plan.yaml');
  const diagnose = (text: string) => validateText(text, { file: 'plan.yaml' }).diagnostics;
  const lineOf = (text: string, needle: string): number =>
    text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('points at the Chinese key or value the file used, with the English JSON pointer', () => {
    const text = zhPlan.replace('    牵头单位: zxx', '    牵头单位: nosuch');
    const [d, ...rest] = diagnose(text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      code: 'FG2102',
      pointer: '/measures/1/lead',
      line: lineOf(text, '牵头单位: nosuch'),
      column: 11,
    });
  });

  it('names a missing required key in Chinese and suggests Chinese keys for a typo', () => {
    const missing = diagnose(zhPlan.replace(/^发文机关: .*\n/m, ''));
    expect(missing.map((d) => [d.code, d.message])).toEqual([
      ['FG2010', '缺少必填字段 发文机关（issuer）'],
    ]);
    const typo = zhPlan.replace('    牵头单位: zxx', '    牵头单住: zxx');
    const [d, ...rest] = diagnose(typo);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'FG2011', line: lineOf(typo, '牵头单住'), column: 5 });
    expect(d?.hint).toContain('“牵头单位”');
  });

  it('suggests the Chinese status word for a near miss', () => {
    const text = read('zh/progress.yaml').replace('状态: 推进中', '状态: 推近中');
    const [d, ...rest] = validateText(text, { file: 'p.yaml' }).diagnostics;
    expect(rest).toEqual([]);
    expect(d?.code).toBe('FG2013');
    expect(d?.hint).toContain('“推进中”');
    expect(d?.message).toContain('推进中、已完成');
  });

  it('allows mixing the spellings, but a key given in both spellings is FG2401 at the second', () => {
    const mixed = zhPlan.replace('标题: 白石镇', 'title: 白石镇');
    expect(diagnose(mixed)).toEqual([]);
    const twice = zhPlan.replace(
      '发文机关: 白石镇人民政府\n',
      '发文机关: 白石镇人民政府\nissuer: 白石镇政府\n',
    );
    const [d, ...rest] = diagnose(twice);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      code: 'FG2401',
      severity: 'error',
      pointer: '/issuer',
      line: lineOf(twice, 'issuer: 白石镇政府'),
      column: 1,
    });
    expect(d?.message).toContain(`第 ${lineOf(twice, '发文机关:')} 行的“发文机关”`);
  });

  it('accepts the Chinese kind words and rejects an unknown one at its own key', () => {
    const bad = zhPlan.replace('类型: 工作方案', '类型: 工作计划');
    const [d] = diagnose(bad);
    expect(d).toMatchObject({ code: 'FG2002', line: lineOf(bad, '类型:'), column: 5 });
  });

  it('leaves a Chinese key that is not an alias at its place as an unknown key', () => {
    // `开始日期` is a key of `period`, not of the file itself.
    const text = zhPlan.replace('考核评估: ', '开始日期: 2025-01-01\n考核评估: ');
    expect(diagnose(text).map((d) => [d.code, d.pointer])).toEqual([['FG2011', '/开始日期']]);
  });
});

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'fangan-keys-'));
}

describe('rendering files with Chinese keys', () => {
  it('renders .docx and .md byte-identical to the English twin, and the same report', async () => {
    const outputs: Record<string, Buffer>[] = [];
    for (const style of ['zh', 'en']) {
      const dir = tmp();
      cpSync(fixture(style), dir, { recursive: true });
      const io = captureIO({ cwd: dir, env: { SOURCE_DATE_EPOCH: '1735689600' } });
      expect(await run(['render', 'plan.yaml', '-o', 'out'], io), io.err()).toBe(0);
      expect(await run(['report', 'progress.yaml', '-o', 'report'], io), io.err()).toBe(0);
      const files: Record<string, Buffer> = {};
      for (const sub of ['out', 'report']) {
        for (const name of readdirSync(join(dir, sub))) {
          if (/\.(docx|md)$/.test(name))
            files[`${sub}/${name}`] = readFileSync(join(dir, sub, name));
        }
      }
      outputs.push(files);
    }
    const [zh, en] = outputs as [Record<string, Buffer>, Record<string, Buffer>];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(zh).filter((n) => n.endsWith('.docx')).length).toBe(2);
    for (const name of Object.keys(en))
      expect(zh[name]?.equals(en[name] as Buffer), name).toBe(true);
  }, 60_000);
});

describe('fangan fmt --keys', () => {
  it('turns the Chinese files into their English twins and back, comments and layout kept', () => {
    for (const name of ['plan.yaml', 'progress.yaml']) {
      const en = convertKeys(read(`zh/${name}`), 'en', { file: name });
      expect(en.text).toBe(read(`en/${name}`));
      const zh = convertKeys(read(`en/${name}`), 'zh', { file: name });
      expect(zh.text).toBe(read(`zh/${name}`));
    }
    // Already English: nothing to do.
    expect(convertKeys(read('en/plan.yaml'), 'en', { file: 'p' }).text).toBe(read('en/plan.yaml'));
  });

  it('rewrites quoted keys and leaves unknown keys and text that looks like a key alone', () => {
    const text = 'kind: plan\n"title": x\nunknown: 1\nbackground: "title: status"\n';
    expect(convertKeys(text, 'zh', { file: 'p' }).text).toBe(
      '类型: 工作方案\n标题: x\nunknown: 1\n背景与目的: "title: status"\n',
    );
  });

  it('--write rewrites in place, keeping CRLF line ends; without --write prints to stdout', async () => {
    const dir = tmp();
    const file = join(dir, 'plan.yaml');
    writeFileSync(file, read('zh/plan.yaml').replace(/\n/g, '\r\n'));
    const io = captureIO({ cwd: dir });
    expect(await run(['fmt', 'plan.yaml', '--keys', 'en', '--write'], io), io.err()).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(read('en/plan.yaml').replace(/\n/g, '\r\n'));
    expect(io.out()).toContain('plan.yaml');

    const out = captureIO({ cwd: dir });
    expect(await run(['fmt', 'plan.yaml', '--keys', 'zh'], out)).toBe(0);
    expect(out.out()).toBe(read('zh/plan.yaml').replace(/\n/g, '\r\n'));
    // Printing did not touch the file.
    expect(readFileSync(file, 'utf8')).toBe(read('en/plan.yaml').replace(/\n/g, '\r\n'));
  });

  it('refuses a file with syntax errors (exit 1, file unchanged) and bad usage (exit 2)', async () => {
    const dir = tmp();
    const file = join(dir, 'bad.yaml');
    const bad = 'kind: plan\ntitle: [unclosed\n';
    writeFileSync(file, bad);
    const io = captureIO({ cwd: dir });
    expect(await run(['fmt', 'bad.yaml', '--keys', 'zh', '--write'], io)).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(bad);
    expect(io.err()).toMatch(/FG1\d{3}/);

    const usage = captureIO({ cwd: dir });
    expect(await run(['fmt', 'bad.yaml', '--keys', 'fr'], usage)).toBe(2);
    expect(usage.err()).toContain('FG9301');
    const two = captureIO({ cwd: dir });
    expect(await run(['fmt', 'a.yaml', 'b.yaml', '--keys', 'zh'], two)).toBe(2);
    expect(two.err()).toContain('FG9302');
  });
});

describe('fangan init --keys zh', () => {
  it('drafts a plan with Chinese keys and values that reads the same as the English draft', async () => {
    const dir = tmp();
    const flags = ['--yes', '--town', '青溪镇', '--year', '2026'];
    const io = captureIO({ cwd: dir });
    expect(await run(['init', ...flags, '--keys', 'zh', 'zh.yaml'], io), io.err()).toBe(0);
    expect(await run(['init', ...flags, 'en.yaml'], io), io.err()).toBe(0);
    const text = readFileSync(join(dir, 'zh.yaml'), 'utf8');
    const keyLines = text.split('\n').filter((l) => /^\s*(- )?[A-Za-z_]+:/.test(l));
    expect(keyLines).toEqual([]);
    expect(text).toContain('plan.zh.schema.json');
    expect(text).toMatch(/^类型: 工作方案$/m);
    expect(text).toMatch(/方向: 提高/);
    const zh = await loadPlan(join(dir, 'zh.yaml'));
    const en = await loadPlan(join(dir, 'en.yaml'));
    expect(zh.result.diagnostics).toEqual([]);
    expect(zh.plan).toBeDefined();
    expect(JSON.stringify(zh.plan)).toBe(JSON.stringify(en.plan));
  });

  it('refuses an unknown --keys style', async () => {
    const io = captureIO({ cwd: tmp() });
    expect(await run(['init', '--yes', '--town', '青溪镇', '--keys', 'jp'], io)).toBe(2);
    expect(io.err()).toContain('FG9301');
  });
});
