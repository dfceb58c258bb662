import { escapeMarkdown } from '../template/escape.js';
import type { ExportOptions, ReportRecord, ReportStatus, RollupRecord } from './export.js';

/*
 * index.json (for machines: CI, dashboards) and index.md (for people) list every output of an
 * export with its source, status, key figures and, for failures, the diagnostics. No timestamps,
 * so an unchanged export gives the same bytes.
 *
 * Each report's share of both files is made as soon as the report is done (`reportParts`) and
 * kept on disk; the files are put together from those pieces in path order at the end
 * (`indexJsonPieces`, `indexMarkdownPieces`), so a batch of 20,000 reports never holds its index
 * as objects or as one long string.
 */

/** What one report adds to the index files. */
export interface ReportIndexParts {
  /** Its entry in index.json's `reports` array, indented to its place. */
  json: string;
  /** Its row in index.md's table, with the line break. */
  row: string;
  /** Its section under "失败的文件" (failed reports only), else ''. */
  failure: string;
}

const indentBy = (text: string, spaces: string): string =>
  spaces + text.replace(/\n/g, `\n${spaces}`);

export function reportParts(r: ReportRecord): ReportIndexParts {
  const entry = {
    source: r.source,
    plan: r.plan ?? null,
    quarter: r.quarter ?? null,
    town: r.town ?? null,
    status: r.status,
    outputs: r.outputs,
    figures: r.figures
      ? {
          measures: r.figures.measures,
          due: r.figures.due,
          done: r.figures.done,
          dueDone: r.figures.dueDone,
          overdue: r.figures.overdue,
          rate: r.figures.rate ?? null,
          averagePercent: Number(r.figures.averagePercent.toFixed(1)),
          indicatorsMet: r.figures.indicatorsMet,
          indicatorsReported: r.figures.indicatorsReported,
        }
      : null,
    diagnostics: r.diagnostics,
  };
  const f = r.figures;
  const row = `| ${cell(r.source)} | ${cell(r.quarter ?? '')} | ${cell(r.town ?? '')} | ${STATUS_ZH[r.status]} | ${f?.rateText ?? '—'} | ${f?.averagePercentText ?? '—'} | ${f ? f.overdue : '—'} | ${r.outputs.map(link).join('<br>') || '—'} |\n`;
  let failure = '';
  if (r.status === 'failed') {
    failure = `### ${inline(r.source)}\n\n`;
    for (const d of r.diagnostics) {
      // Every path is the user's folder and file names: escaped like any other text.
      failure += `- ${inline(`${d.file}:${d.line}:${d.column}`)} ${d.code} ${inline(d.message)}\n`;
    }
    failure += '\n';
  }
  // At depth 2 (document > reports > entry), exactly as JSON.stringify(…, null, 2) would put it.
  return { json: indentBy(JSON.stringify(entry, null, 2), '    '), row, failure };
}

/** Strings stay strings; a number is a report's piece to copy from the spool, in path order. */
export type Piece = string | { report: number };

const REPORTS = '\u0000reports';

/** index.json: the head and tail, with the reports' entries (joined by commas) in between. */
export function indexJsonPieces(
  reportCount: number,
  counts: Record<ReportStatus, number>,
  rollups: readonly RollupRecord[],
  options: Pick<ExportOptions, 'version' | 'formats' | 'quarter'>,
): Generator<Piece> {
  const data = {
    tool: 'fangan',
    version: options.version,
    quarter: options.quarter ?? null,
    formats: options.formats,
    counts,
    reports: reportCount === 0 ? [] : [REPORTS],
    rollups: rollups.map((r) => ({
      quarter: r.quarter,
      county: r.county ?? null,
      status: r.status,
      towns: r.towns,
      absent: r.absent,
      outputs: r.outputs,
      diagnostics: r.diagnostics,
    })),
  };
  const text = `${JSON.stringify(data, null, 2)}\n`;
  // A generator: 20,000 reports are never 40,000 pieces in an array.
  return (function* (): Generator<Piece> {
    if (reportCount === 0) {
      yield text;
      return;
    }
    const marker = `    ${JSON.stringify(REPORTS)}`;
    const at = text.indexOf(marker);
    yield text.slice(0, at);
    for (let i = 0; i < reportCount; i++) {
      if (i > 0) yield ',\n';
      yield { report: i };
    }
    yield text.slice(at + marker.length);
  })();
}

const STATUS_ZH: Record<ReportStatus, string> = {
  written: '已生成',
  skipped: '未变化，跳过',
  failed: '失败',
};
const cell = (s: string): string => escapeMarkdown(s, 'cell') || '—';
/** A link target with everything that could end or break it encoded (`(`, `)`, spaces, `<`). */
const target = (name: string): string =>
  encodeURIComponent(name).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
const link = (name: string): string => `[${cell(name)}](${target(name)})`;
const inline = (s: string): string => escapeMarkdown(s, 'inline');

/**
 * index.md: the summary, the roll-up table, then the reports' rows and (after them) the sections
 * of the failed ones go between `head`, `between` and the end.
 */
export function indexMarkdownPieces(
  counts: Record<ReportStatus, number>,
  rollups: readonly RollupRecord[],
  reportCount: number,
  anyFailed: boolean,
  options: Pick<ExportOptions, 'quarter'>,
): { head: string; between: string } {
  const { written, skipped, failed } = counts;
  const lines: string[] = [
    '# 导出清单',
    '',
    `${options.quarter ? `${options.quarter}，` : ''}共 ${reportCount} 份季度进展：已生成 ${written} 份，未变化跳过 ${skipped} 份，失败 ${failed} 份。`,
    '',
    '## 汇总报告',
    '',
  ];
  if (rollups.length === 0) lines.push('没有可汇总的季度。', '');
  else {
    lines.push('| 季度 | 县（市、区） | 乡镇数 | 状态 | 文件 |', '| --- | --- | --- | --- | --- |');
    for (const r of rollups) {
      lines.push(
        `| ${cell(r.quarter)} | ${cell(r.county ?? '')} | ${r.towns.length} | ${STATUS_ZH[r.status]} | ${r.outputs.map(link).join('<br>') || '—'} |`,
      );
    }
    lines.push('');
  }
  lines.push(
    '## 各乡镇季度工作汇报',
    '',
    '| 进展文件 | 季度 | 乡镇 | 状态 | 完成率 | 平均完成比例 | 逾期 | 文件 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  return {
    head: `${lines.join('\n')}\n`,
    between: anyFailed ? '\n## 失败的文件\n\n' : '\n',
  };
}
