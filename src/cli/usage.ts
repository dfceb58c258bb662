/**
 * Usage errors worded from the message catalogue. It imports the catalogue, so load this module
 * lazily (never from main.ts or the top level of a command module): `fangan --version` must not
 * pay for the catalogue.
 */
import { formatMessage, type Params } from '../diagnostics/catalog.js';
import type { Lang } from '../diagnostics/types.js';
import { UsageError } from './io.js';

/** `FG9001 <localised message>` as a usage error (exit code 2). */
export const usageError = (code: string, lang: Lang, params: Params = {}): UsageError =>
  new UsageError(`${code} ${formatMessage(code, lang, params)}`);
