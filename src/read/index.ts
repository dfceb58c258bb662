/** Stage 1: bytes -> LF-normalised text (BOM, strict UTF-8, strict GB18030, size cap). */
export { decodeBytes, normalizeNewlines } from './decode.js';
export type { DecodeProblem, DecodeResult } from './decode.js';
export { readSource, sourceFromBytes, sourceFromText } from './source.js';
export type { ReadOptions, SourceResult } from './source.js';
