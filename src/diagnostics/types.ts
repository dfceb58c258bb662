/** Languages of the message catalogue. */
export type Lang = 'zh-CN' | 'en';

export type Severity = 'error' | 'warning';

/**
 * One problem found in one input file. Bad user data is always reported this way, never thrown.
 * Positions are 1-based and point at the offending YAML node (for `required`, the parent mapping;
 * for unknown keys, the key itself).
 */
export interface Diagnostic {
  /** Stable code, e.g. `FG1001`; documented in the README and never reused for another meaning. */
  code: string;
  severity: Severity;
  /** Already localised message. */
  message: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** JSON pointer of the offending value, when there is one. */
  pointer?: string;
  /** Extra advice, e.g. "did you mean …" or "add quotes". Localised. */
  hint?: string;
}

/** Result of checking one file. */
export interface FileResult {
  file: string;
  kind?: 'plan' | 'progress' | 'county';
  diagnostics: Diagnostic[];
  /** Normalised source text (LF line endings) when it could be decoded; formatters use it for code frames. */
  source?: string;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');
