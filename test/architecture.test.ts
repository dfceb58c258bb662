/**
 * House rule: the CLI is a thin layer over a pure core. Only src/cli/ may import commander, chalk
 * or @inquirer/*, and only src/cli/ may touch the Node `process` (argv, env, cwd, exit, streams):
 * everything else gets such values passed in, so it runs the same in workers, tests and as a
 * library.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.join(process.cwd(), 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.[cm]?[jt]s$/.test(e.name) ? [full] : [];
  });
}

/** The code without comments, so prose such as "per process" does not count. */
const withoutComments = (code: string): string =>
  code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

const CLI_ONLY_PACKAGE =
  /(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"](commander|chalk|@inquirer\/[^'"]*)['"]/;
const PROCESS_USE = [
  /(?<![\w.$])process\s*(?:\.|\[|\?\.)/, // process.env, process['cwd'], process?.x
  /(?<![\w.$])globalThis\s*\.\s*process\b/,
  /['"](?:node:)?process['"]/, // import … from 'node:process' / require('process')
];

/** What in `code` breaks the rule, as short descriptions (empty when it is clean). */
function violations(code: string): string[] {
  const clean = withoutComments(code);
  const found: string[] = [];
  const pkg = CLI_ONLY_PACKAGE.exec(clean);
  if (pkg) found.push(`imports ${pkg[1]}`);
  for (const re of PROCESS_USE) {
    const m = re.exec(clean);
    if (m) found.push(`uses the process (${m[0].trim()})`);
  }
  return found;
}

describe('thin CLI over a pure core', () => {
  it('the checker catches each kind of violation (and not prose)', () => {
    expect(violations("import { Command } from 'commander';")).toEqual(['imports commander']);
    expect(violations("const c = await import('chalk');")).toEqual(['imports chalk']);
    expect(violations("import { select } from '@inquirer/prompts';")).toEqual([
      'imports @inquirer/prompts',
    ]);
    expect(violations('const home = process.env.HOME;')).toHaveLength(1);
    expect(violations("const cwd = process['cwd']();")).toHaveLength(1);
    expect(violations('globalThis.process.exit(1);')).toHaveLength(1);
    expect(violations("import { env } from 'node:process';")).toHaveLength(1);
    expect(
      violations('// runs once per process.\n/* process.exit */ const processed = 1;'),
    ).toEqual([]);
  });

  it('no file under src/ outside src/cli/ imports CLI packages or uses process', () => {
    const offenders = sourceFiles(src)
      .filter((f) => !f.startsWith(path.join(src, 'cli') + path.sep))
      .flatMap((f) =>
        violations(readFileSync(f, 'utf8')).map((v) => `${path.relative(src, f)}: ${v}`),
      );
    expect(offenders).toEqual([]);
  });
});

describe('one test command', () => {
  it('.ci/run runs the command the README gives for the tests, and it covers everything', () => {
    const root = process.cwd();
    const ci = readFileSync(path.join(root, '.ci/run'), 'utf8');
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const commands = ci
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^npm (test|run \S+)$/.test(l));
    expect(commands).toEqual(['npm test']);
    // Both quick starts (Chinese and English) name the same command after the install line.
    const quick = [...readme.matchAll(/npm install && npx fangan validate examples\/\n(.+)\n/g)];
    expect(quick.map((m) => m[1])).toEqual(['npm test', 'npm test']);
    const scripts = (
      JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.check?.split(' && ')).toEqual([
      'npm run typecheck',
      'npm run lint',
      'npm run format:check',
      'npm run test:only',
    ]);
    expect(scripts.test).toBe('npm run check');
    const tsconfig = JSON.parse(readFileSync(path.join(root, 'tsconfig.json'), 'utf8')) as {
      include: string[];
    };
    expect(tsconfig.include).toContain('test');
  });
});
