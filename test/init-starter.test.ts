import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  builtinStarterPath,
  MAX_STARTER_BYTES,
  parseStarter,
  readStarter,
} from '../src/init/starter.js';
import { compileValidator } from '../src/validate/schema-compile.js';

const AREAS = ['工作机制', '健康政策', '健康场所', '健康教育', '健康环境', '健康人群'];

describe('built-in starter library (templates/starters/health-town.yaml)', () => {
  it('loads without diagnostics and covers the domain', async () => {
    const { starter, diagnostics } = await readStarter(builtinStarterPath(), 'zh-CN');
    expect(diagnostics).toEqual([]);
    expect(starter).toBeDefined();
    const s = starter!;
    expect(s.units.map((u) => u.id)).toEqual(
      expect.arrayContaining([
        'dzb',
        'wsy',
        'jyb',
        'fl',
        'czs',
        'zzb',
        'whz',
        'scjg',
        'nyb',
        'cun',
      ]),
    );
    expect(s.measures.length).toBeGreaterThanOrEqual(10);
    expect(new Set(s.measures.map((m) => m.area))).toEqual(new Set(AREAS));
    for (const m of s.measures) {
      expect(m.description, m.id).toBeTruthy();
      expect(m.actions?.length, m.id).toBeGreaterThan(0);
      expect(m.goals?.length, m.id).toBeGreaterThan(0);
    }
    const indicators = s.goals.flatMap((g) => g.indicators ?? []);
    expect(indicators.map((i) => i.id)).toEqual(
      expect.arrayContaining([
        'literacy',
        'health_villages',
        'hp_schools',
        'smokefree_offices',
        'adult_smoking',
        'lectures',
        'family_doctor',
      ]),
    );
    expect(indicators.find((i) => i.id === 'adult_smoking')?.direction).toBe('decrease');
    expect(s.schedule?.map((p) => p.months)).toEqual([2, 7, 2, 1]);
    expect(s.safeguards?.length).toBeGreaterThanOrEqual(3);
    expect(s.outcomes?.length).toBeGreaterThan(0);
    expect(s.requirements?.length).toBeGreaterThan(0);
    expect(s.organization?.office_unit).toBe('wsy');
  });

  it('gives every unit a name and the national literacy figures as a reference', async () => {
    const text = await readFile(builtinStarterPath(), 'utf8');
    expect(text).toContain('27.78%');
    expect(text).toContain('29.70%');
    expect(text).toContain('31.87%');
  });
});

const base = `kind: starter
name: 测试素材
title: '{town}方案'
units:
  - { id: dzb, name: 党政办 }
  - { id: wsy, name: 卫生院 }
goals:
  - id: G1
    text: 目标一
    indicators:
      - { id: lit, name: 素养, unit: '%', baseline: 20, target: 25, direction: increase }
measures:
  - { id: M1, title: 工作一, lead: wsy, support: [dzb], deadline_month: 6, goals: [G1] }
`;

const codes = (text: string) =>
  parseStarter(text, 'county.yaml', 'zh-CN').diagnostics.map((d) => [d.code, d.line, d.column]);

describe('parseStarter on a county starter file', () => {
  it('accepts a small valid starter', () => {
    const { starter, diagnostics } = parseStarter(base, 'county.yaml', 'zh-CN');
    expect(diagnostics).toEqual([]);
    expect(starter?.measures[0]?.lead).toBe('wsy');
  });

  it('reports an unknown key at the key, with a suggestion', () => {
    const result = parseStarter(
      base.replace('deadline_month: 6', 'deadline_mnth: 6'),
      'county.yaml',
      'en',
    );
    expect(result.starter).toBeUndefined();
    const unknown = result.diagnostics.find((d) => d.code === 'FG7005');
    expect(unknown).toMatchObject({
      file: 'county.yaml',
      line: 13,
      message: 'unknown key "deadline_mnth"',
    });
    expect(unknown?.hint).toBe('did you mean deadline_month?');
    expect(result.diagnostics.map((d) => d.code)).toContain('FG7003'); // deadline_month missing
  });

  it('reports a lead that is not a unit, where it is', () => {
    expect(codes(base.replace('lead: wsy', 'lead: wxy'))).toEqual([['FG7008', 13, 33]]);
  });

  it('reports duplicate ids, wrong types and out-of-range months', () => {
    expect(codes(base.replace('id: wsy, name: 卫生院', 'id: dzb, name: 卫生院'))).toContainEqual([
      'FG7007',
      6,
      11,
    ]);
    expect(codes(base.replace('deadline_month: 6', 'deadline_month: 13'))).toEqual([
      ['FG7010', 13, 70],
    ]);
    expect(codes(base.replace('target: 25', 'target: 二十五'))[0]?.[0]).toBe('FG7004');
    expect(codes(base.replace('direction: increase', 'direction: up'))[0]?.[0]).toBe('FG7011');
  });

  it('reports a target that disagrees with the direction', () => {
    const result = parseStarter(base.replace('target: 25', 'target: 15'), 'c.yaml', 'zh-CN');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'FG7009',
        line: 11,
        message: '指标 lit 的目标值 15 与方向 increase、基线 20 不一致',
      }),
    ]);
  });

  it('rejects files that are not starters, broken YAML, aliases, custom tags and extra documents', () => {
    expect(codes('kind: plan\n')).toEqual([['FG7001', 1, 1]]);
    expect(codes('')).toEqual([['FG7001', 1, 1]]);
    expect(codes(base + 'outcomes: [a, b\n')[0]?.[0]).toBe('FG7002');
    // The anchor is reported, where the aliasing starts (the parse stage's FG1105).
    expect(codes(base + 'x: &a [1]\ny: *a\n')).toEqual([['FG7014', 14, 4]]);
    expect(codes(base + 'outcomes: !foo bar\n')[0]?.[0]).toMatch(/FG7002|FG7014/);
    expect(codes(base + '---\nkind: starter\n')).toEqual([['FG7014', 14, 1]]);
    expect(codes(base + 'name: again\n')[0]?.[0]).toBe('FG7002'); // duplicate key
  });

  it('turns an unreadable file into a diagnostic', async () => {
    const result = await readStarter('/no/such/starter.yaml', 'zh-CN');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'FG7012', message: '无法读取起草素材文件：ENOENT' }),
    ]);
  });
});

