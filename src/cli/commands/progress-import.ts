import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { sayer } from '../help.js';
import { addOutOption, outFlag, type OutFlags } from '../out-option.js';

export interface ProgressImportOptions {
  quarter?: string;
  sheet?: string;
  plan?: string;
  out?: string;
  keys?: string;
  force?: boolean;
  lang?: string;
}

/** `fangan progress import <form.xlsx>`: a filled progress form back to a progress YAML file. */
export function defineProgressImport(progress: Command, ctx: CliContext): void {
  const say = sayer(ctx.helpLang);
  const command = progress
    .command('import')
    .argument('<form>', say('填好的 Excel 进展填报表', 'the filled Excel progress form'))
    .description(
      say(
        '把填好的 Excel 进展填报表导入为季度进展文件（默认 <方案目录>/progress/<季度>.yaml）',
        'Import a filled Excel progress form as a progress file (default: <plan folder>/progress/<quarter>.yaml)',
      ),
    )
    .option(
      '-q, --quarter <quarter>',
      say('导入哪个季度的填报表，如 2025Q1', 'the quarter whose form to import, e.g. 2025Q1'),
    )
    .option(
      '--sheet <name>',
      say('按工作表名称指定填报表，如 2025年第一季度进展', 'pick the form by its sheet name'),
    )
    .option(
      '--plan <file>',
      say(
        '对应的工作方案，默认为导出表格时的方案',
        'the work plan (default: the one the workbook was exported from)',
      ),
    );
  addOutOption(
    command,
    say('输出文件；写 - 则打印到标准输出', 'output file; - prints to standard output'),
  )
    .option(
      '--keys <style>',
      say(
        '字段名写法：en（英文，默认）或 zh（中文）',
        'key style: en (English, default) or zh (Chinese)',
      ),
    )
    .option('-f, --force', say('覆盖已存在的文件', 'overwrite an existing file'))
    .option('--lang <lang>', say('界面语言：zh-CN 或 en', 'language: zh-CN or en'))
    .action(async (form: string, flags: Omit<ProgressImportOptions, 'out'> & OutFlags) => {
      const { runProgressImport } = await import('./table-run.js');
      const { output: _output, out: _out, ...rest } = flags;
      const out = outFlag(flags);
      ctx.exitCode = await runProgressImport(
        form,
        { ...rest, ...(out === undefined ? {} : { out }) },
        ctx.io,
      );
    });
}
