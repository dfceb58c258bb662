import { makeDiagnostic } from '../diagnostics/make.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import { bytePosition, decodeBytes, normalizeNewlines } from './decode.js';
import { DEFAULT_MAX_BYTES, readRegularFileSync } from './file.js';

export { DEFAULT_MAX_BYTES };

export interface ReadOptions {
  lang?: Lang;
  /** WHATWG encoding label; overrides detection. */
  encoding?: string;
  maxBytes?: number;
}

/** Decoded, LF-normalised text, or the diagnostics explaining why there is none. */
export type SourceResult =
  { ok: true; text: string; encoding: string } | { ok: false; diagnostics: Diagnostic[] };

const tooLarge = (file: string, lang: Lang, size: number, limit: number): SourceResult => ({
  ok: false,
  diagnostics: [makeDiagnostic('FG1001', lang, { file, line: 1, column: 1 }, { size, limit })],
});

/** Decodes bytes already in memory (stdin, tests, worker messages). */
export function sourceFromBytes(
  bytes: Uint8Array,
  file: string,
  options: ReadOptions = {},
): SourceResult {
  const lang = options.lang ?? 'zh-CN';
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.byteLength > limit) return tooLarge(file, lang, bytes.byteLength, limit);
  const decoded = decodeBytes(
    bytes,
    options.encoding === undefined ? {} : { encoding: options.encoding },
  );
  if (decoded.ok) {
    return { ok: true, text: normalizeNewlines(decoded.text), encoding: decoded.encoding };
  }
  const { problem } = decoded;
  const at =
    problem.offset === undefined || problem.offset < 0
      ? { line: 1, column: 1 }
      : bytePosition(bytes, problem.offset, problem.encoding);
  return {
    ok: false,
    diagnostics: [
      makeDiagnostic(
        problem.code,
        lang,
        { file, ...at },
        { encoding: problem.encoding, offset: problem.offset },
      ),
    ],
  };
}

/** Checks a string that is already text (the size cap counts UTF-16 units). */
export function sourceFromText(
  text: string,
  file: string,
  options: ReadOptions = {},
): SourceResult {
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > limit) return tooLarge(file, options.lang ?? 'zh-CN', text.length, limit);
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return { ok: true, text: normalizeNewlines(withoutBom), encoding: 'utf-16' };
}

/**
 * Reads and decodes a file through `readRegularFileSync`: directories, FIFOs, devices and sockets
 * are refused before any byte is read, the size is checked on the open descriptor and the read is
 * capped. File-system errors (missing file, permissions) are not bad data: they propagate as the
 * original `ErrnoException` for the caller to report as an I/O failure.
 */
export async function readSource(path: string, options: ReadOptions = {}): Promise<SourceResult> {
  return readSourceSync(path, options);
}

export function readSourceSync(path: string, options: ReadOptions = {}): SourceResult {
  const read = readRegularFileSync(path, {
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(options.lang === undefined ? {} : { lang: options.lang }),
  });
  if (!read.ok) return read;
  return sourceFromBytes(read.bytes, path, options);
}
