import path from 'node:path';
import type { Command } from 'commander';
import type { Diagnostic, FileResult, Lang } from '../../diagnostics/types.js';
import type { CliContext } from '../context.js';
import type { PlanFormat } from '../../render/index.js';
import { sayer, langOption } from '../help.js';
import { addOutOption, outFlag, type OutFlags } from '../out-option.js';

interface RenderFlags extends OutFlags {
  to: string;
  template?: string;
  profile?: string;
  force?: boolean;
  check?: boolean;
  notice?: boolean;
  lang?: string;
}

export function defineRender(program: Command, ctx: CliContext): void {
  const say = sayer(ctx.helpLang);
  const render = program
    .command('render')
    .description(
      say(
        '把工作方案生成 Word（GB/T 9704）与 Markdown',
        'Write a work plan as Word (GB/T 9704) and Markdown',
      ),
    )
    .argument('<plan>', say('工作方案 YAML 文件', 'work plan YAML file'));
  addOutOption(
    render,
    say(
      '输出文件夹，不存在时自动创建（默认：方案所在文件夹下的 out）',
      'output folder, created if missing (default: out next to the plan)',
    ),
  )
    .option(
      '--to <formats>',
      say(
        '输出格式，逗号分隔：docx,md,pdf（pdf 需要 LibreOffice）',
        'formats, comma-separated: docx,md,pdf (pdf needs LibreOffice)',
      ),
      'docx,md',
    )
    .option(
      '--template <dir>',
      say(
        '自定义模板目录（先用 fangan templates eject 导出）',
        'folder of your own templates (start from fangan templates eject)',
      ),
    )
    .option(
      '--profile <file>',
      say('Word 样式配置文件（默认 GB/T 9704）', 'Word layout profile (default: GB/T 9704)'),
    )
    .option(
      '--force',
      say(
        '覆盖生成后被手工修改过的文件',
        'overwrite files that were edited by hand after they were written',
      ),
    )
    .option(
      '--check',
      say(
        '只检查输出文件夹中的文件是否为最新，不写入（用于 CI）',
        'only check that the files in the output folder are up to date; write nothing (for CI)',
      ),
    )
    .option(
      '--notice',
      say(
        '用“关于印发《…》的通知”印发，方案作为通知的附件（方案中没有 notice 时）',
        'issue the plan as the attachment of a notice of issue (when the plan has no notice of its own)',
      ),
    )
    .addOption(langOption(say))
    .action(async (plan: string, flags: RenderFlags, command: Command) => {
      ctx.exitCode = await renderCommand(plan, flags, ctx, command.parent?.version() ?? '');
    });
}

export function defineTemplates(program: Command, ctx: CliContext): void {
  const say = sayer(ctx.helpLang);
  const templates = program.command('templates').description(say('管理模板', 'Manage templates'));
  templates
    .command('eject')
    .description(
      say(
        '把内置模板、局部模板和 GB/T 9704 样式配置复制到目录，供修改后用 --template 使用',
        'Copy the built-in templates, partials and GB/T 9704 profile into a folder to edit and use with --template',
      ),
    )
    .argument('<dir>', say('目标目录', 'target folder'))
    .option(
      '--force',
      say('覆盖目录中已有的同名文件', 'overwrite files of the same name in the folder'),
    )
    .option('--lang <lang>', say('提示语言：zh-CN | en', 'message language: zh-CN | en'))
    .action(async (dir: string, flags: { force?: boolean; lang?: string }, command: Command) => {
      ctx.exitCode = await ejectCommand(dir, flags, ctx, command.parent?.parent?.version() ?? '');
    });
}

const t = (lang: Lang, zh: string, en: string): string => (lang === 'en' ? en : zh);

/** Prints diagnostics grouped by file with the stylish formatter; returns whether any is an error. */
async function printDiagnostics(
  ctx: CliContext,
  lang: Lang,
  version: string,
  diagnostics: readonly Diagnostic[],
  sources: Record<string, string> = {},
): Promise<boolean> {
  if (!diagnostics.length) return false;
  const [{ useColor }, { formatStylish }] = await Promise.all([
    import('../io.js'),
    import('../formatters/stylish.js'),
  ]);
  const byFile = new Map<string, FileResult>();
  for (const d of diagnostics) {
    let result = byFile.get(d.file);
    if (!result) {
      result = { file: d.file, diagnostics: [] };
      const source = sources[d.file];
      if (source !== undefined) result.source = source;
      byFile.set(d.file, result);
    }
    result.diagnostics.push(d);
  }
  const text = formatStylish([...byFile.values()], {
    lang,
    color: useColor(ctx.io),
    cwd: ctx.io.cwd,
    strict: false,
    version,
  });
  ctx.io.stderr.write(text);
  return diagnostics.some((d) => d.severity === 'error');
}

