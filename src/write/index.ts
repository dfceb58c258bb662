export {
  safeFileName,
  safeFileNames,
  isSafeFileName,
  MAX_NAME_BYTES,
  type TakenNames,
} from './file-name.js';
export {
  writeOutputs,
  OutputWriter,
  sameBytes,
  collisionKey,
  type OutputFile,
  type BatchFile,
  type WriteOptions,
  type OutputWriterOptions,
  type WriteResult,
} from './write-outputs.js';
export {
  readManifest,
  updateManifest,
  serializeManifest,
  sha256,
  MANIFEST_NAME,
  type Manifest,
  type ManifestEntry,
} from './manifest.js';
export { JOURNAL_NAME } from './journal.js';
export { LOCK_NAME, type LockOwner } from './lock.js';
export { atomicWriteFile, isTempName, type Pieces } from './atomic.js';
export { ioDiagnostic, isIoProblem, errorDetail } from './errors.js';
export { nodeFs, type WriteFs } from './fs.js';
export { flatString } from './string-table.js';
