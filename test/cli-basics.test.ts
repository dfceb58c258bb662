import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { captureIO } from './helpers/io.js';

describe('fangan CLI basics', () => {
  it('prints the package version', async () => {
    const io = captureIO();
    expect(await run(['--version'], io)).toBe(0);
    expect(io.out().trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 on an unknown command', async () => {
    const io = captureIO();
    expect(await run(['no-such-command'], io)).toBe(2);
    expect(io.err()).toMatch(/unknown command/);
  });
});
