import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export function defineValidate(program: Command, _ctx: CliContext): void {
  program.command('validate <paths...>').description('校验工作方案与季度进展文件');
}
