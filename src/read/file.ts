/**
 * Safe reading of user-named files and streams. Anything a user can name — a plan, a `plan:`
 * reference, a template, a style profile, a starter, a manifest — may turn out to be a FIFO (an
 * open() that never returns), `/dev/zero` (a read that never ends), a directory, a socket, or a
 * file that keeps growing while it is read. These functions refuse every non-regular file by
 * `fstat` on the open handle (no race between a check and the open), before reading a byte, and
 * never read more than the size limit, whatever the file does in the meantime.
 *
 * Bad files are diagnostics (FG1001, FG1200, FG1201); file-system errors that are not about the
 * file's nature (ENOENT, EACCES, EIO, …) propagate as the original `ErrnoException` for the caller
 * to report as an I/O failure.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  statSync,
  type Stats,
} from 'node:fs';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';

/** Files above this size are refused before they are read or parsed. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface ReadFileOptions {
  /** Largest accepted size in bytes; default `DEFAULT_MAX_BYTES` (5 MiB). */
  maxBytes?: number;
  lang?: Lang;
  /** Name used in diagnostics; default: the path as given. */
  file?: string;
  /** Refuse a symbolic link as the last path component (FG1200) instead of following it. */
  noFollow?: boolean;
}

/** The bytes of a regular file or stream within the limit, or the diagnostics saying why not. */
export type BytesResult =
  { ok: true; bytes: Uint8Array } | { ok: false; diagnostics: Diagnostic[] };

type Kind = 'directory' | 'fifo' | 'char' | 'block' | 'socket' | 'symlink' | 'other';

const KIND_TEXT: Record<Kind, Record<Lang, string>> = {
  directory: { 'zh-CN': '文件夹', en: 'a folder' },
  fifo: { 'zh-CN': '命名管道（FIFO）', en: 'a named pipe (FIFO)' },
  char: { 'zh-CN': '字符设备', en: 'a character device' },
  block: { 'zh-CN': '块设备', en: 'a block device' },
  socket: { 'zh-CN': '套接字', en: 'a socket' },
  symlink: { 'zh-CN': '符号链接', en: 'a symbolic link' },
  other: { 'zh-CN': '特殊文件', en: 'a special file' },
};

function kindOf(stats: Stats): Kind {
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isCharacterDevice()) return 'char';
  if (stats.isBlockDevice()) return 'block';
  if (stats.isSocket()) return 'socket';
  if (stats.isSymbolicLink()) return 'symlink';
  return 'other';
}

const at = (file: string) => ({ file, line: 1, column: 1 });

const notRegular = (file: string, lang: Lang, kind: Kind): BytesResult => ({
  ok: false,
  diagnostics: [makeDiagnostic('FG1200', lang, at(file), { kind: KIND_TEXT[kind][lang] })],
});

const tooLarge = (file: string, lang: Lang, size: number, limit: number): BytesResult => ({
  ok: false,
  diagnostics: [makeDiagnostic('FG1001', lang, at(file), { size, limit })],
});

/** More than `limit` bytes arrived although the size was unknown or smaller when reading began. */
const overLimit = (file: string, lang: Lang, limit: number): BytesResult => ({
  ok: false,
  diagnostics: [makeDiagnostic('FG1201', lang, at(file), { limit })],
});

// O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting for one (the
// handle is closed again after fstat). It changes nothing for regular files. O_NOCTTY: naming a
// terminal never makes it our controlling terminal. Both are 0 where the platform lacks them.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

const CHUNK = 64 * 1024;

/**
 * Reads a regular file of at most `maxBytes` bytes. Directories, FIFOs, devices and sockets are
 * refused (FG1200) without reading; a file whose size is over the limit is refused (FG1001) before
 * reading; one that grows past the limit while it is read is refused (FG1201) after reading at most
 * `maxBytes + 1` bytes. Synchronous on purpose: for local files the thread-pool round trips of the
 * async API cost more than the read; batches run in worker threads anyway.
 */
export function readRegularFileSync(path: string, options: ReadFileOptions = {}): BytesResult {
  const lang = options.lang ?? 'zh-CN';
  const file = options.file ?? path;
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const noFollow = options.noFollow === true;
  if (noFollow && NO_FOLLOW === 0) {
    // No O_NOFOLLOW (Windows): the best available is a check just before the open.
    const link = lstatKind(path);
    if (link === 'symlink') return notRegular(file, lang, link);
  }
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS | (noFollow ? NO_FOLLOW : 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENXIO: a Unix socket (or a FIFO on some systems) cannot be opened; ELOOP with O_NOFOLLOW: a
    // symbolic link. Both are the file's nature, not an I/O failure.
    if (code === 'ENXIO' || code === 'EOPNOTSUPP') {
      return notRegular(file, lang, statKind(path) ?? 'other');
    }
    if (code === 'ELOOP' && noFollow && lstatKind(path) === 'symlink') {
      return notRegular(file, lang, 'symlink');
    }
    // Windows opens no directory handle: EISDIR is still the file's nature.
    if (code === 'EISDIR') return notRegular(file, lang, 'directory');
    throw err;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return notRegular(file, lang, kindOf(stats));
    if (stats.size > limit) return tooLarge(file, lang, stats.size, limit);
    // One byte more than the limit tells "exactly at the limit" from "grew past it".
    const cap = limit + 1;
    let buffer = Buffer.allocUnsafe(Math.min(cap, Math.max(stats.size + 1, CHUNK)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (buffer.length >= cap) break;
        const bigger = Buffer.allocUnsafe(Math.min(cap, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > limit) return overLimit(file, lang, limit);
    return { ok: true, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length) };
  } finally {
    closeSync(fd);
  }
}

/** `readRegularFileSync` behind a promise, for callers that are async anyway. */
export async function readRegularFile(
  path: string,
  options: ReadFileOptions = {},
): Promise<BytesResult> {
  return readRegularFileSync(path, options);
}

function statKind(path: string): Kind | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? undefined : kindOf(stats);
  } catch {
    return undefined;
  }
}

function lstatKind(path: string): Kind | undefined {
  try {
    const stats = lstatSync(path);
    return stats.isFile() ? undefined : kindOf(stats);
  } catch {
    return undefined;
  }
}

/**
 * Reads a stream (standard input) up to `maxBytes`. As soon as more than `maxBytes` bytes have
 * arrived it stops reading, destroys the stream (so an endless producer such as `yes` is cut off
 * and the process can exit) and returns FG1201. Stream errors propagate.
 */
export async function readStreamCapped(
  stream: AsyncIterable<Uint8Array | string>,
  options: { file: string; maxBytes?: number; lang?: Lang },
): Promise<BytesResult> {
  const lang = options.lang ?? 'zh-CN';
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const chunks: Buffer[] = [];
  let length = 0;
  // Leaving a `for await` early calls the iterator's return(), which destroys a Node stream.
  for await (const chunk of stream) {
    const buffer =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    chunks.push(buffer);
    length += buffer.length;
    if (length > limit) return overLimit(options.file, lang, limit);
  }
  const all = Buffer.concat(chunks, length);
  return { ok: true, bytes: new Uint8Array(all.buffer, all.byteOffset, all.length) };
}
