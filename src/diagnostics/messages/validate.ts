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
    fix: {
      'zh-CN': '在文件第一行写上 kind: plan（工作方案）或 kind: progress（季度进展）。',
      en: 'Add kind: plan (work plan) or kind: progress (quarterly progress) as the first line.',
    },
  },
  FG2002: {
    severity: 'error',
    'zh-CN': 'kind 的取值“{kind}”无效，只能是 plan（工作方案）或 progress（季度进展）',
    en: 'Invalid kind "{kind}"; it must be plan (work plan) or progress (quarterly progress)',
    fix: {
      'zh-CN': '把 kind 改为 plan 或 progress（县级设置文件为 county）。',
      en: 'Set kind to plan or progress (county for county settings).',
    },
  },
  FG2003: {
    severity: 'error',
    'zh-CN': '文件内容应是“键: 值”形式的映射，这里是{actual}',
    en: 'The file must be a mapping of "key: value" lines, but it is {actual}',
    fix: {
      'zh-CN': '按“键: 值”逐行书写，不要以“- ”列表或单独一段文字作为整个文件。',
      en: 'Write the file as "key: value" lines, not as a "- " list or a single piece of text.',
    },
  },
  FG2010: {
    severity: 'error',
    'zh-CN': '缺少必填字段 {key}（{title}）',
    en: 'Missing required field {key} ({title})',
    fix: {
      'zh-CN': '在相应位置补上该字段及其内容（各字段说明见 docs/format.md）。',
      en: 'Add the field with its value at that level (docs/format.md describes each field).',
    },
  },
  FG2011: {
    severity: 'error',
    'zh-CN': '未知字段“{key}”',
    en: 'Unknown field "{key}"',
    fix: {
      'zh-CN': '核对字段名的拼写（可参照下方提示）；不需要的字段请删除。',
      en: 'Check the spelling of the field name (see the hint below) or delete the field.',
    },
  },
  FG2012: {
    severity: 'error',
    'zh-CN': '{field} 应为{expected}，这里是{actual}',
    en: '{field} must be {expected}, but it is {actual}',
    fix: {
      'zh-CN': '按提示的类型改写该值，例如数字不加引号，列表每项以“- ”开头。',
      en: 'Rewrite the value as the type named, e.g. numbers without quotes, list items starting with "- ".',
    },
  },
  FG2013: {
    severity: 'error',
    'zh-CN': '{field} 的取值“{value}”无效，可选：{allowed}',
    en: '{field} has the invalid value "{value}"; allowed: {allowed}',
    fix: {
      'zh-CN': '从“可选”所列的取值中选一个填写。',
      en: 'Use one of the values listed as allowed.',
    },
  },
  FG2014: {
    severity: 'error',
    'zh-CN': '{field} 的日期“{value}”格式不对，应写成 YYYY-MM-DD',
    en: '{field}: the date "{value}" is not in the form YYYY-MM-DD',
    fix: {
      'zh-CN': '把日期写成“2025-03-01”的形式，月和日不足两位的前面补 0。',
      en: 'Write the date as 2025-03-01, with two-digit month and day.',
    },
  },
  FG2015: {
    severity: 'error',
    'zh-CN':
      '{field} 的编号“{value}”无效：只能用字母、数字、汉字、下划线、连字符或点，不能有空格，最长 32 个字符',
    en: '{field}: "{value}" is not a valid id; use letters, digits, Chinese characters, "_", "-" or ".", no spaces, at most 32 characters',
    fix: {
      'zh-CN': '去掉编号中的空格和标点，只用字母、数字、汉字、“_”“-”“.”，不超过 32 个字符。',
      en: 'Remove spaces and punctuation from the id, keeping letters, digits, Chinese, "_", "-" and ".", up to 32 characters.',
    },
  },
  FG2016: {
    severity: 'error',
    'zh-CN': '{field} 的季度“{value}”格式不对，应写成 2025Q1 这样的形式',
    en: '{field}: the quarter "{value}" must look like 2025Q1',
    fix: {
      'zh-CN': '写成“年份 + Q + 季度数字”，例如 2025Q1。',
      en: 'Write the year, Q and the quarter number, e.g. 2025Q1.',
    },
  },
  FG2017: {
    severity: 'error',
    'zh-CN': '{field} 太长（{length} 个字符），最多 {limit} 个字符',
    en: '{field} is too long ({length} characters); at most {limit} are allowed',
    fix: {
      'zh-CN': '精简这段文字，或把内容分成几条分别填写。',
      en: 'Shorten the text or split it into several entries.',
    },
  },
  FG2018: {
    severity: 'error',
    'zh-CN': '{field} 的条目太多（{count} 项），最多 {limit} 项',
    en: '{field} has too many entries ({count}); at most {limit} are allowed',
    fix: {
      'zh-CN': '合并相近的条目，或删去不必要的条目，使数量不超过上限。',
      en: 'Merge similar entries or drop unneeded ones to stay within the limit.',
    },
  },
  FG2019: {
    severity: 'error',
    'zh-CN': '{field} 不能为空',
    en: '{field} must not be empty',
    fix: {
      'zh-CN': '填写内容；确实没有内容的可选字段请整行删除。',
      en: 'Fill it in; an optional field with nothing to say can be deleted.',
    },
  },
  FG2020: {
    severity: 'error',
    'zh-CN': '{field} 的数值 {value} 太小，应不小于 {limit}',
    en: '{field}: {value} is too small; it must be at least {limit}',
    fix: {
      'zh-CN': '把数值改到下限以上，并核对是否多写或少写了一位。',
      en: 'Raise the value to at least the limit and check for a missing or extra digit.',
    },
  },
  FG2021: {
    severity: 'error',
    'zh-CN': '{field} 的数值 {value} 太大，应不大于 {limit}',
    en: '{field}: {value} is too large; it must be at most {limit}',
    fix: {
      'zh-CN': '把数值改到上限以下，并核对是否多写了一位或写错了单位。',
      en: 'Lower the value to at most the limit and check for an extra digit or the wrong unit.',
    },
  },
  FG2022: {
    severity: 'error',
    'zh-CN': '{field} 是百分比，应在 0 到 100 之间，这里是 {value}',
    en: '{field} is a percentage and must be between 0 and 100, but it is {value}',
    fix: {
      'zh-CN': '填写 0 到 100 之间的数字，不带“%”号。',
      en: 'Write a number from 0 to 100, without the % sign.',
    },
  },
  FG2023: {
    severity: 'error',
    'zh-CN': '需要写明报告期：quarter（季度，如 2025Q1）或 period（起止日期）二选一',
    en: 'The reporting period is missing: give quarter (e.g. 2025Q1) or period (start and end dates)',
    fix: {
      'zh-CN': '加一行 quarter: 2025Q1，或写 period 的 start 和 end 两个日期。',
      en: 'Add quarter: 2025Q1, or a period with start and end dates.',
    },
  },
  FG2024: {
    severity: 'error',
    'zh-CN': 'quarter 和 period 只能写一个',
    en: 'Give either quarter or period, not both',
    fix: {
      'zh-CN': '保留 quarter 或 period 其中一个，删去另一个。',
      en: 'Keep either quarter or period and delete the other.',
    },
  },
  FG2025: {
    severity: 'error',
    'zh-CN': '{field} 中有重复的项（第 {first} 项和第 {second} 项相同）',
    en: '{field} repeats an entry (items {first} and {second} are the same)',
    fix: { 'zh-CN': '删去重复的一项。', en: 'Delete the repeated entry.' },
  },
  FG2029: {
    severity: 'error',
    'zh-CN': '{field} 不符合格式要求（{detail}）',
    en: '{field} does not match the format ({detail})',
    fix: {
      'zh-CN': '按括号中说明的格式改写该值（各字段格式见 docs/format.md）。',
      en: 'Rewrite the value in the format described in brackets (see docs/format.md).',
    },
  },
  FG2101: {
    severity: 'error',
    'zh-CN': '{collection} 中的编号“{id}”重复（第一次在第 {firstLine} 行）',
    en: 'Duplicate id "{id}" in {collection} (first used on line {firstLine})',
    fix: {
      'zh-CN': '给其中一项换一个未用过的编号，并同步修改引用它的地方。',
      en: 'Give one of them an unused id and update the places that refer to it.',
    },
  },
  FG2102: {
    severity: 'error',
    'zh-CN': '{field} 引用的责任单位“{id}”在 units 中不存在',
    en: '{field} refers to the unit "{id}", which is not in units',
    fix: {
      'zh-CN': '改为 units 中已有单位的编号，或先在 units 中添加这个单位。',
      en: 'Use the id of a unit listed in units, or add the unit to units first.',
    },
  },
  FG2103: {
    severity: 'error',
    'zh-CN': '{field} 引用的目标“{id}”在 goals 中不存在',
    en: '{field} refers to the goal "{id}", which is not in goals',
    fix: {
      'zh-CN': '改为 goals 中已有目标的编号，或在 goals 中补上该目标。',
      en: 'Use the id of a goal in goals, or add that goal.',
    },
  },
  FG2104: {
    severity: 'error',
    'zh-CN': '{field} 引用的指标“{id}”在各目标的 indicators 中不存在',
    en: '{field} refers to the indicator "{id}", which is not among the goals\' indicators',
    fix: {
      'zh-CN': '改为各目标 indicators 中已有指标的编号，或在相应目标下补上该指标。',
      en: 'Use the id of an indicator under goals, or add that indicator to its goal.',
    },
  },
  FG2105: {
    severity: 'error',
    'zh-CN': '{field} 的日期“{value}”在日历上不存在',
    en: '{field}: the date "{value}" does not exist in the calendar',
    fix: {
      'zh-CN': '核对月份和日期，例如 2 月没有 30 日、4 月没有 31 日。',
      en: 'Check the month and day: February has no 30th, April no 31st.',
    },
  },
  FG2106: {
    severity: 'error',
    'zh-CN': '{field} 的开始日期 {start} 晚于结束日期 {end}',
    en: '{field} starts on {start}, after its end {end}',
    fix: {
      'zh-CN': '对调开始和结束日期，或改正写错的一个。',
      en: 'Swap the start and end dates, or correct the wrong one.',
    },
  },
  FG2107: {
    severity: 'error',
    'zh-CN': '{field} 的完成时限 {date} 不在实施周期（{start} 至 {end}）内',
    en: '{field}: the deadline {date} is outside the plan period ({start} to {end})',
    fix: {
      'zh-CN': '把完成时限改到实施周期之内，或延长方案的 period。',
      en: 'Move the deadline into the plan period, or extend the plan period.',
    },
  },
  FG2108: {
    severity: 'error',
    'zh-CN': '实施步骤“{phase}”（{start} 至 {end}）超出了实施周期（{periodStart} 至 {periodEnd}）',
    en: 'The phase "{phase}" ({start} to {end}) falls outside the plan period ({periodStart} to {periodEnd})',
    fix: {
      'zh-CN': '把该步骤的起止日期改到实施周期之内。',
      en: "Move the phase's dates inside the plan period.",
    },
  },
  FG2109: {
    severity: 'error',
    'zh-CN':
      '实施步骤“{phase}”开始于 {start}，早于上一步骤“{previous}”的开始日期 {previousStart}，请按时间顺序排列',
    en: 'The phase "{phase}" starts on {start}, before the previous phase "{previous}" ({previousStart}); list phases in time order',
    fix: {
      'zh-CN': '按开始日期先后调整 schedule 中各步骤的顺序。',
      en: 'Reorder the phases in schedule by their start dates.',
    },
  },
  FG2110: {
    severity: 'error',
    'zh-CN': '指标“{id}”要求提高（increase），但目标值 {target} 低于基线值 {baseline}',
    en: 'The indicator "{id}" should increase, but its target {target} is below the baseline {baseline}',
    fix: {
      'zh-CN': '核对目标值和基线值是否写反；确实要降低的指标请写 direction: decrease。',
      en: 'Check whether target and baseline are swapped; for an indicator meant to fall set direction: decrease.',
    },
  },
  FG2111: {
    severity: 'error',
    'zh-CN': '指标“{id}”要求降低（decrease），但目标值 {target} 高于基线值 {baseline}',
    en: 'The indicator "{id}" should decrease, but its target {target} is above the baseline {baseline}',
    fix: {
      'zh-CN': '核对目标值和基线值是否写反；确实要提高的指标请写 direction: increase。',
      en: 'Check whether target and baseline are swapped; for an indicator meant to rise set direction: increase.',
    },
  },
  FG2112: {
    severity: 'warning',
    'zh-CN': '指标“{id}”的目标值与基线值相同（{target}），没有体现变化',
    en: 'The indicator "{id}" has the same target and baseline ({target}), so it asks for no change',
    fix: {
      'zh-CN': '改写目标值以体现要达到的变化；保持现有水平的指标可以不改，警告不影响生成文件。',
      en: 'Set a target that differs from the baseline; an indicator that only holds its level may stay, the warning does not stop rendering.',
    },
  },
  FG2113: {
    severity: 'warning',
    'zh-CN': '目标“{id}”没有任何重点工作承接（没有出现在任何 measures[].goals 中）',
    en: 'No measure serves the goal "{id}" (it appears in no measures[].goals)',
    fix: {
      'zh-CN': '在承接该目标的重点工作的 goals 中加上这个目标的编号，或删去这个目标。',
      en: "Add the goal's id to the goals of the measures that serve it, or delete the goal.",
    },
  },
  FG2114: {
    severity: 'error',
    'zh-CN': '重点工作“{id}”缺少牵头单位（lead）',
    en: 'The measure "{id}" has no lead unit (lead)',
    fix: {
      'zh-CN': '为该重点工作填写 lead，值为 units 中牵头单位的编号。',
      en: 'Add lead to the measure, with the id of the lead unit from units.',
    },
  },
  FG2115: {
    severity: 'error',
    'zh-CN': '重点工作“{id}”缺少完成时限（deadline）',
    en: 'The measure "{id}" has no deadline (deadline)',
    fix: {
      'zh-CN': '为该重点工作填写 deadline，例如 deadline: 2025-06-30。',
      en: 'Add a deadline to the measure, e.g. deadline: 2025-06-30.',
    },
  },
  FG2350: {
    severity: 'error',
    'zh-CN':
      '指标“{id}”是 {kind} 类型，不能设 cumulative: true；只有数量类指标（kind: count）可以逐季累计',
    en: 'The indicator "{id}" is of kind {kind} and cannot be cumulative; only counts (kind: count) accumulate',
    fix: {
      'zh-CN': '删去 cumulative: true，或把指标改为 kind: count。',
      en: 'Delete cumulative: true, or make the indicator kind: count.',
    },
  },
  FG2351: {
    severity: 'error',
    'zh-CN': '累计指标“{id}”的方向应为提高（increase）：累计数只会逐季增加',
    en: 'The cumulative indicator "{id}" must have direction increase: a running total only grows',
    fix: {
      'zh-CN': '把 direction 改为 increase，或去掉 cumulative: true。',
      en: 'Set direction: increase, or drop cumulative: true.',
    },
  },
  FG2352: {
    severity: 'error',
    'zh-CN': '{field} 是数量，不能为负数，这里是 {value}',
    en: '{field} is a count and cannot be negative, but it is {value}',
    fix: { 'zh-CN': '填写 0 或正数。', en: 'Write zero or a positive number.' },
  },
  FG2353: {
    severity: 'error',
    'zh-CN': '指标“{id}”的阶段目标季度 {quarter} 不在实施周期（{start} 至 {end}）内',
    en: 'The staged target quarter {quarter} of the indicator "{id}" is outside the plan period ({start} to {end})',
    fix: {
      'zh-CN': '把该阶段目标的季度改到实施周期之内，或删去这一项。',
      en: 'Move the staged target to a quarter inside the plan period, or delete it.',
    },
  },
  FG2354: {
    severity: 'error',
    'zh-CN':
      '指标“{id}”的阶段目标 {quarter} 在完成时限 {deadline} 或之后结束，数值应等于目标值 {target}，这里是 {value}',
    en: 'The staged target {quarter} of the indicator "{id}" ends on or after its deadline {deadline}, so it must equal the target {target}, but it is {value}',
    fix: {
      'zh-CN': '把该阶段目标改为最终目标值，或删去完成时限之后的阶段目标。',
      en: 'Set that staged target to the final target, or delete staged targets after the deadline.',
    },
  },
  FG2355: {
    severity: 'error',
    'zh-CN':
      '指标“{id}”的阶段目标 {quarter}（{value}）与方向不符：应逐季向目标值推进，不能比前一节点（{previous}）更差',
    en: 'The staged target {quarter} ({value}) of the indicator "{id}" goes against its direction: it is worse than the point before it ({previous})',
    fix: {
      'zh-CN': '调整各阶段目标，使其按方向逐季接近最终目标值。',
      en: 'Adjust the staged targets so each one moves toward the final target.',
    },
  },
  FG2356: {
    severity: 'error',
    'zh-CN': '指标“{id}”的阶段目标 {quarter}（{value}）超过了最终目标值 {target}',
    en: 'The staged target {quarter} ({value}) of the indicator "{id}" goes beyond its final target {target}',
    fix: {
      'zh-CN': '把该阶段目标改为不超过最终目标值的数。',
      en: 'Lower the staged target to no more than the final target.',
    },
  },
  FG2357: {
    severity: 'error',
    'zh-CN': '指标“{id}”的黄色线 at_risk（{at_risk}）高于绿色线 on_track（{on_track}）',
    en: 'The at_risk threshold ({at_risk}) of the indicator "{id}" is above its on_track threshold ({on_track})',
    fix: {
      'zh-CN': '把 at_risk 改为低于 on_track 的数，或对调两者。',
      en: 'Make at_risk lower than on_track, or swap the two.',
    },
  },
  FG2358: {
    severity: 'error',
    'zh-CN': '指标“{id}”是数量，实际值不能为负数，这里是 {value}',
    en: 'The indicator "{id}" is a count; its actual value cannot be negative, but it is {value}',
    fix: { 'zh-CN': '填写 0 或正数。', en: 'Write zero or a positive number.' },
  },
  FG2201: {
    severity: 'error',
    'zh-CN': '找不到 plan 指向的工作方案文件 {path}',
    en: 'The plan file named by plan was not found: {path}',
    fix: {
      'zh-CN': '核对 plan 的路径（相对于本进展文件所在的文件夹），例如 plan: ../plan.yaml。',
      en: "Check the plan path, relative to this progress file's folder, e.g. plan: ../plan.yaml.",
    },
  },
  FG2202: {
    severity: 'error',
    'zh-CN': 'plan 指向的工作方案 {path} 有 {count} 个错误，请先运行 fangan validate {path} 修正',
    en: 'The plan {path} named by plan has {count} error(s); run fangan validate {path} and fix them first',
    fix: {
      'zh-CN': '先运行 fangan validate 修正工作方案中的错误，再校验本进展文件。',
      en: 'Run fangan validate on the plan, fix its errors, then validate this file again.',
    },
  },
  FG2203: {
    severity: 'error',
    'zh-CN': 'plan 指向的文件 {path} 不是工作方案（kind: {kind}）',
    en: 'The file {path} named by plan is not a work plan (kind: {kind})',
    fix: {
      'zh-CN': '让 plan 指向 kind: plan 的工作方案文件。',
      en: 'Point plan at the work plan file (kind: plan).',
    },
  },
  FG2204: {
    severity: 'error',
    'zh-CN': '工作方案中没有编号为“{id}”的重点工作',
    en: 'The plan has no measure with the id "{id}"',
    fix: {
      'zh-CN':
        '改为工作方案 measures 中已有的编号；方案新增了工作的，可用 fangan progress new 重新生成进展表。',
      en: "Use an id from the plan's measures; when the plan gained measures, fangan progress new writes a fresh form.",
    },
  },
  FG2205: {
    severity: 'error',
    'zh-CN': '工作方案中没有编号为“{id}”的指标',
    en: 'The plan has no indicator with the id "{id}"',
    fix: {
      'zh-CN': '改为工作方案各目标 indicators 中已有的编号。',
      en: "Use an indicator id from the plan's goals.",
    },
  },
  FG2206: {
    severity: 'error',
    'zh-CN': '完成进度为 100%，但状态是 {status}；全部完成的工作状态应为 done',
    en: 'Progress is 100% but the status is {status}; finished work must have status done',
    fix: {
      'zh-CN': '全部完成的把 status 改为 done；尚未完成的把完成比例改为低于 100。',
      en: 'Set status: done for finished work, or lower the percent if it is not finished.',
    },
  },
  FG2207: {
    severity: 'error',
    'zh-CN': '状态为 done（已完成），但完成进度是 {percent}%，应为 100',
    en: 'The status is done but progress is {percent}%; it must be 100',
    fix: {
      'zh-CN': '把完成比例改为 100；尚未全部完成的把 status 改为 in_progress。',
      en: 'Set the percent to 100, or set status: in_progress if the work is not finished.',
    },
  },
  FG2208: {
    severity: 'warning',
    'zh-CN': '重点工作“{id}”已超期：完成时限 {deadline} 早于报送日期 {date}，状态仍是 {status}',
    en: 'The measure "{id}" is overdue: its deadline {deadline} is before the report date {date} and its status is still {status}',
    fix: {
      'zh-CN': '如实更新状态（done 或 delayed）并在 problems 中说明原因；调整时限需修改工作方案。',
      en: 'Update the status (done or delayed) and explain in problems; a new deadline belongs in the plan.',
    },
  },
  FG2209: {
    severity: 'error',
    'zh-CN':
      '报告期 {label}（{start} 至 {end}）不在工作方案实施周期（{periodStart} 至 {periodEnd}）内',
    en: 'The reporting period {label} ({start} to {end}) is outside the plan period ({periodStart} to {periodEnd})',
    fix: {
      'zh-CN': '核对 quarter 或 period 是否写错，或让 plan 指向对应年度的工作方案。',
      en: 'Check quarter or period, or point plan at the plan for that period.',
    },
  },
  FG2210: {
    severity: 'error',
    'zh-CN': '无法读取 plan 指向的工作方案 {path}（{reason}）',
    en: 'Cannot read the plan {path} named by plan ({reason})',
    fix: {
      'zh-CN': '检查该文件是否存在、是否有读取权限，必要时重新复制一份。',
      en: 'Check that the file exists and can be read, or copy it again.',
    },
  },
  FG2300: {
    severity: 'warning',
    'zh-CN':
      '写了签发人（signer）却没有发文机关标志（masthead）：签发人只排在版头发文字号的同一行，不会出现在文件中',
    en: 'signer is set but masthead is not: the signer is printed only in the document head, next to the document number',
    fix: {
      'zh-CN': '补上 masthead（发文机关标志），或删去 signer。',
      en: 'Add masthead, or delete signer.',
    },
  },
  FG2301: {
    severity: 'warning',
    'zh-CN':
      '写了签发人（signer）却没有发文字号（doc_number）：按 GB/T 9704，签发人与发文字号排在同一行',
    en: 'signer is set but doc_number is not: GB/T 9704 prints the signer on the line of the document number',
    fix: {
      'zh-CN': '补上 doc_number（发文字号），或删去 signer。',
      en: 'Add doc_number, or delete signer.',
    },
  },
  FG2302: {
    severity: 'warning',
    'zh-CN': '涉密公文（secrecy）应当标注份号（copy_number）',
    en: 'A classified document (secrecy) should carry a copy number (copy_number)',
    fix: {
      'zh-CN': '补上 copy_number（份号），例如 copy_number: "000001"。',
      en: 'Add copy_number, e.g. copy_number: "000001".',
    },
  },
  FG2303: {
    severity: 'warning',
    'zh-CN': '紧急程度“{value}”不是 GB/T 9704 的写法，应为“特急”或“加急”',
    en: 'Urgency "{value}" is not a GB/T 9704 value; write 特急 or 加急',
    fix: {
      'zh-CN': '把 urgency 改为“特急”或“加急”；不紧急的文件删去此项。',
      en: 'Set urgency to 特急 or 加急, or delete it for an ordinary document.',
    },
  },
  FG2304: {
    severity: 'warning',
    'zh-CN': '印发日期 {printed} 早于成文日期 {date}',
    en: 'The printing date {printed} is before the document date {date}',
    fix: {
      'zh-CN': '把印发日期改为成文日期当天或之后。',
      en: 'Set the printing date on or after the document date.',
    },
  },
  FG2305: {
    severity: 'warning',
    'zh-CN': 'headings.{key} 改写的章节在方案中没有内容，这个标题不会出现',
    en: 'headings.{key} renames a chapter the plan does not have; the heading is never printed',
    fix: {
      'zh-CN': '删去 headings 中这一项，或在方案中补上该章节的内容。',
      en: 'Delete that entry of headings, or give the plan that chapter.',
    },
  },
  FG2306: {
    severity: 'warning',
    'zh-CN': '自定义章节“{title}”既没有 paragraphs 也没有 items，只会印出一个空标题',
    en: 'Custom section "{title}" has neither paragraphs nor items; only an empty heading would be printed',
    fix: {
      'zh-CN': '为该章节补上 paragraphs 或 items，或删去这个章节。',
      en: 'Give the section paragraphs or items, or delete it.',
    },
  },
  FG2307: {
    severity: 'warning',
    'zh-CN': '自定义章节“{title}”与第 {first} 个自定义章节同名',
    en: 'Custom section "{title}" has the same title as custom section {first}',
    fix: {
      'zh-CN': '给其中一个章节换个标题，或把两者合并。',
      en: 'Retitle one of the two sections, or merge them.',
    },
  },
  FG2901: {
    severity: 'warning',
    'zh-CN': '是否应为“{suggestion}”？',
    en: 'Did you mean "{suggestion}"?',
    fix: {
      'zh-CN': '如建议的写法正是本意，按建议改写。',
      en: 'Use the suggestion if it is what you meant.',
    },
  },
  FG2902: {
    severity: 'warning',
    'zh-CN': '要作为文字保留，请加引号：{quoted}',
    en: 'To keep it as text, add quotes: {quoted}',
    fix: { 'zh-CN': '按提示给值加上引号。', en: 'Add the quotes shown.' },
  },
  FG2903: {
    severity: 'warning',
    'zh-CN': '请写成 YYYY-MM-DD 形式，例如 {example}',
    en: 'Write it as YYYY-MM-DD, for example {example}',
    fix: { 'zh-CN': '按示例改写日期。', en: 'Rewrite the date as in the example.' },
  },
  FG2904: {
    severity: 'warning',
    'zh-CN': '看内容像是工作方案，请在文件开头加上一行 kind: plan',
    en: 'The content looks like a work plan; add the line kind: plan at the top',
    fix: { 'zh-CN': '在文件第一行加上 kind: plan。', en: 'Add kind: plan as the first line.' },
  },
  FG2906: {
    severity: 'warning',
    'zh-CN': '看内容像是季度进展，请在文件开头加上一行 kind: progress',
    en: 'The content looks like a quarterly progress file; add the line kind: progress at the top',
    fix: {
      'zh-CN': '在文件第一行加上 kind: progress。',
      en: 'Add kind: progress as the first line.',
    },
  },
  FG2905: {
    severity: 'warning',
    'zh-CN': '此处可用的字段：{keys}',
    en: 'Fields allowed here: {keys}',
    fix: {
      'zh-CN': '从所列字段中选用正确的字段名。',
      en: 'Pick the right field name from the list.',
    },
  },
  // FG24xx: Chinese keys and values (src/validate/aliases.ts) and forgiving hints; FG245x hints.
  FG2401: {
    severity: 'error',
    'zh-CN':
      '“{key}”和第 {firstLine} 行的“{first}”是同一个字段（中文、英文各写了一次），只能写一次',
    en: '"{key}" is the same field as "{first}" on line {firstLine} (written once in Chinese, once in English); write it only once',
    fix: {
      'zh-CN': '中文键名和英文键名只保留一个，把两处内容合并。',
      en: 'Keep either the Chinese or the English key and merge the two values.',
    },
  },
  FG2402: {
    severity: 'error',
    'zh-CN': '{field} 的值两端是中文引号 {open}{close}，YAML 不把它们当作引号，会原样印进文档',
    en: 'The value of {field} is wrapped in typographic quotes {open}{close}; YAML does not read them as quotes, so they would be printed into the document',
    fix: {
      'zh-CN': '把中文引号换成英文引号 " 或 \'，或直接去掉引号。',
      en: 'Replace the typographic quotes with " or \', or drop them.',
    },
  },
  FG2451: {
    severity: 'warning',
    'zh-CN': '改成：{fix}',
    en: 'Change it to: {fix}',
    fix: { 'zh-CN': '按提示的写法改正。', en: 'Make the change shown.' },
  },
  FG2452: {
    severity: 'warning',
    'zh-CN': '“{name}”是单位名称，这里要写它在 units 中的编号：{fix}',
    en: '"{name}" is the name of a unit; write its id from units here: {fix}',
    fix: {
      'zh-CN': '按提示改为该单位在 units 中的编号。',
      en: "Write the unit's id from units, as shown.",
    },
  },
  FG2453: {
    severity: 'warning',
    'zh-CN':
      '半角冒号“:”后面跟空格，会把这句话读成“键: 值”；句子里的冒号请用全角“：”，或者给整句加引号：{fix}',
    en: 'An ASCII colon ":" followed by a space makes this sentence a "key: value" pair; in a Chinese sentence use the full-width colon "：", or quote the whole sentence: {fix}',
    fix: {
      'zh-CN': '把句中的半角冒号改为全角“：”，或给整句加引号。',
      en: 'Use the full-width colon "：" in the sentence, or quote the whole sentence.',
    },
  },
  // FG930x: `fangan fmt` usage (kept here, next to the key aliases the command rewrites).
  FG9301: {
    severity: 'error',
    'zh-CN': '--keys 的取值“{value}”无效，只能是 zh（中文字段名）或 en（英文字段名）',
    en: 'Invalid --keys value "{value}": use zh (Chinese keys) or en (English keys)',
    fix: { 'zh-CN': '使用 --keys zh 或 --keys en。', en: 'Use --keys zh or --keys en.' },
  },
  FG9302: {
    severity: 'error',
    'zh-CN': '不加 --write 时只能转换一个文件（结果打印到标准输出）；要改写多个文件请加 --write',
    en: 'Without --write only one file can be converted (the result goes to standard output); add --write to rewrite several files',
    fix: {
      'zh-CN': '一次只转换一个文件，或加上 --write 直接改写各文件。',
      en: 'Convert one file at a time, or add --write to rewrite each file in place.',
    },
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