describe('starter files go through the read stage and the JSON Schema', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fangan-starter-'));
  const write = (name: string, data: string | Uint8Array): string => {
    const file = join(dir, name);
    writeFileSync(file, data);
    return file;
  };

  it('reads a GB18030 starter', async () => {
    const file = new URL('./fixtures/init/starter-gb18030.yaml', import.meta.url);
    const { starter, diagnostics } = await readStarter(fileURLToPath(file), 'zh-CN');
    expect(diagnostics).toEqual([]);
    expect(starter?.name).toBe('本县健康促进素材');
  });

  it('refuses a folder, a FIFO and an oversized file before reading them', async () => {
    expect((await readStarter(dir, 'en')).diagnostics).toMatchObject([{ code: 'FG1200' }]);
    const big = write('big.yaml', base + `background: '${'很'.repeat(MAX_STARTER_BYTES / 3)}'\n`);
    expect((await readStarter(big, 'en')).diagnostics).toMatchObject([{ code: 'FG1001' }]);
    let fifo: string | undefined = join(dir, 'fifo.yaml');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      fifo = undefined; // no mkfifo on this system: the FIFO case is not run
    }
    if (fifo)
      expect((await readStarter(fifo, 'en')).diagnostics).toMatchObject([{ code: 'FG1200' }]);
  });

  it('says which text is empty, which number is not whole and which key is unknown, in place', () => {
    const broken = base
      .replace('text: 目标一', "text: '  '")
      .replace('deadline_month: 6', 'deadline_month: 6.5')
      .replace('- { id: wsy, name: 卫生院 }', '- { id: wsy, name: 卫生院, leader: 张三 }');
    const result = parseStarter(broken, 'county.yaml', 'en');
    expect(result.starter).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column, d.message, d.pointer])).toEqual(
      [
        ['FG7005', 6, 27, 'unknown key "leader"', '/units/1/leader'],
        ['FG7114', 9, 11, 'goals[0].text must not be empty', '/goals/0/text'],
        [
          'FG7004',
          13,
          70,
          'measures[0].deadline_month must be a whole number',
          '/measures/0/deadline_month',
        ],
      ],
    );
  });

  it('reports a missing required key at the mapping that lacks it, and an empty list', () => {
    const result = parseStarter(
      base.replace('    text: 目标一\n', '').replace(/units:\n( {2}- .*\n)+/, 'units: []\n'),
      'county.yaml',
      'en',
    );
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ['FG7013', 4, 8, 'units needs at least one entry'],
      ['FG7003', 6, 5, 'goals[0] is missing the required key text'],
    ]);
  });

  it('uses the schema in schemas/starter.schema.json, compiled like the plan schema', () => {
    const validate = compileValidator('starter');
    expect(
      validate({ kind: 'starter', name: 'x', title: 'y', units: [], goals: [], measures: [] }),
    ).toBe(false);
    expect(validate.errors?.map((e) => e.keyword)).toEqual(['minItems', 'minItems', 'minItems']);
  });
});

describe('schemas/starter.schema.json', () => {
  it('gives every field a zh-CN title and description', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../schemas/starter.schema.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    const missing: string[] = [];
    const walk = (node: Record<string, unknown>, path: string, isField: boolean): void => {
      if (isField) {
        for (const key of ['title', 'description']) {
          if (!/\p{Script=Han}/u.test(String(node[key] ?? ''))) missing.push(`${path} ${key}`);
        }
      }
      for (const group of ['properties', 'definitions'] as const) {
        const children = (node[group] ?? {}) as Record<string, Record<string, unknown>>;
        for (const [name, child] of Object.entries(children)) walk(child, `${path}/${name}`, true);
      }
    };
    walk(schema, '#', true);
    expect(missing).toEqual([]);
  });
});
