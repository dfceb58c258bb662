import type { LockOwner } from '../write/lock.js';

/**
 * The one seam between the CLI and the outside world, so tests can run commands in-process
 * with captured output and a fake environment.
 */
export interface CliIO {
  stdout: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on SIGINT / SIGTERM while a command that writes files runs (see `watchSignals`). */
  signal?: AbortSignal;
  /** Called by commands that write files: a signal then cleans up instead of exiting at once. */
  graceful?: () => void;
  /** Owner of output-folder locks: this process, so a dead process's lock can be taken over. */
  lockOwner?: LockOwner;
}

/** This process as the owner of a folder lock; `isAlive` asks the OS with signal 0. */
export const processLockOwner: LockOwner = {
  pid: process.pid,
  isAlive: (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      // EPERM: it runs, under another user.
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
};

export const processIO = (): CliIO => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  lockOwner: processLockOwner,
});

/** Exit codes after a signal, as shells report them (128 + signal number). */
export const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

export interface SignalWatch {
  signal: AbortSignal;
  /** The first signal received, if any. */
  received(): 'SIGINT' | 'SIGTERM' | undefined;
  /** From now on a signal aborts `signal` (the command cleans up) instead of exiting at once. */
  graceful(): void;
  stop(): void;
}

/** How long a command may take to clean up after a signal before the process just exits. */
const GRACE_MS = 10_000;

/**
 * SIGINT / SIGTERM for the real process. Commands that only read exit at once, as without a
 * handler. Commands that write call `graceful()`: a signal then aborts `signal`, the write stage
 * stops before its next rename, removes its temporary files, records what it renamed and
 * releases the folder lock, and the run ends with 130 / 143. A second signal, or a cleanup that
 * takes longer than ten seconds, exits at once (the journal keeps even that case recoverable).
 */
export function watchSignals(): SignalWatch {
  const controller = new AbortController();
  let first: 'SIGINT' | 'SIGTERM' | undefined;
  let graceful = false;
  const onSignal = (name: 'SIGINT' | 'SIGTERM'): void => {
    if (first !== undefined || !graceful) process.exit(SIGNAL_EXIT[first ?? name]);
    first = name;
    controller.abort(name);
    setTimeout(() => process.exit(SIGNAL_EXIT[name]), GRACE_MS).unref();
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    received: () => first,
    graceful: () => (graceful = true),
    stop: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}

/** Raised for bad command-line use (exit 2); the message is shown as is, without a stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Colour only on a TTY and when NO_COLOR is unset (https://no-color.org). */
export const useColor = (io: CliIO): boolean =>
  !io.env.NO_COLOR &&
  io.env.FORCE_COLOR !== '0' &&
  (Boolean(io.stdout.isTTY) || Boolean(io.env.FORCE_COLOR));

/** Prompts are allowed only on an interactive terminal outside CI. */
export const canPrompt = (io: CliIO): boolean =>
  Boolean(io.stdin.isTTY) && Boolean(io.stdout.isTTY) && !io.env.CI;
