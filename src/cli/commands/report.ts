import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export function defineReport(program: Command, _ctx: CliContext): void {
  program.command('report <progress>').description('由季度进展生成季度工作汇报');
}

export function defineExport(program: Command, _ctx: CliContext): void {
  program.command('export <paths...>').description('批量导出季度工作汇报与汇总报告');
}
