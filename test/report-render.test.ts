import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Plan, Progress } from '../src/model/types.js';
import { buildReportView, buildRollupView } from '../src/report/index.js';
import { createReportRenderer } from '../src/report/render.js';
import { parseMarkdown } from '../src/markdown/index.js';
import JSZip from 'jszip';

// The examples are valid by construction (the validation tests check them); reading them with
// plain YAML keeps these template tests independent of the validator.
const load = <T>(file: string): T => parse(readFileSync(file, 'utf8')) as T;
const plan = load<Plan>('examples/qingxi/plan.yaml');
const progress = load<Progress>('examples/qingxi/progress/2025Q2.yaml');

describe('report template', async () => {
  const renderer = await createReportRenderer({ formats: ['md', 'docx'], lang: 'zh-CN' });
  const view = buildReportView(progress, plan);
  const { markdown, docx } = await renderer.report(view);

  it('has the title, the sections in order, the indicator table and the attachment', () => {
    expect(markdown).toMatch(/^# 青溪镇2025年第二季度创建健康促进镇工作汇报$/m);
    // The unit table is a section of its own; no highlights in this file, so no such section.
    expect(markdown.match(/^## .+$/gm)).toEqual([
      '## 一、工作开展情况',
      '## 二、各牵头单位推进情况',
      '## 三、主要指标完成情况',
      '## 四、存在问题',
      '## 五、下一步工作计划',
    ]);
    expect(markdown).toContain(
      '| 指标 | 基线值→目标值 | 本季度应达到 | 本季度实际 | 较上季度 | 完成度 | 进度 |',
    );
    // A single attachment: `附件：名称` without a number and a page labelled 附件, not 附件1 (GB/T 9704 7.3.4).
    expect(markdown).toContain('附件：重点任务进展情况表');
    expect(markdown).toMatch(/^<!-- fangan:attachment -->$/m);
    expect(markdown).not.toMatch(/fangan:attachment \d/);
    expect(markdown).toContain(
      '| 序号 | 工作任务 | 牵头单位 | 完成时限 | 进展状态 | 完成比例 | 是否逾期 |',
    );
    expect(markdown).toContain(
      `截至${view.asOfZh}，方案确定的${view.figures.measures}项重点任务中`,
    );
  });

  it('parses as Markdown whose attachment table has a row per measure', () => {
    const tree = parseMarkdown(markdown);
    const tables = tree.children.filter((n) => n.type === 'table');
    const last = tables.at(-1);
    expect(last?.type).toBe('table');
    if (last?.type === 'table') expect(last.children.length).toBe(plan.measures.length + 1);
  });

  it('draws the completion-by-unit chart as mermaid', () => {
    expect(markdown).toMatch(/```mermaid\nxychart-beta\n {4}title "各牵头单位任务平均完成比例"/);
    expect(markdown).toContain(`x-axis [${view.units.map((u) => `"${u.name}"`).join(', ')}]`);
  });

  it('writes a .docx whose document.xml holds the chart and the text', async () => {
    expect(docx).toBeInstanceOf(Uint8Array);
    const zip = await JSZip.loadAsync(docx as Uint8Array);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    // a long title is broken into lines (runs), so the text is compared without the markup
    expect(xml.replace(/<[^>]+>/g, '')).toContain('青溪镇2025年第二季度创建健康促进镇工作汇报');
    expect(xml).toContain('<c:chart');
    const charts = zip.file(/^word\/charts\/chart\d+\.xml$/);
    expect(charts.length).toBe(1);
    const chartXml = await charts[0]?.async('string');
    expect(chartXml).toContain('各牵头单位任务平均完成比例');
    expect(chartXml).toContain(view.units[0]?.name);
  });

  it('escapes Markdown syntax in user text', async () => {
    const nasty: Progress = {
      ...progress,
      problems: [
        '| 表格 | *强调* <script>alert(1)</script> [x](javascript:alert(1))',
        '1. 不是列表',
      ],
    };
    const md = (await renderer.report(buildReportView(nasty, plan))).markdown;
    expect(md).toContain('\\| 表格 \\| \\*强调\\* &lt;script&gt;');
    expect(md).not.toContain('<script>');
    const tree = parseMarkdown(md);
    expect(tree.children.some((n) => n.type === 'list')).toBe(false);
  });
});

describe('roll-up template', async () => {
  const renderer = await createReportRenderer({ formats: ['md'], lang: 'zh-CN' });
  const towns = ['songling', 'liuhe', 'baisha'].map((t) =>
    buildReportView(
      load<Progress>(`examples/county/${t}/progress/2025Q1.yaml`),
      load<Plan>(`examples/county/${t}/plan.yaml`),
    ),
  );
  const rollup = buildRollupView(towns);
  const { markdown } = await renderer.rollup(rollup);

  it('has a row per town, totals, the chart and next steps', () => {
    expect(markdown).toMatch(/^# .+2025年第一季度.+汇总报告$/m);
    for (const t of towns) expect(markdown).toContain(`| ${t.town} |`);
    expect(markdown).toContain('| 合计 | 3个乡镇 |');
    expect(markdown).toContain('title "各乡镇任务平均完成比例"');
    expect(markdown).toContain('## 五、下一步工作');
  });
});
