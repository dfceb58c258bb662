import type { Command } from 'commander';
import type { Diagnostic, FileResult, Lang } from '../../diagnostics/types.js';
import type { CliContext } from '../context.js';

interface OutputFlags {
  output: string;
  to: string;
  template?: string;
  profile?: string;
  force?: boolean;
  lang?: string;
  asOf?: string;
  format: string;
}

interface ExportFlags extends OutputFlags {
  quarter?: string;
  jobs?: string;
  stats?: boolean;
}

const addOutputOptions = (command: Command): Command =>
  command
    .requiredOption('-o, --output <dir>', '输出文件夹')
    .option('--to <formats>', '输出格式：docx、md，可用逗号同时指定', 'docx,md')
    .option('--template <dir>', '自带模板所在文件夹（report.md.hbs、rollup.md.hbs）')
    .option('--profile <file>', 'Word 版式配置文件（默认 GB/T 9704）')
    .option('--force', '覆盖手工修改过的输出文件；导出时重新生成未变化的汇报')
    .option('--as-of <date>', '按此日期（YYYY-MM-DD）判断到期和逾期，默认用进展文件的报送日期')
    .option('-f, --format <name>', '问题的输出格式：stylish | json', 'stylish')
    .option('--lang <lang>', '提示语言：zh-CN | en（默认按 LANG 等环境变量）');

export function defineReport(program: Command, ctx: CliContext): void {
  addOutputOptions(
    program
      .command('report')
      .description('由季度进展生成季度工作汇报（Word 与 Markdown）')
      .argument('<progress>', '季度进展文件（kind: progress）'),
  ).action(async (file: string, flags: OutputFlags) => {
    ctx.exitCode = await reportCommand(file, flags, ctx);
  });
}

export function defineExport(program: Command, ctx: CliContext): void {
  addOutputOptions(
    program
      .command('export')
      .description('批量导出各乡镇季度工作汇报、县级汇总报告和导出清单')
      .argument(
        '<paths...>',
        '文件、文件夹（递归查找）或加引号的 glob；只处理 kind: progress 的文件',
      ),
  )
    .option('--quarter <quarter>', '只导出这个季度，例如 2025Q1')
    .option('-j, --jobs <n>', '并行线程数（默认为 CPU 数）')
    .option('--stats', '结束时在标准错误输出用时和内存峰值（JSON）')
    .action(async (paths: string[], flags: ExportFlags, command: Command) => {
      ctx.exitCode = await exportCommand(paths, flags, ctx, command.parent?.version() ?? '');
    });
}

/** What both commands share: language, usage errors, --to / --format / --as-of checks. */
async function common(flags: OutputFlags, ctx: CliContext) {
  const [{ resolveLang }, { UsageError, useColor }, { formatMessage }] = await Promise.all([
    import('../context.js'),
    import('../io.js'),
    import('../../diagnostics/catalog.js'),
  ]);
  const lang: Lang = resolveLang(flags.lang, ctx.io.env);
  const usage = (code: string, params: Record<string, string | number> = {}) =>
    new UsageError(`${code} ${formatMessage(code, lang, params)}`);
  const formats = [...new Set(flags.to.split(',').map((s) => s.trim().toLowerCase()))];
  if (formats.length === 0 || formats.some((f) => f !== 'docx' && f !== 'md')) {
    throw usage('FG6022', { value: flags.to });
  }
  if (flags.format !== 'stylish' && flags.format !== 'json') {
    throw usage('FG9004', { format: flags.format, choices: 'stylish, json' });
  }
  if (flags.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.asOf)) {
    throw new UsageError(`--as-of: YYYY-MM-DD (${flags.asOf})`);
  }
  const path = await import('node:path');
  const resolve = (p: string): string => path.resolve(ctx.io.cwd, p);
  const settings = {
    formats: formats as ('docx' | 'md')[],
    lang,
    ...(flags.template === undefined ? {} : { templateDir: resolve(flags.template) }),
    ...(flags.profile === undefined ? {} : { profileFile: resolve(flags.profile) }),
  };
  const printProblems = async (results: readonly FileResult[], to: 'stdout' | 'stderr') => {
    if (results.every((r) => r.diagnostics.length === 0)) return;
    const formatters = await import('../formatters/index.js');
    const format = await formatters.loadFormatter(flags.format === 'json' ? 'json' : 'stylish');
    ctx.io[to].write(
      format(results, {
        lang,
        color: useColor(ctx.io),
        cwd: ctx.io.cwd,
        strict: false,
        version: '',
      }),
    );
  };
  return { lang, usage, settings, resolve, printProblems, formatMessage };
}

