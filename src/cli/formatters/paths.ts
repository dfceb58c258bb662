import path from 'node:path';

/**
 * A diagnostic's file as a posix path relative to `cwd` (what CI annotations and SARIF expect).
 * Pseudo-files such as `<stdin>` and paths already relative are kept as they are.
 */
export function relativePath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file.split(path.sep).join('/');
  const rel = path.relative(cwd, file);
  return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
}
