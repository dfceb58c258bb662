import type { MessageTable } from '../catalog.js';

/**
 * FG5xxx: Word output and style profiles (`--profile`). A bad profile stops the render before any
 * file is written; the positions point into the profile file.
 */
export const docxMessages: MessageTable = {
  FG5001: {
    severity: 'error',
    'zh-CN': '无法读取样式配置文件：{reason}',
    en: 'Cannot read the style profile: {reason}',
  },
  FG5002: {
    severity: 'error',
    'zh-CN': '样式配置文件不是有效的 JSON/YAML：{reason}',
    en: 'The style profile is not valid JSON/YAML: {reason}',
  },
  FG5003: {
    severity: 'error',
    'zh-CN': '样式配置文件的顶层必须是{expected}',
    en: 'The top level of the style profile must be {expected}',
  },
  FG5004: {
    severity: 'error',
    'zh-CN': '样式配置项“{field}”应为{expected}',
    en: 'Style profile field "{field}" must be {expected}',
  },
  FG5005: {
    severity: 'error',
    'zh-CN': '未知的样式配置项“{field}”，此处可用：{known}',
    en: 'Unknown style profile field "{field}"; allowed here: {known}',
  },
  // PDF through LibreOffice (--to pdf).
  FG5301: {
    severity: 'error',
    'zh-CN':
      '找不到 LibreOffice 程序“{program}”，无法生成 PDF。请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui；Windows/macOS：libreoffice.org），或用环境变量 FANGAN_SOFFICE 指定 soffice 的完整路径；不加 pdf 时照常生成 Word 和 Markdown',
    en: 'Cannot find the LibreOffice program "{program}", needed for PDF output. Install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; Windows/macOS: libreoffice.org) or set FANGAN_SOFFICE to the full path of soffice; without pdf in --to, Word and Markdown are written as usual',
  },
  FG5302: {
    severity: 'error',
    'zh-CN': 'LibreOffice 没有把这份文档转换为 PDF（{reason}）',
    en: 'LibreOffice did not convert this document to PDF ({reason})',
  },
  FG5303: {
    severity: 'error',
    'zh-CN': 'LibreOffice 转换 {count} 份文档超过 {seconds} 秒仍未完成，已中止',
    en: 'LibreOffice did not finish converting {count} document(s) within {seconds} s; stopped',
  },
};
