import type { FileResult, Lang } from '../../diagnostics/types.js';

export interface FormatOptions {
  lang: Lang;
  /** ANSI colours (stylish only); decided by the caller from NO_COLOR / TTY. */
  color: boolean;
  /** Folder that relative paths and SARIF URIs are relative to. */
  cwd: string;
  /** Warnings fail the run (`--strict`), so JUnit reports them as failures too. */
  strict: boolean;
  /** fangan's version, for SARIF `tool.driver.version`. */
  version: string;
}

/** A formatter turns finished results into the whole text written to stdout. Pure. */
export type Formatter = (results: readonly FileResult[], options: FormatOptions) => string;

export const formatNames = ['stylish', 'json', 'github', 'sarif', 'junit'] as const;
export type FormatName = (typeof formatNames)[number];

export const isFormatName = (name: string): name is FormatName =>
  (formatNames as readonly string[]).includes(name);

/** Loads one formatter on demand, so `validate` pays only for the format it prints. */
export async function loadFormatter(name: FormatName): Promise<Formatter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).formatStylish;
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'github':
      return (await import('./github.js')).formatGithub;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'junit':
      return (await import('./junit.js')).formatJunit;
  }
}

export interface ProblemCounts {
  files: number;
  errors: number;
  warnings: number;
}

export function countProblems(results: readonly FileResult[]): ProblemCounts {
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    for (const d of r.diagnostics) {
      if (d.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { files: results.length, errors, warnings };
}

/** "✖ 3 个问题（2 个错误，1 个警告），共 5 个文件" / "✖ 3 problems (2 errors, 1 warning) in 5 files". */
export function summaryText(counts: ProblemCounts, lang: Lang): string {
  const problems = counts.errors + counts.warnings;
  if (lang === 'zh-CN') {
    if (problems === 0) return `✔ 共 ${counts.files} 个文件，没有发现问题`;
    return `✖ ${problems} 个问题（${counts.errors} 个错误，${counts.warnings} 个警告），共 ${counts.files} 个文件`;
  }
  const n = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  if (problems === 0) return `✔ ${n(counts.files, 'file')} checked, no problems`;
  return `✖ ${n(problems, 'problem')} (${n(counts.errors, 'error')}, ${n(counts.warnings, 'warning')}) in ${n(counts.files, 'file')}`;
}
