import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { sayer } from '../help.js';
import { addOutOption, outFlag, type OutFlags } from '../out-option.js';

export interface ExportTableOptions {
  to: string;
  out?: string;
  force?: boolean;
  lang?: string;
}

/** `fangan export-table <plan> --to xlsx`: the 任务分工表 and quarterly progress forms in Excel. */
export function defineExportTable(program: Command, ctx: CliContext): void {
  const say = sayer(ctx.helpLang);
  const command = program
    .command('export-table')
    .argument('<plan>', say('工作方案文件', 'work plan file'))
    .description(
      say(
        '把工作方案导出为 Excel 表格：任务分工表、指标表和各季度进展填报表',
        'Export a work plan as an Excel workbook: task table, indicators and a progress form per quarter',
      ),
    )
    .option(
      '--to <format>',
      say('表格格式，目前只有 xlsx', 'table format; only xlsx for now'),
      'xlsx',
    );
  addOutOption(
    command,
    say(
      '输出文件，默认与方案同目录、同名的 .xlsx',
      'output file (default: the .xlsx of the same name next to the plan)',
    ),
  )
    .option('-f, --force', say('覆盖已存在的文件', 'overwrite an existing file'))
    .option('--lang <lang>', say('界面语言：zh-CN 或 en', 'language: zh-CN or en'))
    .action(async (plan: string, flags: Omit<ExportTableOptions, 'out'> & OutFlags) => {
      const { runExportTable } = await import('./table-run.js');
      const { output: _output, out: _out, ...rest } = flags;
      const out = outFlag(flags);
      ctx.exitCode = await runExportTable(
        plan,
        { ...rest, ...(out === undefined ? {} : { out }) },
        ctx.io,
      );
    });
}
