export { safeFileName, safeFileNames, isSafeFileName, MAX_NAME_BYTES } from './file-name.js';
export {
  writeOutputs,
  OutputWriter,
  sameBytes,
  type OutputFile,
  type WriteOptions,
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
export { atomicWriteFile } from './atomic.js';
