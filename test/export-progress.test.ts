import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../src/cli/progress-bar.js';
import { captureIO } from './helpers/io.js';

describe('export progress display', () => {
  it('prints a plain line at every tenth without a TTY', () => {
    const io = captureIO();
    const bar = createProgressBar(io, 25, { label: '导出' });
    for (let i = 0; i < 25; i++) bar.tick();
    bar.done();
    const lines = io.err().trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('导出 3/25');
    expect(lines.at(-1)).toBe('导出 25/25');
  });

  it('redraws one line on a TTY, keeps notes above it, and is silent when quiet', () => {
    const io = captureIO();
    io.stderr.isTTY = true;
    let now = 0;
    const bar = createProgressBar(io, 4, { now: () => (now += 200) });
    bar.tick('青溪镇');
    bar.note('✖ bad.yaml');
    bar.tick();
    bar.tick();
    bar.tick();
    bar.done();
    expect(io.err()).not.toMatch(/\n.*\n.*\n/); // only the note ends a line
    expect(io.err()).toContain('✖ bad.yaml\n');
    expect(io.err()).toContain('4/4');
    const quiet = captureIO();
    const q = createProgressBar(quiet, 3, { quiet: true });
    q.tick();
    q.note('x');
    q.done();
    expect(quiet.err()).toBe('');
  });
});