/** I/O failures of the output folder are exit 2; refusals (hand edits, links, stale) are exit 1. */
const exitFor = async (diagnostics: readonly Diagnostic[]): Promise<number> => {
  const { isIoProblem } = await import('../../write/errors.js');
  return diagnostics.some((d) => isIoProblem(d) || d.code === 'FG4202' || d.code === 'FG3010')
    ? 2
    : 1;
};

async function renderCommand(
  planArg: string,
  flags: RenderFlags,
  ctx: CliContext,
  version: string,
): Promise<number> {
  const { io } = ctx;
  const [{ resolveLang }, { usageError }, render] = await Promise.all([
    import('../context.js'),
    import('../usage.js'),
    import('../../render/index.js'),
  ]);
  const lang: Lang = resolveLang(flags.lang, io.env);
  const usage = (code: string, params: Record<string, string>) => usageError(code, lang, params);
  const outArg = outFlag(flags);
  if (outArg !== undefined && outArg.trim() === '') throw usage('FG9100', { option: '-o, --out' });

  const to: PlanFormat[] = [];
  let pdf = false;
  for (const part of flags.to.split(',').map((s) => s.trim().toLowerCase())) {
    if (part === 'pdf') {
      pdf = true;
      continue;
    }
    if (!(render.PLAN_FORMATS as readonly string[]).includes(part)) {
      throw usage('FG9020', { value: part, choices: [...render.PLAN_FORMATS, 'pdf'].join(', ') });
    }
    if (!to.includes(part as PlanFormat)) to.push(part as PlanFormat);
  }
  // A PDF is made from the .docx, so the Word document is rendered even when only pdf is asked.
  const keepDocx = to.includes('docx');
  if (pdf && !keepDocx) to.push('docx');

  let date: Date | undefined;
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw usage('FG9022', { value: epoch });
    date = new Date(Number(epoch) * 1000);
  }

  const templateDir =
    flags.template === undefined ? undefined : path.resolve(io.cwd, flags.template);
  if (templateDir !== undefined) {
    const { stat } = await import('node:fs/promises');
    const isDir = await stat(templateDir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir) throw usage('FG9021', { path: flags.template ?? '' });
  }

  // The output folder is opened (created, locked, checked) before anything is rendered. Without
  // -o it is `out` next to the plan, so each town's folder keeps its own documents.
  const outDir =
    outArg === undefined
      ? path.join(path.dirname(path.resolve(io.cwd, planArg)), 'out')
      : path.resolve(io.cwd, outArg);
  let writer: import('../../write/index.js').OutputWriter | undefined;
  if (!flags.check) {
    io.graceful?.();
    const { OutputWriter } = await import('../../write/index.js');
    writer = new OutputWriter(outDir, {
      force: Boolean(flags.force),
      lang,
      ...(io.signal ? { signal: io.signal } : {}),
      ...(io.lockOwner ? { lock: io.lockOwner } : {}),
    });
    const problems = await writer.ready();
    if (await printDiagnostics(ctx, lang, version, problems)) {
      await writer.close();
      return exitFor(problems);
    }
  }
  try {
    return await renderInto(writer, outDir, planArg, flags, ctx, version, {
      lang,
      to,
      date,
      pdf,
      keepDocx,
    });
  } finally {
    await writer?.close();
  }
}

