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
  },
  FG6002: {
    severity: 'error',
    'zh-CN': '生成汇报时出错：{reason}',
    en: 'Could not produce the report: {reason}',
  },
  FG6003: {
    severity: 'warning',
    'zh-CN': '{town}{period}已有一份进展文件（{other}），本文件的汇报另存为 {name}',
    en: '{town} already has a progress file for {period} ({other}); this report is written as {name}',
  },
  // FG6100–FG6199: batch export (the worker pool and the export's own files).
  FG6100: {
    severity: 'error',
    'zh-CN':
      '导出线程处理本文件时内存不足（上限 {limit} MB），本文件的汇报没有生成；其余文件照常导出',
    en: 'The export worker ran out of memory (limit {limit} MB) on this file; its report was not written, the other files were exported',
  },
  FG6101: {
    severity: 'error',
    'zh-CN': '导出线程处理本文件时意外中止（{reason}），本文件的汇报没有生成；其余文件照常导出',
    en: 'The export worker stopped unexpectedly on this file ({reason}); its report was not written, the other files were exported',
  },
  FG6102: {
    severity: 'warning',
    'zh-CN': '没能保存导出记录 .fangan-export.json（{detail}），下次导出将全部重新生成',
    en: 'Could not save the export record .fangan-export.json ({detail}); the next export rebuilds everything',
  },
  FG6200: {
    severity: 'warning',
    'zh-CN': '上一季度的进展文件 {file} 有错误，汇报中不与它及更早的季度比较（环比）',
    en: 'The earlier progress file {file} has errors; the report does not compare with it or any older quarter',
  },
  FG6201: {
    severity: 'warning',
    'zh-CN':
      '{file} 不是同一方案 {quarter} 的进展文件（方案或季度不同），汇报中不与它及更早的季度比较（环比）',
    en: '{file} is not the {quarter} progress file of the same plan; the report does not compare with it or any older quarter',
  },
  FG6020: {
    severity: 'error',
    'zh-CN': '没有找到季度进展文件（kind: progress）：{paths}',
    en: 'No progress files (kind: progress) found in: {paths}',
  },
  FG6021: {
    severity: 'error',
    'zh-CN': '--quarter 应写成 2025Q1 这样的形式，收到“{value}”',
    en: '--quarter must look like 2025Q1, got "{value}"',
  },
  FG6022: {
    severity: 'error',
    'zh-CN': '--to 只能是 docx、md、pdf 中的一个或几个（用逗号分隔），收到“{value}”',
    en: '--to takes one or more of docx, md, pdf (comma-separated), got "{value}"',
  },
  FG6023: {
    severity: 'error',
    'zh-CN': '没有 {quarter} 的季度进展文件（共找到 {count} 个进展文件）',
    en: 'No progress files for {quarter} ({count} progress files found)',
  },
};
