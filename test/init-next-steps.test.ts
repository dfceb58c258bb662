/**
 * The next steps `fangan init` prints are commands that work as printed, from the folder the
 * user is in: each is split as a shell would and run, in order, without any edit.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { captureIO } from './helpers/io.js';

const work = mkdtempSync(path.join(tmpdir(), 'fangan-next-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Splits a command line as sh does for plain words, "double" and 'single' quotes, \\x. */
function shellSplit(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|\\(.)|([^\s"'\\]+)/g;
  let current: string | undefined;
  let last = 0;
  for (const m of line.matchAll(re)) {
    const part = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
    const glued = m.index === last && current !== undefined;
    if (glued) current += part;
    else {
      if (current !== undefined) words.push(current);
      current = part;
    }
    last = m.index + m[0].length;
  }
  if (current !== undefined) words.push(current);
  return words;
}

/** The numbered steps that are commands: `  2. fangan validate …`, `  4. 每季度：fangan …`. */
const commandsIn = (text: string, fangan: string): string[] =>
  [
    ...text.matchAll(
      new RegExp(
        `^ {2}\\d\\. (?:[^\\n]*?：|[A-Z][^:\\n]*: )?(${fangan} [^\\n]*?)(?: {2,}.*)?$`,
        'gm',
      ),
    ),
  ].map((m) => m[1] as string);

describe('the next steps of fangan init', () => {
  it.each([
    ['zh-CN', 'my town/plan.yaml', {}],
    ['en', 'sub/青山镇 方案.yaml', { LANG: 'en_US.UTF-8' }],
    ['zh-CN', 'plan.yaml', { npm_command: 'exec' }],
  ] as [string, string, Record<string, string>][])(
    '(%s, %s) run as printed from the current folder',
    async (_lang, file, env) => {
      const cwd = mkdtempSync(path.join(work, 'case-'));
      const io = captureIO({ cwd, env: { ...env } });
      expect(
        await run(['init', file, '--yes', '--town', '青山镇', '--year', '2025'], io),
        io.err(),
      ).toBe(0);
      const fangan = env.npm_command === 'exec' ? 'npx fangan' : 'fangan';
      const commands = commandsIn(io.out(), fangan);
      expect(commands.map((c) => c.split(' ')[fangan.split(' ').length])).toEqual([
        'validate',
        'render',
        'progress',
        'report',
      ]);
      if (file.includes(' ')) expect(commands[0]).toMatch(/"[^"]+ [^"]+"/);
      for (const command of commands) {
        const argv = shellSplit(command).slice(fangan.split(' ').length);
        const step = captureIO({ cwd, env: { ...env } });
        expect(await run(argv, step), `${command}\n${step.err()}`).toBe(0);
      }
      const planDir = path.join(cwd, path.dirname(file));
      const out = readdirSync(path.join(planDir, 'out'));
      expect(out.some((f) => f.endsWith('.docx'))).toBe(true);
      expect(out.some((f) => f.endsWith('季度工作汇报.docx'))).toBe(true);
      expect(existsSync(path.join(planDir, 'progress/2025Q1.yaml'))).toBe(true);
    },
  );

  it('quotes only what needs quoting', async () => {
    const { shellWord } = await import('../src/cli/commands/init-run.js');
    expect(shellWord('青山镇/plan.yaml')).toBe('青山镇/plan.yaml');
    expect(shellWord('my town/plan.yaml')).toBe('"my town/plan.yaml"');
    expect(shellWord('a$b c')).toBe("'a$b c'");
    expect(shellSplit(shellWord("it's $x"))).toEqual(["it's $x"]);
  });
});
