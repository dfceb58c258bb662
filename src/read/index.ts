/** Stage 1: bytes -> LF-normalised text (BOM, strict UTF-8, strict GB18030, size cap). */
export { decodeBytes, normalizeNewlines, bytePosition, scanUtf8 } from './decode.js';
export type { DecodeProblem, DecodeResult } from './decode.js';
export {
  DEFAULT_MAX_BYTES,
  readSource,
  readSourceSync,
  sourceFromBytes,
  sourceFromText,
} from './source.js';
export type { ReadOptions, SourceResult } from './source.js';
