import type { MessageTable } from '../catalog.js';

/**
 * FG7xxx: `fangan init` and `fangan progress new`.
 * FG70xx problems in a starter file (a diagnostic with file:line:col), FG702x output files,
 * FG703x previous-quarter carry-over, FG71xx command-line answers (usage errors, exit 2).
 */
export const initMessages: MessageTable = {
  FG7001: {
    severity: 'error',
    'zh-CN': '不是起草素材文件：需要 kind: starter',
    en: 'not a starter file: expected kind: starter',
    fix: {
      'zh-CN': '在起草素材文件开头写上 kind: starter，或去掉 --starter 使用内置素材。',
      en: 'Put kind: starter at the top of the starter file, or drop --starter to use the built-in one.',
    },
  },
  FG7002: {
    severity: 'error',
    'zh-CN': 'YAML 语法错误：{detail}',
    en: 'YAML syntax error: {detail}',
    fix: {
      'zh-CN': '按提示的行列改正引号、冒号和缩进。',
      en: 'Correct the quotes, colons and indentation at the line and column given.',
    },
  },
  FG7003: {
    severity: 'error',
    'zh-CN': '{field} 缺少必填项 {key}',
    en: '{field} is missing the required key {key}',
    fix: {
      'zh-CN': '在该项下补上缺少的字段（可对照 templates/starters/health-town.yaml）。',
      en: 'Add the missing key (compare templates/starters/health-town.yaml).',
    },
  },
  FG7004: {
    severity: 'error',
    'zh-CN': '{field} 应为{expected}',
    en: '{field} must be {expected}',
    fix: { 'zh-CN': '按提示的类型改写该值。', en: 'Rewrite the value as the type named.' },
  },
  FG7005: {
    severity: 'error',
    'zh-CN': '未知的字段 {key}',
    en: 'unknown key {key}',
    fix: {
      'zh-CN': '核对字段名拼写，或删去该字段。',
      en: 'Check the spelling of the key or delete it.',
    },
  },
  FG7006: {
    severity: 'error',
    'zh-CN': '是不是 {suggestion}？',
    en: 'did you mean {suggestion}?',
    fix: {
      'zh-CN': '确认后改为建议的写法。',
      en: 'Use the suggested spelling if it is what you meant.',
    },
  },
  FG7007: {
    severity: 'error',
    'zh-CN': '标识 {id} 重复，同一文件中的标识必须唯一',
    en: 'duplicate id {id}: ids must be unique within the file',
    fix: {
      'zh-CN': '给其中一项换一个未用过的标识，并同步修改引用它的地方。',
      en: 'Give one of them an unused id and update what refers to it.',
    },
  },
  FG7008: {
    severity: 'error',
    'zh-CN': '{field} 引用了不存在的标识 {id}',
    en: '{field} refers to the unknown id {id}',
    fix: {
      'zh-CN': '改为素材中已定义的标识，或先补上该单位、目标或指标。',
      en: 'Use an id defined in the starter, or add that unit, goal or indicator.',
    },
  },
  FG7009: {
    severity: 'error',
    'zh-CN': '指标 {id} 的目标值 {target} 与方向 {direction}、基线 {baseline} 不一致',
    en: 'indicator {id}: target {target} does not agree with direction {direction} and baseline {baseline}',
    fix: {
      'zh-CN': '核对目标值与基线是否写反，或改正 direction（increase 提高、decrease 降低）。',
      en: 'Check whether target and baseline are swapped, or correct direction (increase or decrease).',
    },
  },
  FG7010: {
    severity: 'error',
    'zh-CN': '{field} 应在 {min} 到 {max} 之间',
    en: '{field} must be between {min} and {max}',
    fix: { 'zh-CN': '把数值改到所列范围之内。', en: 'Bring the value inside the range given.' },
  },
  FG7011: {
    severity: 'error',
    'zh-CN': '{field} 应为以下之一：{allowed}',
    en: '{field} must be one of: {allowed}',
    fix: { 'zh-CN': '从所列取值中选一个填写。', en: 'Use one of the values listed.' },
  },
  FG7012: {
    severity: 'error',
    'zh-CN': '无法读取起草素材文件：{detail}',
    en: 'cannot read the starter file: {detail}',
    fix: {
      'zh-CN': '检查 --starter 给出的路径是否正确、文件是否可读。',
      en: 'Check the path given to --starter and that the file can be read.',
    },
  },
  FG7013: {
    severity: 'error',
    'zh-CN': '{field} 至少需要一项',
    en: '{field} needs at least one entry',
    fix: { 'zh-CN': '至少填写一项内容。', en: 'Add at least one entry.' },
  },
  FG7014: {
    severity: 'error',
    'zh-CN': 'YAML 中不允许使用别名、自定义标签或多个文档',
    en: 'aliases, custom tags and multiple documents are not allowed',
    fix: {
      'zh-CN': '删去 &、*、“!”标签和多余的“---”，把内容直接写出。',
      en: 'Remove &, *, "!" tags and extra "---" lines, writing the content out in full.',
    },
  },

  FG7020: {
    severity: 'error',
    'zh-CN': '{file} 已存在，未覆盖；如确需覆盖请加 --force',
    en: '{file} already exists and was not overwritten; add --force to replace it',
    fix: {
      'zh-CN': '换一个文件名（-o），或确认可以覆盖后加 --force。',
      en: 'Choose another file name (-o), or add --force once it may be replaced.',
    },
  },
  FG7021: {
    severity: 'error',
    'zh-CN': '{file} 是符号链接，拒绝写入',
    en: '{file} is a symbolic link; refusing to write through it',
    fix: {
      'zh-CN': '删除该链接，或用 -o 指定另一个文件。',
      en: 'Remove the link, or name another file with -o.',
    },
  },

  FG7030: {
    severity: 'warning',
    'zh-CN': '上一季度进展文件 {file} 有错误，未沿用其中的进度和指标值',
    en: 'the previous quarter file {file} has errors; nothing was carried over from it',
    fix: {
      'zh-CN': '先用 fangan validate 修正上一季度的文件，再重新运行 fangan progress new --force。',
      en: "Fix the previous quarter's file with fangan validate, then rerun fangan progress new --force.",
    },
  },

  FG7101: {
    severity: 'error',
    'zh-CN': '缺少 {flag}：没有交互终端或设置了 CI 时不会提问，请用命令行参数提供',
    en: 'missing {flag}: without an interactive terminal (or with CI set) nothing is asked, so pass it on the command line',
    fix: {
      'zh-CN': '在命令行补上该参数，例如 --town 青溪镇；或在交互终端中运行以便逐项提问。',
      en: 'Pass the option on the command line, e.g. --town 青溪镇, or run in an interactive terminal to be asked.',
    },
  },
  FG7102: {
    severity: 'error',
    'zh-CN': '{flag}：起草素材中没有 {value}，可选：{choices}',
    en: '{flag}: the starter has no {value}; choose from: {choices}',
    fix: {
      'zh-CN': '从所列可选项中选用标识，多个用逗号分隔。',
      en: 'Use ids from the choices listed, separated by commas.',
    },
  },
  FG7103: {
    severity: 'error',
    'zh-CN': '--year 应为 2000 到 2100 之间的年份，收到 {value}',
    en: '--year must be a year between 2000 and 2100, got {value}',
    fix: {
      'zh-CN': '写成四位年份，例如 --year 2025。',
      en: 'Write a four-digit year, e.g. --year 2025.',
    },
  },
  FG7104: {
    severity: 'error',
    'zh-CN': '{flag} 应为 YYYY-MM-DD 格式的有效日期，收到 {value}',
    en: '{flag} must be a valid date written YYYY-MM-DD, got {value}',
    fix: { 'zh-CN': '写成 2025-03-01 这样的日期。', en: 'Write a date such as 2025-03-01.' },
  },
  FG7105: {
    severity: 'error',
    'zh-CN': '实施周期结束日期 {end} 早于开始日期 {start}',
    en: 'the period ends ({end}) before it starts ({start})',
    fix: {
      'zh-CN': '改正 --period，开始日期在前，例如 2025-03-01..2026-02-28。',
      en: 'Correct --period with the start first, e.g. 2025-03-01..2026-02-28.',
    },
  },
  FG7106: {
    severity: 'error',
    'zh-CN': '目标 {goal} 没有任何重点工作支撑，请至少选择其中一项：{measures}',
    en: 'goal {goal} is served by no chosen measure; choose at least one of: {measures}',
    fix: {
      'zh-CN': '在 --measures 中至少加入所列重点工作中的一项，或在 --goals 中去掉该目标。',
      en: 'Add at least one of the measures listed to --measures, or drop the goal from --goals.',
    },
  },
  FG7107: {
    severity: 'error',
    'zh-CN': '重点工作 {measure} 的牵头单位 {unit} 不在所选责任单位中',
    en: 'the lead unit {unit} of measure {measure} is not among the chosen units',
    fix: {
      'zh-CN': '在 --units 中加入该单位，或为该工作另选一个已选的牵头单位。',
      en: 'Add the unit to --units, or choose a lead among the chosen units.',
    },
  },
  FG7108: {
    severity: 'error',
    'zh-CN': '重点工作 {measure} 的完成时限 {date} 不在实施周期 {start} 至 {end} 内',
    en: 'the deadline {date} of measure {measure} is outside the period {start} to {end}',
    fix: {
      'zh-CN': '把该工作的完成时限改到实施周期之内，或调整 --period。',
      en: "Move the measure's deadline inside the period, or change --period.",
    },
  },
  FG7109: {
    severity: 'error',
    'zh-CN': '{flag}：至少需要选择一项',
    en: '{flag}: choose at least one',
    fix: { 'zh-CN': '至少选择一项。', en: 'Choose at least one.' },
  },
  FG7110: {
    severity: 'error',
    'zh-CN': '--quarter 应为 2025Q2 这样的季度，收到 {value}',
    en: '--quarter must look like 2025Q2, got {value}',
    fix: { 'zh-CN': '写成 --quarter 2025Q2 这样的形式。', en: 'Write it as --quarter 2025Q2.' },
  },
  FG7111: {
    severity: 'error',
    'zh-CN': '{quarter} 不在工作方案实施周期 {start} 至 {end} 内',
    en: '{quarter} is outside the plan period {start} to {end}',
    fix: {
      'zh-CN': '选择实施周期内的季度，或核对所用的工作方案。',
      en: 'Choose a quarter inside the plan period, or check which plan is used.',
    },
  },
  FG7112: {
    severity: 'error',
    'zh-CN': '工作方案 {file} 有错误，请先运行 fangan validate 修正后再生成季度进展',
    en: 'the plan {file} has errors; fix them (fangan validate) before scaffolding progress',
    fix: {
      'zh-CN': '运行 fangan validate 修正工作方案中的错误，再生成季度进展。',
      en: "Fix the plan's errors with fangan validate, then scaffold the progress file.",
    },
  },
  FG7113: {
    severity: 'error',
    'zh-CN': '已取消，没有写入任何文件',
    en: 'cancelled; nothing was written',
    fix: {
      'zh-CN': '需要时重新运行 fangan init。',
      en: 'Run fangan init again when you are ready.',
    },
  },
  FG7114: {
    severity: 'error',
    'zh-CN': '{field} 不能为空',
    en: '{field} must not be empty',
    fix: { 'zh-CN': '填写内容后继续。', en: 'Enter a value to continue.' },
  },
  FG7115: {
    severity: 'error',
    'zh-CN': '{flag}：指标 {value} 不属于所选目标',
    en: '{flag}: indicator {value} does not belong to a chosen goal',
    fix: {
      'zh-CN': '从 --indicators 中去掉该指标，或在 --goals 中加入它所属的目标。',
      en: 'Remove the indicator from --indicators, or add its goal to --goals.',
    },
  },
  FG7116: {
    severity: 'error',
    'zh-CN': '起草素材 {file} 有错误，未生成工作方案',
    en: 'the starter {file} has errors; no plan was drafted',
    fix: {
      'zh-CN': '按上方列出的问题修正起草素材文件，或去掉 --starter 使用内置素材。',
      en: 'Fix the starter file as the problems above say, or drop --starter to use the built-in one.',
    },
  },
};
