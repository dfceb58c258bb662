import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile, ProfileError, profileFromText, sizeToPt } from '../src/docx/index.js';

const dir = mkdtempSync(join(tmpdir(), 'fangan-profile-'));
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

async function profileError(run: () => Promise<unknown>): Promise<ProfileError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ProfileError) return error;
    throw error;
  }
  throw new Error('expected a ProfileError');
}

describe('loadProfile', () => {
  it('returns the built-in gbt9704 profile without a file', async () => {
    const profile = await loadProfile();
    expect(profile.name).toBe('gbt9704');
    expect(profile.page).toMatchObject({
      marginTopMm: 37,
      marginBottomMm: 35,
      marginLeftMm: 28,
      marginRightMm: 26,
      linesPerPage: 22,
      charsPerLine: 28,
    });
    expect(profile.styles.title).toMatchObject({
      font: '方正小标宋简体',
      size: '二号',
      align: 'center',
    });
    expect(profile.fonts.fallbacks['仿宋_GB2312']?.[0]).toBe('仿宋');
  });

  it('merges a user JSON profile over the default field by field; lists replace', async () => {
    const file = write(
      'office.json',
      JSON.stringify({
        name: '本局',
        styles: { table: { size: '四号' } },
        fonts: { fallbacks: { 黑体: ['Noto Sans CJK SC'] } },
      }),
    );
    const profile = await loadProfile(file);
    expect(profile.name).toBe('本局');
    expect(profile.styles.table).toMatchObject({
      size: '四号',
      font: '仿宋_GB2312',
      headerFont: '黑体',
    });
    expect(profile.fonts.fallbacks['黑体']).toEqual(['Noto Sans CJK SC']);
    expect(profile.fonts.fallbacks['仿宋_GB2312']).toEqual([
      '仿宋',
      'FangSong',
      'Noto Serif CJK SC',
    ]);
    expect(profile.page.marginTopMm).toBe(37);
  });

  it('reads YAML profiles and a BOM', async () => {
    const file = write('office.yaml', '\uFEFFstyles:\n  body:\n    size: 小三\n');
    expect((await loadProfile(file)).styles.body.size).toBe('小三');
  });

  it('reports a wrong value with FG5004 at its line and column, in Chinese or English', async () => {
    const file = write(
      'bad.json',
      '{\n  "page": {\n    "marginTopMm": "37mm",\n    "grid": "chars"\n  }\n}\n',
    );
    const error = await profileError(() => loadProfile(file));
    expect(error.diagnostics.map((d) => [d.code, d.line, d.column, d.pointer])).toEqual([
      ['FG5004', 3, 20, '/page/marginTopMm'],
      ['FG5004', 4, 13, '/page/grid'],
    ]);
    expect(error.diagnostics[0]?.message).toBe('样式配置项“page.marginTopMm”应为不小于 0 的数');
    const en = await profileError(() => loadProfile(file, { lang: 'en' }));
    expect(en.diagnostics[1]?.message).toBe(
      'Style profile field "page.grid" must be lines or linesAndChars',
    );
  });

  it('reports unknown fields (FG5005), bad sizes and colours', async () => {
    const error = await profileError(() =>
      profileFromText(
        'styles:\n  body:\n    sise: 三号\n    size: 大号\n  chart:\n    color: blue\n',
        'p.yaml',
      ),
    );
    expect(error.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['FG5005', 3, 5],
      ['FG5004', 4, 11],
      ['FG5004', 6, 12],
    ]);
    expect(error.diagnostics[0]?.message).toContain('“styles.body.sise”');
    expect(error.diagnostics[0]?.message).toContain('size');
  });

  it('reports a file that is not JSON/YAML (FG5002), not an object (FG5003) or unreadable (FG5001)', async () => {
    const broken = await profileError(() => profileFromText('{"page": {', 'p.json'));
    expect(broken.diagnostics[0]?.code).toBe('FG5002');
    const list = await profileError(() => profileFromText('[1, 2]', 'p.json'));
    expect(list.diagnostics[0]).toMatchObject({ code: 'FG5003', line: 1, column: 1 });
    const missing = await profileError(() => loadProfile(join(dir, 'nope.json')));
    expect(missing.diagnostics[0]).toMatchObject({ code: 'FG5001', file: join(dir, 'nope.json') });
    expect(missing.message).toContain('FG5001');
  });

  it('does not let __proto__ in a profile pollute objects', async () => {
    const error = await profileError(() =>
      profileFromText('{"__proto__": {"polluted": 1}}', 'p.json'),
    );
    // The parse stage refuses the reserved key before any object is built.
    expect(error.diagnostics[0]).toMatchObject({ code: 'FG5002', line: 1, column: 2 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('sizeToPt', () => {
  it('reads Chinese size names, digit forms and points', () => {
    expect(
      ['二号', '2号', '三号', '3号', '小四', '小4', '四号', '五号', '初号', 16, '10.5'].map(
        sizeToPt,
      ),
    ).toEqual([22, 22, 16, 16, 12, 12, 14, 10.5, 42, 16, 10.5]);
    expect(sizeToPt('大号')).toBeUndefined();
  });
});
