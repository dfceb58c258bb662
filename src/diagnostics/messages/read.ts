import type { MessageTable } from '../catalog.js';

/**
 * FG1xxx: reading bytes (FG10xx), YAML syntax and safety (FG11xx), and hints attached to those
 * diagnostics (FG19xx; `severity` of a hint entry is never shown).
 */
export const readMessages: MessageTable = {
  FG1001: {
    severity: 'error',
    'zh-CN': '文件过大（{size} 字节），上限为 {limit} 字节，未读取',
    en: 'File too large ({size} bytes); the limit is {limit} bytes, so it was not read',
    fix: {
      'zh-CN': '确认给出的是方案或进展的 YAML 文件；正常文件远小于上限，请删去误粘贴的大段内容。',
      en: 'Check that this is a plan or progress YAML file; real ones are far below the limit, so remove whatever was pasted in by mistake.',
    },
  },
  FG1002: {
    severity: 'error',
    'zh-CN': '不认识的文件编码“{encoding}”，可用 utf-8、gb18030、gbk、utf-16le、utf-16be',
    en: 'Unknown encoding "{encoding}"; use utf-8, gb18030, gbk, utf-16le or utf-16be',
    fix: {
      'zh-CN':
        '把 --encoding 改为 utf-8、gb18030、gbk、utf-16le、utf-16be 之一，或去掉该选项由程序自动识别。',
      en: 'Set --encoding to one of utf-8, gb18030, gbk, utf-16le, utf-16be, or leave it out to let fangan detect it.',
    },
  },
  FG1003: {
    severity: 'error',
    'zh-CN': '文件不是有效的 UTF-8：第 {offset} 字节处的多字节字符不完整或已损坏',
    en: 'The file is not valid UTF-8: a multi-byte character at byte offset {offset} is truncated or damaged',
    fix: {
      'zh-CN':
        '在编辑器中以正确的编码重新打开文件，另存为 UTF-8；若原文件是 GBK，可加 --encoding gb18030。',
      en: 'Reopen the file in its real encoding and save it as UTF-8; for a GBK file pass --encoding gb18030.',
    },
  },
  FG1004: {
    severity: 'error',
    'zh-CN': '文件内容无法按 {encoding} 编码解码，请检查 --encoding 是否正确',
    en: 'The file cannot be decoded as {encoding}; check the --encoding option',
    fix: {
      'zh-CN': '去掉 --encoding 让程序自动识别，或改成文件实际使用的编码。',
      en: 'Leave out --encoding to let fangan detect it, or give the encoding the file really uses.',
    },
  },
  FG1005: {
    severity: 'error',
    'zh-CN': '文件为空，没有任何内容',
    en: 'The file is empty',
    fix: {
      'zh-CN': '填写文件内容；可用 fangan init 起草工作方案，用 fangan progress new 生成季度进展。',
      en: 'Fill the file in; fangan init drafts a plan and fangan progress new writes a progress file.',
    },
  },
  FG1101: {
    severity: 'error',
    'zh-CN': 'YAML 语法错误：{detail}',
    en: 'YAML syntax error: {detail}',
    fix: {
      'zh-CN': '按提示的行列检查该处的引号、冒号和缩进，改正后重新校验。',
      en: 'Look at the quotes, colons and indentation at the line and column given, correct them and validate again.',
    },
  },
  FG1102: {
    severity: 'error',
    'zh-CN': '键“{key}”重复出现（第一次在第 {firstLine} 行），同一层级的键不能重复',
    en: 'Duplicate key "{key}" (first used on line {firstLine}); keys must be unique within a mapping',
    fix: {
      'zh-CN': '删除重复的一处，或把两处内容合并到第一次出现的键下。',
      en: 'Delete one of the two, or merge their contents under the first occurrence.',
    },
  },
  FG1103: {
    severity: 'error',
    'zh-CN': '缩进里有制表符（Tab），YAML 只能用空格缩进',
    en: 'Tab character used for indentation; YAML indentation must use spaces',
    fix: {
      'zh-CN': '把行首的制表符全部换成空格（编辑器中可设置“用空格代替 Tab”）。',
      en: 'Replace the leading tabs with spaces (set your editor to insert spaces for Tab).',
    },
  },
  FG1104: {
    severity: 'error',
    'zh-CN': '一个文件只能有一个 YAML 文档，这里用“---”开始了第 {count} 个文档',
    en: 'A file may hold only one YAML document; "---" starts document number {count} here',
    fix: {
      'zh-CN': '删除多余的“---”行；另一份方案或进展请另存为单独的文件。',
      en: 'Remove the extra "---" line and put the other document in a file of its own.',
    },
  },
  FG1105: {
    severity: 'error',
    'zh-CN': '不支持 YAML 锚点和别名（{token}），请直接写出内容',
    en: 'YAML anchors and aliases ({token}) are not supported; write the content out in full',
    fix: {
      'zh-CN': '删去 & 和 * 记号，把被引用的内容在每个用到的地方完整写出。',
      en: 'Remove the & and * marks and write the referenced content out in full wherever it is used.',
    },
  },
  FG1106: {
    severity: 'error',
    'zh-CN': '不支持 YAML 标签“{tag}”，请去掉它',
    en: 'YAML tag "{tag}" is not supported; remove it',
    fix: {
      'zh-CN': '删去以“!”开头的标签；如果“!”是文字内容，请给整个值加引号。',
      en: 'Remove the tag starting with "!"; if the "!" is part of the text, quote the whole value.',
    },
  },
  FG1107: {
    severity: 'error',
    'zh-CN': '键“{key}”是保留名称，不允许使用',
    en: 'The key "{key}" is a reserved name and is not allowed',
    fix: {
      'zh-CN': '把这个键改成方案格式中的字段名（见 docs/format.md）。',
      en: 'Rename the key to a field of the plan format (see docs/format.md).',
    },
  },
  FG1108: {
    severity: 'error',
    'zh-CN': '嵌套层数过深（超过 {limit} 层），文件结构不正常',
    en: 'Nesting is too deep (more than {limit} levels); the file structure is not plausible',
    fix: {
      'zh-CN': '检查缩进是否一路加深，把内容调整为方案格式要求的层级。',
      en: 'Check for indentation that keeps growing and bring the content back to the levels the format uses.',
    },
  },
  FG1109: {
    severity: 'error',
    'zh-CN': '键必须是简单的文字，不能是列表或映射',
    en: 'Keys must be plain text, not lists or mappings',
    fix: {
      'zh-CN': '键只写一段文字，例如“title:”；不要在冒号前写列表或花括号。',
      en: 'Write the key as plain text such as "title:", with no list or braces before the colon.',
    },
  },
  FG1110: {
    severity: 'warning',
    'zh-CN': '忽略了“%YAML {version}”声明，本文件按 YAML 1.2 读取（例如 NO、yes 仍是文字）',
    en: 'Ignored the "%YAML {version}" directive; the file is read as YAML 1.2 (NO, yes stay text)',
    fix: {
      'zh-CN': '删去文件开头的“%YAML”行；需要保留为文字的 yes、no 等值不受影响。',
      en: 'Delete the "%YAML" line at the top; values such as yes and no are read as text either way.',
    },
  },
  FG1111: {
    severity: 'error',
    'zh-CN': '不支持的 YAML 指令“{directive}”',
    en: 'Unsupported YAML directive "{directive}"',
    fix: { 'zh-CN': '删去以“%”开头的这一行。', en: 'Delete the line starting with "%".' },
  },
  FG1112: {
    severity: 'error',
    'zh-CN': 'YAML 缩进不正确：同一层的内容要对齐，下一层要多缩进',
    en: 'Bad YAML indentation: entries of one level line up, nested entries are indented further',
    fix: {
      'zh-CN': '让同一层的键左端对齐，下一层比上一层多缩进两个空格。',
      en: 'Line up keys of the same level and indent each nested level by two more spaces.',
    },
  },
  FG1113: {
    severity: 'error',
    'zh-CN': 'YAML 缺少必要的字符：引号或括号没有闭合，或键后面缺少冒号',
    en: 'A character is missing: an unclosed quote or bracket, or a key without its colon',
    fix: {
      'zh-CN': '补上缺少的右引号或右括号，或在键后补上“: ”（半角冒号加空格）。',
      en: 'Add the missing closing quote or bracket, or the ": " (colon and space) after the key.',
    },
  },
  FG1114: {
    severity: 'error',
    'zh-CN': '这一行无法识别：检查“键: 值”中的冒号和空格，以及缩进是否与上下文一致',
    en: 'This line cannot be understood: check the colon and space of "key: value" and the indentation',
    fix: {
      'zh-CN': '按“键: 值”格式改写这一行，冒号用半角并在后面空一格，缩进与上下文一致。',
      en: 'Rewrite the line as "key: value" with an ASCII colon and a space, indented like its neighbours.',
    },
  },
  FG1115: {
    severity: 'error',
    'zh-CN': '值不能以“{char}”开头，请给整个值加引号',
    en: 'A value cannot start with "{char}"; put the whole value in quotes',
    fix: {
      'zh-CN': '给整个值加上英文引号，例如 \'@全体\' 或 "*重点*"。',
      en: 'Put the whole value in quotes, e.g. \'@all\' or "*key*".',
    },
  },
  FG1116: {
    severity: 'error',
    'zh-CN': '双引号中的反斜杠转义无效，可改用单引号',
    en: 'Invalid backslash escape inside double quotes; use single quotes instead',
    fix: {
      'zh-CN': '把双引号改为单引号，或把反斜杠写成两个（\\\\）。',
      en: 'Use single quotes instead, or double the backslash (\\\\).',
    },
  },
  FG1117: {
    severity: 'error',
    'zh-CN': '方括号或花括号里不能再分行写列表或映射',
    en: 'Block lists or mappings cannot appear inside [ ] or { }',
    fix: {
      'zh-CN': '方括号内的各项写在同一行并用逗号分隔，或去掉括号改用每行一个“- ”的列表。',
      en: 'Keep a [ ] list on one line with commas, or drop the brackets and write one "- " item per line.',
    },
  },
  FG1200: {
    severity: 'error',
    'zh-CN': '这不是普通文件，而是{kind}，未读取；请给出一个普通的文本文件',
    en: 'This is not a regular file but {kind}, so it was not read; name an ordinary text file',
    fix: {
      'zh-CN': '给出一个普通的 .yaml 文件路径；要从管道读取请用“-”并加 --stdin-filename。',
      en: 'Name an ordinary .yaml file; to read from a pipe use "-" with --stdin-filename.',
    },
  },
  FG1201: {
    severity: 'error',
    'zh-CN': '内容超过 {limit} 字节的上限，已停止读取，未作处理',
    en: 'The input is larger than the limit of {limit} bytes; reading stopped and nothing was processed',
    fix: {
      'zh-CN': '确认输入的是方案或进展文件，而不是其他大文件或无尽的数据流。',
      en: 'Check that the input is a plan or progress file, not some other large file or an endless stream.',
    },
  },
  FG1202: {
    severity: 'error',
    'zh-CN': '不支持 YAML 合并键“<<”，请把要合并的各项直接写出来',
    en: 'YAML merge keys ("<<") are not supported; write the merged entries out in full',
    fix: {
      'zh-CN': '删去“<<:”行，把要合并的键逐个写在这个映射里。',
      en: 'Delete the "<<:" line and write the merged keys into this mapping one by one.',
    },
  },
  FG1203: {
    severity: 'error',
    'zh-CN':
      '“{source}”不是有限的数字（YAML 把它读作无穷大或非数）；请写出实际数值，如果是文字请加引号',
    en: '"{source}" is not a finite number (YAML reads it as infinity or not-a-number); write the actual value, or quote it if it is text',
    fix: {
      'zh-CN': '写出实际的数字；如果 .inf、.nan 是文字，请加引号。',
      en: 'Write the real number; if .inf or .nan is meant as text, quote it.',
    },
  },
  FG1204: {
    severity: 'error',
    'zh-CN':
      '文件是 GB18030（GBK）编码，但第 {offset} 字节处的汉字不完整或已损坏（文件可能被截断了）',
    en: 'The file is GB18030 (GBK) text, but the character at byte offset {offset} is incomplete or damaged (the file may have been cut off)',
    fix: {
      'zh-CN': '从原始来源重新复制或导出完整的文件，或在编辑器中另存为 UTF-8 后检查末尾内容。',
      en: 'Copy or export the whole file again from its source, or save it as UTF-8 and check its end.',
    },
  },
  FG1205: {
    severity: 'error',
    'zh-CN': '文件是 UTF-32 编码（{encoding}），不支持；请在编辑器中另存为 UTF-8',
    en: 'The file is encoded as UTF-32 ({encoding}), which is not supported; save it as UTF-8 in your editor',
    fix: {
      'zh-CN': '在编辑器中选择“另存为”，编码选 UTF-8。',
      en: 'Use "Save as" in your editor and choose UTF-8.',
    },
  },
  FG1901: {
    severity: 'warning',
    'zh-CN': '这里有全角冒号“：”（U+FF1A），键和值之间要用半角冒号“:”并在后面加一个空格',
    en: 'There is a full-width colon "：" (U+FF1A) here; separate key and value with an ASCII colon ":" and a space',
    fix: {
      'zh-CN': '把键后面的全角冒号“：”改成半角冒号“:”，再空一格。',
      en: 'Replace the full-width colon after the key with ":" followed by a space.',
    },
  },
  FG1902: {
    severity: 'warning',
    'zh-CN': '这里有全角空格（U+3000），缩进和分隔只能用半角空格',
    en: 'There is a full-width space (U+3000) here; indent and separate with ASCII spaces only',
    fix: {
      'zh-CN': '把全角空格删掉，用半角空格缩进或分隔。',
      en: 'Delete the full-width space and use ASCII spaces.',
    },
  },
  FG1903: {
    severity: 'warning',
    'zh-CN': '这里有不换行空格（U+00A0，常从网页或 Word 复制而来），请换成普通空格',
    en: 'There is a no-break space (U+00A0, often pasted from a web page or Word); replace it with an ordinary space',
    fix: {
      'zh-CN': '删去这个空格，重新用键盘输入一个普通空格。',
      en: 'Delete the space and type an ordinary one.',
    },
  },
  FG1904: {
    severity: 'warning',
    'zh-CN': '这里有看不见的字符（{codepoint}），请删除后重新输入',
    en: 'There is an invisible character ({codepoint}) here; delete it and retype',
    fix: {
      'zh-CN': '删去这一处并重新输入相邻的文字（可用编辑器的“显示不可见字符”找到它）。',
      en: 'Delete it and retype the text around it (turn on "show invisible characters" to find it).',
    },
  },
  FG1905: {
    severity: 'warning',
    'zh-CN': '这里有全角逗号“，”（U+FF0C），方括号列表中的各项要用半角逗号“,”分隔',
    en: 'There is a full-width comma "，" (U+FF0C) here; separate items of a [ ] list with ASCII commas ","',
    fix: {
      'zh-CN': '把方括号列表中的“，”改成“,”，或改用每行一个“- ”的列表。',
      en: 'Replace "，" with "," inside the [ ] list, or write one "- " item per line.',
    },
  },
};
