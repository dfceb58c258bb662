import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { sayer } from '../help.js';
import { addOutOption, type OutFlags } from '../out-option.js';
import { defineProgressImport } from './progress-import.js';

/** `fangan init [file]`: drafts a plan, with a wizard on a terminal or from flags. */
export function defineInit(program: Command, ctx: CliContext): void {
  const say = sayer(ctx.helpLang);
  const init = program
    .command('init')
    .description(
      say(
        '引导起草新的工作方案（默认写入 plan.yaml）',
        'Draft a new work plan (default: plan.yaml)',
      ),
    )
    .argument(
      '[file]',
      say('要写入的方案文件（默认 plan.yaml）', 'plan file to write (default: plan.yaml)'),
    );
  addOutOption(init, say('要写入的方案文件，同 [file]', 'plan file to write, the same as [file]'))
    .option(
      '--town <name>',
      say('乡镇名称（非交互时必填）', 'town name (required without the wizard)'),
    )
    .option('--county <name>', say('所属县（区）', 'county the town belongs to'))
    .option(
      '--issuer <name>',
      say('发文机关，默认“<乡镇>人民政府”', 'issuing authority (default: the town government)'),
    )
    .option(
      '--year <yyyy>',
      say(
        '实施年度，默认今年；实施周期为该年 1 月 1 日至 12 月 31 日',
        'year of the plan (default: this year); the period is 1 January to 31 December',
      ),
    )
    .option(
      '--period <start..end>',
      say(
        '实施周期，如 2025-03-01..2026-02-28（优先于 --year）',
        'period, e.g. 2025-03-01..2026-02-28 (wins over --year)',
      ),
    )
    .option(
      '--date <yyyy-mm-dd>',
      say('成文日期，默认实施周期开始日期', 'date of the document (default: the period start)'),
    )
    .option(
      '--doc-number <text>',
      say(
        '发文字号，如 青政发〔2025〕3号',
        'document number: issuer prefix, year in tortoise-shell brackets, number',
      ),
    )
    .option(
      '--units <list>',
      say(
        '责任单位：素材中的 id、id=名称 或其他单位名称，逗号分隔',
        'responsible units: starter ids, id=name or other unit names, comma-separated',
      ),
    )
    .option(
      '--goals <ids>',
      say('工作目标 id，逗号分隔（默认全部）', 'goal ids, comma-separated (default: all)'),
    )
    .option(
      '--indicators <ids>',
      say(
        '量化指标 id，逗号分隔（默认所选目标的全部指标）',
        'indicator ids, comma-separated (default: all of the chosen goals)',
      ),
    )
    .option(
      '--measures <ids>',
      say(
        '重点工作 id，逗号分隔（默认服务所选目标的全部工作）',
        'measure ids, comma-separated (default: all that serve the chosen goals)',
      ),
    )
    .option(
      '--starter <file>',
      say('使用本地起草素材文件（kind: starter）', 'use a local starter file (kind: starter)'),
    )
    .option(
      '--keys <style>',
      say(
        '字段名写法：en（英文，默认）或 zh（中文，如 标题、牵头单位）',
        'key style: en (English, default) or zh (Chinese)',
      ),
    )
    .option(
      '-y, --yes',
      say(
        '不提问，未给出的项目一律用默认值',
        'ask nothing; use the defaults for everything not given',
      ),
    )
    .option('-f, --force', say('覆盖已存在的文件', 'overwrite an existing file'))
    .option('--lang <lang>', say('界面语言：zh-CN 或 en', 'language: zh-CN or en'))
    .action(async (file: string | undefined, options: InitOptions) => {
      const { runInit } = await import('./init-run.js');
      ctx.exitCode = await runInit(file, options, ctx.io);
    });
}

/** `fangan progress new <plan> --quarter 2025Q2`: scaffolds a quarterly progress file. */
export function defineProgress(program: Command, ctx: CliContext): void {
  const say = sayer(ctx.helpLang);
  const progress = program
    .command('progress')
    .description(say('季度进展文件', 'Quarterly progress files'));
  const create = progress
    .command('new')
    .argument('<plan>', say('工作方案文件', 'work plan file'))
    .description(
      say(
        '为工作方案生成某季度的进展文件（默认 <方案目录>/progress/<季度>.yaml）',
        "Scaffold a quarter's progress file for a plan (default: <plan folder>/progress/<quarter>.yaml)",
      ),
    )
    .requiredOption('-q, --quarter <quarter>', say('季度，如 2025Q2', 'quarter, e.g. 2025Q2'));
  addOutOption(create, say('输出文件', 'output file'))
    .option(
      '--reporter <name>',
      say('报送单位，默认方案的发文机关', "reporting unit (default: the plan's issuer)"),
    )
    .option(
      '--date <yyyy-mm-dd>',
      say(
        '报送日期，默认季度结束后次月 5 日',
        'report date (default: the 5th of the month after the quarter)',
      ),
    )
    .option('-f, --force', say('覆盖已存在的文件', 'overwrite an existing file'))
    .option('--lang <lang>', say('界面语言：zh-CN 或 en', 'language: zh-CN or en'))
    .action(async (plan: string, options: ProgressNewOptions) => {
      const { runProgressNew } = await import('./init-run.js');
      ctx.exitCode = await runProgressNew(plan, options, ctx.io);
    });
  defineProgressImport(progress, ctx);
}

export interface InitOptions extends OutFlags {
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

export interface ProgressNewOptions extends OutFlags {
  quarter: string;
  reporter?: string;
  date?: string;
  force?: boolean;
  lang?: string;
}
