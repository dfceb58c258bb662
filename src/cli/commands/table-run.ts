/**
 * The actions of `fangan export-table` and `fangan progress import`, loaded only when one of them
 * runs; exceljs itself is loaded by src/table/ on first use, so no other command pays for it.
 */
import { lstat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMessage, type Params } from '../../diagnostics/catalog.js';
import { hasErrors, type Diagnostic, type FileResult, type Lang } from '../../diagnostics/types.js';
import type { Plan } from '../../model/types.js';
import { cellRef, type CellDiagnostic } from '../../table/read.js';
import { ioDiagnostic } from '../../write/errors.js';
import { resolveLang } from '../context.js';
import { UsageError, useColor, type CliIO } from '../io.js';
import type { ExportTableOptions } from './export-table.js';
import type { ProgressImportOptions } from './progress-import.js';

/** A form is a few hundred kilobytes; anything far larger is not one of ours. */
const MAX_FORM_BYTES = 20 * 1024 * 1024;

const usage = (lang: Lang, code: string, params: Params = {}) =>
  new UsageError(`${formatMessage(code, lang, params)} [${code}]`);

const display = (io: CliIO, path: string): string => {
  const rel = relative(io.cwd, path);
  return rel.startsWith('..') || rel === '' ? path : rel;
};

const slashes = (path: string): string => path.split(sep).join('/');

async function printResults(io: CliIO, results: FileResult[], lang: Lang): Promise<void> {
  const { loadFormatter } = await import('../formatters/index.js');
  const format = await loadFormatter('stylish');
  io.stderr.write(
    format(results, { lang, color: useColor(io), cwd: io.cwd, strict: false, version: '' }),
  );
}

/** Cell problems as `form.xlsx:2025年第一季度进展!G7  错误  …  FG6512`, then the hint. */
function printCells(io: CliIO, file: string, diagnostics: CellDiagnostic[], lang: Lang): void {
  const words =
    lang === 'en'
      ? { error: 'error', warning: 'warning', hint: 'hint: ' }
      : { error: '错误', warning: '警告', hint: '提示：' };
  for (const d of diagnostics) {
    io.stderr.write(
      `${file}:${d.cell}  ${words[d.severity]}  ${d.message}  ${d.code}\n` +
        (d.hint ? `  ${words.hint}${d.hint}\n` : '') +
        '\n',
    );
  }
}

/** Refuses symbolic links and anything but a regular file; existing files unless `force`. */
async function checkTarget(out: string, force: boolean | undefined, lang: Lang, exists: string) {
  const stat = await lstat(out).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    const d = ioDiagnostic(err, out, out, lang);
    throw new UsageError(`${d.message} [${d.code}]`);
  });
  if (!stat) return;
  if (stat.isSymbolicLink()) throw usage(lang, 'FG7021', { file: out });
  if (!stat.isFile()) throw usage(lang, 'FG7200', { file: out });
  if (!force) throw usage(lang, exists, { file: out });
}

async function writeFile(out: string, bytes: Uint8Array | string, lang: Lang): Promise<void> {
  const { atomicWriteFile, makeDirs } = await import('../../write/atomic.js');
  try {
    await makeDirs(dirname(out));
    await atomicWriteFile(dirname(out), basename(out), bytes);
  } catch (err) {
    const d = ioDiagnostic(err, out, out, lang);
    throw new UsageError(`${d.message} [${d.code}]`);
  }
}

/** Loads and validates a plan; prints its problems and returns undefined when it has errors. */
async function planOrReport(
  io: CliIO,
  planPath: string,
  lang: Lang,
  code: string,
): Promise<Plan | undefined> {
  const { loadPlan } = await import('../../validate/index.js');
  const { plan, result } = await loadPlan(planPath, { lang });
  if (plan && !hasErrors(result.diagnostics)) return plan;
  await printResults(io, [result], lang);
  io.stderr.write(
    `fangan: ${formatMessage(code, lang, { file: display(io, planPath) })} [${code}]\n`,
  );
  return undefined;
}

