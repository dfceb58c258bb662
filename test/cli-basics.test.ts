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
    expect(io.err()).toContain('错误：没有“no-such-command”这个命令');
    const en = captureIO({ env: { LANG: 'en_US.UTF-8' } });
    expect(await run(['no-such-command'], en)).toBe(2);
    expect(en.err()).toMatch(/unknown command 'no-such-command'/);
  });
});
