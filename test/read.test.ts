import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LineIndex } from '../src/parse/index.js';
import { decodeBytes, normalizeNewlines, readSource, sourceFromBytes } from '../src/read/index.js';

/**
 * A GB18030 encoder for tests, built by inverting the strict decoder: two-byte codes by table,
 * four-byte codes by the standard's linear numbering (BMP by table, supplementary planes by formula).
 */
const gbTable = (() => {
  const decoder = new TextDecoder('gb18030', { fatal: true });
  const table = new Map<string, number[]>();
  const add = (bytes: number[]) => {
    try {
      const ch = decoder.decode(new Uint8Array(bytes));
      if ([...ch].length === 1 && !table.has(ch)) table.set(ch, bytes);
    } catch {
      /* not a character */
    }
  };
  for (let b1 = 0x81; b1 <= 0xfe; b1++) {
    for (let b2 = 0x40; b2 <= 0xfe; b2++) if (b2 !== 0x7f) add([b1, b2]);
  }
  for (let linear = 0; linear < 39420; linear++) {
    add([
      0x81 + Math.floor(linear / 12600),
      0x30 + (Math.floor(linear / 1260) % 10),
      0x81 + (Math.floor(linear / 10) % 126),
      0x30 + (linear % 10),
    ]);
  }
  return table;
})();

function gb18030(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) out.push(cp);
    else if (cp >= 0x10000) {
      const linear = 189000 + cp - 0x10000;
      out.push(
        0x81 + Math.floor(linear / 12600),
        0x30 + (Math.floor(linear / 1260) % 10),
        0x81 + (Math.floor(linear / 10) % 126),
        0x30 + (linear % 10),
      );
    } else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no GB18030 code for U+${cp.toString(16)}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string) => {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
};
const utf16be = (s: string) => {
  const le = utf16le(s);
  const out = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    out[i] = le[i + 1] as number;
    out[i + 1] = le[i] as number;
  }
  return out;
};
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const BOM8 = new Uint8Array([0xef, 0xbb, 0xbf]);
const BOM16LE = new Uint8Array([0xff, 0xfe]);
const BOM16BE = new Uint8Array([0xfe, 0xff]);

const decoded = (bytes: Uint8Array, encoding?: string) => {
  const r = decodeBytes(bytes, encoding === undefined ? {} : { encoding });
  if (!r.ok) throw new Error(`decode failed: ${JSON.stringify(r.problem)}`);
  return r;
};

const SAMPLE = 'title: 青石镇创建健康促进镇工作方案\nregion: 临河县青石镇𠮷家村 €ǎ\n';