export async function runExportTable(
  planArg: string,
  options: ExportTableOptions,
  io: CliIO,
): Promise<number> {
  const lang = resolveLang(options.lang, io.env);
  const to = options.to.trim().toLowerCase().replace(/^\./, '');
  if (to !== 'xlsx') throw usage(lang, 'FG6400', { value: options.to });
  if (options.out !== undefined && options.out.trim() === '')
    throw usage(lang, 'FG9100', { option: '-o, --out' });
  const planPath = resolve(io.cwd, planArg);
  const out = options.out
    ? resolve(io.cwd, options.out)
    : join(dirname(planPath), `${basename(planPath, extname(planPath))}.xlsx`);
  await checkTarget(out, options.force, lang, 'FG6402');

  const plan = await planOrReport(io, planPath, lang, 'FG6401');
  if (!plan) return 1;
  const { buildWorkbook, planQuarters } = await import('../../table/build.js');
  const bytes = await buildWorkbook(plan, {
    planRef: slashes(relative(dirname(out), planPath)) || basename(planPath),
  });
  io.graceful?.();
  if (io.signal?.aborted) return 2;
  await checkTarget(out, options.force, lang, 'FG6402');
  await writeFile(out, bytes, lang);

  const quarters = planQuarters(plan);
  const shown = display(io, out);
  const first = quarters[0]?.key ?? '';
  io.stdout.write(
    lang === 'en'
      ? `Created ${shown} (task table, indicators, ${quarters.length} quarterly progress forms)\n\n` +
          `Next steps:\n  1. Send the workbook to the reporting units; they fill in the white cells of their quarter's sheet\n` +
          `  2. fangan progress import ${shown} --quarter ${first}\n`
      : `已生成 ${shown}（任务分工表、指标表和 ${quarters.length} 张季度进展填报表）\n\n` +
          `下一步：\n  1. 把表格发给报送单位，在对应季度的工作表中填写白色单元格\n` +
          `  2. 收回后：fangan progress import ${shown} --quarter ${first}\n`,
  );
  return 0;
}

/** `$schema` reference from the folder of `out` to the package's schema, with `/` separators. */
const schemaRef = (outDir: string, keys: string): string =>
  slashes(
    relative(
      outDir,
      fileURLToPath(
        new URL(
          `../../../schemas/${keys === 'zh' ? 'progress.zh.schema.json' : 'progress.schema.json'}`,
          import.meta.url,
        ),
      ),
    ),
  );

