import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export function defineRender(program: Command, _ctx: CliContext): void {
  program.command('render <plan>').description('把工作方案生成 Word 与 Markdown');
}

export function defineTemplates(program: Command, _ctx: CliContext): void {
  program.command('templates').description('管理模板');
}
