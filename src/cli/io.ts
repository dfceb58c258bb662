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
}

export const processIO = (): CliIO => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});

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
