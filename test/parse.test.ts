import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fastParse, fullParse, parseYaml, showInvisible } from '../src/parse/index.js';

const fixture = readFileSync(new URL('./fixtures/validate/plan.yaml', import.meta.url), 'utf8');

/** The fast path may give up, but when it answers it must agree with the full parser. */
function agrees(text: string): boolean {
  const fast = fastParse(text);
  if (!fast) return false;
  const full = fullParse(text);
  expect(full.problems, text).toEqual([]);
  expect(fast.value, text).toStrictEqual(full.value);
  return true;
}

describe('fast path', () => {
  it('reads the realistic plan fixture exactly like the full parser', () => {
    expect(agrees(fixture)).toBe(true);
  });

  it('resolves plain scalars of every core-schema type exactly like yaml', () => {
    const plain = [
      ...['~', 'null', 'Null', 'NULL', 'nUll', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE'],
      ...['0o17', '0o8', '0O17', '12', '-12', '+12', '007', '123456789012345678', '0x1F', '0X1F'],
      ...['0xg', '-.nan', '1e3', '-1.5E-3', '1e308', '.infinity'],
      ...['.5e+2', '1.', '-.5', '1.0', '+1.50', '1_000', '1,5', '.', '-x', 'e3', '2025-01-01'],
      ...['yes', 'no', 'on', 'Infinity', 'NaN', '0b101', '１２'],
    ];
    for (const s of plain) {
      expect(agrees(`k: ${s}\nlist: [${s}]\n`), s).toBe(true);
    }
  });

  it('leaves numbers that are not finite to the full parser, which refuses them at the node', () => {
    for (const s of ['.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', '1e400', '-1E999']) {
      for (const text of [`k: ${s}\n`, `k: [1, ${s}]\n`, `- ${s}\n`]) {
        expect(fastParse(text), text).toBeUndefined();
        const r = parseYaml(text, { file: 'x.yaml', lang: 'en' });
        expect(r.ok, text).toBe(false);
        const column = text.indexOf(s) + 1;
        expect(r.diagnostics, text).toMatchObject([
          { code: 'FG1203', line: 1, column, endColumn: column + s.length },
        ]);
        expect(r.diagnostics[0]?.message).toContain(`"${s}" is not a finite number`);
      }
    }
    // Quoted, they are text.
    expect(parseYaml('k: ".nan"\n', { file: 'x.yaml' }).value).toEqual({ k: '.nan' });
  });

  it('agrees with yaml on every plan-like document yaml writes', () => {
    const tricky = fc.constantFrom(
      '010000',
      '123456789012345678',
      '1.0',
      'NO',
      'yes',
      'true',
      'False',
      '~',
      'null',
      '',
      '0x1F',
      '0o17',
      '.inf',
      '-.5',
      '1e3',
      '+12',
      '- x',
      'a: b',
      'a #b',
      '#x',
      "it's",
      'say "hi"',
      '[x]',
      '{y}',
      '*a',
      '&b',
      '!c',
      '%d',
      '@e',
      '`f',
      '|',
      '>',
      '? q',
      ': r',
      '　全角',
      '名称：值',
      'x\u00a0y',
      'tab\tin',
      'two\nlines',
      'trail ',
      ' lead',
      '2025-01-01',
      '2025Q1',
      '100%',
      'a,b',
    );
    const scalar = fc.oneof(
      tricky,
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.oneof(
      fc.constantFrom('id', 'title', 'lead', '名称', 'a b', '1', 'x-y'),
      fc.string({ minLength: 1, maxLength: 8 }),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('value'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    }));
    const options = fc.record({
      flowLevel: fc.constantFrom(-1, 0, 1, 2),
      indent: fc.constantFrom(2, 4),
      indentSeq: fc.boolean(),
      defaultStringType: fc.constantFrom(
        'PLAIN',
        'QUOTE_DOUBLE',
        'QUOTE_SINGLE',
        'BLOCK_LITERAL',
      ) as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL'>,
    });
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 }), options, (doc, opts) => {
        agrees(stringify(doc, { ...opts, lineWidth: 0 }));
      }),
      { numRuns: 1000 },
    );

    // Plan-like documents (ordinary keys, Chinese text, ids, dates, numbers): these must
    // mostly take the fast path, or the property above would be vacuous.
    const word = fc.oneof(
      fc.constantFrom(
        '镇卫生院',
        '健康教育讲座',
        'wsy',
        'M1',
        '2025-03-31',
        '居民健康素养水平',
        '%',
        '第一段。\n\n第二段。',
      ),
      fc
        .array(
          fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c)),
          { minLength: 1, maxLength: 20 },
        )
        .map((a) => a.join('')),
    );
    const planScalar = fc.oneof(
      word,
      fc.integer({ min: 0, max: 100 }),
      fc.double({ min: 0, max: 100, noNaN: true }),
    );
    const planKey = fc.constantFrom(
      'id',
      'title',
      'name',
      'lead',
      'support',
      'deadline',
      'actions',
      'text',
      'unit',
    );
    const planValue = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, planScalar, tie('list'), tie('map')),
      list: fc.array(tie('value'), { minLength: 1, maxLength: 4 }),
      map: fc.dictionary(planKey, tie('value'), { minKeys: 1, maxKeys: 5 }),
    })).value;
    let runs = 0;
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.dictionary(planKey, planValue, { minKeys: 1, maxKeys: 6 }),
        options,
        (doc, opts) => {
          runs++;
          if (agrees(stringify(doc, { ...opts, lineWidth: 0 }))) accepted++;
        },
      ),
      { numRuns: 500 },
    );
    expect(accepted / runs).toBeGreaterThan(0.5);
  });

  it('never accepts a damaged plan that the full parser reads differently', () => {
    const alphabet = fc.constantFrom(
      ':',
      ' ',
      '-',
      '#',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      '|',
      '\n',
      'a',
      '中',
      '：',
      '　',
      '&',
      '*',
      '!',
      '>',
      '?',
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), alphabet, fc.boolean()), { minLength: 1, maxLength: 3 }),
        (edits) => {
          let text = fixture;
          for (const [at, ch, insert] of edits) {
            const i = at % text.length;
            text = insert
              ? text.slice(0, i) + ch + text.slice(i)
              : text.slice(0, i) + text.slice(i + 1);
          }
          agrees(text);
        },
      ),
      { numRuns: 800 },
    );
  });

  it('gives up on constructs it does not handle', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '%YAML 1.1\n---\na: 1\n',
      'a: 1\n---\nb: 2\n',
      'a: >\n  folded\n',
      'a: plain\n  continued\n',
      'a: "multi\n  line"\n',
      'a: 1\na: 2\n',
      '__proto__: 1\n',
      'a:\n\tb: 1\n',
      '',
    ]) {
      expect(fastParse(text), text).toBeUndefined();
    }
  });
});

