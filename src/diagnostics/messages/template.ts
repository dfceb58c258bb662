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

  // FG31xx: reading a template folder safely and the render budget. Size and special files are
  // the read stage's FG1001/FG1200/FG1201.
  FG3101: {
    severity: 'error',
    'zh-CN': '“{name}”是符号链接，模板文件夹中不允许使用符号链接，未读取',
    en: '"{name}" is a symbolic link; template folders may not contain links, so it was not read',
  },
  FG3102: {
    severity: 'error',
    'zh-CN': '“{name}”实际位于模板文件夹之外（{target}），未读取',
    en: '"{name}" resolves outside the template folder ({target}), so it was not read',
  },
  FG3103: {
    severity: 'error',
    'zh-CN': '模板嵌套过深（超过 {limit} 层），请减少嵌套或拆分为局部模板',
    en: 'The template is nested too deeply (more than {limit} levels); nest less or split it into partials',
  },
  FG3104: {
    severity: 'error',
    'zh-CN': '模板渲染超过 {limit} 步仍未完成，已停止：请检查 {{#each}} 是否嵌套在大量数据上',
    en: 'Rendering stopped after {limit} steps: check for {{#each}} blocks nested over large data',
  },
  FG3105: {
    severity: 'error',
    'zh-CN': '模板生成的内容超过 {limit} 个字符，已停止',
    en: 'The template produced more than {limit} characters; rendering stopped',
  },
  FG3106: {
    severity: 'error',
    'zh-CN': '局部模板调用层次超过 {limit} 层（局部模板是否调用了自身？），已停止',
    en: 'Partials called more than {limit} levels deep (does a partial call itself?); rendering stopped',
  },
};
