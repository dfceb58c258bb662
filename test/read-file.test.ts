import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readRegularFile,
  readRegularFileSync,
  readSource,
  readStreamCapped,
} from '../src/read/index.js';

const dir = mkdtempSync(join(tmpdir(), 'fangan-read-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const posix = process.platform !== 'win32';
const fifo = join(dir, 'pipe.yaml');
let haveFifo = false;
beforeAll(() => {
  if (!posix) return;
  try {
    execFileSync('mkfifo', [fifo]);
    haveFifo = true;
  } catch {
    haveFifo = false;
  }
});

describe('readRegularFileSync', () => {
  it('reads a regular file exactly', () => {
    const file = join(dir, 'plain.yaml');
    writeFileSync(file, 'kind: plan\n标题: 青溪镇\n');
    const r = readRegularFileSync(file);
    expect(r.ok).toBe(true);
    if (r.ok) expect(Buffer.from(r.bytes).toString('utf8')).toBe('kind: plan\n标题: 青溪镇\n');
  });

  it('reads a file of exactly the limit, refuses one byte more before reading', () => {
    const file = join(dir, 'limit.yaml');
    writeFileSync(file, 'a'.repeat(100));
    const exact = readRegularFileSync(file, { maxBytes: 100 });
    expect(exact.ok && exact.bytes.length).toBe(100);
    const over = readRegularFileSync(file, { maxBytes: 99, lang: 'en', file: 'shown.yaml' });
    expect(over).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'FG1001', file: 'shown.yaml', line: 1, column: 1 }],
    });
  });

  it('reads files larger than one chunk', () => {
    const file = join(dir, 'big.yaml');
    const text = 'x: ' + 'y'.repeat(300_000) + '\n';
    writeFileSync(file, text);
    const r = readRegularFileSync(file);
    expect(r.ok && Buffer.from(r.bytes).toString('utf8')).toBe(text);
  });

  // /proc files are regular files whose fstat size is 0 whatever their length: the same situation
  // as a file that grows after fstat. The read stops one byte past the limit.
  it.skipIf(!existsSync('/proc/self/status'))(
    'caps the read of a file that is longer than its fstat size',
    () => {
      const r = readRegularFileSync('/proc/self/status', { maxBytes: 100, lang: 'en' });
      expect(r).toMatchObject({ ok: false, diagnostics: [{ code: 'FG1201' }] });
      const whole = readRegularFileSync('/proc/self/status');
      expect(whole.ok && whole.bytes.length).toBeGreaterThan(100);
    },
  );

  it('refuses a directory with FG1200 naming it a folder', () => {
    const sub = join(dir, 'folder.yaml');
    mkdirSync(sub);
    const r = readRegularFileSync(sub, { lang: 'en' });
    expect(r).toMatchObject({ ok: false, diagnostics: [{ code: 'FG1200', line: 1, column: 1 }] });
    if (!r.ok) expect(r.diagnostics[0]?.message).toContain('a folder');
    const zh = readRegularFileSync(sub);
    if (!zh.ok) expect(zh.diagnostics[0]?.message).toContain('文件夹');
  });

  it.skipIf(!existsSync('/dev/zero'))('refuses /dev/zero without reading it', () => {
    const r = readRegularFileSync('/dev/zero', { lang: 'en' });
    expect(r).toMatchObject({ ok: false, diagnostics: [{ code: 'FG1200' }] });
    if (!r.ok) expect(r.diagnostics[0]?.message).toContain('character device');
  });

  it.skipIf(!existsSync('/dev/null'))('refuses /dev/null (a device, not an empty file)', () => {
    expect(readRegularFileSync('/dev/null')).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'FG1200' }],
    });
  });

  it('refuses a FIFO without a writer immediately instead of waiting for one', (ctx) => {
    if (!haveFifo) ctx.skip(); // mkfifo is missing (Windows); nothing to test
    const r = readRegularFileSync(fifo, { lang: 'en' });
    expect(r).toMatchObject({ ok: false, diagnostics: [{ code: 'FG1200' }] });
    if (!r.ok) expect(r.diagnostics[0]?.message).toContain('FIFO');
  });

  describe('sockets', () => {
    let server: Server | undefined;
    const socket = join(dir, 'sock.yaml');
    beforeAll(async () => {
      if (!posix) return;
      server = createServer();
      await new Promise<void>((resolve) => server?.listen(socket, resolve));
    });
    afterAll(() => server?.close());
    it('refuses a Unix socket', (ctx) => {
      if (!server) ctx.skip(); // no Unix sockets on this platform
      const r = readRegularFileSync(socket, { lang: 'en' });
      expect(r).toMatchObject({ ok: false, diagnostics: [{ code: 'FG1200' }] });
      if (!r.ok) expect(r.diagnostics[0]?.message).toContain('socket');
    });
  });

  it('follows symbolic links by default and refuses them with noFollow', (ctx) => {
    const target = join(dir, 'target.yaml');
    const link = join(dir, 'link.yaml');
    writeFileSync(target, 'a: 1\n');
    try {
      symlinkSync(target, link);
    } catch {
      ctx.skip(); // creating symlinks needs rights this system does not grant
    }
    expect(readRegularFileSync(link).ok).toBe(true);
    const r = readRegularFileSync(link, { noFollow: true, lang: 'en' });
    expect(r).toMatchObject({ ok: false, diagnostics: [{ code: 'FG1200' }] });
    if (!r.ok) expect(r.diagnostics[0]?.message).toContain('symbolic link');
  });

  it('throws the errno error for a missing file (an I/O failure, not bad data)', () => {
    expect(() => readRegularFileSync(join(dir, 'missing.yaml'))).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
  });

  it('has an async form with the same result', async () => {
    const file = join(dir, 'async.yaml');
    writeFileSync(file, 'a: 1\n');
    const r = await readRegularFile(file);
    expect(r.ok && r.bytes.length).toBe(5);
  });
});

describe('readSource uses the safe reader', () => {
  it('refuses a directory and a FIFO with FG1200', async (ctx) => {
    const sub = join(dir, 'plan-folder.yaml');
    mkdirSync(sub);
    expect(await readSource(sub)).toMatchObject({ ok: false, diagnostics: [{ code: 'FG1200' }] });
    if (!haveFifo) ctx.skip();
    expect(await readSource(fifo)).toMatchObject({ ok: false, diagnostics: [{ code: 'FG1200' }] });
  });
});

describe('readStreamCapped', () => {
  it('collects a stream within the limit', async () => {
    const r = await readStreamCapped(Readable.from([Buffer.from('kind: '), 'plan\n']), {
      file: '<stdin>',
    });
    expect(r.ok && Buffer.from(r.bytes).toString('utf8')).toBe('kind: plan\n');
  });

  it('accepts exactly the limit', async () => {
    const r = await readStreamCapped(Readable.from([Buffer.alloc(10, 0x61)]), {
      file: '<stdin>',
      maxBytes: 10,
    });
    expect(r.ok && r.bytes.length).toBe(10);
  });

  it('stops an endless stream at the limit and destroys it', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 1024;
        this.push(Buffer.alloc(1024, 0x61));
      },
    });
    const r = await readStreamCapped(endless, { file: '<stdin>', maxBytes: 10_000, lang: 'en' });
    expect(r).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'FG1201', file: '<stdin>', line: 1, column: 1 }],
    });
    if (!r.ok) expect(r.diagnostics[0]?.message).toContain('10000');
    expect(endless.destroyed).toBe(true);
    // Read-ahead aside, it did not keep consuming the stream.
    expect(produced).toBeLessThan(200_000);
  });
});
