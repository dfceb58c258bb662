/**
 * Bytes -> text. Officials' files arrive as UTF-8 (with or without BOM), UTF-16 with BOM (Windows
 * Notepad "Unicode") or GBK/GB18030 (older Chinese Windows). Decoding is always strict: a damaged
 * file is reported, never silently turned into replacement characters.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/** What went wrong, in catalogue terms; the caller turns it into a positioned diagnostic. */
export interface DecodeProblem {
  code: 'FG1002' | 'FG1003' | 'FG1004' | 'FG1204' | 'FG1205';
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
  // Before the BOMs: FF FE 00 00 also starts with the UTF-16LE BOM, and UTF-32 text without a
  // BOM is valid UTF-8 (ASCII characters with NUL bytes between them).
  const utf32 = utf32Kind(bytes);
  if (utf32) return { ok: false, problem: { code: 'FG1205', encoding: utf32 } };
  const bom = BOMS.find((b) => startsWith(bytes, b.bytes));
  if (bom) return decodeAs(bytes, bom.encoding);

  // `isUtf8` (simdutf) and Buffer's decoder: about twice as fast as a fatal TextDecoder, and the
  // same text for valid UTF-8 without a BOM (a BOM was dealt with above).
  if (isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { ok: true, text, encoding: 'utf-8' };
  }

  const scan = scanUtf8(bytes);
  // Mostly valid UTF-8 with a damaged spot is a damaged UTF-8 file, not GB18030: GB18030 would
  // "decode" it into plausible-looking nonsense.
  if (looksLikeDamagedUtf8(scan)) {
    return { ok: false, problem: { code: 'FG1003', encoding: 'utf-8', offset: scan.firstBad } };
  }
  const gb = tryDecode(strictDecoder('gb18030') as TextDecoder, bytes);
  if (gb !== undefined) return { ok: true, text: gb, encoding: 'gb18030' };
  // Mostly GB18030 with one damaged spot (typically a file cut off in the middle of a character):
  // a damaged GB18030 file, not a UTF-8 one.
  const gbScan = scanGb18030(bytes);
  if (looksLikeDamagedUtf8(gbScan)) {
    return { ok: false, problem: { code: 'FG1204', encoding: 'gb18030', offset: gbScan.firstBad } };
  }
  return { ok: false, problem: { code: 'FG1003', encoding: 'utf-8', offset: scan.firstBad } };
}

/**
 * 'utf-32le' / 'utf-32be' when `bytes` are UTF-32, with or without BOM: only for text with NUL
 * bytes (which no UTF-8 or GB18030 plan contains), a whole number of 4-byte units that are all
 * Unicode scalar values in one byte order. A UTF-32 BOM is such a unit, and UTF-16 text fails the
 * test as soon as two characters share a unit (U+0061 U+0062 -> 0x00620061).
 */
function utf32Kind(bytes: Uint8Array): 'utf-32le' | 'utf-32be' | undefined {
  if (bytes.length < 4 || bytes.length % 4 !== 0 || bytes.indexOf(0) < 0) return undefined;
  // A UTF-16 BOM other than the start of FF FE 00 00 decides for UTF-16.
  if (startsWith(bytes, [0xfe, 0xff])) return undefined;
  if (startsWith(bytes, [0xff, 0xfe]) && !startsWith(bytes, [0xff, 0xfe, 0, 0])) return undefined;
  const scalar = (cp: number) => cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
  let le = true;
  let be = true;
  for (let i = 0; i < bytes.length && (le || be); i += 4) {
    const a = bytes[i] as number;
    const b = bytes[i + 1] as number;
    const c = bytes[i + 2] as number;
    const d = bytes[i + 3] as number;
    if (le && !scalar(a + b * 0x100 + c * 0x10000 + d * 0x1000000)) le = false;
    if (be && !scalar(d + c * 0x100 + b * 0x10000 + a * 0x1000000)) be = false;
  }
  return le ? 'utf-32le' : be ? 'utf-32be' : undefined;
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
  if (decoder.encoding === 'gb18030') {
    const offset = scanGb18030(bytes).firstBad;
    if (offset >= 0) return { ok: false, problem: { code: 'FG1204', encoding: 'gb18030', offset } };
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

type SequenceAt = (bytes: Uint8Array, i: number) => { length: number; prefixOnly: boolean };

/** Walks `bytes` one encoded character at a time, counting bad bytes and good multi-byte ones. */
function scanSequences(bytes: Uint8Array, sequenceAt: SequenceAt): Utf8Scan {
  const scan: Utf8Scan = { firstBad: -1, bad: 0, goodMultibyte: 0, truncatedAtEnd: false };
  let i = 0;
  while (i < bytes.length) {
    const { length, prefixOnly } = sequenceAt(bytes, i);
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

export const scanUtf8 = (bytes: Uint8Array): Utf8Scan => scanSequences(bytes, sequenceLength);

/**
 * The same scan for GB18030's byte structure (one byte below 0x80 or 0x80 itself; lead 0x81-0xFE
 * then 0x40-0x7E / 0x80-0xFE; or lead, 0x30-0x39, 0x81-0xFE, 0x30-0x39). A structurally valid
 * two-byte code the table lacks is not found here; the strict decoder has refused the file anyway.
 */
export const scanGb18030 = (bytes: Uint8Array): Utf8Scan => scanSequences(bytes, gb18030Length);

function gb18030Length(bytes: Uint8Array, i: number): { length: number; prefixOnly: boolean } {
  const inRange = (at: number, lo: number, hi: number): boolean | undefined => {
    const b = bytes[at];
    return b === undefined ? undefined : b >= lo && b <= hi;
  };
  const b0 = bytes[i] as number;
  if (b0 <= 0x80) return { length: 1, prefixOnly: false };
  if (b0 > 0xfe) return { length: 0, prefixOnly: false };
  const b1 = bytes[i + 1];
  if (b1 === undefined) return { length: 0, prefixOnly: true };
  if (b1 >= 0x30 && b1 <= 0x39) {
    const third = inRange(i + 2, 0x81, 0xfe);
    const fourth = inRange(i + 3, 0x30, 0x39);
    if (third === undefined || (third && fourth === undefined))
      return { length: 0, prefixOnly: true };
    return { length: third && fourth ? 4 : 0, prefixOnly: false };
  }
  const two = (b1 >= 0x40 && b1 <= 0x7e) || (b1 >= 0x80 && b1 <= 0xfe);
  return { length: two ? 2 : 0, prefixOnly: false };
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
 * are counted as lines (LF, CRLF or CR) and the bytes on its line decoded leniently as `encoding`
 * (an ASCII-compatible one: UTF-8 or GB18030).
 */
export function bytePosition(
  bytes: Uint8Array,
  offset: number,
  encoding = 'utf-8',
): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder(encoding).decode(bytes.subarray(lineStart, offset));
  return { line, column: prefix.length + 1 };
}
