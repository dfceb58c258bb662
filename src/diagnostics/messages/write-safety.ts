import type { MessageTable } from '../catalog.js';

/**
 * Output safety (issue 10): FG4100–FG4199 write stage (locks, disk errors, batch collisions,
 * interruptions), FG7200–FG7249 files written by `init` / `progress new`, FG9100–FG9149 command
 * line (empty option values, signals).
 */
export const writeSafetyMessages: MessageTable = {
  FG4100: {
    severity: 'error',
    'zh-CN':
      '输出目录“{name}”正由另一个 fangan 进程（进程号 {pid}）写入；请等它结束后再运行，本次没有写入任何文件',
    en: 'The output folder "{name}" is in use by another fangan process (pid {pid}); run again once it has finished. Nothing was written',
    fix: {
      'zh-CN': '等另一个 fangan 进程结束后再运行，或改用另一个输出目录。',
      en: 'Wait for the other fangan process to finish, or write to another folder.',
    },
  },
  FG4101: {
    severity: 'error',
    'zh-CN': '写入“{name}”失败：磁盘空间不足',
    en: 'Writing "{name}" failed: the disk is full',
    fix: {
      'zh-CN': '清理磁盘空间，或用 -o 写到空间充足的位置。',
      en: 'Free some disk space, or write elsewhere with -o.',
    },
  },
  FG4102: {
    severity: 'error',
    'zh-CN': '写入“{name}”失败：文件系统是只读的',
    en: 'Writing "{name}" failed: the file system is read-only',
    fix: { 'zh-CN': '用 -o 指定一个可写的文件夹。', en: 'Give a writable folder with -o.' },
  },
  FG4103: {
    severity: 'error',
    'zh-CN': '写入“{name}”失败：没有写入权限',
    en: 'Writing "{name}" failed: permission denied',
    fix: {
      'zh-CN': '给输出目录加上写入权限，或用 -o 改写到自己的文件夹。',
      en: 'Make the output folder writable, or write to a folder of your own with -o.',
    },
  },
  FG4104: {
    severity: 'error',
    'zh-CN': '写入“{name}”失败：路径中有一段不是目录',
    en: 'Writing "{name}" failed: a part of the path is not a folder',
    fix: {
      'zh-CN': '检查输出路径，把与文件夹同名的文件移走，或换一个路径。',
      en: 'Check the output path and move away the file that stands where a folder should be.',
    },
  },
  FG4105: {
    severity: 'error',
    'zh-CN': '写入“{name}”失败：该路径是一个目录',
    en: 'Writing "{name}" failed: the path is a folder',
    fix: {
      'zh-CN': '移走或改名这个同名文件夹，或换一个输出目录。',
      en: 'Move or rename the folder of that name, or write to another folder.',
    },
  },
  FG4106: {
    severity: 'error',
    'zh-CN':
      '“{name}”与本批次的“{other}”会写到同一个文件（文件名只差大小写，或只差被替换掉的字符），未写入，以免互相覆盖',
    en: '"{name}" and "{other}" of this batch would be written to the same file (the names differ only in case or in replaced characters); not written, so neither overwrites the other',
    fix: {
      'zh-CN': '修改其中一份的标题或乡镇名称，使生成的文件名不同。',
      en: 'Change the title or town of one of them so the file names differ.',
    },
  },
  FG4107: {
    severity: 'warning',
    'zh-CN':
      '记录文件 .fangan-manifest.json 未能更新（{detail}）；已写入的文件记在 .fangan-manifest.journal 中，下次运行时合并',
    en: 'The record file .fangan-manifest.json could not be updated ({detail}); the files written are listed in .fangan-manifest.journal and merged on the next run',
    fix: {
      'zh-CN': '检查输出目录的权限和磁盘空间，再运行一次即可自动合并。',
      en: "Check the folder's permissions and disk space, then run again to merge it.",
    },
  },
  FG4108: {
    severity: 'error',
    'zh-CN': '已中断，“{name}”未写入',
    en: 'Interrupted; "{name}" was not written',
    fix: { 'zh-CN': '重新运行同一条命令。', en: 'Run the same command again.' },
  },
  FG4109: {
    severity: 'warning',
    'zh-CN':
      '导出状态文件 .fangan-export.json 未能写入（{detail}）；汇报已生成，下次导出会全部重新生成',
    en: 'The export state file .fangan-export.json could not be written ({detail}); the reports are written, the next export rebuilds all of them',
    fix: {
      'zh-CN': '检查输出目录的权限和磁盘空间；已生成的汇报不受影响。',
      en: "Check the folder's permissions and disk space; the reports written are fine.",
    },
  },
  FG4110: {
    severity: 'error',
    'zh-CN': '写入“{name}”失败：{detail}',
    en: 'Writing "{name}" failed: {detail}',
    fix: {
      'zh-CN': '按提示的原因处理后重新运行。',
      en: 'Deal with the reason given and run again.',
    },
  },
  FG4111: {
    severity: 'error',
    'zh-CN': '输出目录“{name}”无法使用：{reason}',
    en: 'The output folder "{name}" cannot be used: {reason}',
    fix: {
      'zh-CN': '按提示的原因处理，或用 -o 改用另一个输出目录。',
      en: 'Deal with the reason given, or write to another folder with -o.',
    },
  },
  FG7200: {
    severity: 'error',
    'zh-CN': '“{file}”不是普通文件（是目录、设备或管道），即使加 --force 也不会覆盖',
    en: '"{file}" is not a regular file (a folder, device or pipe); it is not replaced, not even with --force',
    fix: {
      'zh-CN': '移走该目录或特殊文件，或用 -o 指定另一个文件名。',
      en: 'Move the folder or special file away, or name another file with -o.',
    },
  },
  FG7201: {
    severity: 'error',
    'zh-CN': '按这些回答起草的方案无法通过校验，未写入任何文件：',
    en: 'A plan drafted from these answers would not validate; nothing was written:',
    fix: {
      'zh-CN': '按下方列出的问题修改回答（命令行参数或向导中的选项）后重新起草。',
      en: 'Change the answers (options or wizard choices) as the problems below say and draft again.',
    },
  },
  FG9100: {
    severity: 'error',
    'zh-CN': '{option} 的值不能为空',
    en: 'The value of {option} must not be empty',
    fix: {
      'zh-CN': '给该选项写上内容，或整个去掉。',
      en: 'Give the option a value, or leave it out.',
    },
  },
  FG9101: {
    severity: 'error',
    'zh-CN': '已中断（{signal}）；正在写入的文件已撤销，临时文件已清理',
    en: 'Interrupted ({signal}); files being written were rolled back and temporary files removed',
    fix: { 'zh-CN': '重新运行同一条命令。', en: 'Run the same command again.' },
  },
};
