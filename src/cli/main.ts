import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { type CliIO, processIO, UsageError } from './io.js';
import type { CliContext } from './context.js';
import { defineValidate } from './commands/validate.js';
import { defineRender, defineTemplates } from './commands/render.js';
import { defineReport, defineExport } from './commands/report.js';
import { defineInit, defineProgress } from './commands/init.js';

const version = (): string =>
  (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;

/**
 * Runs the CLI and resolves to the exit code: 0 ok, 1 the inputs have errors, 2 usage / I/O /
 * internal error. Never throws and never calls process.exit, so tests can drive it in-process.
 */
export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  const ctx: CliContext = { io, exitCode: 0 };
  const program = new Command('fangan')
    .description('工作方案与季度工作汇报：校验 YAML，生成 GB/T 9704 Word 与 Markdown')
    .version(version(), '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showSuggestionAfterError(true);

  defineValidate(program, ctx);
  defineRender(program, ctx);
  defineTemplates(program, ctx);
  defineReport(program, ctx);
  defineExport(program, ctx);
  defineInit(program, ctx);
  defineProgress(program, ctx);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; real usage errors were already printed.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`fangan: ${err.message}\n`);
      return 2;
    }
    const e = err as NodeJS.ErrnoException;
    if (e && typeof e.code === 'string' && typeof e.path === 'string') {
      io.stderr.write(`fangan: ${e.code}: ${e.path}: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(
      `fangan: 内部错误 / internal error: ${e?.stack ?? String(err)}\n` +
        '请把以上信息报告给维护者 / please report this with the command you ran.\n',
    );
    return 2;
  }
}
