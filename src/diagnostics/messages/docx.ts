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
    fix: {
      'zh-CN': '检查 --profile 给出的路径是否正确、文件是否可读。',
      en: 'Check the path given to --profile and that the file can be read.',
    },
  },
  FG5002: {
    severity: 'error',
    'zh-CN': '样式配置文件不是有效的 JSON/YAML：{reason}',
    en: 'The style profile is not valid JSON/YAML: {reason}',
    fix: {
      'zh-CN': '按提示的行列改正 JSON 或 YAML 语法（常见为缺逗号、引号不配对）。',
      en: 'Correct the JSON or YAML syntax at the line and column given (often a missing comma or quote).',
    },
  },
  FG5003: {
    severity: 'error',
    'zh-CN': '样式配置文件的顶层必须是{expected}',
    en: 'The top level of the style profile must be {expected}',
    fix: {
      'zh-CN': '整个文件写成一个映射，例如以 page:、styles: 等键开头。',
      en: 'Write the whole file as one mapping, starting with keys such as page: or styles:.',
    },
  },
  FG5004: {
    severity: 'error',
    'zh-CN': '样式配置项“{field}”应为{expected}',
    en: 'Style profile field "{field}" must be {expected}',
    fix: {
      'zh-CN': '按提示的类型改写该值；字号可写磅值（16）或字号名（三号）。',
      en: 'Rewrite the value as the type named; sizes are points (16) or size names (三号).',
    },
  },
  FG5005: {
    severity: 'error',
    'zh-CN': '未知的样式配置项“{field}”，此处可用：{known}',
    en: 'Unknown style profile field "{field}"; allowed here: {known}',
    fix: {
      'zh-CN': '核对字段名拼写，只使用所列字段（完整列表见 docs/word-layout.md）。',
      en: 'Check the spelling and use only the fields listed (docs/word-layout.md has them all).',
    },
  },
  // PDF through LibreOffice (--to pdf).
  FG5301: {
    severity: 'error',
    'zh-CN':
      '找不到 LibreOffice 程序“{program}”，无法生成 PDF。请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui；Windows/macOS：libreoffice.org），或用环境变量 FANGAN_SOFFICE 指定 soffice 的完整路径；不加 pdf 时照常生成 Word 和 Markdown',
    en: 'Cannot find the LibreOffice program "{program}", needed for PDF output. Install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; Windows/macOS: libreoffice.org) or set FANGAN_SOFFICE to the full path of soffice; without pdf in --to, Word and Markdown are written as usual',
    fix: {
      'zh-CN':
        '安装 LibreOffice，或设置环境变量 FANGAN_SOFFICE 为 soffice 的完整路径；不需要 PDF 时从 --to 中去掉 pdf。',
      en: 'Install LibreOffice or set FANGAN_SOFFICE to the full path of soffice; drop pdf from --to if no PDF is needed.',
    },
  },
  FG5302: {
    severity: 'error',
    'zh-CN': 'LibreOffice 没有把这份文档转换为 PDF（{reason}）',
    en: 'LibreOffice did not convert this document to PDF ({reason})',
    fix: {
      'zh-CN':
        '用 LibreOffice 直接打开生成的 .docx 查看原因；关闭正在运行的 LibreOffice 窗口后重试。',
      en: 'Open the .docx in LibreOffice to see why, and retry with other LibreOffice windows closed.',
    },
  },
  FG5303: {
    severity: 'error',
    'zh-CN': 'LibreOffice 转换 {count} 份文档超过 {seconds} 秒仍未完成，已中止',
    en: 'LibreOffice did not finish converting {count} document(s) within {seconds} s; stopped',
    fix: {
      'zh-CN': '关闭其他正在运行的 LibreOffice 后重试，或分几次导出较少的文件。',
      en: 'Close other running LibreOffice instances and retry, or convert fewer files at a time.',
    },
  },

  // FG51xx: values of a style profile that do not fit together.
  FG5101: {
    severity: 'error',
    'zh-CN':
      '{what}页边距合计 {margins} 毫米，纸张只有 {size} 毫米，版心只剩 {left} 毫米（至少需要 {min} 毫米）',
    en: 'The {what} margins add up to {margins} mm on a {size} mm page, leaving {left} mm of text area (at least {min} mm needed)',
    fix: {
      'zh-CN':
        '减小样式配置 page 中的 marginLeftMm/marginRightMm（或上下边距），或改用更大的纸张。',
      en: 'Reduce the margins under page in the profile (marginLeftMm/marginRightMm, or top/bottom), or use a larger page.',
    },
  },
  FG5102: {
    severity: 'error',
    'zh-CN':
      '版心高 {height} 毫米排 {lines} 行，行距只有 {pitch} 磅，小于正文字号 {body} 磅：请减少每页行数或调小字号',
    en: '{lines} lines in a {height} mm text area give a line pitch of {pitch} pt, less than the {body} pt body size: use fewer lines per page or a smaller size',
    fix: {
      'zh-CN': '减小 page.linesPerPage，或调小正文字号。',
      en: 'Lower page.linesPerPage, or use a smaller body size.',
    },
  },
  FG5103: {
    severity: 'error',
    'zh-CN':
      '版心宽 {width} 毫米排 {chars} 字，每字只有 {pitch} 磅，与正文字号 {body} 磅不符（应在字号的 0.9～2 倍之间）：请调整每行字数',
    en: '{chars} characters in a {width} mm line give {pitch} pt per character, which does not fit the {body} pt body size (0.9 to 2 times the size): adjust the characters per line',
    fix: {
      'zh-CN': '把 page.charsPerLine 调整到与正文字号相称（三号字约 28 字）。',
      en: 'Set page.charsPerLine to suit the body size (about 28 for 三号).',
    },
  },
  FG5104: {
    severity: 'error',
    'zh-CN': '“{field}”为 {value} 毫米，超出版心的 {limit} 毫米',
    en: '"{field}" is {value} mm, more than the {limit} mm of the text area',
    fix: {
      'zh-CN': '把该值调小到版心范围以内。',
      en: 'Reduce the value to fit within the text area.',
    },
  },
  FG5105: {
    severity: 'error',
    'zh-CN': '“{field}”为 {value}，应小于 {limitField}（{limit}）',
    en: '"{field}" is {value}; it must be less than {limitField} ({limit})',
    fix: { 'zh-CN': '把该值改为小于所列上限的数。', en: 'Set the value below the limit named.' },
  },
  FG5106: {
    severity: 'error',
    'zh-CN':
      '页码距版心 {gap} 毫米、字高 {height} 毫米，放不进 {margin} 毫米的下边距：请减小 gapBelowTextMm 或加大下边距',
    en: 'A page number {gap} mm below the text and {height} mm high does not fit the {margin} mm bottom margin: reduce gapBelowTextMm or widen the margin',
    fix: {
      'zh-CN': '减小 gapBelowTextMm 或页码字号，或加大 marginBottomMm。',
      en: 'Reduce gapBelowTextMm or the page-number size, or increase marginBottomMm.',
    },
  },
};
