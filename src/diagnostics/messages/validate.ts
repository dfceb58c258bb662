import type { MessageTable } from '../catalog.js';

/**
 * FG2xxx: file kind and JSON Schema problems (FG20xx), semantic rules of work plans (FG21xx) and of
 * progress files (FG22xx), hints attached to those diagnostics (FG29xx; `severity` of a hint entry
 * is never shown). `{field}` is a readable path such as `measures[2].lead`.
 */
export const validateMessages: MessageTable = {
  FG2001: {
    severity: 'error',
    'zh-CN': '缺少 kind 字段：工作方案写 kind: plan，季度进展写 kind: progress',
    en: 'Missing kind: write kind: plan for a work plan or kind: progress for a quarterly progress file',
  },
  FG2002: {
    severity: 'error',
    'zh-CN': 'kind 的取值“{kind}”无效，只能是 plan（工作方案）或 progress（季度进展）',
    en: 'Invalid kind "{kind}"; it must be plan (work plan) or progress (quarterly progress)',
  },
  FG2003: {
    severity: 'error',
    'zh-CN': '文件内容应是“键: 值”形式的映射，这里是{actual}',
    en: 'The file must be a mapping of "key: value" lines, but it is {actual}',
  },
  FG2010: {
    severity: 'error',
    'zh-CN': '缺少必填字段 {key}（{title}）',
    en: 'Missing required field {key} ({title})',
  },
  FG2011: {
    severity: 'error',
    'zh-CN': '未知字段“{key}”',
    en: 'Unknown field "{key}"',
  },
  FG2012: {
    severity: 'error',
    'zh-CN': '{field} 应为{expected}，这里是{actual}',
    en: '{field} must be {expected}, but it is {actual}',
  },
  FG2013: {
    severity: 'error',
    'zh-CN': '{field} 的取值“{value}”无效，可选：{allowed}',
    en: '{field} has the invalid value "{value}"; allowed: {allowed}',
  },
  FG2014: {
    severity: 'error',
    'zh-CN': '{field} 的日期“{value}”格式不对，应写成 YYYY-MM-DD',
    en: '{field}: the date "{value}" is not in the form YYYY-MM-DD',
  },
  FG2015: {
    severity: 'error',
    'zh-CN':
      '{field} 的编号“{value}”无效：只能用字母、数字、汉字、下划线、连字符或点，不能有空格，最长 32 个字符',
    en: '{field}: "{value}" is not a valid id; use letters, digits, Chinese characters, "_", "-" or ".", no spaces, at most 32 characters',
  },
  FG2016: {
    severity: 'error',
    'zh-CN': '{field} 的季度“{value}”格式不对，应写成 2025Q1 这样的形式',
    en: '{field}: the quarter "{value}" must look like 2025Q1',
  },
  FG2017: {
    severity: 'error',
    'zh-CN': '{field} 太长（{length} 个字符），最多 {limit} 个字符',
    en: '{field} is too long ({length} characters); at most {limit} are allowed',
  },
  FG2018: {
    severity: 'error',
    'zh-CN': '{field} 的条目太多（{count} 项），最多 {limit} 项',
    en: '{field} has too many entries ({count}); at most {limit} are allowed',
  },
  FG2019: {
    severity: 'error',
    'zh-CN': '{field} 不能为空',
    en: '{field} must not be empty',
  },
  FG2020: {
    severity: 'error',
    'zh-CN': '{field} 的数值 {value} 太小，应不小于 {limit}',
    en: '{field}: {value} is too small; it must be at least {limit}',
  },
  FG2021: {
    severity: 'error',
    'zh-CN': '{field} 的数值 {value} 太大，应不大于 {limit}',
    en: '{field}: {value} is too large; it must be at most {limit}',
  },
  FG2022: {
    severity: 'error',
    'zh-CN': '{field} 是百分比，应在 0 到 100 之间，这里是 {value}',
    en: '{field} is a percentage and must be between 0 and 100, but it is {value}',
  },
  FG2023: {
    severity: 'error',
    'zh-CN': '需要写明报告期：quarter（季度，如 2025Q1）或 period（起止日期）二选一',
    en: 'The reporting period is missing: give quarter (e.g. 2025Q1) or period (start and end dates)',
  },
  FG2024: {
    severity: 'error',
    'zh-CN': 'quarter 和 period 只能写一个',
    en: 'Give either quarter or period, not both',
  },
  FG2025: {
    severity: 'error',
    'zh-CN': '{field} 中有重复的项（第 {first} 项和第 {second} 项相同）',
    en: '{field} repeats an entry (items {first} and {second} are the same)',
  },
  FG2029: {
    severity: 'error',
    'zh-CN': '{field} 不符合格式要求（{detail}）',
    en: '{field} does not match the format ({detail})',
  },
  FG2101: {
    severity: 'error',
    'zh-CN': '{collection} 中的编号“{id}”重复（第一次在第 {firstLine} 行）',
    en: 'Duplicate id "{id}" in {collection} (first used on line {firstLine})',
  },
  FG2102: {
    severity: 'error',
    'zh-CN': '{field} 引用的责任单位“{id}”在 units 中不存在',
    en: '{field} refers to the unit "{id}", which is not in units',
  },
  FG2103: {
    severity: 'error',
    'zh-CN': '{field} 引用的目标“{id}”在 goals 中不存在',
    en: '{field} refers to the goal "{id}", which is not in goals',
  },
  FG2104: {
    severity: 'error',
    'zh-CN': '{field} 引用的指标“{id}”在各目标的 indicators 中不存在',
    en: '{field} refers to the indicator "{id}", which is not among the goals\' indicators',
  },
  FG2105: {
    severity: 'error',
    'zh-CN': '{field} 的日期“{value}”在日历上不存在',
    en: '{field}: the date "{value}" does not exist in the calendar',
  },
  FG2106: {
    severity: 'error',
    'zh-CN': '{field} 的开始日期 {start} 晚于结束日期 {end}',
    en: '{field} starts on {start}, after its end {end}',
  },
  FG2107: {
    severity: 'error',
    'zh-CN': '{field} 的完成时限 {date} 不在实施周期（{start} 至 {end}）内',
    en: '{field}: the deadline {date} is outside the plan period ({start} to {end})',
  },
  FG2108: {
    severity: 'error',
    'zh-CN': '实施步骤“{phase}”（{start} 至 {end}）超出了实施周期（{periodStart} 至 {periodEnd}）',
    en: 'The phase "{phase}" ({start} to {end}) falls outside the plan period ({periodStart} to {periodEnd})',
  },
  FG2109: {
    severity: 'error',
    'zh-CN':
      '实施步骤“{phase}”开始于 {start}，早于上一步骤“{previous}”的开始日期 {previousStart}，请按时间顺序排列',
    en: 'The phase "{phase}" starts on {start}, before the previous phase "{previous}" ({previousStart}); list phases in time order',
  },
  FG2110: {
    severity: 'error',
    'zh-CN': '指标“{id}”要求提高（increase），但目标值 {target} 低于基线值 {baseline}',
    en: 'The indicator "{id}" should increase, but its target {target} is below the baseline {baseline}',
  },
  FG2111: {
    severity: 'error',
    'zh-CN': '指标“{id}”要求降低（decrease），但目标值 {target} 高于基线值 {baseline}',
    en: 'The indicator "{id}" should decrease, but its target {target} is above the baseline {baseline}',
  },
  FG2112: {
    severity: 'warning',
    'zh-CN': '指标“{id}”的目标值与基线值相同（{target}），没有体现变化',
    en: 'The indicator "{id}" has the same target and baseline ({target}), so it asks for no change',
  },
  FG2113: {
    severity: 'warning',
    'zh-CN': '目标“{id}”没有任何重点工作承接（没有出现在任何 measures[].goals 中）',
    en: 'No measure serves the goal "{id}" (it appears in no measures[].goals)',
  },
  FG2114: {
    severity: 'error',
    'zh-CN': '重点工作“{id}”缺少牵头单位（lead）',
    en: 'The measure "{id}" has no lead unit (lead)',
  },
  FG2115: {
    severity: 'error',
    'zh-CN': '重点工作“{id}”缺少完成时限（deadline）',
    en: 'The measure "{id}" has no deadline (deadline)',
  },
  FG2350: {
    severity: 'error',
    'zh-CN':
      '指标“{id}”是 {kind} 类型，不能设 cumulative: true；只有数量类指标（kind: count）可以逐季累计',
    en: 'The indicator "{id}" is of kind {kind} and cannot be cumulative; only counts (kind: count) accumulate',
  },
  FG2351: {
    severity: 'error',
    'zh-CN': '累计指标“{id}”的方向应为提高（increase）：累计数只会逐季增加',
    en: 'The cumulative indicator "{id}" must have direction increase: a running total only grows',
  },
  FG2352: {
    severity: 'error',
    'zh-CN': '{field} 是数量，不能为负数，这里是 {value}',
    en: '{field} is a count and cannot be negative, but it is {value}',
  },
  FG2353: {
    severity: 'error',
    'zh-CN': '指标“{id}”的阶段目标季度 {quarter} 不在实施周期（{start} 至 {end}）内',
    en: 'The staged target quarter {quarter} of the indicator "{id}" is outside the plan period ({start} to {end})',
  },
  FG2354: {
    severity: 'error',
    'zh-CN':
      '指标“{id}”的阶段目标 {quarter} 在完成时限 {deadline} 或之后结束，数值应等于目标值 {target}，这里是 {value}',
    en: 'The staged target {quarter} of the indicator "{id}" ends on or after its deadline {deadline}, so it must equal the target {target}, but it is {value}',
  },
  FG2355: {
    severity: 'error',
    'zh-CN':
      '指标“{id}”的阶段目标 {quarter}（{value}）与方向不符：应逐季向目标值推进，不能比前一节点（{previous}）更差',
    en: 'The staged target {quarter} ({value}) of the indicator "{id}" goes against its direction: it is worse than the point before it ({previous})',
  },
  FG2356: {
    severity: 'error',
    'zh-CN': '指标“{id}”的阶段目标 {quarter}（{value}）超过了最终目标值 {target}',
    en: 'The staged target {quarter} ({value}) of the indicator "{id}" goes beyond its final target {target}',
  },
  FG2357: {
    severity: 'error',
    'zh-CN': '指标“{id}”的黄色线 at_risk（{at_risk}）高于绿色线 on_track（{on_track}）',
    en: 'The at_risk threshold ({at_risk}) of the indicator "{id}" is above its on_track threshold ({on_track})',
  },
  FG2358: {
    severity: 'error',
    'zh-CN': '指标“{id}”是数量，实际值不能为负数，这里是 {value}',
    en: 'The indicator "{id}" is a count; its actual value cannot be negative, but it is {value}',
  },
  FG2201: {
    severity: 'error',
    'zh-CN': '找不到 plan 指向的工作方案文件 {path}',
    en: 'The plan file named by plan was not found: {path}',
  },
  FG2202: {
    severity: 'error',
    'zh-CN': 'plan 指向的工作方案 {path} 有 {count} 个错误，请先运行 fangan validate {path} 修正',
    en: 'The plan {path} named by plan has {count} error(s); run fangan validate {path} and fix them first',
  },
  FG2203: {
    severity: 'error',
    'zh-CN': 'plan 指向的文件 {path} 不是工作方案（kind: {kind}）',
    en: 'The file {path} named by plan is not a work plan (kind: {kind})',
  },
  FG2204: {
    severity: 'error',
    'zh-CN': '工作方案中没有编号为“{id}”的重点工作',
    en: 'The plan has no measure with the id "{id}"',
  },
  FG2205: {
    severity: 'error',
    'zh-CN': '工作方案中没有编号为“{id}”的指标',
    en: 'The plan has no indicator with the id "{id}"',
  },
  FG2206: {
    severity: 'error',
    'zh-CN': '完成进度为 100%，但状态是 {status}；全部完成的工作状态应为 done',
    en: 'Progress is 100% but the status is {status}; finished work must have status done',
  },
  FG2207: {
    severity: 'error',
    'zh-CN': '状态为 done（已完成），但完成进度是 {percent}%，应为 100',
    en: 'The status is done but progress is {percent}%; it must be 100',
  },
  FG2208: {
    severity: 'warning',
    'zh-CN': '重点工作“{id}”已超期：完成时限 {deadline} 早于报送日期 {date}，状态仍是 {status}',
    en: 'The measure "{id}" is overdue: its deadline {deadline} is before the report date {date} and its status is still {status}',
  },
  FG2209: {
    severity: 'error',
    'zh-CN':
      '报告期 {label}（{start} 至 {end}）不在工作方案实施周期（{periodStart} 至 {periodEnd}）内',
    en: 'The reporting period {label} ({start} to {end}) is outside the plan period ({periodStart} to {periodEnd})',
  },
  FG2210: {
    severity: 'error',
    'zh-CN': '无法读取 plan 指向的工作方案 {path}（{reason}）',
    en: 'Cannot read the plan {path} named by plan ({reason})',
  },
  FG2300: {
    severity: 'warning',
    'zh-CN':
      '写了签发人（signer）却没有发文机关标志（masthead）：签发人只排在版头发文字号的同一行，不会出现在文件中',
    en: 'signer is set but masthead is not: the signer is printed only in the document head, next to the document number',
  },
  FG2301: {
    severity: 'warning',
    'zh-CN':
      '写了签发人（signer）却没有发文字号（doc_number）：按 GB/T 9704，签发人与发文字号排在同一行',
    en: 'signer is set but doc_number is not: GB/T 9704 prints the signer on the line of the document number',
  },
  FG2302: {
    severity: 'warning',
    'zh-CN': '涉密公文（secrecy）应当标注份号（copy_number）',
    en: 'A classified document (secrecy) should carry a copy number (copy_number)',
  },
  FG2303: {
    severity: 'warning',
    'zh-CN': '紧急程度“{value}”不是 GB/T 9704 的写法，应为“特急”或“加急”',
    en: 'Urgency "{value}" is not a GB/T 9704 value; write 特急 or 加急',
  },
  FG2304: {
    severity: 'warning',
    'zh-CN': '印发日期 {printed} 早于成文日期 {date}',
    en: 'The printing date {printed} is before the document date {date}',
  },
  FG2305: {
    severity: 'warning',
    'zh-CN': 'headings.{key} 改写的章节在方案中没有内容，这个标题不会出现',
    en: 'headings.{key} renames a chapter the plan does not have; the heading is never printed',
  },
  FG2306: {
    severity: 'warning',
    'zh-CN': '自定义章节“{title}”既没有 paragraphs 也没有 items，只会印出一个空标题',
    en: 'Custom section "{title}" has neither paragraphs nor items; only an empty heading would be printed',
  },
  FG2307: {
    severity: 'warning',
    'zh-CN': '自定义章节“{title}”与第 {first} 个自定义章节同名',
    en: 'Custom section "{title}" has the same title as custom section {first}',
  },
  FG2901: {
    severity: 'warning',
    'zh-CN': '是否应为“{suggestion}”？',
    en: 'Did you mean "{suggestion}"?',
  },
  FG2902: {
    severity: 'warning',
    'zh-CN': '要作为文字保留，请加引号：{quoted}',
    en: 'To keep it as text, add quotes: {quoted}',
  },
  FG2903: {
    severity: 'warning',
    'zh-CN': '请写成 YYYY-MM-DD 形式，例如 {example}',
    en: 'Write it as YYYY-MM-DD, for example {example}',
  },
  FG2904: {
    severity: 'warning',
    'zh-CN': '看内容像是工作方案，请在文件开头加上一行 kind: plan',
    en: 'The content looks like a work plan; add the line kind: plan at the top',
  },
  FG2906: {
    severity: 'warning',
    'zh-CN': '看内容像是季度进展，请在文件开头加上一行 kind: progress',
    en: 'The content looks like a quarterly progress file; add the line kind: progress at the top',
  },
  FG2905: {
    severity: 'warning',
    'zh-CN': '此处可用的字段：{keys}',
    en: 'Fields allowed here: {keys}',
  },
  // FG24xx: Chinese keys and values (src/validate/aliases.ts) and forgiving hints; FG245x hints.
  FG2401: {
    severity: 'error',
    'zh-CN':
      '“{key}”和第 {firstLine} 行的“{first}”是同一个字段（中文、英文各写了一次），只能写一次',
    en: '"{key}" is the same field as "{first}" on line {firstLine} (written once in Chinese, once in English); write it only once',
  },
  FG2402: {
    severity: 'error',
    'zh-CN': '{field} 的值两端是中文引号 {open}{close}，YAML 不把它们当作引号，会原样印进文档',
    en: 'The value of {field} is wrapped in typographic quotes {open}{close}; YAML does not read them as quotes, so they would be printed into the document',
  },
  FG2451: {
    severity: 'warning',
    'zh-CN': '改成：{fix}',
    en: 'Change it to: {fix}',
  },
  FG2452: {
    severity: 'warning',
    'zh-CN': '“{name}”是单位名称，这里要写它在 units 中的编号：{fix}',
    en: '"{name}" is the name of a unit; write its id from units here: {fix}',
  },
  FG2453: {
    severity: 'warning',
    'zh-CN':
      '半角冒号“:”后面跟空格，会把这句话读成“键: 值”；句子里的冒号请用全角“：”，或者给整句加引号：{fix}',
    en: 'An ASCII colon ":" followed by a space makes this sentence a "key: value" pair; in a Chinese sentence use the full-width colon "：", or quote the whole sentence: {fix}',
  },
  // FG930x: `fangan fmt` usage (kept here, next to the key aliases the command rewrites).
  FG9301: {
    severity: 'error',
    'zh-CN': '--keys 的取值“{value}”无效，只能是 zh（中文字段名）或 en（英文字段名）',
    en: 'Invalid --keys value "{value}": use zh (Chinese keys) or en (English keys)',
  },
  FG9302: {
    severity: 'error',
    'zh-CN': '不加 --write 时只能转换一个文件（结果打印到标准输出）；要改写多个文件请加 --write',
    en: 'Without --write only one file can be converted (the result goes to standard output); add --write to rewrite several files',
  },
};

/** Names of JSON types inside FG2012 messages. */
export const typeNames: Record<string, { 'zh-CN': string; en: string }> = {
  string: { 'zh-CN': '文字', en: 'text' },
  number: { 'zh-CN': '数字', en: 'a number' },
  integer: { 'zh-CN': '整数', en: 'a whole number' },
  boolean: { 'zh-CN': '是/否值（true、false）', en: 'true or false' },
  object: { 'zh-CN': '“键: 值”映射', en: 'a mapping of "key: value" lines' },
  array: { 'zh-CN': '列表', en: 'a list' },
  null: { 'zh-CN': '空值', en: 'empty' },
};
