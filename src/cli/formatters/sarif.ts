import { pathToFileURL } from 'node:url';
import { catalog } from '../../diagnostics/catalog.js';
import type { Diagnostic, Lang } from '../../diagnostics/types.js';
import type { Formatter } from './index.js';
import { messageWithHint, relativePath } from './paths.js';

/**
 * SARIF 2.1.0 (code scanning, editors): one run, a rule per catalogue code that occurs, results
 * with regions. URIs are relative to `%SRCROOT%`, which is the folder the command ran in.
 * Columns count UTF-16 code units, as JavaScript strings (and the yaml parser) do.
 */
export const formatSarif: Formatter = (results, options) => {
  const ruleIndex = new Map<string, number>();
  const rules: object[] = [];
  const sarifResults: object[] = [];

  for (const result of results) {
    for (const d of result.diagnostics) {
      let index = ruleIndex.get(d.code);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(d.code, index);
        rules.push(rule(d.code, options.lang));
      }
      sarifResults.push({
        ruleId: d.code,
        ruleIndex: index,
        level: d.severity,
        message: { text: messageWithHint(d, options.lang) },
        locations: [location(d, options.cwd)],
      });
    }
  }

  const cwdUri = pathToFileURL(options.cwd).href;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'fangan',
            version: options.version,
            semanticVersion: options.version,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri.endsWith('/') ? cwdUri : `${cwdUri}/` } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

/** A rule from the catalogue; `{param}` placeholders of the message template become `…`. */
function rule(code: string, lang: Lang): object {
  const entry = catalog[code];
  const text = entry ? entry[lang].replace(/\{\w+\}/g, '…') : code;
  return {
    id: code,
    shortDescription: { text },
    defaultConfiguration: { level: entry?.severity ?? 'error' },
  };
}

function location(d: Diagnostic, cwd: string): object {
  const uri = relativePath(d.file, cwd).split('/').map(encodeURIComponent).join('/');
  const region: Record<string, number> = { startLine: d.line, startColumn: d.column };
  if (d.endLine !== undefined) region.endLine = d.endLine;
  if (d.endColumn !== undefined) region.endColumn = d.endColumn;
  return { physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region } };
}
