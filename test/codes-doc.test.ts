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

  it('gives every code a fix in both languages (修改办法 / Fix column)', () => {
    const missing = Object.entries(catalog)
      .filter(([, entry]) => !entry.fix?.['zh-CN'].trim() || !entry.fix.en.trim())
      .map(([code]) => code);
    expect(missing, 'add fix: { zh-CN, en } to these catalogue entries').toEqual([]);
    const text = codesMarkdown();
    for (const [code, entry] of Object.entries(catalog)) {
      // One sentence each: no line breaks in a table cell, and not the message repeated.
      expect(entry.fix!['zh-CN'], code).not.toMatch(/\n/);
      expect(entry.fix!['zh-CN'], code).not.toBe(entry['zh-CN']);
      expect(entry.fix!.en, code).not.toBe(entry.en);
      expect(text, code).toContain(`| ${entry.fix!.en.replace(/\|/g, '\\|')} |`);
    }
  });
});