describe('decodeBytes', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decoded(utf8(SAMPLE))).toMatchObject({ text: SAMPLE, encoding: 'utf-8' });
    expect(decoded(concat(BOM8, utf8(SAMPLE)))).toMatchObject({ text: SAMPLE, encoding: 'utf-8' });
  });

  it('reads UTF-16 LE and BE with BOM', () => {
    expect(decoded(concat(BOM16LE, utf16le(SAMPLE)))).toMatchObject({
      text: SAMPLE,
      encoding: 'utf-16le',
    });
    expect(decoded(concat(BOM16BE, utf16be(SAMPLE)))).toMatchObject({
      text: SAMPLE,
      encoding: 'utf-16be',
    });
  });

  it('falls back to GB18030, four-byte characters included', () => {
    const bytes = gb18030(SAMPLE);
    expect(bytes.length).toBeGreaterThan(0);
    expect(decoded(bytes)).toMatchObject({ text: SAMPLE, encoding: 'gb18030' });
  });

  it('uses an explicit encoding and rejects unknown ones', () => {
    expect(decoded(gb18030('名称: 卫生院\n'), 'gbk').text).toBe('名称: 卫生院\n');
    const r = decodeBytes(utf8('a'), { encoding: 'klingon' });
    expect(r).toEqual({ ok: false, problem: { code: 'FG1002', encoding: 'klingon' } });
  });

  it('reports a truncated character at the end of a UTF-8 file by byte offset', () => {
    const whole = utf8('kind: plan\ntitle: 方案');
    const cut = whole.subarray(0, whole.length - 1); // last character loses a byte
    const r = decodeBytes(cut);
    expect(r).toEqual({
      ok: false,
      problem: { code: 'FG1003', encoding: 'utf-8', offset: whole.length - 3 },
    });
  });

  it('reports a damaged character inside a mostly-UTF-8 file instead of reading it as GB18030', () => {
    const head = utf8('kind: plan\ntitle: 青石镇创建');
    const damaged = concat(head, new Uint8Array([0xe5, 0x81]), utf8('健康促进镇工作方案\n'));
    const r = decodeBytes(damaged);
    expect(r).toEqual({
      ok: false,
      problem: { code: 'FG1003', encoding: 'utf-8', offset: head.length },
    });
  });

  it('an explicit utf-8 encoding reports the offset too', () => {
    expect(decodeBytes(gb18030('名称'), { encoding: 'utf-8' })).toMatchObject({
      ok: false,
      problem: { code: 'FG1003', offset: 0 },
    });
  });

  it('round-trips any text through UTF-8, UTF-8+BOM, UTF-16LE+BOM and UTF-16BE+BOM', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(decoded(concat(BOM8, utf8(s))).text).toBe(s);
        // FF FE 00 00 is the UTF-32LE BOM: UTF-16LE text starting with U+0000 cannot be told from
        // it, and text with NUL characters may be UTF-32 without a BOM (no plan contains NUL).
        if (!s.startsWith('\u0000')) expect(decoded(concat(BOM16LE, utf16le(s))).text).toBe(s);
        expect(decoded(concat(BOM16BE, utf16be(s))).text).toBe(s);
        if (!s.startsWith('\ufeff') && !s.includes('\u0000')) expect(decoded(utf8(s)).text).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips any text through GB18030 (explicit) and Chinese text through detection', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        if (s.startsWith('\ufeff')) return;
        // A few private-use code points (U+E78D…, remapped by GB18030-2022) have no GB18030 bytes
        // in Node's decoder, so no file can hold them: nothing to round-trip.
        fc.pre(
          [...s].every(
            (ch) => (ch.codePointAt(0) as number) < 0x80 || ch.length > 1 || gbTable.has(ch),
          ),
        );
        expect(decoded(gb18030(s), 'gb18030').text).toBe(s);
      }),
      { numRuns: 200 },
    );
    const hanzi = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((cp) => String.fromCodePoint(cp));
    fc.assert(
      fc.property(fc.array(hanzi, { minLength: 8, maxLength: 60 }), (chars) => {
        const s = `title: ${chars.join('')}\n`;
        expect(decoded(gb18030(s)).text).toBe(s);
      }),
      { numRuns: 200 },
    );
  });
});

