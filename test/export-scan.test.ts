import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createScanner } from '../src/export/scan.js';

const fixture = (name: string): string => path.join(import.meta.dirname, 'fixtures/validate', name);

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('export scan', () => {
  it('reads town and county names from a GB18030 plan as the read stage decodes it', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fangan-scan-'));
    await copyFile(fixture('plan-gb18030.yaml'), path.join(dir, 'plan.yaml'));
    const progress = path.join(dir, '2025Q1.yaml');
    await writeFile(progress, 'kind: progress\nplan: ./plan.yaml\nquarter: 2025q1\n');

    const candidate = await createScanner(dir)(progress);

    expect(candidate).toMatchObject({
      isProgress: true,
      quarter: '2025Q1',
      planFile: path.join(dir, 'plan.yaml'),
      town: '青石镇',
    });
    expect(candidate.inputHash).toMatch(/^[0-9a-f]{64}$/);
    // Held as 32 bytes: what is set reads back the same, and only a digest can be set.
    candidate.inputHash = '0f'.repeat(32);
    expect(candidate.inputHash).toBe('0f'.repeat(32));
    expect(() => (candidate.inputHash = 'not hex')).toThrow(/sha256/);
  });

  it('keeps the input hashes of many candidates apart across pages of digests', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fangan-scan-'));
    await copyFile(fixture('plan-gb18030.yaml'), path.join(dir, 'plan.yaml'));
    const scan = createScanner(dir);
    const candidates = [];
    // More files than one page of digests holds (2,048), each with its own bytes; read at the end.
    for (let i = 0; i < 2_100; i++) {
      const file = path.join(dir, `${i}.yaml`);
      await writeFile(file, `kind: progress\nplan: ./plan.yaml\nquarter: 2025Q1\n# ${i}\n`);
      candidates.push(await scan(file));
    }
    const hashes = new Set(candidates.map((c) => c.inputHash ?? ''));
    expect(hashes.size).toBe(2_100);
    expect([...hashes].every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
  });
});
