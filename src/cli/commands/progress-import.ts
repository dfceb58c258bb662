import type { Command } from 'commander';
import type { CliContext } from '../context.js';

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
  progress
    .command('import <form>')
    .description(
      '把填好的 Excel 进展填报表导入为季度进展文件（默认 <方案目录>/progress/<季度>.yaml）',
    )
    .option('-q, --quarter <quarter>', '导入哪个季度的填报表，如 2025Q1')
    .option('--sheet <name>', '按工作表名称指定填报表，如 2025年第一季度进展')
    .option('--plan <file>', '对应的工作方案，默认为导出表格时的方案')
    .option('-o, --out <file>', '输出文件；写 - 则打印到标准输出')
    .option('--keys <style>', '字段名写法：en（英文，默认）或 zh（中文）')
    .option('-f, --force', '覆盖已存在的文件')
    .option('--lang <lang>', '界面语言：zh-CN 或 en')
    .action(async (form: string, options: ProgressImportOptions) => {
      const { runProgressImport } = await import('./table-run.js');
      ctx.exitCode = await runProgressImport(form, options, ctx.io);
    });
}
