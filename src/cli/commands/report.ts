import type { Command } from 'commander';
import type { Diagnostic, FileResult, Lang } from '../../diagnostics/types.js';
import type { CliContext } from '../context.js';
import { sayer, type Say, langOption, problemFormatOption } from '../help.js';
import { addOutOption, outFlag, type OutFlags } from '../out-option.js';

interface OutputFlags extends OutFlags {
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
  issuer?: string;
  addressee?: string;
  annual?: boolean;
  year?: string;
  jobs?: string;
  stats?: boolean;
}

const addOutputOptions = (command: Command, say: Say, outHelp: string): Command =>
  addOutOption(command, outHelp)
    .option(
      '--to <formats>',
      say(
        '输出格式：docx、md、pdf（pdf 需要 LibreOffice），可用逗号同时指定',
        'formats: docx, md, pdf (pdf needs LibreOffice), comma-separated',
      ),
      'docx,md',
    )
    .option(
      '--template <dir>',
      say(
        '自带模板所在文件夹（report.md.hbs、rollup.md.hbs）',
        'folder of your own templates (report.md.hbs, rollup.md.hbs)',
      ),
    )
    .option(
      '--profile <file>',
      say('Word 版式配置文件（默认 GB/T 9704）', 'Word layout profile (default: GB/T 9704)'),
    )
    .option(
      '--force',
      say(
        '覆盖手工修改过的输出文件；导出时重新生成未变化的汇报',
        'overwrite output files edited by hand; in export, also rebuild unchanged reports',
      ),
    )
    .option(
      '--as-of <date>',
      say(
        '按此日期（YYYY-MM-DD）判断到期和逾期，默认用进展文件的报送日期',
        'judge due and overdue tasks as of this date (YYYY-MM-DD); default: the report date of the progress file',
      ),
    )
    .addOption(problemFormatOption(say))
    .addOption(langOption(say));

export function defineReport(program: Command, ctx: CliContext): void {
  const say = sayer(ctx.helpLang);
  addOutputOptions(
    program
      .command('report')
      .description(
        say(
          '由季度进展生成季度工作汇报（Word 与 Markdown）',
          'Write the quarterly report of a progress file (Word and Markdown)',
        ),
      )
      .argument(
        '<progress>',
        say('季度进展文件（kind: progress）', 'progress file (kind: progress)'),
      ),
    say,
    say(
      '输出文件夹（默认：进展文件所指方案所在文件夹下的 out）',
      'output folder (default: out next to the plan the progress file names)',
    ),
  ).action(async (file: string, flags: OutputFlags) => {
    ctx.exitCode = await reportCommand(file, flags, ctx);
  });
}

