import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export function defineInit(program: Command, _ctx: CliContext): void {
  program.command('init [file]').description('引导起草新的工作方案');
}

export function defineProgress(program: Command, _ctx: CliContext): void {
  program.command('progress').description('季度进展文件');
}
