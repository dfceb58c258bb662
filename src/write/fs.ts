/**
 * The file-system calls of the write stage, gathered in one object so tests can inject an errno
 * (disk full, read-only, a failing rename) where a real one cannot be provoked without root
 * tricks. Production code always uses `nodeFs`.
 */
import * as fsp from 'node:fs/promises';

export interface WriteFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  unlink: typeof fsp.unlink;
  link: typeof fsp.link;
  lstat: typeof fsp.lstat;
  stat: typeof fsp.stat;
  mkdir: typeof fsp.mkdir;
  readdir: typeof fsp.readdir;
  readFile: typeof fsp.readFile;
  access: typeof fsp.access;
  rmdir: typeof fsp.rmdir;
}

export const nodeFs: WriteFs = {
  open: fsp.open,
  rename: fsp.rename,
  unlink: fsp.unlink,
  link: fsp.link,
  lstat: fsp.lstat,
  stat: fsp.stat,
  mkdir: fsp.mkdir,
  readdir: fsp.readdir,
  readFile: fsp.readFile,
  access: fsp.access,
  rmdir: fsp.rmdir,
};

export const errnoCode = (err: unknown): string | undefined =>
  (err as NodeJS.ErrnoException | undefined)?.code;