describe('parseYaml safety', () => {
  const parse = (text: string) => parseYaml(text, { file: 'x.yaml', lang: 'en' });

  it('reads %YAML 1.1 files as YAML 1.2 core and says so', () => {
    const r = parse('%YAML 1.1\n---\na: NO\nb: 0755\nc: yes\n"<<": { x: 1 }\n');
    expect(r.ok).toBe(true);
    expect(r.value).toEqual({ a: 'NO', b: 755, c: 'yes', '<<': { x: 1 } });
    expect(r.diagnostics).toMatchObject([
      { code: 'FG1110', severity: 'warning', line: 1, column: 1 },
    ]);
  });

  it('refuses every explicit tag with FG1106 at the tag, known YAML tags included', () => {
    const cases: [string, string][] = [
      ['a: !!omap [ x: 1 ]\n', '!!omap'],
      ['a: !!pairs [ x: 1 ]\n', '!!pairs'],
      ['a: !!binary aGVsbG8=\n', '!!binary'],
      ['a: !!timestamp 2025-01-01\n', '!!timestamp'],
      ['a: !!set { x }\n', '!!set'],
      ['a: !!str 1\n', '!!str'],
      ['a: !!int "1"\n', '!!int'],
      ['a: !x 1\n', '!x'],
      ['a: ! 1\n', '!'],
      ['a: !<tag:yaml.org,2002:str> 1\n', '!<tag:yaml.org,2002:str>'],
      ['a: [1, !!float 2]\n', '!!float'],
      ['!!str a: 1\n', '!!str'],
      ['--- !!map\na: 1\n', '!!map'],
      ['a:\n  - !!js/function x\n', '!!js/function'],
    ];
    for (const [text, tag] of cases) {
      const r = parse(text);
      expect(r.ok, text).toBe(false);
      const offset = text.indexOf(tag);
      const line = text.slice(0, offset).split('\n').length;
      const column = offset - text.lastIndexOf('\n', offset - 1);
      expect(r.diagnostics, text).toEqual([
        expect.objectContaining({ code: 'FG1106', line, column, endColumn: column + tag.length }),
      ]);
      expect(r.diagnostics[0]?.message).toContain(`"${tag}"`);
    }
    // Nothing was resolved into a Buffer, a Date or a Set-like map before being refused.
    expect(parse('a: !!binary aGVsbG8=\n').value).toEqual({ a: 'aGVsbG8=' });
    expect(parse('a: !!timestamp 2025-01-01\n').value).toEqual({ a: '2025-01-01' });
  });

  it('refuses << merge keys, also without an alias; a quoted "<<" is an ordinary key', () => {
    const plain = parse('a: 1\n<<: { x: 1 }\n');
    expect(plain.ok).toBe(false);
    expect(plain.diagnostics).toMatchObject([{ code: 'FG1202', line: 2, column: 1, endColumn: 3 }]);
    expect(plain.value).toEqual({ a: 1 });
    const flow = parse('m: { <<: { x: 1 }, y: 2 }\n');
    expect(flow.diagnostics).toMatchObject([{ code: 'FG1202', line: 1, column: 6 }]);
    const merged = parse('base: &b { x: 1 }\nm:\n  <<: *b\n');
    expect(merged.diagnostics.map((d) => d.code)).toEqual(['FG1105', 'FG1202']);
    expect(fastParse('a:\n  <<: 1\n')).toBeUndefined();
    expect(fastParse('a: { <<: 1 }\n')).toBeUndefined();
    const quoted = parse('"<<": 1\n');
    expect(quoted).toMatchObject({ ok: true, value: { '<<': 1 }, diagnostics: [] });
  });

  it('reports a duplicate key at the second key, naming the first line', () => {
    const r = parse('a: 1\nb: 2\n  \na: 3\n');
    expect(r.diagnostics).toMatchObject([{ code: 'FG1102', line: 4, column: 1, endColumn: 2 }]);
    expect(r.diagnostics[0]?.message).toContain('line 1');
  });

  it('refuses deep nesting without overflowing the stack', () => {
    const r = parse('a: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n');
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'FG1108', line: 1 });
    const indented = Array.from({ length: 300 }, (_, i) => ' '.repeat(i) + 'k:').join('\n');
    expect(parse(indented).diagnostics[0]?.code).toBe('FG1108');
  });

  it('does not expand aliases', () => {
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(', ')}]`,
      );
    const r = parse(lines.join('\n'));
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toMatchObject([{ code: 'FG1105', line: 1, column: 4 }]);
  });

  it('rejects reserved keys without touching prototypes', () => {
    const r = parse('__proto__: { polluted: 1 }\nconstructor: { prototype: 1 }\n');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['FG1107', 'FG1107']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  });

  it('locates values and keys by JSON pointer, lazily', () => {
    const r = parse(fixture);
    expect(r.diagnostics).toEqual([]);
    expect(r.locate('/measures/1/lead')).toEqual({
      line: 86,
      column: 11,
      endLine: 86,
      endColumn: 14,
    });
    expect(r.locate('/measures/1/lead', 'key')).toMatchObject({ line: 86, column: 5 });
    expect(r.locate('/units/6/id')).toMatchObject({ line: 16, column: 11 });
    expect(r.locate('/nope')).toBeUndefined();
    expect(r.scalarSource('/goals/0/indicators/0/baseline')).toBe('21.4');
  });

  it('shows invisible characters escaped', () => {
    expect(showInvisible('名称\u200b x\u3000\ufeff')).toBe('名称\\u200b x\\u3000\\ufeff');
  });
});
