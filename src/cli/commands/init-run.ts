/** The actions of `fangan init` and `fangan progress new`, loaded only when one of them runs. */
import { lstat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMessage, type Params } from '../../diagnostics/catalog.js';
import { makeDiagnostic } from '../../diagnostics/make.js';
import { hasErrors, type Diagnostic, type FileResult, type Lang } from '../../diagnostics/types.js';
import type { InitAnswers } from '../../init/draft.js';
import type { WizardSeed } from '../../init/wizard.js';
import type { Unit } from '../../model/types.js';
import { ioDiagnostic } from '../../write/errors.js';
import { resolveLang } from '../context.js';
import { canPrompt, useColor, UsageError, type CliIO } from '../io.js';
import { outFlag } from '../out-option.js';
import { shellWord } from '../shell.js';

import type { InitOptions, ProgressNewOptions } from './init.js';

/** A usage error whose text comes from the catalogue, with its code for searching the docs. */
const usage = (lang: Lang, code: string, params: Params = {}) =>
  new UsageError(`${formatMessage(code, lang, params)} [${code}]`);

/** A file under the package root (src/cli/commands and dist/cli/commands are three levels down). */
const packageFile = (path: string): string =>
  fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** `$schema` reference from the folder of `out` to the package's schema, with `/` separators. */
const schemaRefFor = (out: string, schema: string): string =>
  relative(dirname(out), packageFile(`schemas/${schema}`))
    .split(sep)
    .join('/');

/**
 * Refuses symbolic links and anything but a regular file (a folder, FIFO or device) always, and
 * existing files unless `force`.
 */
async function checkTarget(out: string, force: boolean | undefined, lang: Lang): Promise<void> {
  const stat = await lstat(out).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    // ENOTDIR (a parent is a file), EACCES …: the same words as any other write problem.
    throw writeProblem(err, out, lang);
  });
  if (!stat) return;
  if (stat.isSymbolicLink()) throw usage(lang, 'FG7021', { file: out });
  if (!stat.isFile()) throw usage(lang, 'FG7200', { file: out });
  if (!force) throw usage(lang, 'FG7020', { file: out });
}

/** An I/O error as a usage error worded like the write stage's diagnostics (exit 2). */
function writeProblem(err: unknown, out: string, lang: Lang): UsageError {
  const d = ioDiagnostic(err, out, out, lang);
  return new UsageError(`${d.message} [${d.code}]`);
}

/** Checks the target again (the wizard may have taken minutes), then writes atomically. */
async function writeNew(
  out: string,
  text: string,
  force: boolean | undefined,
  lang: Lang,
  signal?: AbortSignal,
) {
  await checkTarget(out, force, lang);
  if (signal?.aborted) return false;
  const { atomicWriteFile, makeDirs } = await import('../../write/atomic.js');
  try {
    await makeDirs(dirname(out));
    await atomicWriteFile(dirname(out), basename(out), text);
  } catch (err) {
    throw writeProblem(err, out, lang);
  }
  return true;
}

async function printDiagnostics(io: CliIO, results: FileResult[], lang: Lang): Promise<void> {
  const { loadFormatter } = await import('../formatters/index.js');
  const format = await loadFormatter('stylish');
  io.stderr.write(
    format(results, { lang, color: useColor(io), cwd: io.cwd, strict: false, version: '' }),
  );
}

