import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../src/validate/suggest.js';

/** The textbook optimal string alignment distance, to hold the bounded one to. */
function reference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

describe('editDistance', () => {
  const word = fc.string({ unit: fc.constantFrom(...'abcdeé健康'), maxLength: 12 });

  it('is the optimal string alignment distance', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(editDistance(a, b)).toBe(reference(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('with a bound, is exact up to the bound and above it past the bound', () => {
    fc.assert(
      fc.property(word, word, fc.nat(6), (a, b, max) => {
        const exact = reference(a, b);
        const bounded = editDistance(a, b, max);
        if (exact <= max) expect(bounded).toBe(exact);
        else expect(bounded).toBeGreaterThan(max);
      }),
      { numRuns: 2000 },
    );
  });

  it('still suggests typos and shortened ids', () => {
    expect(closest('titel', ['title', 'issuer', 'period'])).toBe('title');
    expect(closest('smoking', ['smoking_rate', 'literacy'])).toBe('smoking_rate');
    expect(closest('key12345', ['title', 'issuer', 'period'])).toBeUndefined();
  });
});
