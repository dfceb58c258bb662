/**
 * The CLI's own output through the built bin: a write error on stdout is exit 2 with a message
 * (a report that did not reach its file must not pass in CI), while a reader that goes away
 * (`| head`) stays quiet; a file that cannot be read never ends in "✔ 0 files, no problems".
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const bin = path.join(root, 'bin/fangan.js');
const plan = path.join(root, 'examples/qingxi/plan.yaml');
const work = mkdtempSync(path.join(tmpdir(), 'fangan-cli-output-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const env = { ...process.env, NO_COLOR: '1', CI: '1', LANG: 'en_US.UTF-8' };

if (!existsSync(path.join(root, 'dist/cli/main.js'))) {
  throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
}
const linux = process.platform === 'linux' && existsSync('/dev/full');
if (!linux) console.warn('stdout write-error tests skipped: no /dev/full on this platform');

describe('stdout write errors', () => {
  it.skipIf(!linux).each(['sarif', 'json', 'stylish'])(
    'validate --format %s > /dev/full exits 2 with a message on stderr',
    (format) => {
      const full = openSync('/dev/full', 'w');
      try {
        const res = spawnSync(process.execPath, [bin, 'validate', '--format', format, plan], {
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
          env,
        });
        expect(res.status).toBe(2);
        expect(res.stderr).toMatch(/FG9151 .*ENOSPC/);
        expect(res.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
      } finally {
        closeSync(full);
      }
    },
  );

  it.skipIf(!linux)('a reader that stops early (| head) is not an error', () => {
    // Enough problems for far more output than a pipe buffer holds.
    const dir = path.join(work, 'many');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 300; i++)
      writeFileSync(path.join(dir, `p${i}.yaml`), 'kind: plan\ntitel: x\n');
    const res = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${bin}" validate --format json "${dir}" | head -c 100 >/dev/null; exit \${PIPESTATUS[0]}`,
      ],
      { encoding: 'utf8', env },
    );
    expect(res.status).toBe(1); // the files' own verdict
    expect(res.stderr).toBe('');
  });
});

describe('validate of a file that cannot be read', () => {
  // /proc/self/mem is a regular file whose first bytes cannot be read (EIO), even as root.
  const unreadable = '/proc/self/mem';
  const can = process.platform === 'linux' && existsSync(unreadable);
  if (!can) console.warn('unreadable-file test skipped: no /proc/self/mem on this platform');

  it.skipIf(!can)('says the file could not be read instead of ✔ 0 files', () => {
    const res = spawnSync(process.execPath, [bin, 'validate', unreadable], {
      encoding: 'utf8',
      env,
    });
    expect(res.status).toBe(2);
    expect(res.stdout).not.toContain('✔');
    expect(res.stdout).toContain('✖ 1 file(s) could not be read and were not checked');
    expect(res.stderr).toContain('FG9003');
  });

  it.skipIf(!can)('with a readable file too: its verdict, then the unreadable count', () => {
    const res = spawnSync(process.execPath, [bin, 'validate', unreadable, plan], {
      encoding: 'utf8',
      env,
    });
    expect(res.status).toBe(2);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      '✖ 1 file(s) could not be read and were not checked (see standard error)',
    );
  });
});
