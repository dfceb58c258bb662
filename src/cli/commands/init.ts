import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { defineProgressImport } from './progress-import.js';

/** `fangan init [file]`: drafts a plan, with a wizard on a terminal or from flags. */
export function defineInit(program: Command, ctx: CliContext): void {
  program
    .command('init [file]')
    .description('引导起草新的工作方案（默认写入 plan.yaml）')
    .option('--town <name>', '乡镇名称（非交互时必填）')
    .option('--county <name>', '所属县（区）')
    .option('--issuer <name>', '发文机关，默认“<乡镇>人民政府”')
    .option('--year <yyyy>', '实施年度，默认今年；实施周期为该年 1 月 1 日至 12 月 31 日')
    .option('--period <start..end>', '实施周期，如 2025-03-01..2026-02-28（优先于 --year）')
    .option('--date <yyyy-mm-dd>', '成文日期，默认实施周期开始日期')
    .option('--doc-number <text>', '发文字号')
    .option('--units <list>', '责任单位：素材中的 id、id=名称 或其他单位名称，逗号分隔')
    .option('--goals <ids>', '工作目标 id，逗号分隔（默认全部）')
    .option('--indicators <ids>', '量化指标 id，逗号分隔（默认所选目标的全部指标）')
    .option('--measures <ids>', '重点工作 id，逗号分隔（默认服务所选目标的全部工作）')
    .option('--starter <file>', '使用本地起草素材文件（kind: starter）')
    .option('--keys <style>', '字段名写法：en（英文，默认）或 zh（中文，如 标题、牵头单位）')
    .option('-y, --yes', '不提问，未给出的项目一律用默认值')
    .option('-f, --force', '覆盖已存在的文件')
    .option('--lang <lang>', '界面语言：zh-CN 或 en')
    .action(async (file: string | undefined, options: InitOptions) => {
      const { runInit } = await import('./init-run.js');
      ctx.exitCode = await runInit(file, options, ctx.io);
    });
}

/** `fangan progress new <plan> --quarter 2025Q2`: scaffolds a quarterly progress file. */
export function defineProgress(program: Command, ctx: CliContext): void {
  const progress = program.command('progress').description('季度进展文件');
  progress
    .command('new <plan>')
    .description('为工作方案生成某季度的进展文件（默认 <方案目录>/progress/<季度>.yaml）')
    .requiredOption('-q, --quarter <quarter>', '季度，如 2025Q2')
    .option('-o, --output <file>', '输出文件')
    .option('--reporter <name>', '报送单位，默认方案的发文机关')
    .option('--date <yyyy-mm-dd>', '报送日期，默认季度结束后次月 5 日')
    .option('-f, --force', '覆盖已存在的文件')
    .option('--lang <lang>', '界面语言：zh-CN 或 en')
    .action(async (plan: string, options: ProgressNewOptions) => {
      const { runProgressNew } = await import('./init-run.js');
      ctx.exitCode = await runProgressNew(plan, options, ctx.io);
    });
  defineProgressImport(progress, ctx);
}

export interface InitOptions {
  town?: string;
  county?: string;
  issuer?: string;
  year?: string;
  period?: string;
  date?: string;
  docNumber?: string;
  units?: string;
  goals?: string;
  indicators?: string;
  measures?: string;
  starter?: string;
  keys?: string;
  yes?: boolean;
  force?: boolean;
  lang?: string;
}

export interface ProgressNewOptions {
  quarter: string;
  output?: string;
  reporter?: string;
  date?: string;
  force?: boolean;
  lang?: string;
}