/** `fangan report`: one progress file -> its report. Exit 0 written, 1 bad data, 2 usage. */
async function reportCommand(file: string, flags: OutputFlags, ctx: CliContext): Promise<number> {
  const { lang, settings, resolve, printProblems } = await common(flags, ctx);
  const [
    { loadProgress },
    { buildReportView },
    { reportFileStem },
    render,
    write,
    { hasErrors },
    path,
  ] = await Promise.all([
    import('../../validate/index.js'),
    import('../../report/view.js'),
    import('../../report/names.js'),
    import('../../report/render.js'),
    import('../../write/index.js'),
    import('../../diagnostics/types.js'),
    import('node:path'),
  ]);
  const absolute = resolve(file);
  const relabel = (d: Diagnostic): Diagnostic => (d.file === absolute ? { ...d, file } : d);
  const fail = async (result: FileResult): Promise<number> => {
    await printProblems(
      [{ ...result, file, diagnostics: result.diagnostics.map(relabel) }],
      'stdout',
    );
    return 1;
  };

  const loaded = await loadProgress(absolute, { lang });
  if (!loaded.progress || !loaded.plan || hasErrors(loaded.result.diagnostics)) {
    if (!hasErrors(loaded.result.diagnostics)) {
      // A valid file of another kind (a plan): say why nothing was written.
      const kind = loaded.result.kind ?? 'unknown';
      const at = { file, line: 1, column: 1 };
      const { makeDiagnostic } = await import('../../diagnostics/make.js');
      loaded.result.diagnostics.unshift(makeDiagnostic('FG6001', lang, at, { kind }));
    }
    return fail(loaded.result);
  }
  // Earlier quarters next to this file (the layout of `progress new`), for the 环比 sentences.
  const { findHistory } = await import('../../report/history.js');
  const earlier = await findHistory(absolute, loaded.progress, loaded.plan, {
    lang,
    load: (f) => loadProgress(f, { lang }),
    display: (f) => path.relative(ctx.io.cwd, f),
    ...(loaded.planFile ? { planFile: loaded.planFile } : {}),
  });
  const options: Parameters<typeof buildReportView>[2] = {
    progressFile: file,
    history: earlier.history,
  };
  if (loaded.planFile) options.planFile = path.relative(ctx.io.cwd, loaded.planFile);
  if (flags.asOf) options.asOf = flags.asOf;
  const view = buildReportView(loaded.progress, loaded.plan, options);

  let rendered: Awaited<
    ReturnType<Awaited<ReturnType<typeof render.createReportRenderer>>['report']>
  >;
  try {
    const renderer = await render.createReportRenderer(settings);
    rendered = await renderer.report(view);
  } catch (err) {
    const diagnostics = render.diagnosticsOf(err);
    if (!diagnostics) throw err;
    return fail({ file, diagnostics });
  }

  const names = write.safeFileNames(reportFileStem(view.periodKey, view.town), settings.formats);
  const files = settings.formats.map((ext, i) => ({
    name: names[i] as string,
    data: ext === 'docx' ? (rendered.docx as Uint8Array) : rendered.markdown,
  }));
  const outDir = resolve(flags.output);
  const written = await write.writeOutputs(outDir, files, { force: Boolean(flags.force), lang });
  const warnings = loaded.result.diagnostics;
  await printProblems(
    [
      {
        file,
        diagnostics: [...warnings.map(relabel), ...earlier.diagnostics, ...written.diagnostics],
      },
    ],
    'stdout',
  );
  if (hasErrors(written.diagnostics)) return 1;
  if (flags.format !== 'json') {
    for (const p of written.written) {
      ctx.io.stdout.write(
        `${lang === 'en' ? 'wrote' : '已生成'} ${path.relative(ctx.io.cwd, p)}\n`,
      );
    }
  }
  return 0;
}