async function renderInto(
  writer: import('../../write/index.js').OutputWriter | undefined,
  outDir: string,
  planArg: string,
  flags: RenderFlags,
  ctx: CliContext,
  version: string,
  {
    lang,
    to,
    date,
    pdf,
    keepDocx,
  }: { lang: Lang; to: PlanFormat[]; date: Date | undefined; pdf: boolean; keepDocx: boolean },
): Promise<number> {
  const { io } = ctx;
  const render = await import('../../render/index.js');
  const templateDir =
    flags.template === undefined ? undefined : path.resolve(io.cwd, flags.template);
  const planPath = path.resolve(io.cwd, planArg);
  const { loadPlan } = await import('../../validate/index.js');
  const { plan, result } = await loadPlan(planPath, { lang });
  // Problems name the plan as it was typed, like `validate` and `report` do.
  const shownPlan = path.relative(io.cwd, planPath) || planArg;
  const relabel = (d: Diagnostic): Diagnostic =>
    d.file === planPath ? { ...d, file: shownPlan } : d;
  const sources = result.source === undefined ? {} : { [shownPlan]: result.source };
  const invalid = await printDiagnostics(
    ctx,
    lang,
    version,
    result.diagnostics.map(relabel),
    sources,
  );
  if (invalid || !plan) return 1;

  let profile;
  if (to.includes('docx')) {
    const { loadProfile } = await import('../../docx/index.js');
    try {
      profile = await loadProfile(
        flags.profile === undefined ? undefined : path.resolve(io.cwd, flags.profile),
        { lang },
      );
    } catch (err) {
      const list = (err as { diagnostics?: Diagnostic[] }).diagnostics;
      if (!Array.isArray(list)) throw err;
      await printDiagnostics(ctx, lang, version, list);
      return 1;
    }
  }

  const rendered = await render.renderPlan(plan, {
    to,
    lang,
    ...(profile ? { profile } : {}),
    ...(templateDir === undefined ? {} : { templateDir }),
    ...(date ? { date } : {}),
    ...(flags.notice ? { notice: true } : {}),
  });
  if (await printDiagnostics(ctx, lang, version, rendered.diagnostics)) return 1;

  const shown = (file: string): string => path.relative(io.cwd, file) || file;

  if (!writer) {
    // PDFs carry LibreOffice's own time stamps, so only the .docx/.md are compared.
    const compared = keepDocx
      ? rendered.files
      : rendered.files.filter((f) => !f.name.endsWith('.docx'));
    const stale = await render.findStaleOutputs(outDir, compared, lang);
    if (await printDiagnostics(ctx, lang, version, stale)) return 1;
    io.stdout.write(
      t(
        lang,
        `✓ ${rendered.files.length} 个文件均为最新：${shown(outDir)}\n`,
        `✓ ${rendered.files.length} file(s) up to date in ${shown(outDir)}\n`,
      ),
    );
    return 0;
  }

  let files = rendered.files;
  if (pdf) {
    const { addPdfOutputs } = await import('../../pdf/index.js');
    const { defaultProfile } = await import('../../docx/index.js');
    const converted = await addPdfOutputs(files, {
      profile: profile ?? (await defaultProfile()),
      env: io.env,
      lang,
      keepDocx,
    });
    // Nothing of the call is written when a PDF is missing: a half set of outputs misleads.
    if (await printDiagnostics(ctx, lang, version, converted.diagnostics)) return 2;
    files = converted.files;
  }

  const call = await writer.write(files);
  const written = { ...call, diagnostics: [...call.diagnostics, ...(await writer.close())] };
  if (await printDiagnostics(ctx, lang, version, written.diagnostics)) {
    return exitFor(written.diagnostics);
  }
  for (const file of written.written) {
    io.stdout.write(t(lang, `已生成 ${shown(file)}\n`, `wrote ${shown(file)}\n`));
  }
  return 0;
}

async function ejectCommand(
  dirArg: string,
  flags: { force?: boolean; lang?: string },
  ctx: CliContext,
  version: string,
): Promise<number> {
  const { io } = ctx;
  const [{ resolveLang }, { ejectTemplates }] = await Promise.all([
    import('../context.js'),
    import('../../template/eject.js'),
  ]);
  const lang = resolveLang(flags.lang, io.env);
  const dir = path.resolve(io.cwd, dirArg);
  const result = await ejectTemplates(dir, { force: Boolean(flags.force), lang });
  if (await printDiagnostics(ctx, lang, version, result.diagnostics)) {
    return exitFor(result.diagnostics);
  }
  const { shellWord } = await import('../shell.js');
  const shown = shellWord(path.relative(io.cwd, dir) || '.');
  const profile = shellWord(
    path.join(path.relative(io.cwd, dir) || '.', 'profiles', 'gbt9704.json'),
  );
  for (const file of result.written) io.stdout.write(`${path.relative(io.cwd, file)}\n`);
  io.stdout.write(
    t(
      lang,
      `已导出 ${result.written.length} 个文件。修改后这样使用：\n  fangan render plan.yaml --template ${shown} --profile ${profile}\n`,
      `Exported ${result.written.length} files. After editing, use them with:\n  fangan render plan.yaml --template ${shown} --profile ${profile}\n`,
    ),
  );
  return 0;
}
