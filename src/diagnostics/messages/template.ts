import type { MessageTable } from '../catalog.js';

/** FG3xxx: templates (the built-in ones and a user's `--template` folder). */
export const templateMessages: MessageTable = {
  FG3001: {
    severity: 'error',
    'zh-CN': '模板语法错误：{detail}',
    en: 'Template syntax error: {detail}',
    fix: {
      'zh-CN': '按提示的行列检查 {{ }} 是否成对、块标签 {{#…}} 是否有对应的 {{/…}}。',
      en: 'At the line and column given, check that {{ }} pair up and that every {{#…}} block has its {{/…}}.',
    },
  },
  FG3002: {
    severity: 'error',
    'zh-CN': '模板使用了未知的帮助函数“{name}”',
    en: 'The template uses an unknown helper "{name}"',
    fix: {
      'zh-CN': '改用内置的帮助函数（见 docs/render.md），或删去这处调用。',
      en: 'Use one of the built-in helpers (docs/render.md) or remove the call.',
    },
  },
  FG3003: {
    severity: 'error',
    'zh-CN': '模板引用了不存在的字段“{name}”',
    en: 'The template refers to a field "{name}" that does not exist',
    fix: {
      'zh-CN':
        '对照 docs/render.md 列出的视图字段改正名称；可用 fangan templates eject 导出内置模板参考。',
      en: 'Correct the name against the view fields in docs/render.md; fangan templates eject gives the built-in templates to compare.',
    },
  },
  FG3004: {
    severity: 'error',
    'zh-CN': '模板中不允许使用装饰器（{{* …}}、{{#* …}}）',
    en: 'Decorators ({{* …}}, {{#* …}}) are not allowed in templates',
    fix: {
      'zh-CN': '删去 {{* …}} 或 {{#* …}}，局部内容改放在 partials/ 文件夹中。',
      en: 'Remove the {{* …}} or {{#* …}} and put shared content in partials/.',
    },
  },
  FG3005: {
    severity: 'error',
    'zh-CN': '模板中不允许使用动态局部模板（{{> (…)}}），请直接写局部模板名称',
    en: 'Dynamic partials ({{> (…)}}) are not allowed; name the partial directly',
    fix: {
      'zh-CN': '把 {{> (…)}} 改为写明名称的 {{> 名称}}。',
      en: 'Replace {{> (…)}} with {{> name}}, naming the partial.',
    },
  },
  FG3006: {
    severity: 'error',
    'zh-CN': '找不到局部模板“{name}”（应为 partials/{name}.md.hbs）',
    en: 'Partial "{name}" not found (expected partials/{name}.md.hbs)',
    fix: {
      'zh-CN': '在模板文件夹的 partials/ 中补上该文件，或改正局部模板的名称。',
      en: "Add the file under partials/ in the template folder, or correct the partial's name.",
    },
  },
  FG3007: {
    severity: 'error',
    'zh-CN': '找不到模板“{name}”',
    en: 'Template "{name}" not found',
    fix: {
      'zh-CN':
        '在模板文件夹中按 plan.md.hbs、report.md.hbs 等规定的文件名命名，或删去该模板让程序使用内置模板。',
      en: 'Name the file as the built-ins are (plan.md.hbs, report.md.hbs, …), or remove it to use the built-in template.',
    },
  },
  FG3008: {
    severity: 'error',
    'zh-CN': '模板不得访问属性“{name}”',
    en: 'Templates may not access the property "{name}"',
    fix: {
      'zh-CN': '只使用视图中列出的字段，不要访问 constructor、__proto__ 等内部属性。',
      en: "Use only the view's fields, not internals such as constructor or __proto__.",
    },
  },
  FG3009: {
    severity: 'error',
    'zh-CN': '模板执行出错：{detail}',
    en: 'Template failed while rendering: {detail}',
    fix: {
      'zh-CN': '按提示检查出错的帮助函数或字段；必要时对照内置模板改写。',
      en: 'Check the helper or field named in the message, comparing with the built-in template.',
    },
  },
  FG3010: {
    severity: 'error',
    'zh-CN': '无法读取模板文件：{detail}',
    en: 'Cannot read the template file: {detail}',
    fix: {
      'zh-CN': '检查模板文件是否存在、有读取权限并以 UTF-8 保存。',
      en: 'Check that the template file exists, is readable and is saved as UTF-8.',
    },
  },
  FG3011: {
    severity: 'error',
    'zh-CN': '帮助函数“{name}”的参数有误：{detail}',
    en: 'Wrong arguments for helper "{name}": {detail}',
    fix: {
      'zh-CN': '按 docs/render.md 中该帮助函数的用法改正参数。',
      en: 'Correct the arguments as docs/render.md describes for that helper.',
    },
  },

  // FG31xx: reading a template folder safely and the render budget. Size and special files are
  // the read stage's FG1001/FG1200/FG1201.
  FG3101: {
    severity: 'error',
    'zh-CN': '“{name}”是符号链接，模板文件夹中不允许使用符号链接，未读取',
    en: '"{name}" is a symbolic link; template folders may not contain links, so it was not read',
    fix: {
      'zh-CN': '把链接换成文件本身的副本。',
      en: 'Replace the link with a copy of the file itself.',
    },
  },
  FG3102: {
    severity: 'error',
    'zh-CN': '“{name}”实际位于模板文件夹之外（{target}），未读取',
    en: '"{name}" resolves outside the template folder ({target}), so it was not read',
    fix: {
      'zh-CN': '把该文件复制到模板文件夹内，不要用链接或“..”指向外部。',
      en: 'Copy the file into the template folder instead of pointing outside it.',
    },
  },
  FG3103: {
    severity: 'error',
    'zh-CN': '模板嵌套过深（超过 {limit} 层），请减少嵌套或拆分为局部模板',
    en: 'The template is nested too deeply (more than {limit} levels); nest less or split it into partials',
    fix: {
      'zh-CN': '减少 {{#if}}、{{#each}} 的嵌套层数，或把内层内容移到局部模板中。',
      en: 'Nest fewer {{#if}} and {{#each}} blocks, or move the inner part into a partial.',
    },
  },
  FG3104: {
    severity: 'error',
    'zh-CN': '模板渲染超过 {limit} 步仍未完成，已停止：请检查 {{#each}} 是否嵌套在大量数据上',
    en: 'Rendering stopped after {limit} steps: check for {{#each}} blocks nested over large data',
    fix: {
      'zh-CN': '检查是否在 {{#each}} 中又遍历了整份数据，去掉不必要的嵌套循环。',
      en: 'Look for an {{#each}} that walks the whole data inside another loop and remove it.',
    },
  },
  FG3105: {
    severity: 'error',
    'zh-CN': '模板生成的内容超过 {limit} 个字符，已停止',
    en: 'The template produced more than {limit} characters; rendering stopped',
    fix: {
      'zh-CN': '检查模板中是否有重复输出大量内容的循环，改正后重新生成。',
      en: 'Look for a loop that repeats large content and correct it.',
    },
  },
  FG3106: {
    severity: 'error',
    'zh-CN': '局部模板调用层次超过 {limit} 层（局部模板是否调用了自身？），已停止',
    en: 'Partials called more than {limit} levels deep (does a partial call itself?); rendering stopped',
    fix: {
      'zh-CN': '检查局部模板之间是否互相调用或调用自身，去掉循环调用。',
      en: 'Look for partials that call themselves or each other and break the cycle.',
    },
  },
};