/** `fangan export`: many progress files -> reports, roll-ups, index. Exit 1 when any failed. */
async function exportCommand(
  paths: string[],
  flags: ExportFlags,
  ctx: CliContext,
  version: string,
): Promise<number> {
  const started = Date.now();
  const { io } = ctx;
  const { lang, usage, settings, resolve, printProblems } = await common(flags, ctx);
  const quarter = flags.quarter?.trim().toUpperCase();
  if (quarter !== undefined && !/^\d{4}Q[1-4]$/.test(quarter)) {
    throw usage('FG6021', { value: flags.quarter ?? '' });
  }
  let threads: number;
  if (flags.jobs === undefined) threads = (await import('node:os')).availableParallelism();
  else if (/^\d+$/.test(flags.jobs) && Number(flags.jobs) >= 1) threads = Number(flags.jobs);
  else
    throw usage('FG9005', {
      option: '--jobs',
      value: flags.jobs,
      kind: lang === 'en' ? 'positive' : '正',
    });

  const [{ discoverFiles }, { exportReports }, { createProgressBar }, path] = await Promise.all([
    import('../files.js'),
    import('../../export/index.js'),
    import('../progress-bar.js'),
    import('node:path'),
  ]);
  const inputs = await discoverFiles(paths, io.cwd, lang);
  const files = inputs.flatMap((i) => ('absolute' in i ? [i.absolute] : []));
  const json = flags.format === 'json';
  let bar: ReturnType<typeof createProgressBar> | undefined;

  const summary = await exportReports({
    files,
    outDir: resolve(flags.output),
    cwd: io.cwd,
    formats: settings.formats,
    threads,
    force: Boolean(flags.force),
    lang,
    version,
    ...(quarter === undefined ? {} : { quarter }),
    ...(settings.templateDir === undefined ? {} : { templateDir: settings.templateDir }),
    ...(settings.profileFile === undefined ? {} : { profileFile: settings.profileFile }),
    ...(flags.asOf === undefined ? {} : { asOf: flags.asOf }),
    onEvent: (event) => {
      if (event.type === 'start') {
        bar = createProgressBar(io, event.total, {
          quiet: json,
          label: lang === 'en' ? 'export' : '导出',
        });
        return;
      }
      const r = event.record;
      if (r.status === 'failed') {
        bar?.note(
          `✖ ${r.source}${r.diagnostics[0] ? `  ${r.diagnostics[0].code} ${r.diagnostics[0].message}` : ''}`,
        );
      }
      bar?.tick(r.town ?? r.source);
    },
  });
  bar?.done();

  if (summary.progressFiles === 0) throw usage('FG6020', { paths: paths.join(' ') });
  if (summary.found === 0) {
    throw usage('FG6023', { quarter: quarter ?? '', count: summary.progressFiles });
  }
  const outDir = resolve(flags.output);
  if (json) {
    const { readFile } = await import('node:fs/promises');
    io.stdout.write(await readFile(path.join(outDir, 'index.json'), 'utf8'));
  } else {
    await printProblems(summary.results, 'stdout');
    const { written, skipped, failed } = summary.counts;
    const rollups = summary.rollups.filter((r) => r.status !== 'failed').length;
    const where = path.relative(io.cwd, outDir) || '.';
    io.stdout.write(
      lang === 'en'
        ? `${failed ? '✖' : '✔'} ${written} reports written, ${skipped} unchanged, ${failed} failed; ${rollups} roll-ups; index: ${where}/index.md\n`
        : `${failed ? '✖' : '✔'} 已生成 ${written} 份汇报，未变化跳过 ${skipped} 份，失败 ${failed} 份；汇总报告 ${rollups} 份；清单：${where}/index.md\n`,
    );
  }
  if (flags.stats) {
    const stats = {
      files: summary.found,
      ms: Date.now() - started,
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    io.stderr.write(`${JSON.stringify(stats)}\n`);
  }
  const rollupFailed = summary.rollups.some((r) => r.status === 'failed');
  return summary.counts.failed > 0 || rollupFailed ? 1 : 0;
}
