import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export interface ExportTableOptions {
  to: string;
  out?: string;
  force?: boolean;
  lang?: string;
}

/** `fangan export-table <plan> --to xlsx`: the 任务分工表 and quarterly progress forms in Excel. */
export function defineExportTable(program: Command, ctx: CliContext): void {
  program
    .command('export-table <plan>')
    .description('把工作方案导出为 Excel 表格：任务分工表、指标表和各季度进展填报表')
    .option('--to <format>', '表格格式，目前只有 xlsx', 'xlsx')
    .option('-o, --out <file>', '输出文件，默认与方案同目录、同名的 .xlsx')
    .option('-f, --force', '覆盖已存在的文件')
    .option('--lang <lang>', '界面语言：zh-CN 或 en')
    .action(async (plan: string, options: ExportTableOptions) => {
      const { runExportTable } = await import('./table-run.js');
      ctx.exitCode = await runExportTable(plan, options, ctx.io);
    });
}
