/**
 * Differential test of the fast YAML reader against the `yaml` package on the hand-written cases
 * in test/fixtures/yaml-suite/ (see its README): for every case and every generated variant of it
 * (no final newline, nested under a key, as a sequence item, after a comment), the fast reader
 * either gives up or returns exactly what `yaml` returns, and only for text that `yaml` reads
 * without a single error or warning.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { fastParse, fullParse } from '../src/parse/index.js';

interface Case {
  file: string;
  name: string;
  text: string;
}

const suiteDir = new URL('./fixtures/yaml-suite/', import.meta.url);

/** `=== name` starts a case; its text is every line up to the next `=== ` line. */
function loadCases(): Case[] {
  const cases: Case[] = [];
  for (const file of readdirSync(suiteDir).filter((f) => f.endsWith('.txt'))) {
    const lines = readFileSync(new URL(file, suiteDir), 'utf8').split('\n');
    let current: { name: string; lines: string[] } | undefined;
    const flush = () => {
      if (current) cases.push({ file, name: current.name, text: current.lines.join('\n') + '\n' });
    };
    for (const line of lines) {
      if (line.startsWith('=== ')) {
        flush();
        current = { name: line.slice(4), lines: [] };
      } else current?.lines.push(line);
    }
    // The file's own final newline ends the last case's last line.
    if (current && current.lines[current.lines.length - 1] === '') current.lines.pop();
    flush();
  }
  return cases;
}

const indentLines = (text: string, prefix: string): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : prefix + l))
    .join('\n');

/** The case itself and variants that put it in other contexts. */
function variants(text: string): { label: string; text: string }[] {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const nested = indentLines(body, '  ');
  return [
    { label: 'as written', text },
    { label: 'no final newline', text: body },
    { label: 'under a key', text: `root:\n${nested}\n` },
    { label: 'under a key, deeper', text: `root:\n  inner:\n${indentLines(nested, '  ')}\n` },
    { label: 'as a sequence item', text: `- ${nested.slice(2)}\n` },
    { label: 'as the second entry', text: `first: 1\n${body}\n` },
    { label: 'after a comment and a marker', text: `# head\n---\n${body}\n` },
    { label: 'with CRLF', text: text.replace(/\n/g, '\r\n') },
  ];
}

/** What the `yaml` package makes of `text` with fangan's options, or undefined on any problem. */
function yamlReads(text: string): { value: unknown } | undefined {
  const docs = parseAllDocuments(text, {
    version: '1.2',
    schema: 'core',
    merge: false,
    uniqueKeys: true,
    stringKeys: true,
    strict: true,
    prettyErrors: false,
  });
  if (!Array.isArray(docs) || docs.length !== 1) return undefined;
  const [doc] = docs;
  if (!doc || doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
  return { value: doc.toJS() };
}

const cases = loadCases();

describe('fast reader vs yaml on the yaml-suite cases', () => {
  it('loads the cases', () => {
    expect(cases.length).toBeGreaterThan(200);
    expect(new Set(cases.map((c) => c.file)).size).toBeGreaterThanOrEqual(7);
  });

  let accepted = 0;
  let total = 0;
  for (const c of cases) {
    it(`${c.file}: ${c.name}`, () => {
      for (const v of variants(c.text)) {
        total++;
        const fast = fastParse(v.text);
        if (!fast) continue;
        accepted++;
        const where = `${c.file} / ${c.name} / ${v.label}:\n${v.text}`;
        const reference = yamlReads(v.text);
        expect(reference, `yaml finds problems the fast reader accepted: ${where}`).toBeDefined();
        expect(fast.value, where).toStrictEqual(reference?.value);
        // fangan's own full parser (tags, merges, non-finite numbers refused) agrees too.
        const full = fullParse(v.text);
        expect(full.problems, where).toEqual([]);
        expect(fast.value, where).toStrictEqual(full.value);
      }
    });
  }

  it('takes the fast path for a fair share of the variants (it is not a reader that always gives up)', () => {
    expect(total).toBeGreaterThan(0);
    expect(accepted / total).toBeGreaterThan(0.25);
  });

  it('agrees with yaml on the cases damaged by random edits of YAML punctuation', () => {
    const punctuation = fc.constantFrom(
      ...['-', '-', ':', ' ', ' ', ',', '[', ']', '{', '}', '#', '"', "'", '|', '.', '\n', '?'],
    );
    fc.assert(
      fc.property(
        fc.nat(cases.length - 1),
        fc.array(fc.tuple(fc.nat(), punctuation, fc.boolean()), { minLength: 1, maxLength: 3 }),
        (which, edits) => {
          let text = (cases[which] as Case).text;
          for (const [at, ch, insert] of edits) {
            const i = at % (text.length + 1);
            text = insert
              ? text.slice(0, i) + ch + text.slice(i)
              : text.slice(0, i) + text.slice(i + 1);
          }
          const fast = fastParse(text);
          if (!fast) return;
          const reference = yamlReads(text);
          expect(reference, text).toBeDefined();
          expect(fast.value, text).toStrictEqual(reference?.value);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
