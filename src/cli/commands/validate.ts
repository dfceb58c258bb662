import type { Command } from 'commander';
import type { Lang } from '../../diagnostics/types.js';
import { resolveLang, type CliContext } from '../context.js';
import { useColor } from '../io.js';
import { sayer, langOption } from '../help.js';
// Type-only imports vanish at run time; the modules themselves load inside the action.
import type { InputFile } from '../files.js';
import type { Outcome } from '../validate-one.js';

interface ValidateFlags {
  format: string;
  lang?: string;
  encoding?: string;
  strict?: boolean;
  quiet?: boolean;
  maxWarnings?: string;
  jobs?: string;
  stdinFilename?: string;
}

export function defineValidate(program: Command, ctx: CliContext): void {
  const say = sayer(ctx.helpLang);
  program
    .command('validate')
    .description(
      say('校验工作方案与季度进展文件', 'Validate work plans and quarterly progress files'),
    )
    .argument(
      '<paths...>',
      say(
        '文件、文件夹（递归查找 *.yaml / *.yml）、加引号的 glob，或 - 表示标准输入',
        'files, folders (searched for *.yaml / *.yml), quoted globs, or - for standard input',
      ),
    )
    .option(
      '-f, --format <name>',
      say(
        '输出格式：stylish | json | github | sarif | junit',
        'report format: stylish | json | github | sarif | junit',
      ),
      'stylish',
    )
    .addOption(langOption(say))
    .option(
      '--encoding <name>',
      say(
        '文件编码，例如 gb18030（默认自动识别 UTF-8 / GB18030）',
        'file encoding, e.g. gb18030 (default: UTF-8 / GB18030 detected)',
      ),
    )
    .option('--strict', say('警告也算失败（退出码 1）', 'fail on warnings too (exit code 1)'))
    .option('-q, --quiet', say('只显示错误，不显示警告', 'show errors only, no warnings'))
    .option(
      '--max-warnings <n>',
      say('警告超过 n 个时失败', 'fail when there are more than n warnings'),
    )
    .option(
      '-j, --jobs <n>',
      say('并行线程数（默认为当前空闲的 CPU 数）', 'worker threads (default: the idle CPUs)'),
    )
    .option(
      '--stdin-filename <name>',
      say('标准输入在报告中显示的文件名', 'file name shown for standard input'),
      '<stdin>',
    )
    .action(async (paths: string[], flags: ValidateFlags, command: Command) => {
      ctx.exitCode = await validateCommand(paths, flags, ctx, command.parent?.version() ?? '');
    });
}

/** Runs `fangan validate`; resolves to the exit code (0 valid, 1 problems, 2 usage or I/O). */
async function validateCommand(
  paths: string[],
  flags: ValidateFlags,
  ctx: CliContext,
  version: string,
): Promise<number> {
  const { io } = ctx;
  // Only what this command needs, loaded now: `fangan --version` never pays for it.
  const [{ formatMessage }, { usageError }, files, pool, formatters] = await Promise.all([
    import('../../diagnostics/catalog.js'),
    import('../usage.js'),
    import('../files.js'),
    import('../validate-pool.js'),
    import('../formatters/index.js'),
  ]);
  const lang: Lang = resolveLang(flags.lang, io.env);
  const usage = (code: string, params: Record<string, string | number> = {}) =>
    usageError(code, lang, params);

  if (!formatters.isFormatName(flags.format)) {
    throw usage('FG9004', { format: flags.format, choices: formatters.formatNames.join(', ') });
  }
  const integer = (option: string, value: string | undefined, min: number) => {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value) || Number(value) < min) {
      throw usage('FG9005', {
        option,
        value,
        kind:
          min > 0 ? (lang === 'en' ? 'positive' : '正') : lang === 'en' ? 'non-negative' : '非负',
      });
    }
    return Number(value);
  };
  const maxWarnings = integer('--max-warnings', flags.maxWarnings, 0);
  const jobs = integer('--jobs', flags.jobs, 1) ?? pool.defaultJobs();

  const unreadable: import('../files.js').UnreadableFolder[] = [];
  const inputs = await files.discoverFiles(paths, io.cwd, lang, { unreadable });
  const format = await formatters.loadFormatter(flags.format);
  const check = {
    lang,
    keepSource: flags.format === 'stylish',
    ...(flags.encoding === undefined ? {} : { encoding: flags.encoding }),
  };

  const onDisk = inputs.filter((i): i is InputFile => !('stdin' in i));
  const [diskOutcomes, stdinOutcome] = await Promise.all([
    pool.checkFiles(onDisk, { ...check, jobs }),
    inputs.length > onDisk.length
      ? checkStdin(io, flags.stdinFilename ?? '<stdin>', check)
      : undefined,
  ]);

  // Back to argument order: `-` keeps its place among the paths.
  let nextDisk = 0;
  const outcomes = inputs.map((input) =>
    'stdin' in input ? (stdinOutcome as Outcome) : (diskOutcomes[nextDisk++] as Outcome),
  );
  const results = outcomes.flatMap((o) => ('result' in o ? [o.result] : []));
  const failures = outcomes.flatMap((o) => ('failure' in o ? [o.failure] : []));

  const counts = formatters.countProblems(results);
  const shown = flags.quiet
    ? results.map((r) => ({
        ...r,
        diagnostics: r.diagnostics.filter((d) => d.severity === 'error'),
      }))
    : results;
  const formatOptions = {
    lang,
    color: flags.format === 'stylish' && useColor(io),
    cwd: io.cwd,
    strict: Boolean(flags.strict),
    version,
  };
  if (failures.length > 0 && flags.format === 'stylish') {
    // A file that could not be read must not end in "✔ 0 files, no problems".
    const stylish = await import('../formatters/stylish.js');
    io.stdout.write(
      stylish.stylishBlocks(shown, formatOptions) +
        (results.length > 0 ? `${stylish.stylishSummary(counts, formatOptions)}\n` : '') +
        `✖ ${formatMessage('FG9150', lang, { count: failures.length })}\n`,
    );
  } else io.stdout.write(format(shown, formatOptions));

  // Unreadable sub-folders are reported like unreadable files: the rest was still checked.
  failures.push(...unreadable.map((u) => ({ file: u.display, reason: u.reason })));
  for (const f of failures) {
    io.stderr.write(
      `fangan: FG9003 ${formatMessage('FG9003', lang, { path: f.file, reason: f.reason })}\n`,
    );
  }
  let failed = counts.errors > 0 || (Boolean(flags.strict) && counts.warnings > 0);
  if (maxWarnings !== undefined && counts.warnings > maxWarnings) {
    io.stderr.write(
      `fangan: FG9006 ${formatMessage('FG9006', lang, { count: counts.warnings, max: maxWarnings })}\n`,
    );
    failed = true;
  }
  if (failures.length > 0) return 2;
  return failed ? 1 : 0;
}

/** Reads standard input (up to the size limit) and checks it in this thread (one document is quick). */
async function checkStdin(
  io: CliContext['io'],
  file: string,
  options: { lang: Lang; encoding?: string; keepSource: boolean },
): Promise<Outcome> {
  const { readStreamCapped } = await import('../../read/file.js');
  // Capped like a file: an endless producer is cut off at the size limit (FG1201).
  const read = await readStreamCapped(io.stdin as AsyncIterable<Uint8Array | string>, {
    file,
    lang: options.lang,
  });
  if (!read.ok) return { result: { file, diagnostics: read.diagnostics } };
  const { loadCore, checkInput } = await import('../validate-one.js');
  return checkInput(await loadCore(), read.bytes, file, io.cwd, options);
}