export async function runProgressImport(
  formArg: string,
  options: ProgressImportOptions,
  io: CliIO,
): Promise<number> {
  const lang = resolveLang(options.lang, io.env);
  const keys = (options.keys ?? 'en').trim().toLowerCase();
  if (keys !== 'zh' && keys !== 'en') throw usage(lang, 'FG9301', { value: options.keys ?? '' });
  if (options.out !== undefined && options.out.trim() === '')
    throw usage(lang, 'FG9100', { option: '-o, --out' });
  const formPath = resolve(io.cwd, formArg);
  const shownForm = display(io, formPath);

  const { readRegularFile } = await import('../../read/file.js');
  const read = await readRegularFile(formPath, { maxBytes: MAX_FORM_BYTES, lang, file: shownForm });
  if (!read.ok) {
    await printResults(io, [{ file: shownForm, diagnostics: read.diagnostics }], lang);
    return 1;
  }
  const { chooseSheet, formMeta, openWorkbook, readForm } = await import('../../table/read.js');
  const book = await openWorkbook(read.bytes);
  if (!book) {
    io.stderr.write(`fangan: ${formatMessage('FG6500', lang, { file: shownForm })} [FG6500]\n`);
    return 1;
  }
  const choice = chooseSheet(book, {
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.quarter !== undefined ? { quarter: options.quarter } : {}),
  });
  if ('problem' in choice) {
    // No form at all is bad input; an ambiguous or wrong choice is a usage problem.
    if (choice.problem.code === 'FG6501') {
      io.stderr.write(`fangan: ${formatMessage('FG6501', lang)} [FG6501]\n`);
      return 1;
    }
    throw usage(lang, choice.problem.code, choice.problem.params);
  }

  const meta = formMeta(book);
  const planPath = options.plan
    ? resolve(io.cwd, options.plan)
    : meta.planRef
      ? resolve(dirname(formPath), meta.planRef)
      : undefined;
  const planFound =
    planPath !== undefined &&
    (await lstat(planPath).then(
      (s) => s.isFile() || s.isSymbolicLink(),
      () => false,
    ));
  if (!planPath || !planFound)
    throw usage(lang, 'FG6507', { file: planPath ? display(io, planPath) : '?' });
  const plan = await planOrReport(io, planPath, lang, 'FG6522');
  if (!plan) return 1;

  const form = readForm(book, choice.sheet, { file: shownForm, plan, lang });
  const diagnostics: CellDiagnostic[] = [...form.diagnostics];
  if (meta.title && meta.title !== plan.title) {
    const { makeDiagnostic } = await import('../../diagnostics/make.js');
    diagnostics.unshift({
      ...makeDiagnostic(
        'FG6508',
        lang,
        { file: shownForm, line: 1, column: 1 },
        { form: meta.title, plan: plan.title },
      ),
      cell: `${choice.sheet.name}!A1`,
    });
  }
  if (!form.progress || hasErrors(diagnostics)) {
    printCells(io, shownForm, diagnostics, lang);
    io.stderr.write(`fangan: ${formatMessage('FG6521', lang)} [FG6521]\n`);
    return 1;
  }

  const toStdout = options.out === '-';
  const out = toStdout
    ? undefined
    : options.out
      ? resolve(io.cwd, options.out)
      : join(dirname(planPath), 'progress', `${form.progress.quarter}.yaml`);
  const outDir = out ? dirname(out) : io.cwd;
  if (out) await checkTarget(out, options.force, lang, 'FG7020');
  const progress = { ...form.progress, plan: slashes(relative(outDir, planPath)) };

  const { Document } = await import('yaml');
  const doc = new Document(progress);
  doc.commentBefore =
    ` yaml-language-server: $schema=${schemaRef(outDir, keys)}\n` +
    ` 由 fangan progress import 从 ${basename(formPath)}（${choice.sheet.name}）导入。`;
  let text = doc.toString({ lineWidth: 0 });
  const file = out ?? join(io.cwd, `${progress.quarter ?? 'progress'}.yaml`);
  if (keys === 'zh') {
    const { convertKeys } = await import('../../validate/keys-format.js');
    const converted = convertKeys(text, 'zh', { file, lang });
    if (converted.text !== undefined) text = converted.text;
  }

  // Never write a file that does not validate: its problems are shown at the cells they came from.
  const { validateText } = await import('../../validate/index.js');
  const check = validateText(text, { file, lang, plan });
  const placed: CellDiagnostic[] = check.diagnostics.map((d: Diagnostic) => {
    const at = form.cellOf(d.pointer ?? '');
    return {
      ...d,
      file: shownForm,
      line: at.row,
      column: at.col,
      cell: cellRef(choice.sheet.name, at.row, at.col),
    };
  });
  const all = [...diagnostics, ...placed];
  if (hasErrors(all)) {
    printCells(io, shownForm, all, lang);
    io.stderr.write(`fangan: ${formatMessage('FG6521', lang)} [FG6521]\n`);
    return 1;
  }
  if (all.length > 0) printCells(io, shownForm, all, lang);

  if (!out) {
    io.stdout.write(text);
    return 0;
  }
  io.graceful?.();
  if (io.signal?.aborted) return 2;
  await checkTarget(out, options.force, lang, 'FG7020');
  await writeFile(out, text, lang);
  const shown = display(io, out);
  const counts = `${progress.measures.length}${lang === 'en' ? ' measures, ' : ' 项工作、'}${progress.indicators?.length ?? 0}${lang === 'en' ? ' indicators' : ' 个指标'}`;
  io.stdout.write(
    lang === 'en'
      ? `Imported ${choice.sheet.name} into ${shown} (${counts})\n\nNext steps:\n  1. fangan validate ${shown}\n  2. fangan report ${shown}\n`
      : `已把“${choice.sheet.name}”导入 ${shown}（${counts}）\n\n下一步：\n  1. fangan validate ${shown}\n  2. fangan report ${shown}\n`,
  );
  return 0;
}