export function defineExport(program: Command, ctx: CliContext): void {
  const say = sayer(ctx.helpLang);
  addOutputOptions(
    program
      .command('export')
      .description(
        say(
          '批量导出各乡镇季度工作汇报、县级汇总报告和导出清单',
          "Export every town's quarterly reports, the county roll-ups and an index",
        ),
      )
      .argument(
        '<paths...>',
        say(
          '文件、文件夹（递归查找）或加引号的 glob；只处理 kind: progress 的文件',
          'files, folders (searched recursively) or quoted globs; only kind: progress files are used',
        ),
      ),
    say,
    say(
      '输出文件夹（默认：当前文件夹下的 out）',
      'output folder (default: out in the current folder)',
    ),
  )
    .option(
      '--quarter <quarter>',
      say('只导出这个季度，例如 2025Q1', 'export only this quarter, e.g. 2025Q1'),
    )
    .option(
      '--issuer <name>',
      say(
        '汇总报告的落款单位，例如 云川县卫生健康局（优先于 county.yaml）',
        'issuer of the roll-ups (overrides county.yaml)',
      ),
    )
    .option(
      '--addressee <name>',
      say(
        '汇总报告标题下的主送机关（优先于 county.yaml）',
        'addressee under the roll-up title (overrides county.yaml)',
      ),
    )
    .option(
      '--annual',
      say(
        '导出各乡镇年度工作总结和县级年度汇总报告，而不是季度汇报',
        'export annual summaries and county annual roll-ups instead of quarterly reports',
      ),
    )
    .option(
      '--year <year>',
      say(
        '与 --annual 一起用：只导出这一年，例如 2025',
        'with --annual: only this year, e.g. 2025',
      ),
    )
    .option(
      '-j, --jobs <n>',
      say(
        '并行线程数（默认为 CPU 数减一，至少 1）',
        'worker threads (default: CPUs minus one, at least 1)',
      ),
    )
    .option(
      '--stats',
      say(
        '结束时在标准错误输出用时和内存峰值（JSON）',
        'print time taken and peak memory (JSON) on standard error at the end',
      ),
    )
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
  const outArg = outFlag(flags);
  if (outArg !== undefined && outArg.trim() === '') throw usage('FG9100', { option: '-o, --out' });
  const asked = [...new Set(flags.to.split(',').map((s) => s.trim().toLowerCase()))];
  if (asked.length === 0 || asked.some((f) => f !== 'docx' && f !== 'md' && f !== 'pdf')) {
    throw usage('FG6022', { value: flags.to });
  }
  // A PDF is converted from the .docx, so Word is rendered whenever pdf is asked for.
  const pdf = asked.includes('pdf');
  const keepDocx = asked.includes('docx');
  const formats = asked.filter((f) => f !== 'pdf');
  if (pdf && !keepDocx) formats.push('docx');
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
  // Problems always go to stderr (in the --format asked for); stdout carries only the result:
  // the files written, or with --format json one JSON object saying so.
  const tally = { errors: 0, warnings: 0 };
  const printProblems = async (results: readonly FileResult[]) => {
    if (results.every((r) => r.diagnostics.length === 0)) return;
    for (const r of results)
      for (const d of r.diagnostics) tally[d.severity === 'error' ? 'errors' : 'warnings']++;
    const formatters = await import('../formatters/index.js');
    const format = await formatters.loadFormatter(flags.format === 'json' ? 'json' : 'stylish');
    ctx.io.stderr.write(
      format(results, {
        lang,
        color: useColor({ ...ctx.io, stdout: ctx.io.stderr }),
        cwd: ctx.io.cwd,
        strict: false,
        version: '',
      }),
    );
  };
  /** Lists the files written: a line each, or one JSON object with --format json. */
  const finish = (code: number, written: readonly string[]): number => {
    const shown = written.map((p) => path.relative(ctx.io.cwd, p) || p);
    if (flags.format === 'json') {
      ctx.io.stdout.write(`${JSON.stringify({ ok: code === 0, written: shown, ...tally })}\n`);
    } else {
      for (const p of shown) ctx.io.stdout.write(`${lang === 'en' ? 'wrote' : '已生成'} ${p}\n`);
    }
    return code;
  };
  return {
    lang,
    usage,
    settings,
    resolve,
    printProblems,
    finish,
    formatMessage,
    pdf,
    keepDocx,
    outArg,
  };
}

/** `fangan report`: one progress file -> its report. Exit 0 written, 1 bad data, 2 usage. */
async function reportCommand(file: string, flags: OutputFlags, ctx: CliContext): Promise<number> {
  const shared = await common(flags, ctx);
  const [{ loadProgress }, { hasErrors }, path] = await Promise.all([
    import('../../validate/index.js'),
    import('../../diagnostics/types.js'),
    import('node:path'),
  ]);
  const absolute = shared.resolve(file);
  const loaded = await loadProgress(absolute, { lang: shared.lang });
  // Without -o: `out` next to the plan the progress file names, where `render` puts the plan.
  const outDir =
    shared.outArg !== undefined
      ? shared.resolve(shared.outArg)
      : path.join(path.dirname(loaded.planFile ?? absolute), 'out');
  const relabel = (d: Diagnostic): Diagnostic => (d.file === absolute ? { ...d, file } : d);
  if (!loaded.progress || !loaded.plan || hasErrors(loaded.result.diagnostics)) {
    if (!hasErrors(loaded.result.diagnostics)) {
      // A valid file of another kind (a plan): say why nothing was written.
      const kind = loaded.result.kind ?? 'unknown';
      const at = { file, line: 1, column: 1 };
      const { makeDiagnostic } = await import('../../diagnostics/make.js');
      loaded.result.diagnostics.unshift(makeDiagnostic('FG6001', shared.lang, at, { kind }));
    }
    const result = loaded.result;
    await shared.printProblems([{ ...result, file, diagnostics: result.diagnostics.map(relabel) }]);
    return shared.finish(1, []);
  }
  // The output folder is opened (created, locked, checked) before anything is rendered.
  const writer = await openOutput(outDir, flags, shared.lang, ctx);
  if (Array.isArray(writer)) {
    const shown = path.relative(ctx.io.cwd, outDir) || '.';
    await shared.printProblems([{ file: shown, diagnostics: writer }]);
    return shared.finish(2, []);
  }
  try {
    const { code, written } = await reportInto(writer, file, loaded, flags, ctx, shared);
    return shared.finish(code, written);
  } finally {
    await writer.close();
  }
}

