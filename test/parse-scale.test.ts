/**
 * Large inputs whose cost used to grow with the square of their size. These tests check results
 * only; the timings are measured by hand (see the report of issue 10), never asserted.
 */
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../src/parse/index.js';
import { validateText } from '../src/validate/index.js';

describe('100,000 keys in one mapping', () => {
  const N = 100_000;
  const lines: string[] = [];
  for (let i = 0; i < N; i++) lines.push(`key${i}: ${i}`);

  it('reports a duplicate at its second occurrence, naming the first line', () => {
    // key7 again after all the others, and key99998 again in the middle of the file.
    const text = [
      ...lines.slice(0, 50_000),
      'key49999: twice',
      ...lines.slice(50_000),
      'key7: again',
    ]
      .join('\n')
      .concat('\n');
    const r = parseYaml(text, { file: 'big.yaml', lang: 'en' });
    expect(r.ok).toBe(true); // a duplicate key leaves the rest usable
    expect(r.diagnostics).toMatchObject([
      { code: 'FG1102', line: 50_001, column: 1, endColumn: 9 },
      { code: 'FG1102', line: N + 2, column: 1, endColumn: 5 },
    ]);
    expect(r.diagnostics[0]?.message).toContain('"key49999" (first used on line 50000)');
    expect(r.diagnostics[1]?.message).toContain('"key7" (first used on line 8)');
    // The first value wins and every key is there once.
    const value = r.value as Record<string, unknown>;
    expect(Object.keys(value)).toHaveLength(N);
    expect(value.key7).toBe(7);
    expect(value.key49999).toBe(49_999);
  }, 120_000);

  it('reads them all when there is no duplicate', () => {
    const r = parseYaml(lines.join('\n') + '\n', { file: 'big.yaml' });
    expect(r.diagnostics).toEqual([]);
    expect(Object.keys(r.value as object)).toHaveLength(N);
  }, 120_000);
});

describe('20,000 unknown keys in one plan', () => {
  const N = 20_000;
  const text = `kind: plan\n${Array.from({ length: N }, (_, i) => `title${i}: ${i}`).join('\n')}\n`;

  // Each diagnostic looks its key up in the mapping: with a search of the mapping per lookup this
  // was quadratic (100,000 keys: six minutes); the fast reader's offsets and the key index of the
  // full parser's mappings make it one lookup each.
  it.each([
    ['the fast reader', text],
    ['the full parser', `${text}#\t\n`], // the tab sends the file to the full parser
  ])(
    'positions every one of them at its key, read by %s',
    (_, source) => {
      const result = validateText(source, { file: 'big.yaml', lang: 'en' });
      const unknown = result.diagnostics.filter((d) => d.code === 'FG2011');
      expect(unknown).toHaveLength(N);
      unknown.forEach((d, i) => {
        expect([d.line, d.column, d.endColumn], d.message).toEqual([
          i + 2,
          1,
          6 + String(i).length,
        ]);
      });
      // `title0` … are all close to `title`, but only the first thousand are compared with the
      // allowed keys: past that the file is not a plan at all.
      const guessed = unknown.filter((d) => d.hint?.includes('Did you mean "title"?'));
      expect(guessed.map((d) => d.line)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 2));
    },
    120_000,
  );
});
