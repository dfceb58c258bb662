import type { LockOwner } from '../../src/write/lock.js';

/** The lock owner the CLI passes (src/cli/io.ts), for tests that call the library directly. */
export const testLockOwner: LockOwner = {
  pid: process.pid,
  isAlive: (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
};
