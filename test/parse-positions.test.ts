/**
 * Positions from the fast reader (src/parse/fast.ts, recording offsets) against the full `yaml`
 * parser's tree: for every node of every file the fast reader takes, the span of its value and of
 * its key is the one the full parser gives; so are the diagnostics of failing files. A failing
 * file the fast reader can read never loads the full parser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import * as full from '../src/parse/full.js';
import { fastParse, parseYaml, pointerOf } from '../src/parse/index.js';
import { LineIndex, findNode, nodeSpan, type Span } from '../src/parse/positions.js';
import { validateText } from '../src/validate/index.js';

// Counts the full parser's calls, whoever makes them (index.ts imports it from full.ts).
vi.mock('../src/parse/full.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/parse/full.js')>();
  return { ...original, fullParse: vi.fn(original.fullParse) };
});
const fullParse = vi.mocked(full.fullParse);
beforeEach(() => {
  fullParse.mockClear();
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return yamlFiles(file);
    return /\.ya?ml$/.test(name) ? [file] : [];
  });
}

const corpus = ['examples', 'test/fixtures', 'templates/starters']
  .flatMap((dir) => yamlFiles(path.join(root, dir)))
  .map((file) => ({
    name: path.relative(root, file),
    text: readFileSync(file, 'utf8').replace(/\r\n?/g, '\n'),
  }))
  .filter(({ text }) => fastParse(text, { duplicates: true }) !== undefined);

/** Every pointer into a value, the root included. */
function pointers(value: unknown, at: (string | number)[] = []): string[] {
  const here = pointerOf(at);
  if (Array.isArray(value)) return [here, ...value.flatMap((v, i) => pointers(v, [...at, i]))];
  if (value !== null && typeof value === 'object')
    return [here, ...Object.entries(value).flatMap(([k, v]) => pointers(v, [...at, k]))];
  return [here];
}

/** Today's positions: the full parser's node at the pointer (as parseYaml gave them before). */
function reference(text: string) {
  const doc = full.fullParse(text).doc;
  const index = new LineIndex(text);
  return (pointer: string, part: 'value' | 'key'): Span | undefined => {
    const found = doc && findNode(doc, pointer);
    if (!found) return undefined;
    const node = part === 'key' && found.key ? found.key : (found.value ?? found.key);
    return node ? nodeSpan(index, text, node) : undefined;
  };
}

function samePositions(text: string, label: string): void {
  const parsed = parseYaml(text, { file: 'x.yaml' });
  const expected = reference(text);
  const all = [...pointers(parsed.value), '/no-such-key', '/0/no-such-key', '/99'];
  for (const pointer of all) {
    for (const part of ['value', 'key'] as const) {
      expect(parsed.locate(pointer, part), `${label} ${pointer} (${part})`).toEqual(
        expected(pointer, part),
      );
    }
  }
}

describe('positions from the fast reader', () => {
  it('takes a fair part of the corpus', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(20);
  });

  it.each(corpus.map((c) => [c.name, c.text]))(
    'are the full parser’s for every node of %s',
    (name, text) => {
      samePositions(text, name);
    },
  );

  it('are the full parser’s for empty values, block scalars, flow collections and comments', () => {
    const cases = [
      'a:\nb: 1  # c\nc: |\n  x\n  y\n\nd: |-\n  z\n\n\ne: [1, "x" ]  # q\nf:  # c\n',
      'g:\n  - h: 1\n    i: 2\n  -\n  - - 3\n    - 4\nj: { k: v, l: , m: [] }\n',
      '---\nx:   \n"k k": 1\n\'q\': "v" # c\nlast: |\n  end',
      '- a\n- |\n  b\n-\n- {x: [1, {y: z}]}\n- - - deep\n',
      'k: 010000\nv: 1.0\nw: "010"\nblock: |\n  line\n\n  after gap\nz: ~\n',
    ];
    for (const text of cases) samePositions(text, JSON.stringify(text));
  });

  it('are the full parser’s for plan-like documents that yaml writes', () => {
    const scalar = fc.oneof(
      fc.constantFrom('010000', '1.0', 'true', '', 'a b', '健康', '名称：值', '100%', 'x # y'),
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.constantFrom('id', 'title', 'lead', '名称', 'a b', '1', 'x-y');
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('value'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    }));
    const options = fc.record({
      flowLevel: fc.constantFrom(-1, 1, 2),
      indentSeq: fc.boolean(),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'BLOCK_LITERAL') as fc.Arbitrary<
        'PLAIN' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL'
      >,
    });
    let taken = 0;
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), options, (doc, opts) => {
        const text = stringify(doc, { ...opts, lineWidth: 0 });
        if (!fastParse(text)) return;
        taken++;
        samePositions(text, text);
      }),
      { numRuns: 500 },
    );
    expect(taken).toBeGreaterThan(100);
  });
});

/**
 * Errors injected into valid files: a misspelt key, a wrong type, a duplicate id, a missing
 * required key, a value that is not a date. Each text is validated twice: as written (fast reader)
 * and with a trailing comment holding a tab, which sends it to the full parser without moving
 * anything; the diagnostics must be the same.
 */
const injections: [string, (text: string) => string][] = [
  ['misspelt top-level key', (t) => t.replace(/^title:/m, 'titel:')],
  ['misspelt nested key', (t) => t.replace(/^(\s+)lead:/m, '$1leed:')],
  ['number for text', (t) => t.replace(/^(\s+)title: .*$/m, '$1title: 12')],
  ['bad date', (t) => t.replace(/(deadline: )(\d{4})-(\d\d)-(\d\d)/, '$1$2/$3/$4')],
  ['missing key', (t) => t.replace(/^issuer:.*\n/m, '')],
  ['duplicate key', (t) => t.replace(/^(title:.*\n)/m, '$1$1')],
  ['empty value', (t) => t.replace(/^(\s+)title: .*$/m, '$1title:')],
];

const validPlans = corpus.filter(({ text }) => /^kind: (plan|progress|county)/m.test(text));

describe('diagnostics of failing files', () => {
  it('has plans to break', () => {
    expect(validPlans.length).toBeGreaterThanOrEqual(5);
  });

  for (const [what, inject] of injections) {
    it(`are the same from either reader: ${what}`, () => {
      let compared = 0;
      for (const { name, text } of validPlans) {
        const broken = inject(text);
        if (broken === text || !fastParse(broken, { duplicates: true })) continue;
        const viaFast = validateText(broken, { file: name, lang: 'en' });
        const viaFull = validateText(`${broken}#\t\n`, { file: name, lang: 'en' });
        expect(viaFast.diagnostics.length, name).toBeGreaterThan(0);
        expect(viaFast.diagnostics, name).toEqual(viaFull.diagnostics);
        compared++;
      }
      expect(compared).toBeGreaterThan(0);
    });
  }

  it('never call the full parser for a failing file the fast reader takes', () => {
    const text = readFileSync(path.join(root, 'test/fixtures/validate/plan.yaml'), 'utf8');
    const broken = `${text.replace(/^title:/m, 'titel:')}title: again\ntitle: thrice\n`;
    const result = validateText(broken, { file: 'plan.yaml', lang: 'en' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(['FG2011', 'FG1102']),
    );
    expect(result.diagnostics.every((d) => d.line > 1)).toBe(true);
    expect(fullParse).not.toHaveBeenCalled();
    // The counter counts: a file with a tab goes to the full parser.
    validateText(`${broken}#\t\n`, { file: 'plan.yaml', lang: 'en' });
    expect(fullParse).toHaveBeenCalledTimes(1);
  });
});
