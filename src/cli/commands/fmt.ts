import path from 'node:path';
import type { Command } from 'commander';
import type { Diagnostic, Lang } from '../../diagnostics/types.js';
import type { CliContext } from '../context.js';
import { sayer, langOption } from '../help.js';

interface FmtFlags {
  keys: string;
  write?: boolean;
  check?: boolean;
  lang?: string;
}

/** `fangan fmt <file...> --keys zh|en [--write]`: English <-> Chinese keys, comments kept. */
export function defineFmt(program: Command, ctx: CliContext): void {
  const say = sayer(ctx.helpLang);
  program
    .command('fmt')
    .description(
      say(
        '把方案或进展文件的字段名在英文和中文之间转换（注释、顺序和写法不变）',
        'Turn the keys of a plan or progress file from English to Chinese or back (comments, order and spelling kept)',
      ),
    )
    .argument('<files...>', say('工作方案或季度进展 YAML 文件', 'work plan or progress YAML files'))
    .requiredOption(
      '--keys <style>',
      say('字段名写法：zh（中文）或 en（英文）', 'key style: zh (Chinese) or en (English)'),
    )
    .option(
      '-w, --write',
      say(
        '直接改写文件；不加时把结果打印到标准输出（只能给一个文件）',
        'rewrite the files in place; without it the result goes to standard output (one file only)',
      ),
    )
    .option(
      '--check',
      say(
        '只检查，不改写：列出需要改写的文件，有则以 1 退出（用于 CI）',
        'check only: list the files that would be rewritten and exit 1 if there are any (for CI)',
      ),
    )
    .addOption(langOption(say))
    .action(async (files: string[], flags: FmtFlags, command: Command) => {
      ctx.exitCode = await fmtCommand(files, flags, ctx, command.parent?.version() ?? '');
    });
}

const t = (lang: Lang, zh: string, en: string): string => (lang === 'en' ? en : zh);

async function fmtCommand(
  files: string[],
  flags: FmtFlags,
  ctx: CliContext,
  version: string,
): Promise<number> {
  const { io } = ctx;
  const [{ resolveLang }, { usageError }] = await Promise.all([
    import('../context.js'),
    import('../usage.js'),
  ]);
  const lang = resolveLang(flags.lang, io.env);
  const style = flags.keys.trim().toLowerCase();
  if (style !== 'zh' && style !== 'en') throw usageError('FG9301', lang, { value: flags.keys });
  if (!flags.write && !flags.check && files.length !== 1) throw usageError('FG9302', lang);

  const [{ readFile }, { sourceFromBytes }, { convertKeys }, { atomicWriteFile }] =
    await Promise.all([
      import('node:fs/promises'),
      import('../../read/index.js'),
      import('../../validate/keys-format.js'),
      import('../../write/atomic.js'),
    ]);
  const shown = (file: string): string => path.relative(io.cwd, file) || file;
  let exit = 0;
  for (const arg of files) {
    const file = path.resolve(io.cwd, arg);
    const bytes = await readFile(file);
    const source = sourceFromBytes(bytes, file, { lang });
    if (!source.ok) {
      await printDiagnostics(ctx, lang, version, source.diagnostics, {});
      exit = 1;
      continue;
    }
    const result = convertKeys(source.text, style, { file, lang });
    if (result.text === undefined) {
      await printDiagnostics(ctx, lang, version, result.diagnostics, { [file]: source.text });
      exit = 1;
      continue;
    }
    // Line ends as the file had them: the reader turned CRLF into LF.
    const crlf = bytes.includes(13) && Buffer.from(bytes).toString('latin1').includes('\r\n');
    const out = crlf ? result.text.replace(/\n/g, '\r\n') : result.text;
    if (flags.check) {
      // The files not yet in the asked key style are the data; the verdict is the exit code.
      if (result.text !== source.text) {
        io.stdout.write(
          t(
            lang,
            `需改写 ${shown(file)}（${result.changes} 处）\n`,
            `would rewrite ${shown(file)} (${result.changes} changes)\n`,
          ),
        );
        exit = Math.max(exit, 1);
      }
      continue;
    }
    if (!flags.write) {
      io.stdout.write(out);
      continue;
    }
    if (result.text === source.text) {
      io.stdout.write(t(lang, `未改动 ${shown(file)}\n`, `unchanged ${shown(file)}\n`));
      continue;
    }
    await atomicWriteFile(path.dirname(file), path.basename(file), out);
    io.stdout.write(
      t(
        lang,
        `已改写 ${shown(file)}（${result.changes} 处）\n`,
        `rewrote ${shown(file)} (${result.changes} changes)\n`,
      ),
    );
  }
  return exit;
}

async function printDiagnostics(
  ctx: CliContext,
  lang: Lang,
  version: string,
  diagnostics: readonly Diagnostic[],
  sources: Record<string, string>,
): Promise<void> {
  if (diagnostics.length === 0) return;
  const [{ useColor }, { formatStylish }] = await Promise.all([
    import('../io.js'),
    import('../formatters/stylish.js'),
  ]);
  const file = diagnostics[0]?.file ?? '';
  const result = {
    file,
    diagnostics: [...diagnostics],
    ...(sources[file] ? { source: sources[file] } : {}),
  };
  ctx.io.stderr.write(
    formatStylish([result], {
      lang,
      color: useColor(ctx.io),
      cwd: ctx.io.cwd,
      strict: false,
      version,
    }),
  );
}
