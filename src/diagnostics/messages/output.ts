import type { MessageTable } from '../catalog.js';

/** FG4xxx: output files and folders. */
export const outputMessages: MessageTable = {
  FG4001: {
    severity: 'error',
    'zh-CN': '“{name}”在生成后被手工修改过，未覆盖；本次没有写入任何文件',
    en: '"{name}" was edited by hand after it was generated; nothing was written',
    fix: {
      'zh-CN': '把手工修改另存为别的文件名后加 --force 重新生成，或改用另一个输出目录。',
      en: 'Save the hand edits under another name and rerun with --force, or write to another folder.',
    },
  },
  FG4002: {
    severity: 'error',
    'zh-CN': '“{name}”不是 fangan 生成的文件，未覆盖；本次没有写入任何文件',
    en: '"{name}" was not written by fangan; nothing was written',
    fix: {
      'zh-CN': '把同名文件移走或改名，或换一个输出目录；确认可以覆盖时加 --force。',
      en: 'Move or rename the file, or write to another folder; add --force when it may be overwritten.',
    },
  },
  FG4003: {
    severity: 'error',
    'zh-CN': '输出路径“{name}”是符号链接，拒绝写入',
    en: 'The output path "{name}" is a symbolic link; refusing to write',
    fix: {
      'zh-CN': '删除该链接或改用另一个输出目录。',
      en: 'Remove the link or write to another folder.',
    },
  },
  FG4004: {
    severity: 'error',
    'zh-CN': '输出路径“{name}”不是普通文件，无法写入',
    en: 'The output path "{name}" is not a regular file',
    fix: {
      'zh-CN': '移走同名的文件夹或特殊文件，或改用另一个输出目录。',
      en: 'Move the folder or special file of that name away, or write to another folder.',
    },
  },
  FG4005: {
    severity: 'error',
    'zh-CN': '输出目录“{name}”不是目录或无法创建：{detail}',
    en: 'The output folder "{name}" is not a folder or cannot be created: {detail}',
    fix: {
      'zh-CN': '用 -o 指定一个可写的文件夹，或检查父目录的权限。',
      en: "Give a writable folder with -o, or check the parent folder's permissions.",
    },
  },
  FG4006: {
    severity: 'error',
    'zh-CN': '写入“{name}”失败：{detail}',
    en: 'Writing "{name}" failed: {detail}',
    fix: {
      'zh-CN': '按提示的原因处理（磁盘空间、权限、文件被 Word 占用等）后重新运行。',
      en: 'Deal with the reason given (disk space, permissions, the file open in Word) and run again.',
    },
  },
  FG4007: {
    severity: 'warning',
    'zh-CN': '记录文件 .fangan-manifest.json 已损坏，已忽略（已有文件将视为手工文件）',
    en: 'The record file .fangan-manifest.json is damaged and was ignored (existing files count as hand-made)',
    fix: {
      'zh-CN': '删除输出目录中的 .fangan-manifest.json 后重新生成，并用 --force 覆盖旧文件。',
      en: 'Delete .fangan-manifest.json in the output folder and render again with --force.',
    },
  },
  FG4008: {
    severity: 'error',
    'zh-CN': '“{name}”已过期，与当前方案生成的内容不一致',
    en: '"{name}" is out of date: it differs from what the plan now produces',
    fix: {
      'zh-CN': '运行 fangan render（不加 --check）重新生成并提交。',
      en: 'Run fangan render without --check and commit the result.',
    },
  },
  FG4009: {
    severity: 'error',
    'zh-CN': '缺少输出文件“{name}”',
    en: 'The output file "{name}" is missing',
    fix: {
      'zh-CN': '运行 fangan render（不加 --check）生成该文件并提交。',
      en: 'Run fangan render without --check to create the file and commit it.',
    },
  },
  FG4010: {
    severity: 'error',
    'zh-CN': '“{name}”已存在，未覆盖',
    en: '"{name}" already exists; not overwritten',
    fix: {
      'zh-CN': '换一个空文件夹，或加 --force 覆盖。',
      en: 'Use an empty folder, or add --force to overwrite.',
    },
  },
  FG4011: {
    severity: 'error',
    'zh-CN': '输出目录“{name}”是符号链接，拒绝写入',
    en: 'The output folder "{name}" is a symbolic link; refusing to write',
    fix: {
      'zh-CN': '用 -o 指定真实的文件夹路径，不要用符号链接。',
      en: 'Give the real folder with -o rather than a symbolic link.',
    },
  },
  // FG4200–FG4299: batch export.
  FG4200: {
    severity: 'error',
    'zh-CN': '“{name}”在生成后被手工修改过，未覆盖；这一项没有写入，导出的其余文件照常写入',
    en: '"{name}" was edited by hand after it was generated; not overwritten, so this item was not written (the rest of the export was)',
    fix: {
      'zh-CN': '把手工修改另存为别的文件名，再加 --force 重新导出。',
      en: 'Save the hand edits under another name, then export again with --force.',
    },
  },
  FG4201: {
    severity: 'error',
    'zh-CN': '“{name}”不是 fangan 生成的文件，未覆盖；这一项没有写入，导出的其余文件照常写入',
    en: '"{name}" was not written by fangan; not overwritten, so this item was not written (the rest of the export was)',
    fix: {
      'zh-CN': '把同名文件移走或改名，确认可以覆盖时加 --force 重新导出。',
      en: 'Move or rename the file, or export again with --force when it may be overwritten.',
    },
  },
  FG4202: {
    severity: 'error',
    'zh-CN': '读取“{name}”失败：{detail}',
    en: 'Reading "{name}" failed: {detail}',
    fix: {
      'zh-CN': '检查该文件的读取权限；记录文件损坏时可删除后加 --force 重新导出。',
      en: 'Check that the file can be read; a damaged record file can be deleted and the export rerun with --force.',
    },
  },
  // Hints (shown under another message).
  FG4090: {
    severity: 'warning',
    'zh-CN': '确认不再需要手工修改的内容后，可加 --force 覆盖',
    en: 'Add --force to overwrite once the hand edits are no longer needed',
    fix: {
      'zh-CN': '确认手工修改已另存或不再需要后，重新运行并加 --force。',
      en: 'Once the hand edits are saved elsewhere or no longer needed, run again with --force.',
    },
  },
  FG4091: {
    severity: 'warning',
    'zh-CN': '运行 fangan render（不加 --check）重新生成',
    en: 'Run fangan render without --check to regenerate it',
    fix: {
      'zh-CN': '运行 fangan render（不加 --check），提交重新生成的文件。',
      en: 'Run fangan render without --check and commit the regenerated files.',
    },
  },
  FG4092: {
    severity: 'warning',
    'zh-CN': '加 --force 覆盖已有文件',
    en: 'Add --force to overwrite existing files',
    fix: {
      'zh-CN': '重新运行并加 --force，已有文件将被覆盖。',
      en: 'Run again with --force; the existing files are overwritten.',
    },
  },
};
