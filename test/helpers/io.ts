import { Readable } from 'node:stream';
import type { CliIO } from '../../src/cli/io.js';

export type CapturedIO = CliIO & { out: () => string; err: () => string };

/** An in-memory CliIO: captured stdout/stderr, optional stdin text, NO_COLOR on. */
export function captureIO(
  options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {},
): CapturedIO {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: Readable.from(
      options.stdin === undefined ? [] : [options.stdin],
    ) as unknown as CliIO['stdin'],
    env: { NO_COLOR: '1', ...options.env },
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
