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
    fix: {
      'zh-CN': '核对路径的拼写；相对路径从当前所在的文件夹算起。',
      en: 'Check the spelling of the path; relative paths start from the current folder.',
    },
  },
  FG9002: {
    severity: 'error',
    'zh-CN': '没有找到要校验的 YAML 文件：{pattern}',
    en: 'No YAML files matched: {pattern}',
    fix: {
      'zh-CN': '检查文件夹中是否有 .yaml 或 .yml 文件，glob 模式请加引号。',
      en: 'Check that the folder holds .yaml or .yml files, and quote glob patterns.',
    },
  },
  FG9003: {
    severity: 'error',
    'zh-CN': '无法读取 {path}：{reason}',
    en: 'Cannot read {path}: {reason}',
    fix: {
      'zh-CN': '按提示的原因处理（权限、文件被占用等）后重新运行。',
      en: 'Deal with the reason given (permissions, file in use) and run again.',
    },
  },
  FG9004: {
    severity: 'error',
    'zh-CN': '未知的输出格式“{format}”，可选：{choices}',
    en: 'Unknown format "{format}"; choose one of: {choices}',
    fix: {
      'zh-CN': '从所列格式中选一个，例如 --format json。',
      en: 'Choose one of the formats listed, e.g. --format json.',
    },
  },
  FG9005: {
    severity: 'error',
    'zh-CN': '{option} 需要一个{kind}整数，收到“{value}”',
    en: '{option} needs a {kind} integer, got "{value}"',
    fix: {
      'zh-CN': '给该选项写一个符合要求的整数，例如 --max-warnings 0。',
      en: 'Give the option a suitable whole number, e.g. --max-warnings 0.',
    },
  },
  FG9006: {
    severity: 'error',
    'zh-CN': '警告有 {count} 个，超过了 --max-warnings 允许的 {max} 个',
    en: '{count} warnings, more than the {max} allowed by --max-warnings',
    fix: {
      'zh-CN': '处理多出的警告，或调大 --max-warnings 的值。',
      en: 'Deal with the extra warnings, or raise --max-warnings.',
    },
  },
  FG9007: {
    severity: 'error',
    'zh-CN': '标准输入“-”只能指定一次',
    en: 'Standard input "-" can be given only once',
    fix: { 'zh-CN': '命令中只保留一个“-”。', en: 'Keep only one "-" in the command.' },
  },
  FG9008: {
    severity: 'error',
    'zh-CN': '{path} 不是文件或文件夹',
    en: '{path} is neither a file nor a folder',
    fix: {
      'zh-CN': '改为给出一个普通文件或文件夹的路径。',
      en: 'Name an ordinary file or folder instead.',
    },
  },
  // FG9020–FG9029: `fangan render` and `fangan templates`.
  FG9020: {
    severity: 'error',
    'zh-CN': '--to 的取值“{value}”无效，可选：{choices}（用逗号分隔）',
    en: 'Invalid --to value "{value}"; choose from: {choices} (comma-separated)',
    fix: {
      'zh-CN': '从所列格式中选用，多个用逗号分隔，例如 --to docx,md。',
      en: 'Choose from the formats listed, comma-separated, e.g. --to docx,md.',
    },
  },
  FG9021: {
    severity: 'error',
    'zh-CN': '模板目录不存在或不是目录：{path}',
    en: 'The template folder does not exist or is not a folder: {path}',
    fix: {
      'zh-CN': '核对 --template 的路径；可先用 fangan templates eject my-templates 导出内置模板。',
      en: 'Check the --template path; fangan templates eject my-templates creates one from the built-ins.',
    },
  },
  FG9022: {
    severity: 'error',
    'zh-CN': '环境变量 SOURCE_DATE_EPOCH 应为非负整数秒数，收到“{value}”',
    en: 'SOURCE_DATE_EPOCH must be a non-negative whole number of seconds, got "{value}"',
    fix: {
      'zh-CN': '把 SOURCE_DATE_EPOCH 设为秒数（如 1735689600），或取消该环境变量。',
      en: 'Set SOURCE_DATE_EPOCH to a number of seconds (e.g. 1735689600), or unset it.',
    },
  },
  // FG9150–FG9199: the CLI's own output.
  FG9150: {
    severity: 'error',
    'zh-CN': '{count} 个文件无法读取，没有校验（原因见标准错误输出）',
    en: '{count} file(s) could not be read and were not checked (see standard error)',
    fix: {
      'zh-CN': '按标准错误输出中的原因逐个处理这些文件，再重新校验。',
      en: 'Deal with each file as standard error explains, then validate again.',
    },
  },
  FG9151: {
    severity: 'error',
    'zh-CN': '写入标准输出失败（{detail}），输出不完整',
    en: 'Writing to standard output failed ({detail}); the output is incomplete',
    fix: {
      'zh-CN': '检查输出重定向的目标（磁盘空间、管道是否提前关闭）后重新运行。',
      en: 'Check where the output is redirected (disk space, a pipe closed early) and run again.',
    },
  },
};
