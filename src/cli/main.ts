import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type CliIO, processIO, UsageError } from './io.js';
import type { CliContext } from './context.js';
import { defineValidate } from './commands/validate.js';
import { defineRender, defineTemplates } from './commands/render.js';
import { defineReport, defineExport } from './commands/report.js';
import { defineInit, defineProgress } from './commands/init.js';
import { defineFmt } from './commands/fmt.js';

// commander is CommonJS: `require` skips the ES-module wrapper and export scan of `import`, about
// 10 ms of every start-up (`fangan --version`).
const { Command, CommanderError } = createRequire(import.meta.url)(
  'commander',
) as typeof import('commander');

const version = (): string =>
  (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;

/**
 * A reader that went away (`fangan validate … | head`) is not an error of ours: the rest of the
 * output is dropped quietly and the run still ends with its own exit code. Other stream errors
 * stay fatal.
 */
const ignoreClosedPipe = (err: NodeJS.ErrnoException): void => {
  if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
  throw err;
};
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (!stream.listeners('error').includes(ignoreClosedPipe)) stream.on('error', ignoreClosedPipe);
  }
}

/**
 * Runs the CLI and resolves to the exit code: 0 ok, 1 the inputs have errors, 2 usage / I/O /
 * internal error. Never throws and never calls process.exit, so tests can drive it in-process;
 * without `io` it runs on the real process streams.
 */
export async function run(argv: string[], io?: CliIO): Promise<number> {
  if (io === undefined) {
    ignoreClosedPipes();
    io = processIO();
  }
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
  defineFmt(program, ctx);

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