describe('damaged GB18030 and UTF-32 files get an encoding message of their own', () => {
  const utf32 = (text: string, littleEndian: boolean) => {
    const cps = [...text].map((c) => c.codePointAt(0) as number);
    const out = new Uint8Array(cps.length * 4);
    const view = new DataView(out.buffer);
    cps.forEach((cp, i) => view.setUint32(i * 4, cp, littleEndian));
    return out;
  };
  const TEXT = 'kind: plan\ntitle: 青溪镇创建健康促进镇工作方案\n';

  it('a GB18030 file cut off in the middle of a character: FG1204 at that byte, not UTF-8', () => {
    const full = gb18030(TEXT.trimEnd());
    for (const cut of [1, 3]) {
      // 1: the last byte of 案 is missing; 3: a four-byte 𠮷 lost its last byte.
      const bytes =
        cut === 1 ? full.subarray(0, full.length - 1) : concat(full, gb18030('𠮷').subarray(0, 3));
      const r = sourceFromBytes(bytes, 'x.yaml', { lang: 'en' });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      const offset = cut === 1 ? full.length - 2 : full.length;
      expect(r.diagnostics[0]).toMatchObject({ code: 'FG1204', line: 2 });
      expect(r.diagnostics[0]?.message).toContain(`byte offset ${offset}`);
      expect(r.diagnostics[0]?.message).toContain('GB18030');
      expect(r.diagnostics[0]?.message).not.toContain('UTF-8');
      // Column counted in characters: `title: ` and 13 (14) characters of the title before it.
      expect(r.diagnostics[0]?.column).toBe(cut === 1 ? 8 + 13 : 8 + 14);
    }
  });

  it('a damaged GB18030 byte in the middle of the file: FG1204 too, with --encoding gbk as well', () => {
    const good = gb18030(TEXT);
    const bytes = concat(good.subarray(0, 20), new Uint8Array([0xff]), good.subarray(20));
    expect(decodeBytes(bytes)).toMatchObject({
      ok: false,
      problem: { code: 'FG1204', offset: 20 },
    });
    expect(decodeBytes(bytes, { encoding: 'gbk' })).toMatchObject({
      ok: false,
      problem: { code: 'FG1204', offset: 20 },
    });
  });

  it('UTF-32 with or without BOM, either byte order: FG1205', () => {
    for (const le of [true, false]) {
      const bom = le ? [0xff, 0xfe, 0, 0] : [0, 0, 0xfe, 0xff];
      for (const bytes of [utf32(TEXT, le), concat(new Uint8Array(bom), utf32(TEXT, le))]) {
        const r = sourceFromBytes(bytes, 'x.yaml', { lang: 'en' });
        expect(r).toMatchObject({
          ok: false,
          diagnostics: [{ code: 'FG1205', line: 1, column: 1 }],
        });
        if (!r.ok) {
          expect(r.diagnostics[0]?.message).toContain(le ? 'utf-32le' : 'utf-32be');
          expect(r.diagnostics[0]?.message).not.toContain('not valid UTF-8');
        }
      }
    }
    // ASCII-only UTF-32 too (it would be valid UTF-8 full of NUL characters).
    expect(decodeBytes(utf32('kind: plan\n', true))).toMatchObject({
      ok: false,
      problem: { code: 'FG1205' },
    });
  });

  it('keeps reading UTF-16 with BOM and GB18030 that are not UTF-32', () => {
    expect(decoded(concat(BOM16LE, utf16le(TEXT))).text).toBe(TEXT);
    expect(decoded(concat(BOM16BE, utf16be('kind: plan\n'))).text).toBe('kind: plan\n');
    expect(decoded(gb18030(TEXT)).encoding).toBe('gb18030');
  });
});

describe('newlines', () => {
  it('turns CRLF and lone CR into LF', () => {
    expect(normalizeNewlines('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });

  it('keeps every character on the line and column an editor shows', () => {
    const line = fc
      .string({ unit: 'grapheme', maxLength: 20 })
      .map((s) => s.replace(/[\r\n]/g, ''));
    const ending = fc.constantFrom('\n', '\r\n', '\r');
    fc.assert(
      fc.property(fc.array(fc.tuple(line, ending), { minLength: 1, maxLength: 20 }), (raw) => {
        // A lone CR followed by an empty line ending in LF would really be one CRLF.
        const parts = raw.map(([l, e], i): [string, string] =>
          l === '' && i > 0 && raw[i - 1]?.[1] === '\r' ? ['x', e] : [l, e],
        );
        const original = parts.map(([l, e]) => l + e).join('');
        const normal = normalizeNewlines(original);
        expect(normal).toBe(parts.map(([l]) => l + '\n').join(''));
        const index = new LineIndex(normal);
        // Walk the original text counting any line ending as one break.
        let lineNo = 1;
        let col = 1;
        let offset = 0;
        for (let i = 0; i < original.length; i++) {
          const c = original[i];
          if (c === '\r' || c === '\n') {
            if (c === '\r' && original[i + 1] === '\n') i++;
            lineNo++;
            col = 1;
            offset++;
            continue;
          }
          expect(index.position(offset)).toEqual({ line: lineNo, column: col });
          col++;
          offset++;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('readSource', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fangan-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a file over the size cap before reading it', async () => {
    const file = join(dir, 'big.yaml');
    writeFileSync(file, 'a'.repeat(2048));
    const r = await readSource(file, { maxBytes: 1024, lang: 'en' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ code: 'FG1001', line: 1, column: 1 });
  });

  it('gives a decode error a line and column', () => {
    const bytes = concat(utf8('kind: plan\r\ntitle: 方'), new Uint8Array([0xe6, 0xa1]));
    const r = sourceFromBytes(bytes, 'x.yaml', { lang: 'en' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.diagnostics[0]).toMatchObject({ code: 'FG1003', line: 2, column: 9 });
      expect(r.diagnostics[0]?.message).toContain(String(bytes.length - 2));
    }
  });

  it('lets file-system errors through for the caller to report', async () => {
    await expect(readSource(join(dir, 'missing.yaml'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
