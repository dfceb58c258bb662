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
  },
  FG1002: {
    severity: 'error',
    'zh-CN': '不认识的文件编码“{encoding}”，可用 utf-8、gb18030、gbk、utf-16le、utf-16be',
    en: 'Unknown encoding "{encoding}"; use utf-8, gb18030, gbk, utf-16le or utf-16be',
  },
  FG1003: {
    severity: 'error',
    'zh-CN': '文件不是有效的 UTF-8：第 {offset} 字节处的多字节字符不完整或已损坏',
    en: 'The file is not valid UTF-8: a multi-byte character at byte offset {offset} is truncated or damaged',
  },
  FG1004: {
    severity: 'error',
    'zh-CN': '文件内容无法按 {encoding} 编码解码，请检查 --encoding 是否正确',
    en: 'The file cannot be decoded as {encoding}; check the --encoding option',
  },
  FG1005: {
    severity: 'error',
    'zh-CN': '文件为空，没有任何内容',
    en: 'The file is empty',
  },
  FG1101: {
    severity: 'error',
    'zh-CN': 'YAML 语法错误：{detail}',
    en: 'YAML syntax error: {detail}',
  },
  FG1102: {
    severity: 'error',
    'zh-CN': '键“{key}”重复出现（第一次在第 {firstLine} 行），同一层级的键不能重复',
    en: 'Duplicate key "{key}" (first used on line {firstLine}); keys must be unique within a mapping',
  },
  FG1103: {
    severity: 'error',
    'zh-CN': '缩进里有制表符（Tab），YAML 只能用空格缩进',
    en: 'Tab character used for indentation; YAML indentation must use spaces',
  },
  FG1104: {
    severity: 'error',
    'zh-CN': '一个文件只能有一个 YAML 文档，这里用“---”开始了第 {count} 个文档',
    en: 'A file may hold only one YAML document; "---" starts document number {count} here',
  },
  FG1105: {
    severity: 'error',
    'zh-CN': '不支持 YAML 锚点和别名（{token}），请直接写出内容',
    en: 'YAML anchors and aliases ({token}) are not supported; write the content out in full',
  },
  FG1106: {
    severity: 'error',
    'zh-CN': '不支持 YAML 标签“{tag}”，请去掉它',
    en: 'YAML tag "{tag}" is not supported; remove it',
  },
  FG1107: {
    severity: 'error',
    'zh-CN': '键“{key}”是保留名称，不允许使用',
    en: 'The key "{key}" is a reserved name and is not allowed',
  },
  FG1108: {
    severity: 'error',
    'zh-CN': '嵌套层数过深（超过 {limit} 层），文件结构不正常',
    en: 'Nesting is too deep (more than {limit} levels); the file structure is not plausible',
  },
  FG1109: {
    severity: 'error',
    'zh-CN': '键必须是简单的文字，不能是列表或映射',
    en: 'Keys must be plain text, not lists or mappings',
  },
  FG1110: {
    severity: 'warning',
    'zh-CN': '忽略了“%YAML {version}”声明，本文件按 YAML 1.2 读取（例如 NO、yes 仍是文字）',
    en: 'Ignored the "%YAML {version}" directive; the file is read as YAML 1.2 (NO, yes stay text)',
  },
  FG1111: {
    severity: 'error',
    'zh-CN': '不支持的 YAML 指令“{directive}”',
    en: 'Unsupported YAML directive "{directive}"',
  },
  FG1112: {
    severity: 'error',
    'zh-CN': 'YAML 缩进不正确：同一层的内容要对齐，下一层要多缩进',
    en: 'Bad YAML indentation: entries of one level line up, nested entries are indented further',
  },
  FG1113: {
    severity: 'error',
    'zh-CN': 'YAML 缺少必要的字符：引号或括号没有闭合，或键后面缺少冒号',
    en: 'A character is missing: an unclosed quote or bracket, or a key without its colon',
  },
  FG1114: {
    severity: 'error',
    'zh-CN': '这一行无法识别：检查“键: 值”中的冒号和空格，以及缩进是否与上下文一致',
    en: 'This line cannot be understood: check the colon and space of "key: value" and the indentation',
  },
  FG1115: {
    severity: 'error',
    'zh-CN': '值不能以“{char}”开头，请给整个值加引号',
    en: 'A value cannot start with "{char}"; put the whole value in quotes',
  },
  FG1116: {
    severity: 'error',
    'zh-CN': '双引号中的反斜杠转义无效，可改用单引号',
    en: 'Invalid backslash escape inside double quotes; use single quotes instead',
  },
  FG1117: {
    severity: 'error',
    'zh-CN': '方括号或花括号里不能再分行写列表或映射',
    en: 'Block lists or mappings cannot appear inside [ ] or { }',
  },
  FG1200: {
    severity: 'error',
    'zh-CN': '这不是普通文件，而是{kind}，未读取；请给出一个普通的文本文件',
    en: 'This is not a regular file but {kind}, so it was not read; name an ordinary text file',
  },
  FG1201: {
    severity: 'error',
    'zh-CN': '内容超过 {limit} 字节的上限，已停止读取，未作处理',
    en: 'The input is larger than the limit of {limit} bytes; reading stopped and nothing was processed',
  },
  FG1202: {
    severity: 'error',
    'zh-CN': '不支持 YAML 合并键“<<”，请把要合并的各项直接写出来',
    en: 'YAML merge keys ("<<") are not supported; write the merged entries out in full',
  },
  FG1203: {
    severity: 'error',
    'zh-CN':
      '“{source}”不是有限的数字（YAML 把它读作无穷大或非数）；请写出实际数值，如果是文字请加引号',
    en: '"{source}" is not a finite number (YAML reads it as infinity or not-a-number); write the actual value, or quote it if it is text',
  },
  FG1204: {
    severity: 'error',
    'zh-CN':
      '文件是 GB18030（GBK）编码，但第 {offset} 字节处的汉字不完整或已损坏（文件可能被截断了）',
    en: 'The file is GB18030 (GBK) text, but the character at byte offset {offset} is incomplete or damaged (the file may have been cut off)',
  },
  FG1205: {
    severity: 'error',
    'zh-CN': '文件是 UTF-32 编码（{encoding}），不支持；请在编辑器中另存为 UTF-8',
    en: 'The file is encoded as UTF-32 ({encoding}), which is not supported; save it as UTF-8 in your editor',
  },
  FG1901: {
    severity: 'warning',
    'zh-CN': '这里有全角冒号“：”（U+FF1A），键和值之间要用半角冒号“:”并在后面加一个空格',
    en: 'There is a full-width colon "：" (U+FF1A) here; separate key and value with an ASCII colon ":" and a space',
  },
  FG1902: {
    severity: 'warning',
    'zh-CN': '这里有全角空格（U+3000），缩进和分隔只能用半角空格',
    en: 'There is a full-width space (U+3000) here; indent and separate with ASCII spaces only',
  },
  FG1903: {
    severity: 'warning',
    'zh-CN': '这里有不换行空格（U+00A0，常从网页或 Word 复制而来），请换成普通空格',
    en: 'There is a no-break space (U+00A0, often pasted from a web page or Word); replace it with an ordinary space',
  },
  FG1904: {
    severity: 'warning',
    'zh-CN': '这里有看不见的字符（{codepoint}），请删除后重新输入',
    en: 'There is an invisible character ({codepoint}) here; delete it and retype',
  },
  FG1905: {
    severity: 'warning',
    'zh-CN': '这里有全角逗号“，”（U+FF0C），方括号列表中的各项要用半角逗号“,”分隔',
    en: 'There is a full-width comma "，" (U+FF0C) here; separate items of a [ ] list with ASCII commas ","',
  },
};
