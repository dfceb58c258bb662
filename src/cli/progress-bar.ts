import type { CliIO } from './io.js';

/**
 * Progress of a batch on stderr. On a terminal: one line redrawn in place, at most every 100 ms
 * ("[██████░░░░] 600/1000 青溪镇…"). Elsewhere (CI logs, pipes): a plain line at every tenth of
 * the way, so logs stay short. `quiet` prints nothing (machine-readable output on stdout).
 */
export interface ProgressBar {
  tick(label?: string): void;
  /** A line that must not be overwritten (e.g. a failed file); keeps the bar below it. */
  note(line: string): void;
  done(): void;
}

const WIDTH = 24;
const REDRAW_MS = 100;

export function createProgressBar(
  io: CliIO,
  total: number,
  options: { quiet?: boolean; label?: string; now?: () => number } = {},
): ProgressBar {
  const out = io.stderr;
  const prefix = options.label ? `${options.label} ` : '';
  if (options.quiet || total === 0) {
    return { tick: () => undefined, note: () => undefined, done: () => undefined };
  }
  let count = 0;

  if (!out.isTTY) {
    let printedStep = 0;
    return {
      tick() {
        count++;
        const step = Math.floor((count * 10) / total);
        if (step > printedStep) {
          printedStep = step;
          out.write(`${prefix}${count}/${total}\n`);
        }
      },
      note: (line) => void out.write(`${line}\n`),
      done: () => undefined,
    };
  }

  const now = options.now ?? Date.now;
  let last = 0;
  let lastLabel = '';
  const draw = (): void => {
    const filled = Math.round((count / total) * WIDTH);
    const bar = '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
    out.write(`\r\x1b[2K${prefix}[${bar}] ${count}/${total} ${lastLabel}`);
  };
  return {
    tick(label) {
      count++;
      if (label !== undefined) lastLabel = label;
      const t = now();
      if (count === total || t - last >= REDRAW_MS) {
        last = t;
        draw();
      }
    },
    note(line) {
      out.write(`\r\x1b[2K${line}\n`);
      draw();
    },
    done() {
      out.write('\r\x1b[2K');
    },
  };
}
