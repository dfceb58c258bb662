import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../src/diagnostics/catalog.js';
import { codesMarkdown } from '../src/diagnostics/codes-doc.js';

describe('docs/codes.md', () => {
  it('is the table generated from the message catalogue (npm run generate rewrites it)', () => {
    expect(readFileSync('docs/codes.md', 'utf8')).toBe(codesMarkdown());
  });

  it('lists every code once, under its stage', () => {
    const text = codesMarkdown();
    for (const code of Object.keys(catalog)) {
      expect(text.split(`\n| ${code} |`).length - 1, code).toBe(1);
    }
    expect(text).toContain('| FG1001 |');
  });
});
