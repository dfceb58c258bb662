import type { MessageTable } from '../catalog.js';

/**
 * The Excel round trip (src/table/): FG64xx `fangan export-table`, FG65xx `fangan progress
 * import`. FG6510–FG6529 point at a cell of the form; FG659x are hints shown under them.
 */
export const tableMessages: MessageTable = {
  FG6400: {
    severity: 'error',
    'zh-CN': '--to 的取值“{value}”不支持，目前只能导出 xlsx（Excel / WPS 表格）',
    en: 'Unsupported --to value "{value}": only xlsx (Excel / WPS spreadsheet) can be exported',
    fix: { 'zh-CN': '写 --to xlsx，或者不写 --to。', en: 'Write --to xlsx, or leave --to out.' },
  },
  FG6401: {
    severity: 'error',
    'zh-CN': '工作方案 {file} 有错误，没有生成表格',
    en: 'The plan {file} has errors; no workbook was written',
    fix: {
      'zh-CN': '按上面列出的问题改好方案，用 fangan validate 检查通过后再导出。',
      en: 'Fix the problems listed above, check with fangan validate, then export again.',
    },
  },
  FG6402: {
    severity: 'error',
    'zh-CN': '{file} 已经存在（可能是已填好的表格），没有覆盖；确需覆盖请加 --force',
    en: '{file} already exists (it may be a filled-in form) and was not overwritten; add --force to replace it',
    fix: {
      'zh-CN': '用 -o 另起一个文件名，或确认不再需要原文件后加 --force。',
      en: 'Choose another name with -o, or add --force once the old file is no longer needed.',
    },
  },
  FG6500: {
    severity: 'error',
    'zh-CN': '{file} 不是能读取的 xlsx 工作簿（可能是 .xls 旧格式、.et 或已损坏）',
    en: '{file} is not a readable .xlsx workbook (it may be an old .xls, a .et file or damaged)',
    fix: {
      'zh-CN': '在 Excel 或 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”后再导入。',
      en: 'Open it in Excel or WPS and save it as "Excel Workbook (*.xlsx)", then import again.',
    },
  },
  FG6501: {
    severity: 'error',
    'zh-CN': '工作簿中没有找到季度进展填报表（表头应有“编号”和“状态”两列）',
    en: 'The workbook has no quarterly progress form (a sheet whose header has 编号 and 状态 columns)',
    fix: {
      'zh-CN': '导入 fangan export-table 生成的表格，不要删除或改动表头行。',
      en: 'Import a workbook made by fangan export-table, with its header row unchanged.',
    },
  },
  FG6502: {
    severity: 'error',
    'zh-CN': '工作簿中有多张进展填报表（{sheets}），请用 --quarter 或 --sheet 指定导入哪一张',
    en: 'The workbook has several progress forms ({sheets}); choose one with --quarter or --sheet',
    fix: {
      'zh-CN': '加上 --quarter 2025Q1 或 --sheet 2025年第一季度进展。',
      en: 'Add --quarter 2025Q1 or --sheet 2025年第一季度进展.',
    },
  },
  FG6503: {
    severity: 'error',
    'zh-CN': '工作簿中没有名为“{sheet}”的工作表；现有：{sheets}',
    en: 'The workbook has no sheet named "{sheet}"; it has: {sheets}',
    fix: {
      'zh-CN': '按工作表标签上的名称填写 --sheet。',
      en: 'Give --sheet the name shown on the sheet tab.',
    },
  },
  FG6504: {
    severity: 'error',
    'zh-CN': '--quarter 应写成 2025Q1 这样的形式，收到“{value}”',
    en: '--quarter must look like 2025Q1, got "{value}"',
    fix: { 'zh-CN': '写成“年份 + Q + 季度”，例如 2025Q3。', en: 'Write year, Q, quarter: 2025Q3.' },
  },
  FG6505: {
    severity: 'error',
    'zh-CN': '工作簿中没有 {quarter} 的进展填报表；现有工作表：{sheets}',
    en: 'The workbook has no progress form for {quarter}; its sheets: {sheets}',
    fix: {
      'zh-CN': '检查季度是否写对，或用 --sheet 按工作表名称指定。',
      en: 'Check the quarter, or name the sheet with --sheet.',
    },
  },
  FG6506: {
    severity: 'error',
    'zh-CN': '工作表“{sheet}”中找不到表头行（应有“编号”和“状态”两列）',
    en: 'Sheet "{sheet}" has no header row (with 编号 and 状态 columns)',
    fix: {
      'zh-CN': '恢复表头行，或重新用 fangan export-table 生成表格后再填写。',
      en: 'Restore the header row, or export a fresh form with fangan export-table.',
    },
  },
  FG6507: {
    severity: 'error',
    'zh-CN': '找不到表格对应的工作方案 {file}，请用 --plan 指定方案文件',
    en: 'Cannot find the plan {file} this workbook was made from; name it with --plan',
    fix: {
      'zh-CN': '加上 --plan 方案文件路径，例如 --plan towns/青溪镇/plan.yaml。',
      en: 'Add --plan with the plan file, e.g. --plan towns/qingxi/plan.yaml.',
    },
  },
  FG6508: {
    severity: 'warning',
    'zh-CN': '表格是根据“{form}”生成的，与 --plan 指定的方案“{plan}”标题不同，请确认没有用错方案',
    en: 'The workbook was made from "{form}", not from the plan given with --plan ("{plan}"); check it is the right plan',
    fix: {
      'zh-CN': '用生成这份表格的方案导入，或忽略此提示。',
      en: 'Import with the plan the form was made from, or ignore this warning.',
    },
  },
  FG6510: {
    severity: 'error',
    'zh-CN': '“{field}”没有填写',
    en: '"{field}" is empty',
    fix: { 'zh-CN': '在该单元格填上内容后重新导入。', en: 'Fill in the cell and import again.' },
  },
  FG6511: {
    severity: 'error',
    'zh-CN': '状态“{value}”无法识别',
    en: 'Status "{value}" is not one fangan knows',
    fix: {
      'zh-CN': '从下拉列表中选择：未启动、推进中、已完成、滞后、已取消。',
      en: 'Pick one from the drop-down list: 未启动, 推进中, 已完成, 滞后, 已取消.',
    },
  },
  FG6512: {
    severity: 'error',
    'zh-CN': '完成比例“{value}”不是数字',
    en: 'Completion "{value}" is not a number',
    fix: {
      'zh-CN': '填 0 到 100 的整数，例如 75。',
      en: 'Write a whole number from 0 to 100, e.g. 75.',
    },
  },
  FG6513: {
    severity: 'error',
    'zh-CN': '完成比例“{value}”超出 0 到 100 的范围',
    en: 'Completion "{value}" is outside 0 to 100',
    fix: { 'zh-CN': '填 0 到 100 之间的数，已完成填 100。', en: 'Write 0 to 100; 100 when done.' },
  },
  FG6514: {
    severity: 'error',
    'zh-CN': '报送日期“{value}”不是有效的日期',
    en: 'Report date "{value}" is not a valid date',
    fix: {
      'zh-CN': '按 2025-04-08 的格式填写真实存在的日期。',
      en: 'Write a real date as 2025-04-08.',
    },
  },
  FG6515: {
    severity: 'error',
    'zh-CN': '工作方案中没有编号为“{id}”的重点工作',
    en: 'The plan has no measure with id "{id}"',
    fix: {
      'zh-CN': '不要改动灰色的编号列；新增的工作先写进方案，再重新导出表格。',
      en: 'Leave the grey id column as exported; add new measures to the plan and export again.',
    },
  },
  FG6516: {
    severity: 'error',
    'zh-CN': '工作方案中没有编号为“{id}”的量化指标',
    en: 'The plan has no indicator with id "{id}"',
    fix: {
      'zh-CN': '不要改动灰色的编号列；新增的指标先写进方案，再重新导出表格。',
      en: 'Leave the grey id column as exported; add new indicators to the plan and export again.',
    },
  },
  FG6517: {
    severity: 'error',
    'zh-CN': '“{id}”重复出现，第 {row} 行已经填过',
    en: '"{id}" appears twice; row {row} already has it',
    fix: { 'zh-CN': '删去重复的一行，只保留一行。', en: 'Delete the duplicate row.' },
  },
  FG6518: {
    severity: 'error',
    'zh-CN': '当前值“{value}”不是数字',
    en: 'Current value "{value}" is not a number',
    fix: {
      'zh-CN': '只填数字，单位和说明写在右边的说明列。',
      en: 'Write the number only; put notes in the next column.',
    },
  },
  FG6519: {
    severity: 'warning',
    'zh-CN': '表格中没有重点工作“{id}”这一行，导入的进展将缺少这项工作',
    en: 'The form has no row for measure "{id}"; the imported progress will leave it out',
    fix: {
      'zh-CN': '补上被删除的行，或重新导出表格填写。',
      en: 'Restore the deleted row, or export a fresh form.',
    },
  },
  FG6520: {
    severity: 'error',
    'zh-CN': '季度“{value}”应写成 2025Q1 这样的形式',
    en: 'Quarter "{value}" must look like 2025Q1',
    fix: {
      'zh-CN': '改回导出时的季度，例如 2025Q1。',
      en: 'Restore the exported quarter, e.g. 2025Q1.',
    },
  },
  FG6521: {
    severity: 'error',
    'zh-CN': '表格中有错误，没有生成进展文件',
    en: 'The form has errors; no progress file was written',
    fix: {
      'zh-CN': '按上面列出的单元格逐一改正，保存后重新导入。',
      en: 'Correct the cells listed above, save and import again.',
    },
  },
  FG6522: {
    severity: 'error',
    'zh-CN': '工作方案 {file} 有错误，无法核对填报表，没有生成进展文件',
    en: 'The plan {file} has errors, so the form cannot be checked against it; no progress file was written',
    fix: {
      'zh-CN': '先改好方案（fangan validate 检查通过），再导入填报表。',
      en: 'Fix the plan first (fangan validate passes), then import the form.',
    },
  },
  FG6590: {
    severity: 'warning',
    'zh-CN': '可选：{choices}',
    en: 'Choose one of: {choices}',
    fix: { 'zh-CN': '从下拉列表中选择。', en: 'Use the drop-down list.' },
  },
  FG6591: {
    severity: 'warning',
    'zh-CN': '写成 2025-04-08，或在单元格中输入日期',
    en: 'Write it as 2025-04-08, or enter a date in the cell',
    fix: { 'zh-CN': '按提示改写日期。', en: 'Rewrite the date as shown.' },
  },
  FG6592: {
    severity: 'warning',
    'zh-CN': '是不是“{id}”？',
    en: 'Did you mean "{id}"?',
    fix: { 'zh-CN': '改成方案中的编号。', en: 'Use the id from the plan.' },
  },
  FG6593: {
    severity: 'warning',
    'zh-CN': '填 0 到 100 的数，例如 75、75% 或 七十五；已完成填 100',
    en: 'Write a number from 0 to 100, e.g. 75, 75% or 七十五; 100 when done',
    fix: { 'zh-CN': '按提示改写完成比例。', en: 'Rewrite the completion as shown.' },
  },
  FG6594: {
    severity: 'warning',
    'zh-CN': '只填数字，例如 24.1；单位不用写',
    en: 'Write the number only, e.g. 24.1, without the unit',
    fix: { 'zh-CN': '按提示改写当前值。', en: 'Rewrite the value as shown.' },
  },
};
