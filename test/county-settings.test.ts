import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCounty, validateText } from '../src/validate/index.js';

const examples = path.join(import.meta.dirname, '..', 'examples');
const plain = (text: string) =>
  validateText(text, { file: 'county.yaml', lang: 'en' }).diagnostics.map(
    (d) => `${d.code} ${d.line}:${d.column}`,
  );

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('county settings (kind: county)', () => {
  it('loads the shipped example with no diagnostics', async () => {
    const { county, result } = await loadCounty(path.join(examples, 'county/county.yaml'));
    expect(result.diagnostics).toEqual([]);
    expect(result.kind).toBe('county');
    expect(county).toMatchObject({
      name: '云川县',
      issuer: '云川县卫生健康局',
      due: { '2025Q1': '2025-04-10' },
    });
  });

  it('reports bad keys, impossible dates and early deadlines at their line and column', () => {
    const text = [
      'kind: county',
      'name: 云川县',
      'issuer: 云川县卫生健康局',
      'addresse: 县爱卫办',
      'due:',
      '  2025Q5: 2025-04-10',
      '  2025Q1: 2025-02-30',
      '  2025Q2: 2025-06-01',
      '  2025Q3: 2025/10/10',
    ].join('\n');
    expect(plain(text)).toEqual([
      'FG2011 4:1',
      'FG6250 6:3',
      'FG2105 7:11',
      'FG6251 8:11',
      'FG2014 9:11',
    ]);
  });

  it('requires name and issuer, and a deadline on the quarter end is still early', () => {
    expect(plain('kind: county\ndue:\n  2025Q1: 2025-03-31\n')).toEqual([
      'FG2010 1:1',
      'FG2010 1:1',
      'FG6251 3:11',
    ]);
  });

  it('gives no county for a file with errors', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fangan-county-'));
    const file = path.join(dir, 'county.yaml');
    await writeFile(file, 'kind: county\nname: 云川县\n');
    const loaded = await loadCounty(file);
    expect(loaded.county).toBeUndefined();
    expect(loaded.result.diagnostics.map((d) => d.code)).toEqual(['FG2010']);
  });
});
