/**
 * The language of the command-line help, and commander's own words in it. Help is built before
 * any command runs, so its language comes from `--lang` anywhere on the command line or the
 * locale (LC_ALL / LC_MESSAGES / LANG); Chinese unless one of them says English.
 */
import { Option as CommanderOption, type Command, type Option } from 'commander';
import type { Lang } from '../diagnostics/types.js';
import type { CliIO } from './io.js';
import { resolveLang } from './context.js';

/** Picks the Chinese or the English text of a help string. */
export type Say = (zh: string, en: string) => string;

export const sayer =
  (lang: Lang): Say =>
  (zh, en) =>
    lang === 'en' ? en : zh;

/** `--lang`, the same on every command that prints problems. */
export const langOption = (say: Say): Option =>
  new CommanderOption(
    '--lang <lang>',
    say(
      '提示语言：zh-CN | en（默认按 LANG 等环境变量）',
      'message language: zh-CN | en (default: from LANG and the like)',
    ),
  );

/** `-f, --format` of the commands whose result is files, not a report of problems. */
export const problemFormatOption = (say: Say): Option =>
  new CommanderOption(
    '-f, --format <name>',
    say(
      '问题的输出格式：stylish | json（json 时标准输出只有一个 JSON 结果）',
      'format of the problems: stylish | json (with json, standard output is one JSON result)',
    ),
  ).default('stylish');

/** `--lang en` / `--lang=en` anywhere in argv (before `--`), else the locale. */
export function helpLang(argv: readonly string[], env: CliIO['env']): Lang {
  let flag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg === '--lang') flag = argv[i + 1];
    else if (arg.startsWith('--lang=')) flag = arg.slice('--lang='.length);
  }
  return resolveLang(flag, env);
}

const ZH_TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

/** Characters a terminal shows two columns wide (CJK, full-width forms), so columns line up. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/gu;

export const displayWidth = (text: string): number => {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\x1b\[[\d;]*m/g, '');
  return [...plain].length + (plain.match(WIDE)?.length ?? 0);
};

/** `[options]` / `[command]` in usage lines, in Chinese. */
const zhPlaceholders = (text: string): string =>
  text.replaceAll('[options]', '[选项]').replaceAll('[command]', '[命令]');

/**
 * Sets the help and version options, the `help` command and the help layout of `program` in
 * `lang`. Call it before adding subcommands: they copy these settings when created.
 */
export function localiseHelp(program: Command, lang: Lang): void {
  const say = sayer(lang);
  program.helpOption('-h, --help', say('显示帮助', 'show this help'));
  program.helpCommand('help [command]', say('显示某个命令的帮助', 'show the help of a command'));
  const zh = lang !== 'en';
  program.configureHelp({
    displayWidth,
    styleTitle: (title: string) => (zh ? (ZH_TITLES[title] ?? title) : title),
    styleUsage: (text: string) => (zh ? zhPlaceholders(text) : text),
    styleSubcommandTerm: (text: string) => (zh ? zhPlaceholders(text) : text),
    // Only the default is shown besides the description; commander's "(default: "x")" is English.
    optionDescription: (option: Option) => {
      const shown =
        option.defaultValue !== undefined && (option.required || option.optional)
          ? (option.defaultValueDescription ?? String(option.defaultValue))
          : undefined;
      if (shown === undefined) return option.description;
      return zh
        ? `${option.description}（默认：${shown}）`
        : `${option.description} (default: ${shown})`;
    },
  });
}

/** commander's own error sentences, in Chinese; anything not listed stays as commander says it. */
const ZH_ERRORS: [RegExp, string][] = [
  [/^error: unknown command '(.+)'/, '错误：没有“$1”这个命令'],
  [/^error: unknown option '(.+)'/, '错误：没有 $1 这个选项'],
  [/^error: missing required argument '(.+)'/, '错误：缺少参数 <$1>'],
  [/^error: required option '(.+)' not specified/, '错误：必须给出选项 $1'],
  [/^error: option '(.+)' argument missing/, '错误：选项 $1 缺少取值'],
  [
    /^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\./,
    '错误：参数过多，应为 $2 个，实际 $3 个',
  ],
  [/\(Did you mean one of (.+)\?\)/, '（是否应为以下之一：$1？）'],
  [/\(Did you mean (.+)\?\)/, '（是否应为 $1？）'],
];

/** A commander error message in `lang`, with a pointer to the help. */
export function localiseError(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  let text = message;
  for (const [pattern, zh] of ZH_ERRORS) text = text.replace(pattern, zh);
  return text === message
    ? message
    : `${text.trimEnd()}\n用 fangan --help 或 fangan <命令> --help 查看用法。\n`;
}
