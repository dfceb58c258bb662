import type { Command } from 'commander';
import type { Diagnostic, FileResult, Lang } from '../../diagnostics/types.js';
import type { CliContext } from '../context.js';
import { sayer, langOption, problemFormatOption } from '../help.js';
import { addOutOption, outFlag, type OutFlags } from '../out-option.js';

interface AnnualFlags extends OutFlags {
  year?: string;
  to: string;
  template?: string;
  profile?: string;
  force?: boolean;
  lang?: string;
  format: string;
}

/** `--year 2025` -> 2025; a usage error (FG9250) for anything else. */
export function parseYear(value: string | undefined): number | undefined | { bad: string } {
  if (value === undefined) return undefined;
  return /^\d{4}$/.test(value.trim()) ? Number(value.trim()) : { bad: value };
}

export function defineAnnual(program: Command, ctx: CliContext): void {
  const say = sayer(ctx.helpLang);
  const annual = program
    .command('annual')
    .description(
      say(
        '由四个季度的进展生成年度工作总结（Word 与 Markdown）',
        "Write the annual summary from the four quarters' progress (Word and Markdown)",
      ),
    )
    .argument(
      '<plan>',
      say(
        '工作方案文件（kind: plan）；季度进展在它旁边的 progress/ 文件夹里',
        'work plan file (kind: plan); the quarterly progress files are in progress/ next to it',
      ),
    );
  addOutOption(
    annual,
    say(
      '输出文件夹（默认：方案所在文件夹下的 out）',
      'output folder (default: out next to the plan)',
    ),
  )
    .option(
      '--year <year>',
      say(
        '总结哪一年，例如 2025（默认为方案实施周期开始的年份）',
        'the year to sum up, e.g. 2025 (default: the year the plan period starts)',
      ),
    )
    .option(
      '--to <formats>',
      say('输出格式：docx、md，可用逗号同时指定', 'formats: docx, md, comma-separated'),
      'docx,md',
    )
    .option(
      '--template <dir>',
      say('自带模板所在文件夹（annual.md.hbs）', 'folder of your own templates (annual.md.hbs)'),
    )
    .option(
      '--profile <file>',
      say('Word 版式配置文件（默认 GB/T 9704）', 'Word layout profile (default: GB/T 9704)'),
    )
    .option('--force', say('覆盖手工修改过的输出文件', 'overwrite output files edited by hand'))
    .addOption(problemFormatOption(say))
    .addOption(langOption(say))
    .action(async (file: string, flags: AnnualFlags) => {
      ctx.exitCode = await annualCommand(file, flags, ctx);
    });
}

/** Exit 0 written (warnings allowed), 1 bad plan or quarter file, 2 usage. */
async function annualCommand(file: string, flags: AnnualFlags, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const [{ resolveLang }, { UsageError, useColor }, { formatMessage }, path] = await Promise.all([
    import('../context.js'),
    import('../io.js'),
    import('../../diagnostics/catalog.js'),
    import('node:path'),
  ]);
  const lang: Lang = resolveLang(flags.lang, io.env);
  const usage = (code: string, params: Record<string, string | number> = {}) =>
    new UsageError(`${code} ${formatMessage(code, lang, params)}`);
  const formats = [...new Set(flags.to.split(',').map((s) => s.trim().toLowerCase()))];
  if (formats.length === 0 || formats.some((f) => f !== 'docx' && f !== 'md')) {
    throw usage('FG6022', { value: flags.to });
  }
  if (flags.format !== 'stylish' && flags.format !== 'json') {
    throw usage('FG9004', { format: flags.format, choices: 'stylish, json' });
  }
  const year = parseYear(flags.year);
  if (typeof year === 'object') throw usage('FG9250', { value: year.bad });
  const resolve = (p: string): string => path.resolve(io.cwd, p);
  const outArg = outFlag(flags);
  if (outArg !== undefined && outArg.trim() === '') throw usage('FG9100', { option: '-o, --out' });
  const planFile = resolve(file);
  // Without -o: `out` next to the plan, where `render` and `report` write too.
  const outDir = outArg === undefined ? path.join(path.dirname(planFile), 'out') : resolve(outArg);

  // Problems on stderr; stdout lists what was written (one JSON object with --format json).
  const tally = { errors: 0, warnings: 0 };
  const printProblems = async (results: readonly FileResult[]) => {
    if (results.every((r) => r.diagnostics.length === 0)) return;
    for (const r of results)
      for (const d of r.diagnostics) tally[d.severity === 'error' ? 'errors' : 'warnings']++;
    const formatters = await import('../formatters/index.js');
    const format = await formatters.loadFormatter(flags.format === 'json' ? 'json' : 'stylish');
    const color = useColor({ ...io, stdout: io.stderr });
    io.stderr.write(format(results, { lang, color, cwd: io.cwd, strict: false, version: '' }));
  };
  const finish = (code: number, written: readonly string[] = []): number => {
    const shown = written.map((p) => path.relative(io.cwd, p) || p);
    if (flags.format === 'json')
      io.stdout.write(`${JSON.stringify({ ok: code === 0, written: shown, ...tally })}\n`);
    else for (const p of shown) io.stdout.write(`${lang === 'en' ? 'wrote' : '已生成'} ${p}\n`);
    return code;
  };

  const [{ loadAnnualInputs, annualFileStem }, { buildAnnualView }, render, write, types] =
    await Promise.all([
      import('../../export/annual.js'),
      import('../../report/annual.js'),
      import('../../report/render.js'),
      import('../../write/index.js'),
      import('../../diagnostics/types.js'),
    ]);
  const loaded = await loadAnnualInputs(planFile, {
    lang,
    cwd: io.cwd,
    ...(year === undefined ? {} : { year }),
  });
  if (!loaded.ok) {
    if (loaded.usage) throw usage(loaded.usage.code, loaded.usage.params);
    await printProblems(loaded.results);
    return finish(1);
  }
  const view = buildAnnualView(loaded.plan, loaded.year, loaded.inputs, {
    planFile: path.relative(io.cwd, planFile),
  });
  let rendered: Awaited<
    ReturnType<Awaited<ReturnType<typeof render.createReportRenderer>>['annual']>
  >;
  try {
    const renderer = await render.createReportRenderer({
      formats: formats as ('docx' | 'md')[],
      lang,
      ...(flags.template === undefined ? {} : { templateDir: resolve(flags.template) }),
      ...(flags.profile === undefined ? {} : { profileFile: resolve(flags.profile) }),
    });
    rendered = await renderer.annual(view);
  } catch (err) {
    const diagnostics: Diagnostic[] | undefined = render.diagnosticsOf(err);
    if (!diagnostics) throw err;
    await printProblems([{ file, diagnostics }]);
    return finish(1);
  }
  const names = write.safeFileNames(annualFileStem(view.year, view.town), formats);
  const files = formats.map((ext, i) => ({
    name: names[i] as string,
    data: ext === 'docx' ? (rendered.docx as Uint8Array) : rendered.markdown,
  }));
  const written = await write.writeOutputs(outDir, files, {
    force: Boolean(flags.force),
    lang,
  });
  await printProblems([...loaded.warnings, { file, diagnostics: written.diagnostics }]);
  if (types.hasErrors(written.diagnostics)) return finish(1);
  return finish(0, written.written);
}
