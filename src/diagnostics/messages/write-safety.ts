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
  },
  FG4101: {
    severity: 'error',
    'zh-CN': '写入“{name}”失败：磁盘空间不足',
    en: 'Writing "{name}" failed: the disk is full',
  },
  FG4102: {
    severity: 'error',
    'zh-CN': '写入“{name}”失败：文件系统是只读的',
    en: 'Writing "{name}" failed: the file system is read-only',
  },
  FG4103: {
    severity: 'error',
    'zh-CN': '写入“{name}”失败：没有写入权限',
    en: 'Writing "{name}" failed: permission denied',
  },
  FG4104: {
    severity: 'error',
    'zh-CN': '写入“{name}”失败：路径中有一段不是目录',
    en: 'Writing "{name}" failed: a part of the path is not a folder',
  },
  FG4105: {
    severity: 'error',
    'zh-CN': '写入“{name}”失败：该路径是一个目录',
    en: 'Writing "{name}" failed: the path is a folder',
  },
  FG4106: {
    severity: 'error',
    'zh-CN':
      '“{name}”与本批次的“{other}”会写到同一个文件（文件名只差大小写，或只差被替换掉的字符），未写入，以免互相覆盖',
    en: '"{name}" and "{other}" of this batch would be written to the same file (the names differ only in case or in replaced characters); not written, so neither overwrites the other',
  },
  FG4107: {
    severity: 'warning',
    'zh-CN':
      '记录文件 .fangan-manifest.json 未能更新（{detail}）；已写入的文件记在 .fangan-manifest.journal 中，下次运行时合并',
    en: 'The record file .fangan-manifest.json could not be updated ({detail}); the files written are listed in .fangan-manifest.journal and merged on the next run',
  },
  FG4108: {
    severity: 'error',
    'zh-CN': '已中断，“{name}”未写入',
    en: 'Interrupted; "{name}" was not written',
  },
  FG4109: {
    severity: 'warning',
    'zh-CN':
      '导出状态文件 .fangan-export.json 未能写入（{detail}）；汇报已生成，下次导出会全部重新生成',
    en: 'The export state file .fangan-export.json could not be written ({detail}); the reports are written, the next export rebuilds all of them',
  },
  FG4110: {
    severity: 'error',
    'zh-CN': '写入“{name}”失败：{detail}',
    en: 'Writing "{name}" failed: {detail}',
  },
  FG4111: {
    severity: 'error',
    'zh-CN': '输出目录“{name}”无法使用：{reason}',
    en: 'The output folder "{name}" cannot be used: {reason}',
  },
  FG7200: {
    severity: 'error',
    'zh-CN': '“{file}”不是普通文件（是目录、设备或管道），即使加 --force 也不会覆盖',
    en: '"{file}" is not a regular file (a folder, device or pipe); it is not replaced, not even with --force',
  },
  FG7201: {
    severity: 'error',
    'zh-CN': '按这些回答起草的方案无法通过校验，未写入任何文件：',
    en: 'A plan drafted from these answers would not validate; nothing was written:',
  },
  FG9100: {
    severity: 'error',
    'zh-CN': '{option} 的值不能为空',
    en: 'The value of {option} must not be empty',
  },
  FG9101: {
    severity: 'error',
    'zh-CN': '已中断（{signal}）；正在写入的文件已撤销，临时文件已清理',
    en: 'Interrupted ({signal}); files being written were rolled back and temporary files removed',
  },
};
