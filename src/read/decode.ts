/**
 * Bytes -> text. Officials' files arrive as UTF-8 (with or without BOM), UTF-16 with BOM (Windows
 * Notepad "Unicode") or GBK/GB18030 (older Chinese Windows). Decoding is always strict: a damaged
 * file is reported, never silently turned into replacement characters.
 */
import { TextDecoder } from 'node:util';

/** What went wrong, in catalogue terms; the caller turns it into a positioned diagnostic. */
export interface DecodeProblem {
  code: 'FG1002' | 'FG1003' | 'FG1004';
  encoding: string;
  /** 0-based byte offset of the first bad byte, when known. */
  offset?: number;
}

export type DecodeResult =
  { ok: true; text: string; encoding: string } | { ok: false; problem: DecodeProblem };

const BOMS: readonly { bytes: readonly number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

// TextDecoder objects are reusable and stateless between decode() calls without `stream`.
const decoders = new Map<string, TextDecoder>();
function strictDecoder(label: string): TextDecoder | undefined {
  let decoder = decoders.get(label);
  if (!decoder) {
    try {
      decoder = new TextDecoder(label, { fatal: true });
    } catch {
      return undefined; // RangeError: unknown label
    }
    decoders.set(label, decoder);
  }
  return decoder;
}

function tryDecode(decoder: TextDecoder, bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined; // TypeError: invalid data for a fatal decoder
  }
}

/**
 * Decodes `bytes`: a BOM decides first, then strict UTF-8, then strict GB18030. `encoding` (any
 * WHATWG label, e.g. `gbk`) overrides detection. The text keeps its original line endings; see
 * `normalizeNewlines`.
 */
export function decodeBytes(bytes: Uint8Array, options: { encoding?: string } = {}): DecodeResult {
  if (options.encoding !== undefined) return decodeAs(bytes, options.encoding);
  const bom = BOMS.find((b) => startsWith(bytes, b.bytes));
  if (bom) return decodeAs(bytes, bom.encoding);

  const utf8 = tryDecode(strictDecoder('utf-8') as TextDecoder, bytes);
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'utf-8' };

  const scan = scanUtf8(bytes);
  // Mostly valid UTF-8 with a damaged spot is a damaged UTF-8 file, not GB18030: GB18030 would
  // "decode" it into plausible-looking nonsense.
  if (looksLikeDamagedUtf8(scan)) {
    return { ok: false, problem: { code: 'FG1003', encoding: 'utf-8', offset: scan.firstBad } };
  }
  const gb = tryDecode(strictDecoder('gb18030') as TextDecoder, bytes);
  if (gb !== undefined) return { ok: true, text: gb, encoding: 'gb18030' };
  return { ok: false, problem: { code: 'FG1003', encoding: 'utf-8', offset: scan.firstBad } };
}

/**
 * GB18030 is a superset of GBK and GB2312, and the Encoding Standard decodes GBK labels with the
 * GB18030 decoder; Node's ICU GBK decoder rejects four-byte sequences, so those labels are mapped.
 */
const SUPERSETS: Record<string, string> = {
  gbk: 'gb18030',
  gb2312: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
};

function decodeAs(bytes: Uint8Array, label: string): DecodeResult {
  const name = label.trim().toLowerCase();
  const decoder = strictDecoder(SUPERSETS[name] ?? name);
  if (!decoder) return { ok: false, problem: { code: 'FG1002', encoding: label } };
  const text = tryDecode(decoder, bytes);
  if (text !== undefined) return { ok: true, text, encoding: decoder.encoding };
  if (decoder.encoding === 'utf-8') {
    return {
      ok: false,
      problem: { code: 'FG1003', encoding: 'utf-8', offset: scanUtf8(bytes).firstBad },
    };
  }
  return { ok: false, problem: { code: 'FG1004', encoding: decoder.encoding } };
}

interface Utf8Scan {
  /** Offset of the first byte that does not start a valid sequence; -1 when all is valid. */
  firstBad: number;
  /** Number of invalid positions (the scan resynchronises one byte after each). */
  bad: number;
  /** Number of valid multi-byte sequences. */
  goodMultibyte: number;
  /** The only damage is a valid but unfinished sequence at the very end of the file. */
  truncatedAtEnd: boolean;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 (RFC 3629 well-formed table). */
function sequenceLength(bytes: Uint8Array, i: number): { length: number; prefixOnly: boolean } {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return { length: 1, prefixOnly: false };
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) need = 1;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    need = 2;
    if (b0 === 0xe0) lo = 0xa0;
    if (b0 === 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    need = 3;
    if (b0 === 0xf0) lo = 0x90;
    if (b0 === 0xf4) hi = 0x8f;
  } else return { length: 0, prefixOnly: false };
  for (let k = 1; k <= need; k++) {
    if (i + k >= bytes.length) return { length: 0, prefixOnly: true };
    const b = bytes[i + k] as number;
    const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
    if (b < min || b > max) return { length: 0, prefixOnly: false };
  }
  return { length: need + 1, prefixOnly: false };
}

export function scanUtf8(bytes: Uint8Array): Utf8Scan {
  const scan: Utf8Scan = { firstBad: -1, bad: 0, goodMultibyte: 0, truncatedAtEnd: false };
  let i = 0;
  while (i < bytes.length) {
    const { length, prefixOnly } = sequenceLength(bytes, i);
    if (length > 0) {
      if (length > 1) scan.goodMultibyte++;
      i += length;
      continue;
    }
    if (scan.firstBad < 0) scan.firstBad = i;
    scan.bad++;
    if (prefixOnly) {
      scan.truncatedAtEnd = scan.bad === 1;
      break;
    }
    i++;
  }
  return scan;
}

function looksLikeDamagedUtf8(scan: Utf8Scan): boolean {
  if (scan.truncatedAtEnd) return true;
  // Random GBK text forms a valid UTF-8 sequence for roughly one character in seven.
  return scan.goodMultibyte >= 2 * scan.bad;
}

/** CRLF and lone CR become LF, so line:column positions match what editors show. */
export const normalizeNewlines = (text: string): string =>
  text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;

/**
 * 1-based line and column (UTF-16 units) of byte `offset`, for decode errors: the bytes before it
 * are counted as lines (LF, CRLF or CR) and the bytes on its line decoded leniently.
 */
export function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, column: prefix.length + 1 };
}
