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
};
