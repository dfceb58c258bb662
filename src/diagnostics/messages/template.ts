import type { MessageTable } from '../catalog.js';

/** FG3xxx: templates (the built-in ones and a user's `--template` folder). */
export const templateMessages: MessageTable = {
  FG3001: {
    severity: 'error',
    'zh-CN': '模板语法错误：{detail}',
    en: 'Template syntax error: {detail}',
  },
  FG3002: {
    severity: 'error',
    'zh-CN': '模板使用了未知的帮助函数“{name}”',
    en: 'The template uses an unknown helper "{name}"',
  },
  FG3003: {
    severity: 'error',
    'zh-CN': '模板引用了不存在的字段“{name}”',
    en: 'The template refers to a field "{name}" that does not exist',
  },
  FG3004: {
    severity: 'error',
    'zh-CN': '模板中不允许使用装饰器（{{* …}}、{{#* …}}）',
    en: 'Decorators ({{* …}}, {{#* …}}) are not allowed in templates',
  },
  FG3005: {
    severity: 'error',
    'zh-CN': '模板中不允许使用动态局部模板（{{> (…)}}），请直接写局部模板名称',
    en: 'Dynamic partials ({{> (…)}}) are not allowed; name the partial directly',
  },
  FG3006: {
    severity: 'error',
    'zh-CN': '找不到局部模板“{name}”（应为 partials/{name}.md.hbs）',
    en: 'Partial "{name}" not found (expected partials/{name}.md.hbs)',
  },
  FG3007: {
    severity: 'error',
    'zh-CN': '找不到模板“{name}”',
    en: 'Template "{name}" not found',
  },
  FG3008: {
    severity: 'error',
    'zh-CN': '模板不得访问属性“{name}”',
    en: 'Templates may not access the property "{name}"',
  },
  FG3009: {
    severity: 'error',
    'zh-CN': '模板执行出错：{detail}',
    en: 'Template failed while rendering: {detail}',
  },
  FG3010: {
    severity: 'error',
    'zh-CN': '无法读取模板文件：{detail}',
    en: 'Cannot read the template file: {detail}',
  },
  FG3011: {
    severity: 'error',
    'zh-CN': '帮助函数“{name}”的参数有误：{detail}',
    en: 'Wrong arguments for helper "{name}": {detail}',
  },
};