const list = (text: string | undefined): string[] | undefined =>
  text === undefined
    ? undefined
    : text
        .split(/[,，、]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');

const display = (io: CliIO, path: string): string => {
  const rel = relative(io.cwd, path);
  return rel.startsWith('..') || rel === '' ? path : rel;
};

/** Reads the flags into wizard defaults / non-interactive answers; bad flags are usage errors. */
async function seedFromFlags(
  options: InitOptions,
  starterUnitIds: readonly string[],
  lang: Lang,
): Promise<WizardSeed> {
  const { isIsoDate } = await import('../../model/calendar.js');
  const { closest } = await import('../../validate/suggest.js');
  const { customUnits } = await import('../../init/wizard.js');
  const seed: WizardSeed = {};
  if (options.town !== undefined) seed.town = options.town.trim();
  if (options.county !== undefined) seed.county = options.county.trim();
  if (options.issuer !== undefined) seed.issuer = options.issuer.trim();
  if (options.docNumber !== undefined) seed.docNumber = options.docNumber.trim();
  if (options.year !== undefined) {
    const year = Number(options.year);
    if (!/^\d{4}$/.test(options.year) || year < 2000 || year > 2100)
      throw usage(lang, 'FG7103', { value: options.year });
    seed.year = year;
  }
  if (options.period !== undefined) {
    const [start = '', end = ''] = options.period.split(/\.\.|~|～|至|,/).map((s) => s.trim());
    for (const value of [start, end])
      if (!isIsoDate(value)) throw usage(lang, 'FG7104', { flag: '--period', value });
    if (end < start) throw usage(lang, 'FG7105', { start, end });
    seed.period = { start, end };
  }
  if (options.date !== undefined) {
    if (!isIsoDate(options.date))
      throw usage(lang, 'FG7104', { flag: '--date', value: options.date });
    seed.date = options.date;
  }
  const units = list(options.units);
  if (units) {
    const ids: string[] = [];
    const named: Unit[] = [];
    const unnamed: string[] = [];
    for (const item of units) {
      const eq = item.indexOf('=');
      if (eq > 0) named.push({ id: item.slice(0, eq).trim(), name: item.slice(eq + 1).trim() });
      else if (starterUnitIds.includes(item)) ids.push(item);
      else if (/^[A-Za-z][\w-]*$/.test(item)) {
        // Looks like an id, so it is a typo rather than the name of another unit.
        const suggestion = closest(item, starterUnitIds);
        throw usage(lang, 'FG7102', {
          flag: '--units',
          value: item,
          choices: suggestion ?? starterUnitIds.join(','),
        });
      } else unnamed.push(item);
    }
    seed.units = ids;
    seed.customUnits = [
      ...named,
      ...customUnits(unnamed, [...starterUnitIds, ...named.map((u) => u.id)]),
    ];
  }
  const goals = list(options.goals);
  if (goals) seed.goals = goals;
  const indicators = list(options.indicators);
  if (indicators) seed.indicators = indicators;
  const measures = list(options.measures);
  if (measures) seed.measures = measures;
  return seed;
}

export { shellWord } from '../shell.js';

/** `npx fangan` when this run came through npx (npm exec), else `fangan`. */
const commandName = (io: CliIO): string =>
  io.env.npm_command === 'exec' ? 'npx fangan' : 'fangan';

/** The commands to run next, with paths relative to the current folder, exactly as printed. */
export function nextCommands(io: CliIO, planPath: string, year: string): string[] {
  const fangan = commandName(io);
  const plan = shellWord(display(io, planPath));
  const progress = shellWord(display(io, join(dirname(planPath), 'progress', `${year}Q1.yaml`)));
  return [
    `${fangan} validate ${plan}`,
    `${fangan} render ${plan}`,
    `${fangan} progress new ${plan} --quarter ${year}Q1`,
    `${fangan} report ${progress}`,
  ];
}

function nextSteps(io: CliIO, lang: Lang, planPath: string, year: string): string {
  const file = display(io, planPath);
  const out = display(io, join(dirname(planPath), 'out'));
  const [validate, render, progress, report] = nextCommands(io, planPath, year);
  return lang === 'en'
    ? `Drafted ${file}\n\nNext steps:\n` +
        `  1. Open ${file} and adapt the background, baselines and targets to local data\n` +
        `  2. ${validate}\n` +
        `  3. ${render}            Word and Markdown, written to ${out}\n` +
        `  4. Every quarter: ${progress}\n` +
        `  5. Once filled in: ${report}\n`
    : `已起草 ${file}\n\n下一步：\n` +
        `  1. 打开 ${file}，按本地实际修改背景、指标基线值和目标值（VS Code 装 YAML 插件可看到中文提示）\n` +
        `  2. ${validate}\n` +
        `  3. ${render}            生成 Word 与 Markdown，写入 ${out}\n` +
        `  4. 每季度：${progress}\n` +
        `  5. 填好进展后：${report}\n`;
}

export async function runInit(
  file: string | undefined,
  options: InitOptions,
  io: CliIO,
): Promise<number> {
  const lang = resolveLang(options.lang, io.env);
  if (file !== undefined && file.trim() === '') throw usage(lang, 'FG9100', { option: '[file]' });
  const outArg = outFlag(options);
  if (outArg !== undefined && outArg.trim() === '')
    throw usage(lang, 'FG9100', { option: '-o, --out' });
  if (
    file !== undefined &&
    outArg !== undefined &&
    resolve(io.cwd, file) !== resolve(io.cwd, outArg)
  )
    throw usage(lang, 'FG9110', { file, out: outArg });
  const out = resolve(io.cwd, file ?? outArg ?? 'plan.yaml');
  const keys = (options.keys ?? 'en').trim().toLowerCase();
  if (keys !== 'zh' && keys !== 'en') throw usage(lang, 'FG9301', { value: options.keys ?? '' });
  // Refuse before asking anything, so nobody answers twenty questions for nothing.
  await checkTarget(out, options.force, lang);

  const { builtinStarterPath, readStarter } = await import('../../init/starter.js');
  const starterPath = options.starter ? resolve(io.cwd, options.starter) : builtinStarterPath();
  const { starter, diagnostics } = await readStarter(starterPath, lang);
  if (!starter) {
    await printDiagnostics(io, [{ file: starterPath, diagnostics }], lang);
    io.stderr.write(`fangan: ${formatMessage('FG7116', lang, { file: starterPath })} [FG7116]\n`);
    return 1;
  }

  const seed = await seedFromFlags(
    options,
    starter.units.map((u) => u.id),
    lang,
  );
  let answers: InitAnswers;
  if (!options.yes && canPrompt(io)) {
    const { createPrompter, isDiscard, isPromptCancel } = await import('../prompts.js');
    const { runWizard } = await import('../../init/wizard.js');
    try {
      const prompter = await createPrompter(io, lang);
      answers = await runWizard(prompter, starter, seed, lang, display(io, out));
    } catch (err) {
      const code = isDiscard(err) ? 'FG7236' : isPromptCancel(err) ? 'FG7113' : undefined;
      if (!code) throw err;
      io.stderr.write(`\nfangan: ${formatMessage(code, lang)} [${code}]\n`);
      return 2;
    }
  } else {
    if (!seed.town) throw usage(lang, 'FG7101', { flag: '--town' });
    const year = seed.year ?? new Date().getFullYear();
    const { town, period, year: _year, ...rest } = seed;
    answers = {
      ...rest,
      town,
      period: {
        start: period?.start ?? `${year}-01-01`,
        end: period?.end ?? `${period?.start?.slice(0, 4) ?? year}-12-31`,
      },
    };
  }

  const { resolveDraft, planToYaml } = await import('../../init/draft.js');
  const { draft, problems } = resolveDraft(answers, starter);
  if (!draft) {
    throw new UsageError(
      problems.map((p) => `${formatMessage(p.code, lang, p.params)} [${p.code}]`).join('\n'),
    );
  }
  const text = planToYaml(draft, {
    schemaRef: schemaRefFor(out, 'plan.schema.json'),
    starterName: starter.name,
    keys,
  });
  // What init writes must validate: answers the schema or the rules refuse (a 500-character town,
  // 300 units) are refused here, with the validator's own words, and nothing is written.
  const { validateText } = await import('../../validate/index.js');
  const check = validateText(text, { file: out, lang });
  const errors = check.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const problems = errors
      .map((d) => `  - ${d.pointer ? `${d.pointer}: ` : ''}${d.message} [${d.code}]`)
      .join('\n');
    throw new UsageError(`${formatMessage('FG7201', lang)} [FG7201]\n${problems}`);
  }
  io.graceful?.();
  if (!(await writeNew(out, text, options.force, lang, io.signal))) return 2;
  io.stdout.write(nextSteps(io, lang, out, draft.plan.period.start.slice(0, 4)));
  return 0;
}