/** An OutputWriter for `dir`, or the problems that make the folder unusable (exit 2). */
async function openOutput(
  dir: string,
  flags: { force?: boolean },
  lang: Lang,
  ctx: CliContext,
): Promise<import('../../write/index.js').OutputWriter | Diagnostic[]> {
  const { io } = ctx;
  io.graceful?.();
  const [{ OutputWriter }, { hasErrors }] = await Promise.all([
    import('../../write/index.js'),
    import('../../diagnostics/types.js'),
  ]);
  const writer = new OutputWriter(dir, {
    force: Boolean(flags.force),
    lang,
    ...(io.signal ? { signal: io.signal } : {}),
    ...(io.lockOwner ? { lock: io.lockOwner } : {}),
  });
  const problems = await writer.ready();
  if (!hasErrors(problems)) return writer;
  await writer.close();
  return problems;
}

type LoadedProgress = Awaited<
  ReturnType<(typeof import('../../validate/index.js'))['loadProgress']>
>;

async function reportInto(
  writer: import('../../write/index.js').OutputWriter,
  file: string,
  loaded: LoadedProgress,
  flags: OutputFlags,
  ctx: CliContext,
  { lang, settings, resolve, printProblems, pdf, keepDocx }: Awaited<ReturnType<typeof common>>,
): Promise<{ code: number; written: string[] }> {
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
  const progress = loaded.progress as NonNullable<LoadedProgress['progress']>;
  const plan = loaded.plan as NonNullable<LoadedProgress['plan']>;
  const relabel = (d: Diagnostic): Diagnostic => (d.file === absolute ? { ...d, file } : d);
  const fail = async (result: FileResult, code = 1) => {
    await printProblems([{ ...result, file, diagnostics: result.diagnostics.map(relabel) }]);
    return { code, written: [] };
  };

  // Earlier quarters next to this file (the layout of `progress new`), for the 环比 sentences.
  const { findHistory } = await import('../../report/history.js');
  const earlier = await findHistory(absolute, progress, plan, {
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
  const view = buildReportView(progress, plan, options);

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
  let files: { name: string; data: Uint8Array | string }[] = settings.formats.map((ext, i) => ({
    name: names[i] as string,
    data: ext === 'docx' ? (rendered.docx as Uint8Array) : rendered.markdown,
  }));
  if (pdf) {
    const [{ addPdfOutputs }, { defaultProfile, loadProfile }] = await Promise.all([
      import('../../pdf/index.js'),
      import('../../docx/index.js'),
    ]);
    const profile = settings.profileFile
      ? await loadProfile(settings.profileFile, { lang })
      : await defaultProfile();
    const converted = await addPdfOutputs(files, { profile, env: ctx.io.env, lang, keepDocx });
    if (hasErrors(converted.diagnostics))
      return fail({ file, diagnostics: converted.diagnostics }, 2);
    files = converted.files;
  }
  const call = await writer.write(files);
  const written = { ...call, diagnostics: [...call.diagnostics, ...(await writer.close())] };
  const warnings = loaded.result.diagnostics;
  await printProblems([
    {
      file,
      diagnostics: [...warnings.map(relabel), ...earlier.diagnostics, ...written.diagnostics],
    },
  ]);
  if (hasErrors(written.diagnostics))
    return { code: written.diagnostics.some(write.isIoProblem) ? 2 : 1, written: [] };
  return { code: 0, written: written.written };
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
  const { lang, usage, settings, resolve, printProblems, pdf, keepDocx, outArg } = await common(
    flags,
    ctx,
  );
  // Without -o: `out` in the current folder (next to towns/ when run from the county's folder).
  const outDir = resolve(outArg ?? 'out');
  const outShown = (await import('node:path')).relative(io.cwd, outDir) || '.';
  if (pdf) {
    // Without LibreOffice no town could be written: say so once, before rendering anything.
    const { findSoffice } = await import('../../pdf/index.js');
    if (!(await findSoffice(io.env))) {
      const { makeDiagnostic } = await import('../../diagnostics/make.js');
      const program = io.env.FANGAN_SOFFICE || 'soffice';
      const at = { file: outShown, line: 1, column: 1 };
      await printProblems([
        { file: outShown, diagnostics: [makeDiagnostic('FG5301', lang, at, { program })] },
      ]);
      return 2;
    }
  }
  const { useColor } = await import('../io.js');
  const quarter = flags.quarter?.trim().toUpperCase();
  if (quarter !== undefined && !/^\d{4}Q[1-4]$/.test(quarter)) {
    throw usage('FG6021', { value: flags.quarter ?? '' });
  }
  for (const [option, value] of [
    ['--issuer', flags.issuer],
    ['--addressee', flags.addressee],
  ] as const) {
    if (value !== undefined && value.trim() === '') throw usage('FG9252', { option });
  }
  let threads: number;
  // One worker per CPU besides the export's own thread, which writes, zips the roll-ups and keeps
  // the index. Measured with bench/export.js on 2 CPUs: --jobs 2 took 0.8-1.0x the time of
  // --jobs 1 (1.3-1.6x before the export had a thread of its own) for some 30 MB more.
  if (flags.jobs === undefined) {
    threads = Math.max(1, (await import('node:os')).availableParallelism() - 1);
  } else if (/^\d+$/.test(flags.jobs) && Number(flags.jobs) >= 1) threads = Number(flags.jobs);
  else
    throw usage('FG9005', {
      option: '--jobs',
      value: flags.jobs,
      kind: lang === 'en' ? 'positive' : '正',
    });

  if (flags.annual) return annualExport(paths, flags, ctx, outDir);
  const [thread, { createProgressBar }, path] = await Promise.all([
    import('../export-thread.js'),
    import('../progress-bar.js'),
    import('node:path'),
  ]);
  const json = flags.format === 'json';
  let bar: ReturnType<typeof createProgressBar> | undefined;
  // Problems are printed a chunk of files at a time, as the export reads them back in path order.
  const formatOptions = {
    lang,
    color: useColor({ ...io, stdout: io.stderr }),
    cwd: io.cwd,
    strict: false,
    version: '',
  };
  const stylish = json ? undefined : await import('../formatters/stylish.js');
  const problems = { files: 0, errors: 0, warnings: 0 };

  io.graceful?.();
  const summary = await thread
    .exportInThread({
      ...(io.signal ? { signal: io.signal } : {}),
      ...(io.lockOwner ? { lock: io.lockOwner } : {}),
      paths,
      outDir,
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
      ...(flags.issuer === undefined ? {} : { issuer: flags.issuer.trim() }),
      ...(flags.addressee === undefined ? {} : { addressee: flags.addressee.trim() }),
      ...(pdf ? { pdf: { env: io.env, keepDocx } } : {}),
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
      ...(stylish
        ? {
            onProblems: (results: FileResult[]) => {
              bar?.done();
              for (const r of results) {
                problems.files++;
                for (const d of r.diagnostics)
                  problems[d.severity === 'error' ? 'errors' : 'warnings']++;
              }
              io.stderr.write(stylish.stylishBlocks(results, formatOptions));
            },
          }
        : {}),
    })
    .catch((err: unknown) => {
      // More than EXPORT_OLD_MB: a diagnostic, not a stack trace.
      if (err instanceof thread.ExportOutOfMemory) throw usage('FG6103', { limit: err.limitMb });
      throw err;
    });
  bar?.done();
  if (summary.unwritable) {
    // The output folder cannot be used: nothing was rendered or written.
    await printProblems([{ file: outShown, diagnostics: summary.unwritable }]);
    return 2;
  }

  if (summary.progressFiles === 0) throw usage('FG6020', { paths: paths.join(' ') });
  if (summary.found === 0) {
    throw usage('FG6023', { quarter: quarter ?? '', count: summary.progressFiles });
  }
  const rollupFailed = summary.rollups.some((r) => r.status === 'failed');
  const failedAny = summary.counts.failed > 0 || summary.failures.length > 0;
  if (json) {
    const { readFile } = await import('node:fs/promises');
    io.stdout.write(await readFile(path.join(outDir, 'index.json'), 'utf8'));
  } else {
    if (problems.files > 0 && stylish) {
      io.stderr.write(`${stylish.stylishSummary(problems, formatOptions)}\n`);
    }
    const { written, skipped, failed } = summary.counts;
    const rollups = summary.rollups.filter((r) => r.status !== 'failed').length;
    const rollupsFailed = summary.rollups.length - rollups;
    const where = path.relative(io.cwd, outDir) || '.';
    const mark = failedAny ? '✖' : '✔';
    io.stdout.write(
      lang === 'en'
        ? `${mark} ${written} reports written, ${skipped} unchanged, ${failed} failed; ${rollups} roll-ups${rollupsFailed ? `, ${rollupsFailed} failed` : ''}; index: ${where}/index.md\n`
        : `${mark} 已生成 ${written} 份汇报，未变化跳过 ${skipped} 份，失败 ${failed} 份；汇总报告 ${rollups} 份${rollupsFailed ? `，失败 ${rollupsFailed} 份` : ''}；清单：${where}/index.md\n`,
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
  return failedAny || rollupFailed || summary.countyFailed ? 1 : 0;
}

/** `fangan export --annual`: every town's annual summary and one annual roll-up per county. */
async function annualExport(
  paths: string[],
  flags: ExportFlags,
  ctx: CliContext,
  outDir: string,
): Promise<number> {
  const { io } = ctx;
  const { lang, usage, settings, printProblems } = await common(flags, ctx);
  const [{ discoverPaths }, { exportAnnual }, { parseYear }, path] = await Promise.all([
    import('../files.js'),
    import('../../export/annual.js'),
    import('./annual.js'),
    import('node:path'),
  ]);
  const year = parseYear(flags.year);
  if (typeof year === 'object') throw usage('FG9250', { value: year.bad });
  const files = await discoverPaths(paths, io.cwd, lang);
  const summary = await exportAnnual({
    files,
    outDir,
    cwd: io.cwd,
    formats: settings.formats,
    force: Boolean(flags.force),
    lang,
    ...(year === undefined ? {} : { year }),
    ...(settings.templateDir === undefined ? {} : { templateDir: settings.templateDir }),
    ...(settings.profileFile === undefined ? {} : { profileFile: settings.profileFile }),
    ...(flags.issuer === undefined ? {} : { issuer: flags.issuer.trim() }),
    ...(flags.addressee === undefined ? {} : { addressee: flags.addressee.trim() }),
  });
  if (summary.towns === 0) throw usage('FG6020', { paths: paths.join(' ') });
  await printProblems(summary.results);
  const where = path.relative(io.cwd, outDir) || '.';
  if (flags.format === 'json') {
    const { summaries, rollups, failed } = summary;
    io.stdout.write(
      `${JSON.stringify({ ok: failed === 0, out: where, summaries, rollups, failed })}\n`,
    );
    return failed > 0 ? 1 : 0;
  }
  io.stdout.write(
    lang === 'en'
      ? `${summary.failed ? '✖' : '✔'} ${summary.summaries} annual summaries, ${summary.rollups} county annual roll-ups in ${where}; ${summary.failed} failed\n`
      : `${summary.failed ? '✖' : '✔'} 已生成 ${summary.summaries} 份年度工作总结、${summary.rollups} 份县级年度汇总报告（${where}）；失败 ${summary.failed} 份\n`,
  );
  return summary.failed > 0 ? 1 : 0;
}
