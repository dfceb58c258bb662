/** Answer checks shared by the wizard and the flags: 发文字号 and 成文日期. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { checkDocNumber } from '../src/init/draft.js';
import { captureIO } from './helpers/io.js';

const work = mkdtempSync(path.join(tmpdir(), 'fangan-answers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('checkDocNumber', () => {
  it.each(['青政发〔2025〕3号', '云卫健发〔2024〕12号', '青政办发〔2025〕100号'])(
    'accepts %s',
    (v) => {
      expect(checkDocNumber(v)).toBeUndefined();
    },
  );

  it.each([
    ['青政发[2025]3号', 'FG7231', '青政发〔2025〕3号'],
    ['青政发【2025】3号', 'FG7231', '青政发〔2025〕3号'],
    ['青政发（2025）3号', 'FG7231', '青政发〔2025〕3号'],
    ['青政发(2025)3号', 'FG7231', '青政发〔2025〕3号'],
    ['青政发〔2025〕03号', 'FG7234', '青政发〔2025〕3号'],
    ['青政发[2025]007号', 'FG7234', '青政发〔2025〕7号'],
    ['青政发〔２０２５〕３号', 'FG7235', '青政发〔2025〕3号'],
  ])('offers the fix for %s', (value, code, fixed) => {
    expect(checkDocNumber(value)).toMatchObject({ code, fixed });
  });

  it.each([
    ['青政发〔25〕3号', 'FG7233'],
    ['青政发2025年3号', 'FG7232'],
    ['〔2025〕3号', 'FG7232'],
    ['青政发〔2025〕0号', 'FG7232'],
    ['青政发〔2025〕3', 'FG7232'],
  ])('refuses %s without a guess', (value, code) => {
    const problem = checkDocNumber(value);
    expect(problem?.code).toBe(code);
    expect(problem?.fixed).toBeUndefined();
  });
});

describe('init flags are checked the same way', () => {
  const init = async (...flags: string[]) => {
    const io = captureIO({ cwd: mkdtempSync(path.join(work, 'x-')) });
    const code = await run(['init', '--yes', '--town', '青山镇', '--year', '2025', ...flags], io);
    return { code, err: io.err() };
  };

  it('a 成文日期 outside the period is a usage error', async () => {
    const { code, err } = await init('--date', '2024-12-20');
    expect(code).toBe(2);
    expect(err).toContain('成文日期 2024-12-20 不在实施周期 2025-01-01 至 2025-12-31 内 [FG7230]');
  });

  it('a 发文字号 in square brackets is refused with the 〔〕 form to use', async () => {
    const { code, err } = await init('--doc-number', '青政发[2025]3号', '--lang', 'en');
    expect(code).toBe(2);
    expect(err).toContain('"青政发〔2025〕3号"');
    expect(err).toContain('FG7231');
  });

  it('a right one is written as given', async () => {
    expect((await init('--doc-number', '青政发〔2025〕3号', '--date', '2025-03-01')).code).toBe(0);
  });
});
