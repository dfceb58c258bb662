import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type CliIO, processIO, SIGNAL_EXIT, UsageError, watchSignals } from './io.js';
import type { CliContext } from './context.js';
import { defineValidate } from './commands/validate.js';
import { defineRender, defineTemplates } from './commands/render.js';
import { defineReport, defineExport } from './commands/report.js';
import { defineInit, defineProgress } from './commands/init.js';
import { defineAnnual } from './commands/annual.js';
import { defineFmt } from './commands/fmt.js';
import { defineExportTable } from './commands/export-table.js';

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
 * output is dropped quietly and the run still ends with its own exit code. Any other error on the
 * process's stdout or stderr (a full disk, `> /dev/full`, a file over quota) means output was
 * lost: it is remembered, and `settle` turns the exit code into 2 with a message.
 */
let lostOutput: NodeJS.ErrnoException | undefined;
const onStreamError = (err: NodeJS.ErrnoException): void => {
  if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
  lostOutput ??= err;
};
function watchProcessStreams(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (!stream.listeners('error').includes(onStreamError)) stream.on('error', onStreamError);
  }
}

/**
 * For the bin: waits until stdout and stderr are flushed, then gives the exit code to use: `code`,
 * or 2 when writing the output failed (the message goes to stderr, if stderr still works).
 */
export async function settle(code: number): Promise<number> {
  watchProcessStreams();
  const flushed = (stream: NodeJS.WriteStream): Promise<void> =>
    new Promise((resolve) => {
      try {
        stream.write('', () => resolve());
      } catch {
        resolve();
      }
    });
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  if (!lostOutput) return code;
  const { formatMessage } = await import('../diagnostics/catalog.js');
  const { resolveLang } = await import('./context.js');
  const lang = resolveLang(undefined, process.env);
  const detail = lostOutput.code ?? lostOutput.message;
  await new Promise<void>((resolve) => {
    try {
      process.stderr.write(`fangan: FG9151 ${formatMessage('FG9151', lang, { detail })}\n`, () =>
        resolve(),
      );
    } catch {
      resolve();
    }
  });
  return 2;
}

/**
 * Runs the CLI and resolves to the exit code: 0 ok, 1 the inputs have errors, 2 usage / I/O /
 * internal error. Never throws and never calls process.exit, so tests can drive it in-process;
 * without `io` it runs on the real process streams.
 */
export async function run(argv: string[], io?: CliIO): Promise<number> {
  let watch: ReturnType<typeof watchSignals> | undefined;
  if (io === undefined) {
    watchProcessStreams();
    watch = watchSignals();
    io = { ...processIO(), signal: watch.signal, graceful: watch.graceful };
  }
  try {
    const code = await runCommand(argv, io);
    return io.signal?.aborted ? await interrupted(io) : code;
  } catch (err) {
    // An interrupted command may end by throwing; the signal decides the exit code.
    if (io.signal?.aborted) return interrupted(io);
    throw err;
  } finally {
    watch?.stop();
  }
}

/** After SIGINT / SIGTERM: say so (the write stage has cleaned up) and exit 130 / 143. */
async function interrupted(io: CliIO): Promise<number> {
  const reason: unknown = io.signal?.reason;
  const name = reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
  const [{ formatMessage }, { resolveLang }] = await Promise.all([
    import('../diagnostics/catalog.js'),
    import('./context.js'),
  ]);
  const lang = resolveLang(undefined, io.env);
  io.stderr.write(`fangan: FG9101 ${formatMessage('FG9101', lang, { signal: name })}\n`);
  return SIGNAL_EXIT[name];
}

async function runCommand(argv: string[], io: CliIO): Promise<number> {
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
  defineAnnual(program, ctx);
  defineInit(program, ctx);
  defineProgress(program, ctx);
  defineFmt(program, ctx);
  defineExportTable(program, ctx);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (io.signal?.aborted) throw err;
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
      // Node's message already starts with the code and usually names the path.
      let message = e.message.startsWith(`${e.code}:`) ? e.message : `${e.code}: ${e.message}`;
      if (!message.includes(e.path)) message += ` (${e.path})`;
      io.stderr.write(`fangan: ${message}\n`);
      return 2;
    }
    io.stderr.write(
      `fangan: 内部错误 / internal error: ${e?.stack ?? String(err)}\n` +
        '请把以上信息报告给维护者 / please report this with the command you ran.\n',
    );
    return 2;
  }
}
