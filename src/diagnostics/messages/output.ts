import type { MessageTable } from '../catalog.js';

/** FG4xxx: output files and folders. */
export const outputMessages: MessageTable = {
  FG4001: {
    severity: 'error',
    'zh-CN': '“{name}”在生成后被手工修改过，未覆盖；本次没有写入任何文件',
    en: '"{name}" was edited by hand after it was generated; nothing was written',
  },
  FG4002: {
    severity: 'error',
    'zh-CN': '“{name}”不是 fangan 生成的文件，未覆盖；本次没有写入任何文件',
    en: '"{name}" was not written by fangan; nothing was written',
  },
  FG4003: {
    severity: 'error',
    'zh-CN': '输出路径“{name}”是符号链接，拒绝写入',
    en: 'The output path "{name}" is a symbolic link; refusing to write',
  },
  FG4004: {
    severity: 'error',
    'zh-CN': '输出路径“{name}”不是普通文件，无法写入',
    en: 'The output path "{name}" is not a regular file',
  },
  FG4005: {
    severity: 'error',
    'zh-CN': '输出目录“{name}”不是目录或无法创建：{detail}',
    en: 'The output folder "{name}" is not a folder or cannot be created: {detail}',
  },
  FG4006: {
    severity: 'error',
    'zh-CN': '写入“{name}”失败：{detail}',
    en: 'Writing "{name}" failed: {detail}',
  },
  FG4007: {
    severity: 'warning',
    'zh-CN': '记录文件 .fangan-manifest.json 已损坏，已忽略（已有文件将视为手工文件）',
    en: 'The record file .fangan-manifest.json is damaged and was ignored (existing files count as hand-made)',
  },
  FG4008: {
    severity: 'error',
    'zh-CN': '“{name}”已过期，与当前方案生成的内容不一致',
    en: '"{name}" is out of date: it differs from what the plan now produces',
  },
  FG4009: {
    severity: 'error',
    'zh-CN': '缺少输出文件“{name}”',
    en: 'The output file "{name}" is missing',
  },
  FG4010: {
    severity: 'error',
    'zh-CN': '“{name}”已存在，未覆盖',
    en: '"{name}" already exists; not overwritten',
  },
  FG4011: {
    severity: 'error',
    'zh-CN': '输出目录“{name}”是符号链接，拒绝写入',
    en: 'The output folder "{name}" is a symbolic link; refusing to write',
  },
  // FG4200–FG4299: batch export.
  FG4200: {
    severity: 'error',
    'zh-CN': '“{name}”在生成后被手工修改过，未覆盖；这一项没有写入，导出的其余文件照常写入',
    en: '"{name}" was edited by hand after it was generated; not overwritten, so this item was not written (the rest of the export was)',
  },
  FG4201: {
    severity: 'error',
    'zh-CN': '“{name}”不是 fangan 生成的文件，未覆盖；这一项没有写入，导出的其余文件照常写入',
    en: '"{name}" was not written by fangan; not overwritten, so this item was not written (the rest of the export was)',
  },
  FG4202: {
    severity: 'error',
    'zh-CN': '读取“{name}”失败：{detail}',
    en: 'Reading "{name}" failed: {detail}',
  },
  // Hints (shown under another message).
  FG4090: {
    severity: 'warning',
    'zh-CN': '确认不再需要手工修改的内容后，可加 --force 覆盖',
    en: 'Add --force to overwrite once the hand edits are no longer needed',
  },
  FG4091: {
    severity: 'warning',
    'zh-CN': '运行 fangan render（不加 --check）重新生成',
    en: 'Run fangan render without --check to regenerate it',
  },
  FG4092: {
    severity: 'warning',
    'zh-CN': '加 --force 覆盖已有文件',
    en: 'Add --force to overwrite existing files',
  },
};
