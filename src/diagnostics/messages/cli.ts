import type { MessageTable } from '../catalog.js';

/**
 * FG9xxx: command-line use. These are usage / I/O problems (exit 2), not problems inside a plan,
 * so they are printed once on stderr rather than attached to a file.
 * FG9001–FG9019 belong to `fangan validate` and file discovery.
 */
export const cliMessages: MessageTable = {
  FG9001: {
    severity: 'error',
    'zh-CN': '找不到路径：{path}',
    en: 'Path not found: {path}',
  },
  FG9002: {
    severity: 'error',
    'zh-CN': '没有找到要校验的 YAML 文件：{pattern}',
    en: 'No YAML files matched: {pattern}',
  },
  FG9003: {
    severity: 'error',
    'zh-CN': '无法读取 {path}：{reason}',
    en: 'Cannot read {path}: {reason}',
  },
  FG9004: {
    severity: 'error',
    'zh-CN': '未知的输出格式“{format}”，可选：{choices}',
    en: 'Unknown format "{format}"; choose one of: {choices}',
  },
  FG9005: {
    severity: 'error',
    'zh-CN': '{option} 需要一个{kind}整数，收到“{value}”',
    en: '{option} needs a {kind} integer, got "{value}"',
  },
  FG9006: {
    severity: 'error',
    'zh-CN': '警告有 {count} 个，超过了 --max-warnings 允许的 {max} 个',
    en: '{count} warnings, more than the {max} allowed by --max-warnings',
  },
  FG9007: {
    severity: 'error',
    'zh-CN': '标准输入“-”只能指定一次',
    en: 'Standard input "-" can be given only once',
  },
  FG9008: {
    severity: 'error',
    'zh-CN': '{path} 不是文件或文件夹',
    en: '{path} is neither a file nor a folder',
  },
  // FG9020–FG9029: `fangan render` and `fangan templates`.
  FG9020: {
    severity: 'error',
    'zh-CN': '--to 的取值“{value}”无效，可选：{choices}（用逗号分隔）',
    en: 'Invalid --to value "{value}"; choose from: {choices} (comma-separated)',
  },
  FG9021: {
    severity: 'error',
    'zh-CN': '模板目录不存在或不是目录：{path}',
    en: 'The template folder does not exist or is not a folder: {path}',
  },
  FG9022: {
    severity: 'error',
    'zh-CN': '环境变量 SOURCE_DATE_EPOCH 应为非负整数秒数，收到“{value}”',
    en: 'SOURCE_DATE_EPOCH must be a non-negative whole number of seconds, got "{value}"',
  },
  // FG9110–FG9149: options shared by the commands (output paths, help).
  FG9110: {
    severity: 'error',
    'zh-CN': '同时给出了文件“{file}”和 -o “{out}”，两者指向不同的位置，只能保留一个',
    en: 'Both the file "{file}" and -o "{out}" were given and they differ; keep only one',
    fix: {
      'zh-CN': '去掉文件参数或 -o 中的一个。',
      en: 'Drop either the file argument or -o.',
    },
  },
  // FG9150–FG9199: the CLI's own output.
  FG9150: {
    severity: 'error',
    'zh-CN': '{count} 个文件无法读取，没有校验（原因见标准错误输出）',
    en: '{count} file(s) could not be read and were not checked (see standard error)',
  },
  FG9151: {
    severity: 'error',
    'zh-CN': '写入标准输出失败（{detail}），输出不完整',
    en: 'Writing to standard output failed ({detail}); the output is incomplete',
  },
};
