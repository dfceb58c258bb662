import type { MessageTable } from '../catalog.js';

/**
 * FG6xxx: quarterly reports and batch export. FG6001–FG6009 are per-file problems shown with the
 * file's diagnostics; FG6020+ are command-line problems of `report` / `export` (exit 2).
 */
export const reportMessages: MessageTable = {
  FG6001: {
    severity: 'error',
    'zh-CN': '这不是季度进展文件（kind: {kind}），report 与 export 只处理 kind: progress',
    en: 'Not a progress file (kind: {kind}); report and export only take kind: progress',
    fix: {
      'zh-CN': '给出季度进展文件（kind: progress）；工作方案请用 fangan render 生成。',
      en: 'Give a progress file (kind: progress); render a plan with fangan render.',
    },
  },
  FG6002: {
    severity: 'error',
    'zh-CN': '生成汇报时出错：{reason}',
    en: 'Could not produce the report: {reason}',
    fix: {
      'zh-CN':
        '按括号中的原因修正模板或样式配置后重新生成；原因不明时请去掉 --template 和 --profile 再试。',
      en: 'Fix the template or profile named by the reason and run again; if unclear, retry without --template and --profile.',
    },
  },
  FG6003: {
    severity: 'warning',
    'zh-CN': '{town}{period}已有一份进展文件（{other}），本文件的汇报另存为 {name}',
    en: '{town} already has a progress file for {period} ({other}); this report is written as {name}',
    fix: {
      'zh-CN': '删去重复的进展文件，或改正其中一份的 quarter 或乡镇。',
      en: 'Remove the duplicate progress file, or correct the quarter or town of one of them.',
    },
  },
  // FG6100–FG6199: batch export (the worker pool and the export's own files).
  FG6100: {
    severity: 'error',
    'zh-CN':
      '导出线程处理本文件时内存不足（上限 {limit} MB），本文件的汇报没有生成；其余文件照常导出',
    en: 'The export worker ran out of memory (limit {limit} MB) on this file; its report was not written, the other files were exported',
    fix: {
      'zh-CN':
        '检查该文件是否异常庞大、自定义模板是否有重复循环；确属正常的文件可用 fangan report 单独生成汇报。',
      en: 'Check whether the file is unusually large or a custom template loops; a normal file can be reported on its own with fangan report.',
    },
  },
  FG6101: {
    severity: 'error',
    'zh-CN': '导出线程处理本文件时意外中止（{reason}），本文件的汇报没有生成；其余文件照常导出',
    en: 'The export worker stopped unexpectedly on this file ({reason}); its report was not written, the other files were exported',
    fix: {
      'zh-CN': '重新导出一次；仍然出错时用 fangan report 单独处理该文件，查看具体原因。',
      en: 'Export again; if it persists, run fangan report on that file alone to see why.',
    },
  },
  FG6102: {
    severity: 'warning',
    'zh-CN': '没能保存导出记录 .fangan-export.json（{detail}），下次导出将全部重新生成',
    en: 'Could not save the export record .fangan-export.json ({detail}); the next export rebuilds everything',
    fix: {
      'zh-CN': '检查输出目录是否可写、磁盘是否已满；不影响本次已生成的汇报。',
      en: 'Check that the output folder is writable and the disk not full; the reports written this time are fine.',
    },
  },
  FG6103: {
    severity: 'error',
    'zh-CN': '导出所需内存超过上限（{limit} MB），导出已中止；已写好的文件保留在输出目录中',
    en: 'The export needed more memory than its limit ({limit} MB) and stopped; the files written so far stay in the output folder',
    fix: {
      'zh-CN': '把输入分成几批分别导出，例如按县分别导出，或用 --quarter 每次导出一个季度。',
      en: 'Export the inputs in smaller batches, e.g. one county at a time, or one quarter at a time with --quarter.',
    },
  },
  FG6200: {
    severity: 'warning',
    'zh-CN': '上一季度的进展文件 {file} 有错误，汇报中不与它及更早的季度比较（环比）',
    en: 'The earlier progress file {file} has errors; the report does not compare with it or any older quarter',
    fix: {
      'zh-CN': '运行 fangan validate 修正上一季度的进展文件，再重新生成汇报。',
      en: 'Fix the earlier progress file with fangan validate, then produce the report again.',
    },
  },
  FG6201: {
    severity: 'warning',
    'zh-CN':
      '{file} 不是同一方案 {quarter} 的进展文件（方案或季度不同），汇报中不与它及更早的季度比较（环比）',
    en: '{file} is not the {quarter} progress file of the same plan; the report does not compare with it or any older quarter',
    fix: {
      'zh-CN': '把其他方案或季度的文件移出该文件夹，或改正其 plan、quarter。',
      en: 'Move files of other plans or quarters out of the folder, or correct their plan or quarter.',
    },
  },
  FG6020: {
    severity: 'error',
    'zh-CN': '没有找到季度进展文件（kind: progress）：{paths}',
    en: 'No progress files (kind: progress) found in: {paths}',
    fix: {
      'zh-CN': '检查路径，确认其中有 kind: progress 的文件（通常在各乡镇文件夹的 progress/ 下）。',
      en: "Check the paths and that they hold kind: progress files (usually in each town folder's progress/).",
    },
  },
  FG6021: {
    severity: 'error',
    'zh-CN': '--quarter 应写成 2025Q1 这样的形式，收到“{value}”',
    en: '--quarter must look like 2025Q1, got "{value}"',
    fix: { 'zh-CN': '写成 --quarter 2025Q1 这样的形式。', en: 'Write it as --quarter 2025Q1.' },
  },
  FG6022: {
    severity: 'error',
    'zh-CN': '--to 只能是 docx、md、pdf 中的一个或几个（用逗号分隔），收到“{value}”',
    en: '--to takes one or more of docx, md, pdf (comma-separated), got "{value}"',
    fix: {
      'zh-CN': '写成 --to docx,md 或其中一项；生成 PDF 再加 pdf。',
      en: 'Write --to docx,md or one of them, adding pdf for PDF output.',
    },
  },
  FG6023: {
    severity: 'error',
    'zh-CN': '没有 {quarter} 的季度进展文件（共找到 {count} 个进展文件）',
    en: 'No progress files for {quarter} ({count} progress files found)',
    fix: {
      'zh-CN': '核对 --quarter，或先用 fangan progress new 生成该季度的进展文件。',
      en: "Check --quarter, or create that quarter's files with fangan progress new.",
    },
  },
};
