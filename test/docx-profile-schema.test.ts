import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadProfile, ProfileError, profileFromText } from '../src/docx/index.js';
import { compileValidator, standaloneSource } from '../src/validate/schema-compile.js';

const dir = mkdtempSync(join(tmpdir(), 'fangan-profile-schema-'));
const write = (name: string, data: string | Uint8Array): string => {
  const file = join(dir, name);
  writeFileSync(file, data);
  return file;
};

async function problems(text: string, lang: 'zh-CN' | 'en' = 'en') {
  try {
    await profileFromText(text, 'office.yaml', { lang });
  } catch (error) {
    if (error instanceof ProfileError) return error.diagnostics;
    throw error;
  }
  return [];
}
const codes = async (text: string) => (await problems(text)).map((d) => [d.code, d.line, d.column]);

const schema = JSON.parse(
  readFileSync(new URL('../schemas/profile.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const builtin = JSON.parse(
  readFileSync(new URL('../templates/profiles/gbt9704.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('schemas/profile.schema.json', () => {
  it('accepts the built-in gbt9704 profile, and refuses a field it does not know', () => {
    const validate = compileValidator('profile');
    expect(validate(builtin), JSON.stringify(validate.errors)).toBe(true);
    const extra = structuredClone(builtin);
    (extra.page as Record<string, unknown>).gutterMm = 5;
    expect(validate(extra)).toBe(false);
  });

  it('gives every field a zh-CN title and description', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      const isField = path.includes('/properties/') || path.startsWith('#/definitions/');
      if (isField && !/\/(anyOf\/\d+|items|propertyNames)$/.test(path)) {
        for (const key of ['title', 'description']) {
          const text = n[key];
          if (typeof text !== 'string' || !/[\u4e00-\u9fff]/.test(text))
            missing.push(`${path} ${key}`);
        }
      }
      for (const [key, value] of Object.entries(n)) {
        if (key === 'properties' || key === 'definitions') {
          for (const [name, child] of Object.entries(value as Record<string, unknown>))
            walk(child, `${path}/${key}/${name}`);
        } else if (key === 'additionalProperties' || key === 'items') walk(value, `${path}/${key}`);
        else if (key === 'anyOf')
          (value as unknown[]).forEach((v, i) => walk(v, `${path}/anyOf/${i}`));
      }
    };
    walk(schema, '#');
    expect(missing).toEqual([]);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('covers every field of the built-in profile', () => {
    const uncovered: string[] = [];
    const walk = (value: unknown, node: Record<string, unknown>, path: string): void => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
      const props = node.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [key, child] of Object.entries(value)) {
        const sub = props?.[key] ?? (node.additionalProperties as Record<string, unknown>);
        if (!sub || typeof sub !== 'object') uncovered.push(`${path}.${key}`);
        else walk(child, sub, `${path}.${key}`);
      }
    };
    walk(builtin, schema, '');
    expect(uncovered).toEqual([]);
  });

  it('the build-time validator agrees with the runtime one', () => {
    const module = { exports: {} as unknown };
    const requireFromRepo = createRequire(new URL('../package.json', import.meta.url));
    new Function('module', 'exports', 'require', standaloneSource('profile'))(
      module,
      module.exports,
      requireFromRepo,
    );
    const generated = module.exports as ValidateFunction;
    const runtime = compileValidator('profile');
    const samples: unknown[] = [
      builtin,
      {},
      { page: { widthMm: 0 } },
      { styles: { body: { size: '小四', align: 'middle' } } },
      { fonts: { fallbacks: { 黑体: ['', 'SimHei'] } } },
      { styles: { chart: { color: '#4472C4' } } },
      [],
    ];
    for (const sample of samples) {
      expect(generated(sample)).toBe(runtime(sample));
      expect(generated.errors ?? null).toEqual(runtime.errors ?? null);
    }
  });
});

describe('profiles: YAML aliases and unsafe YAML are diagnostics, not crashes', () => {
  it('refuses an alias with FG5002 at the anchor', async () => {
    const text = 'styles:\n  body: &b { size: 三号 }\n  heading1: *b\n';
    const found = await problems(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d) => d.code === 'FG5002')).toBe(true);
    expect(found[0]).toMatchObject({ line: 2, column: 9 });
    expect(found[0]?.message).toMatch(/alias|anchor/i);
  });

  it('refuses merge keys, tags and duplicate keys with their positions', async () => {
    expect(await codes('page:\n  widthMm: !!float 210\n')).toEqual([['FG5002', 2, 12]]);
    expect(await codes('page:\n  widthMm: 210\n  widthMm: 200\n')).toEqual([['FG5002', 3, 3]]);
  });
});

