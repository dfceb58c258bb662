/**
 * "Did you mean" for keys and ids. Optimal string alignment distance (Levenshtein plus adjacent
 * transpositions, so `titel` is one edit from `title`), after dropping characters that are easy
 * to type by accident and impossible to see.
 */

const ACCIDENTAL = /[\u200b-\u200f\u2060\ufeff\u3000\u00a0]/g;

/** Rows reused across calls: 100,000 unknown keys in one file ask for millions of distances. */
let rows = [new Int32Array(16), new Int32Array(16), new Int32Array(16)];

/**
 * The distance between `a` and `b`, or any number above `max` as soon as it is certain to exceed
 * it (every cell of two consecutive rows above `max`: no later cell can come back under it).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  if (Math.abs(m - n) > max) return max + 1;
  if ((rows[0] as Int32Array).length <= n) {
    rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  }
  // Three rolling rows: two back for transpositions.
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= n; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max && prevMin > max) return max + 1;
    prevMin = rowMin;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] as number;
}

/** The closest candidate within a small distance (about a third of the length), or undefined. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const clean = word.replace(ACCIDENTAL, '').replace(/\uff1a/g, ':');
  const lower = clean.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const other = candidate.toLowerCase();
    const limit = Math.max(1, Math.floor(Math.max(clean.length, candidate.length) / 3));
    // `smoking` for `smoking_rate`: a shortened id is as good a guess as a typo.
    const prefix =
      Math.min(lower.length, other.length) >= 3 &&
      (other.startsWith(lower) || lower.startsWith(other));
    // Only a distance that could still win is computed to the end.
    const bound = (prefix ? bestDistance : Math.min(limit + 1, bestDistance)) - 1;
    const d = other === lower ? 0 : editDistance(lower, other, bound);
    if ((d <= limit || prefix) && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
