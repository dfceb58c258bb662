import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Lang } from '../diagnostics/types.js';
import { flatString } from '../write/index.js';
import { toPosix } from './formatters/paths.js';
import { usageError } from './usage.js';

/** The argument that means "read standard input". */
export const STDIN = '-';

/** One file to check: `display` is what the user sees (relative to cwd when they typed it so). */
export interface InputFile {
  display: string;
  absolute: string;
}

export type Input = InputFile | { stdin: true };

/** A sub-folder that could not be listed (EACCES …): reported, the rest is still checked. */
export interface UnreadableFolder {
  display: string;
  reason: string;
}

export interface DiscoverOptions {
  /**
   * Collects sub-folders that cannot be read instead of failing the whole run on the first one.
   * Without it an unreadable sub-folder is a usage error (FG9003).
   */
  unreadable?: UnreadableFolder[];
  /** Folder listing (tests inject errors here). */
  readdir?: typeof readdir;
}

const YAML_FILE = /\.ya?ml$/i;
const GLOB_MAGIC = /[*?[{]/;

/** Folders never worth descending into: dependencies and hidden folders (.git, .github, …). */
const skipFolder = (name: string): boolean => name === 'node_modules' || name.startsWith('.');

/**
 * Turns command-line paths into the list of files to check, in argument order (a folder's files
 * sorted by path), without duplicates. Arguments can be files, folders (searched recursively for
 * *.yaml / *.yml), quoted globs, or `-` for standard input. A path that does not exist, or a
 * folder or glob without YAML files, is a usage error: in CI a typo must not pass as "0 problems".
 */
export async function discoverFiles(
  args: readonly string[],
  cwd: string,
  lang: Lang,
  options: DiscoverOptions = {},
): Promise<Input[]> {
  const inputs: Input[] = [];
  const seen = new Set<string>();
  let sawStdin = false;

  const add = (display: string, absolute: string): void => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    inputs.push({ display, absolute });
  };

  for (const arg of args) {
    if (arg === STDIN) {
      if (sawStdin) throw usageError('FG9007', lang);
      sawStdin = true;
      inputs.push({ stdin: true });
      continue;
    }
    const absolute = path.resolve(cwd, arg);
    const info = await stat(absolute).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
      throw usageError('FG9003', lang, { path: arg, reason: err.code ?? err.message });
    });

    if (info?.isFile()) {
      add(arg, absolute);
    } else if (info?.isDirectory()) {
      const display = displayUnder(arg, absolute);
      const skipped: string[] = [];
      const found = await walkFolder(absolute, {
        ...(options.readdir ? { readdir: options.readdir } : {}),
        onUnreadable: (folder, err) => {
          const reason = err.code ?? err.message;
          if (!options.unreadable || folder === path.normalize(absolute)) {
            throw usageError('FG9003', lang, { path: display(folder) || arg, reason });
          }
          skipped.push(folder);
          options.unreadable.push({ display: display(folder), reason });
        },
      });
      if (found.length === 0 && skipped.length === 0) {
        throw usageError('FG9002', lang, { pattern: arg });
      }
      for (const file of found) add(display(file), file);
    } else if (info) {
      throw usageError('FG9008', lang, { path: arg });
    } else if (GLOB_MAGIC.test(arg)) {
      // A name like `方案[2025].yaml` that exists is taken literally above; only then a glob.
      const found = await expandGlob(arg, cwd);
      if (found.length === 0) throw usageError('FG9002', lang, { pattern: arg });
      for (const file of found) add(file, path.resolve(cwd, file));
    } else {
      throw usageError('FG9001', lang, { path: arg });
    }
  }
  return inputs;
}

/**
 * The files of `args` as a batch command takes them: absolute paths only (standard input has no
 * place in a batch), each one flat string (a batch holds them until it ends; see `flatString`).
 */
export async function discoverPaths(
  args: readonly string[],
  cwd: string,
  lang: Lang,
): Promise<string[]> {
  const inputs = await discoverFiles(args, cwd, lang);
  return inputs.flatMap((i) => ('absolute' in i ? [flatString(i.absolute)] : []));
}

/**
 * For files found below the folder `arg` (resolved: `absolute`): the path to show, i.e.
 * `path.join(arg, path.relative(absolute, file))` in posix form, built by slicing because a large
 * folder has thousands of files and nothing to normalise below `arg`.
 */
function displayUnder(arg: string, absolute: string): (file: string) => string {
  const skip = absolute.endsWith(path.sep) ? absolute.length : absolute.length + 1;
  const base = path.normalize(arg);
  const prefix = base === '.' ? '' : base.endsWith(path.sep) ? base : base + path.sep;
  return (file) => toPosix(prefix + file.slice(skip));
}

/**
 * All *.yaml / *.yml files below `root`, sorted, skipping node_modules and dot-folders. A folder
 * that cannot be listed goes to `onUnreadable` (which may throw); by default the error is thrown.
 */
export async function walkFolder(
  root: string,
  options: {
    readdir?: typeof readdir;
    onUnreadable?: (folder: string, err: NodeJS.ErrnoException) => void;
  } = {},
): Promise<string[]> {
  const files: string[] = [];
  const list = options.readdir ?? readdir;
  const visit = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await list(dir, { withFileTypes: true });
    } catch (err) {
      if (!options.onUnreadable) throw err;
      options.onUnreadable(dir, err as NodeJS.ErrnoException);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // `dir` is already absolute and normalised: a plain join is enough (and cheap per entry).
    const parent = dir.endsWith(path.sep) ? dir : dir + path.sep;
    for (const entry of entries) {
      const full = parent + entry.name;
      if (entry.isDirectory()) {
        if (!skipFolder(entry.name)) await visit(full);
      } else if (YAML_FILE.test(entry.name)) {
        // Symlinked files count; symlinked folders are not followed (no cycles).
        if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(full)))) files.push(full);
      }
    }
  };
  await visit(path.normalize(root));
  return files;
}

const isFile = (p: string): Promise<boolean> =>
  stat(p).then(
    (s) => s.isFile(),
    () => false,
  );

/**
 * Expands a glob relative to `cwd` (tinyglobby: `*`, `**`, `?`, `[...]`, `{a,b}`). Results are
 * posix paths relative to `cwd` (absolute for an absolute pattern), sorted. Unless the pattern's
 * last segment names an extension (`*.yml`, `plan.*`), only YAML files are kept, so that
 * `'plans/**'` does not pick up the README next to the plans.
 */
export async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const { glob } = await import('tinyglobby');
  const posixPattern = toPosix(pattern);
  const absolute = path.isAbsolute(pattern);
  const matches = await glob(posixPattern, {
    cwd,
    absolute,
    dot: false,
    onlyFiles: true,
    expandDirectories: false,
    // Like folder walking: symlinked folders are not followed (no cycles, no duplicates).
    followSymbolicLinks: false,
    ignore: ['**/node_modules/**'],
  });
  const lastSegment = posixPattern.slice(posixPattern.lastIndexOf('/') + 1);
  const keepAll = lastSegment.includes('.');
  const kept = keepAll ? matches : matches.filter((m) => YAML_FILE.test(m));
  return kept.map(toPosix).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