export async function runProgressNew(
  planArg: string,
  options: ProgressNewOptions,
  io: CliIO,
): Promise<number> {
  const lang = resolveLang(options.lang, io.env);
  const { buildProgress, scaffoldProgress } = await import('../../init/progress.js');
  const { isIsoDate, parseQuarter, previousQuarter, quarterOverlaps } =
    await import('../../model/calendar.js');
  const quarter = parseQuarter(options.quarter);
  if (!quarter) throw usage(lang, 'FG7110', { value: options.quarter });
  if (options.date !== undefined && !isIsoDate(options.date))
    throw usage(lang, 'FG7104', { flag: '--date', value: options.date });

  const planPath = resolve(io.cwd, planArg);
  const { loadPlan, loadProgress } = await import('../../validate/index.js');
  const { plan, result } = await loadPlan(planPath, { lang });
  if (!plan || hasErrors(result.diagnostics)) {
    await printDiagnostics(io, [result], lang);
    io.stderr.write(
      `fangan: ${formatMessage('FG7112', lang, { file: display(io, planPath) })} [FG7112]\n`,
    );
    return 1;
  }
  if (!quarterOverlaps(quarter, plan.period))
    throw usage(lang, 'FG7111', { quarter: quarter.key, ...plan.period });

  const outArg = outFlag(options);
  if (outArg !== undefined && outArg.trim() === '')
    throw usage(lang, 'FG9100', { option: '-o, --out' });
  const out = outArg
    ? resolve(io.cwd, outArg)
    : join(dirname(planPath), 'progress', `${quarter.key}.yaml`);
  await checkTarget(out, options.force, lang);

  // Carry status, percent and actual values over from last quarter's file next to this one.
  const previousPath = join(dirname(out), `${previousQuarter(quarter).key}.yaml`);
  let previous;
  const warnings: Diagnostic[] = [];
  if (
    await lstat(previousPath).then(
      (s) => s.isFile(),
      () => false,
    )
  ) {
    const loaded = await loadProgress(previousPath, { lang });
    if (loaded.progress && !hasErrors(loaded.result.diagnostics)) previous = loaded.progress;
    else
      warnings.push(
        makeDiagnostic(
          'FG7030',
          lang,
          { file: previousPath, line: 1, column: 1 },
          { file: display(io, previousPath) },
        ),
      );
  }
  const scaffold = {
    quarter,
    planRef: relative(dirname(out), planPath).split(sep).join('/'),
    schemaRef: schemaRefFor(out, 'progress.schema.json'),
    ...(previous ? { previous } : {}),
    ...(options.reporter ? { reporter: options.reporter } : {}),
    ...(options.date ? { date: options.date } : {}),
  };
  const built = buildProgress(plan, scaffold);
  const text = scaffoldProgress(plan, scaffold, built);
  io.graceful?.();
  if (!(await writeNew(out, text, options.force, lang, io.signal))) return 2;
  if (warnings.length > 0)
    await printDiagnostics(io, [{ file: previousPath, diagnostics: warnings }], lang);

  const { carried } = built;
  const shown = display(io, out);
  const fangan = commandName(io);
  const word = shellWord(shown);
  const carriedNote =
    previous === undefined
      ? ''
      : lang === 'en'
        ? ` (carried over from ${previousQuarter(quarter).key}: ${carried.measures.length} measures, ${carried.indicators.length} indicators)`
        : `（沿用 ${previousQuarter(quarter).key}：${carried.measures.length} 项工作、${carried.indicators.length} 个指标）`;
  io.stdout.write(
    lang === 'en'
      ? `Created ${shown}${carriedNote}\n\nNext steps:\n  1. Fill in done / problems / next for each measure and the indicator actuals\n  2. ${fangan} validate ${word}\n  3. ${fangan} report ${word}\n`
      : `已生成 ${shown}${carriedNote}\n\n下一步：\n  1. 逐项填写 done（完成情况）、problems（问题）、next（下一步）和指标 actual（实际值）\n  2. ${fangan} validate ${word}\n  3. ${fangan} report ${word}\n`,
  );
  return 0;
}
