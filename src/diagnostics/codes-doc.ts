/**
 * docs/codes.md, generated from the message catalogue so the table can never drift from the
 * texts fangan prints. `{name}` placeholders stay as they are: they show what is filled in.
 */
import { catalog } from './catalog.js';

const STAGES: [prefix: string, zh: string, en: string][] = [
  ['FG1', '读取与解析', 'reading and parsing'],
  ['FG2', '字段与语义规则', 'schema and semantic rules'],
  ['FG3', '模板', 'templates'],
  ['FG4', '输出文件', 'output files'],
  ['FG5', 'Word、PDF 与样式配置', 'Word, PDF and style profiles'],
  ['FG6', '汇报与导出', 'reports and export'],
  ['FG7', '起草（init）', 'drafting (init)'],
  ['FG9', '命令行', 'command line'],
];

/** Table cells: one line, pipes escaped. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function codesMarkdown(): string {
  const codes = Object.keys(catalog).sort();
  const lines = [
    '# 提示代码一览 / Message codes',
    '',
    '<!-- 由 scripts/codes-doc.js 根据消息目录 src/diagnostics/messages/*.ts 生成，请勿手工修改。 -->',
    '<!-- Generated from the message catalogue by scripts/codes-doc.js (npm run build); do not edit. -->',
    '',
    '每个问题都带一个稳定的代码：代码的含义不会改变，也不会挪作他用。`{name}` 之类的占位符在实际提示中换成具体的字段、文件或数值。严重程度为“提示”的代码出现在其他问题下方，给出修改办法。“修改办法”一栏说明怎样改正；对警告，也说明在确有需要时如何保留原写法。',
    '',
    'Every problem carries a stable code whose meaning never changes. Placeholders such as `{name}` are filled in with the field, file or value concerned. The Fix column says what to change.',
    '',
  ];
  for (const [prefix, zh, en] of STAGES) {
    const own = codes.filter((c) => c.startsWith(prefix));
    if (own.length === 0) continue;
    lines.push(
      `## ${prefix}xxx ${zh} / ${en}`,
      '',
      '| 代码 | 级别 | 说明 | Message | 修改办法 | Fix |',
      '|---|---|---|---|---|---|',
    );
    for (const code of own) {
      const entry = catalog[code]!;
      const level = entry.severity === 'error' ? '错误 error' : '警告/提示 warning';
      // A code without its fix text shows an empty cell; test/codes-doc.test.ts refuses that.
      const fix = entry.fix ?? { 'zh-CN': '', en: '' };
      lines.push(
        `| ${code} | ${level} | ${cell(entry['zh-CN'])} | ${cell(entry.en)} | ${cell(fix['zh-CN'])} | ${cell(fix.en)} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
