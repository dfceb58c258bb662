import { escapeMarkdown } from '../template/escape.js';
import type { ExportOptions, ExportSummary, ReportStatus } from './export.js';

/*
 * index.json (for machines: CI, dashboards) and index.md (for people) list every output of an
 * export with its source, status, key figures and, for failures, the diagnostics. No timestamps,
 * so an unchanged export gives the same bytes.
 */

export function indexJson(
  summary: ExportSummary,
  options: Pick<ExportOptions, 'version' | 'formats' | 'quarter'>,
): string {
  const data = {
    tool: 'fangan',
    version: options.version,
    quarter: options.quarter ?? null,
    formats: options.formats,
    counts: summary.counts,
    reports: summary.reports.map((r) => ({
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
    })),
    rollups: summary.rollups.map((r) => ({
      quarter: r.quarter,
      county: r.county ?? null,
      status: r.status,
      towns: r.towns,
      absent: r.absent,
      outputs: r.outputs,
      diagnostics: r.diagnostics,
    })),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

const STATUS_ZH: Record<ReportStatus, string> = {
  written: '已生成',
  skipped: '未变化，跳过',
  failed: '失败',
};
const cell = (s: string): string => escapeMarkdown(s, 'cell') || '—';
const link = (name: string): string => `[${cell(name)}](${encodeURI(name)})`;

export function indexMarkdown(
  summary: ExportSummary,
  options: Pick<ExportOptions, 'quarter'>,
): string {
  const { written, skipped, failed } = summary.counts;
  const lines: string[] = [
    '# 导出清单',
    '',
    `${options.quarter ? `${options.quarter}，` : ''}共 ${summary.reports.length} 份季度进展：已生成 ${written} 份，未变化跳过 ${skipped} 份，失败 ${failed} 份。`,
    '',
    '## 汇总报告',
    '',
  ];
  if (summary.rollups.length === 0) lines.push('没有可汇总的季度。', '');
  else {
    lines.push('| 季度 | 县（市、区） | 乡镇数 | 状态 | 文件 |', '| --- | --- | --- | --- | --- |');
    for (const r of summary.rollups) {
      lines.push(
        `| ${r.quarter} | ${cell(r.county ?? '')} | ${r.towns.length} | ${STATUS_ZH[r.status]} | ${r.outputs.map(link).join('<br>') || '—'} |`,
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
  for (const r of summary.reports) {
    const f = r.figures;
    lines.push(
      `| ${cell(r.source)} | ${r.quarter ?? '—'} | ${cell(r.town ?? '')} | ${STATUS_ZH[r.status]} | ${f?.rateText ?? '—'} | ${f?.averagePercentText ?? '—'} | ${f ? f.overdue : '—'} | ${r.outputs.map(link).join('<br>') || '—'} |`,
    );
  }
  lines.push('');
  const failures = summary.reports.filter((r) => r.status === 'failed');
  if (failures.length > 0) {
    lines.push('## 失败的文件', '');
    for (const r of failures) {
      lines.push(`### ${escapeMarkdown(r.source, 'inline')}`, '');
      for (const d of r.diagnostics) {
        lines.push(
          `- ${d.file}:${d.line}:${d.column} ${d.code} ${escapeMarkdown(d.message, 'inline')}`,
        );
      }
      lines.push('');
    }
  }
  return `${lines.join('\n')}\n`;
}
