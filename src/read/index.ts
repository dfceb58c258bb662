/**
 * Stage 1: bytes -> LF-normalised text (BOM, strict UTF-8, strict GB18030, size cap), and the safe
 * reading of user-named files and streams (regular files only, capped reads).
 */
export { decodeBytes, normalizeNewlines } from './decode.js';
export type { DecodeProblem, DecodeResult } from './decode.js';
export { readSource, sourceFromBytes, sourceFromText } from './source.js';
export type { ReadOptions, SourceResult } from './source.js';
export {
  DEFAULT_MAX_BYTES,
  readRegularFile,
  readRegularFileSync,
  readStreamCapped,
} from './file.js';
export type { BytesResult, ReadFileOptions } from './file.js';
