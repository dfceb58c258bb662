/**
 * `--help` speaks the user's language: English with `--lang en` or an English locale, for the
 * program and every subcommand, commander's own words included; Chinese otherwise, with no
 * English prose besides option names, placeholders and file formats.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { captureIO } from './helpers/io.js';

const help = async (argv: string[], env: Record<string, string> = {}): Promise<string> => {
  const io = captureIO({ env });
  expect(await run(argv, io)).toBe(0);
  expect(io.err()).toBe('');
  return io.out();
};

/** Every command path (`render`, `templates eject`, …) listed by the help screens. */
async function commandPaths(): Promise<string[][]> {
  const listed = (text: string): string[] => {
    const section = text.split(/^Commands:$/m)[1] ?? '';
    return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)]
      .map((m) => m[1] as string)
      .filter((name) => name !== 'help');
  };
  const paths: string[][] = [];
  for (const name of listed(await help(['--help', '--lang', 'en']))) {
    const subs = listed(await help([name, '--help', '--lang', 'en']));
    if (subs.length === 0) paths.push([name]);
    for (const sub of subs) paths.push([name, sub]);
  }
  return paths;
}

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

describe('English help', () => {
  it('lists the commands, in English', async () => {
    const text = await help(['--help', '--lang', 'en']);
    expect(text).toMatch(/^Usage: fangan \[options\] \[command\]$/m);
    expect(text).toContain('Options:');
    expect(text).toContain('Commands:');
    expect(text).not.toMatch(CJK);
  });

  it('covers every subcommand, with --lang en and with LANG / LC_ALL set to English', async () => {
    const paths = await commandPaths();
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining(['validate', 'render', 'report', 'export', 'init', 'progress new']),
    );
    for (const path of paths) {
      for (const [argv, env] of [
        [[...path, '--help', '--lang', 'en'], {}],
        [[...path, '--help'], { LANG: 'en_US.UTF-8' }],
        [[...path, '--help'], { LANG: 'zh_CN.UTF-8', LC_ALL: 'en_GB.UTF-8' }],
      ] as const) {
        const text = await help([...argv], { ...env });
        expect(text, path.join(' ')).toContain(`Usage: fangan ${path.join(' ')}`);
        expect(text, path.join(' ')).toContain('Options:');
        const line = text.split('\n').find((l) => CJK.test(l));
        expect(line, `${path.join(' ')}: ${line}`).toBeUndefined();
      }
    }
  });

  it('fangan help <command> and the -h spelling are English too', async () => {
    expect(await help(['help', 'render', '--lang', 'en'])).not.toMatch(CJK);
    expect(await help(['render', '-h'], { LC_ALL: 'en_US.UTF-8' })).not.toMatch(CJK);
  });
});

describe('Chinese help', () => {
  /** What may stay in Latin letters: options, placeholders, command lines, formats. */
  const withoutNames = (text: string): string =>
    text
      .replace(/(?:^|\s)--?[a-z][\w-]*/gm, ' ')
      .replace(/<[^>]*>|\[[^\]]*\]/g, ' ')
      .replace(/fangan(?: [a-z][\w-]*)*/g, ' ')
      .replace(/^ {2}[a-z][\w-]*/gm, ' ');

  it('is the default, and has no English prose besides names', async () => {
    const paths = await commandPaths();
    for (const argv of [[], ...paths]) {
      for (const env of [{}, { LANG: 'zh_CN.UTF-8' }, { LANG: 'C.UTF-8' }]) {
        const text = await help([...argv, '--help'], env);
        expect(text).toMatch(/^用法： fangan/m);
        expect(text).toContain('选项：');
        expect(text).not.toMatch(/Usage:|Options:|Commands:|Arguments:|display help|default:/);
        // Two English words in a row are prose (option names and formats come alone).
        const prose = withoutNames(text).match(/[A-Za-z]{2,} +[A-Za-z]{2,}/);
        expect(prose?.[0], `${argv.join(' ')}: ${prose?.[0]}`).toBeUndefined();
      }
    }
  });

  it('lines up the columns by display width (a CJK character takes two)', async () => {
    const text = await help(['--help']);
    const rows = text
      .split(/^命令：$/m)[1]!
      .split('\n')
      .filter((l) => /^ {2}\S/.test(l));
    const { displayWidth } = await import('../src/cli/help.js');
    const starts = rows.map((row) => {
      const term = row.match(/^ {2}\S.*?\S? {2,}/)![0];
      return displayWidth(term);
    });
    expect(new Set(starts).size).toBe(1);
  });
});

describe("commander's error messages", () => {
  it.each([
    [['rendr', 'x.yaml'], /没有“rendr”这个命令\n（是否应为 render？）/],
    [['render'], /缺少参数 <plan>/],
    [['render', 'plan.yaml', '--bogus'], /没有 --bogus 这个选项/],
    [['fmt', 'plan.yaml'], /必须给出选项 --keys <style>/],
    [['render', 'plan.yaml', '--to'], /选项 --to <formats> 缺少取值/],
  ])('%j is a Chinese usage error with a pointer to the help', async (argv, pattern) => {
    const io = captureIO();
    expect(await run(argv, io)).toBe(2);
    expect(io.err()).toMatch(pattern);
    expect(io.err()).toContain('fangan <命令> --help');
    expect(io.err()).not.toMatch(/error:/);
  });

  it('stays English with --lang en', async () => {
    const io = captureIO();
    expect(await run(['render', '--lang', 'en'], io)).toBe(2);
    expect(io.err()).toBe("error: missing required argument 'plan'\n");
  });
});