describe('profiles: values are checked against each other', () => {
  it('margins wider than the page (FG5101), at the margin the file sets', async () => {
    const found = await problems('page:\n  marginLeftMm: 120\n  marginRightMm: 80\n');
    expect(found.map((d) => [d.code, d.line, d.column, d.pointer])).toEqual([
      ['FG5101', 2, 17, '/page/marginLeftMm'],
    ]);
    expect(found[0]?.message).toBe(
      'The left and right margins add up to 200 mm on a 210 mm page, leaving 10 mm of text area (at least 30 mm needed)',
    );
    const zh = await problems('page:\n  heightMm: 100\n', 'zh-CN');
    expect(zh.map((d) => [d.code, d.line, d.column])).toEqual([['FG5101', 2, 13]]);
    expect(zh[0]?.message).toContain('上下页边距合计 72 毫米');
  });

  it('a 0 mm or negative page, zero lines and out-of-range font sizes fail the schema (FG5004)', async () => {
    expect(await codes('page:\n  widthMm: 0\n  heightMm: -297\n')).toEqual([
      ['FG5004', 2, 12],
      ['FG5004', 3, 13],
    ]);
    expect(await codes('{"page": {"linesPerPage": 0, "charsPerLine": 22.5}}')).toEqual([
      ['FG5004', 1, 27],
      ['FG5004', 1, 46],
    ]);
    expect(
      await codes(
        'styles:\n  body:\n    size: 200\n  title:\n    size: 小四号\n  table: { size: 3 }\n',
      ),
    ).toEqual([
      ['FG5004', 3, 11],
      ['FG5004', 5, 11],
      ['FG5004', 6, 18],
    ]);
  });

  it('a line grid the body size cannot fit (FG5102) and character grid nonsense (FG5103)', async () => {
    const lines = await problems('page:\n  linesPerPage: 60\n');
    expect(lines.map((d) => [d.code, d.line, d.column])).toEqual([['FG5102', 2, 17]]);
    expect(lines[0]?.message).toContain('10.6 pt, less than the 16 pt body size');
    expect(await codes('page:\n  charsPerLine: 40\n')).toEqual([['FG5103', 2, 17]]);
    expect(await codes('page:\n  charsPerLine: 10\n')).toEqual([['FG5103', 2, 17]]);
    // A bigger body size on the same grid still has room between the lines (29 pt), but 28
    // characters of 22 pt do not fit a line: the size is the field the file sets.
    expect(await codes('styles:\n  body:\n    size: 二号\n')).toEqual([['FG5103', 3, 11]]);
  });

  it('a chart larger than the text area (FG5104), counts beyond a line or page (FG5105)', async () => {
    expect(await codes('styles:\n  chart:\n    widthMm: 180\n')).toEqual([['FG5104', 3, 14]]);
    expect(
      await codes(
        'styles:\n  body:\n    firstLineChars: 28\n  signature:\n    issuerRightChars: 20\n    dateShiftChars: 10\n  title:\n    blankLinesAfter: 30\n',
      ),
    ).toEqual([
      ['FG5105', 3, 21],
      ['FG5105', 5, 23],
      ['FG5105', 8, 22],
    ]);
  });

  it('a page number that does not fit the bottom margin (FG5106)', async () => {
    const found = await problems('styles:\n  pageNumber:\n    gapBelowTextMm: 32\n');
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['FG5106', 3, 21]]);
    expect(await codes('page:\n  marginBottomMm: 10\n')).toEqual([['FG5106', 2, 19]]);
  });

  it('a consistent custom page passes: A5 with its own grid', async () => {
    const profile = await profileFromText(
      'page: { widthMm: 148, heightMm: 210, marginTopMm: 20, marginBottomMm: 20, marginLeftMm: 18, marginRightMm: 18, linesPerPage: 15, charsPerLine: 20 }\nstyles:\n  body: { size: 小三 }\n  chart: { widthMm: 100, heightMm: 60 }\n  pageNumber: { gapBelowTextMm: 4 }\n',
      'a5.yaml',
    );
    expect(profile.page).toMatchObject({ widthMm: 148, linesPerPage: 15, grid: 'lines' });
  });
});

describe('profiles go through the read stage', () => {
  it('reads a GB18030 YAML profile', async () => {
    // "name: 本局\n" in GB18030
    const file = write(
      'gb.yaml',
      Buffer.from([...Buffer.from('name: '), 0xb1, 0xbe, 0xbe, 0xd6, 0x0a]),
    );
    expect((await loadProfile(file)).name).toBe('本局');
  });

  it('refuses a FIFO without blocking (FG1200) and a file over the cap (FG1001)', async () => {
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    await expect(loadProfile(fifo)).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ code: 'FG1200', file: fifo })],
    });
    const big = write('big.json', `{"name": "${'x'.repeat(300 * 1024)}"}`);
    await expect(loadProfile(big)).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ code: 'FG1001' })],
    });
    await expect(loadProfile(dir)).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ code: 'FG1200' })],
    });
  });

  it('a damaged UTF-8 profile is an encoding error at its line', async () => {
    const file = write(
      'bad.yaml',
      Buffer.concat([Buffer.from('name: 本局\ndescription: '), Buffer.from([0xe6, 0x9c])]),
    );
    await expect(loadProfile(file)).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ code: 'FG1003', line: 2 })],
    });
  });
});
