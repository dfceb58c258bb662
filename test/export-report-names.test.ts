import { describe, expect, it } from 'vitest';
import { ReportNames } from '../src/export/report-names.js';
import type { Candidate } from '../src/export/scan.js';

const candidate = (display: string, quarter?: string, town?: string): Candidate => ({
  file: `/w/${display}`,
  display,
  isProgress: true,
  ...(quarter ? { quarter } : {}),
  ...(town ? { town } : {}),
});
const same = (names: string[]): string[] => names;

describe('report names planned before rendering', () => {
  // Listed out of path order: the plan goes by path, so b/ gets the plain names whatever order
  // the files were found in.
  const candidates = [
    candidate('c/q1.yaml', '2025Q1', '青溪镇'),
    candidate('b/q1.yaml', '2025Q1', '青溪镇'),
    candidate('a/q1.yaml', '2025Q1', 'index'),
    candidate('d/broken.yaml'),
    candidate('e/late.yaml'),
    candidate('f/q2.yaml'),
  ];
  const names = new ReportNames(candidates, ['index.md', 'index.json'], ['docx', 'md'], same);

  it('in path order: the second report of a town and quarter moves to -2 and says whose names they are', () => {
    expect(names.get(1)).toEqual({
      names: ['2025Q1-青溪镇-季度工作汇报.docx', '2025Q1-青溪镇-季度工作汇报.md'],
    });
    expect(names.get(0)).toEqual({
      names: ['2025Q1-青溪镇-季度工作汇报-2.docx', '2025Q1-青溪镇-季度工作汇报-2.md'],
      clash: 'b/q1.yaml',
    });
    expect(names.get(3)).toBeUndefined();
  });

  it('replans a report whose real quarter or town differs, against every name taken so far', () => {
    // d/ turned out to be 青溪镇 2025Q1 too: its names rebuild the dropped owners map first.
    const replanned = {
      names: ['2025Q1-青溪镇-季度工作汇报-3.docx', '2025Q1-青溪镇-季度工作汇报-3.md'],
      clash: 'b/q1.yaml',
    };
    expect(names.replan(3, '2025Q1', '青溪镇', 'd/broken.yaml')).toEqual(replanned);
    // They are d/'s names from now on.
    expect(names.get(3)).toEqual(replanned);
    // And a later replan sees d/'s names as taken.
    expect(names.replan(4, '2025Q1', '青溪镇', 'e/late.yaml').names[0]).toBe(
      '2025Q1-青溪镇-季度工作汇报-4.docx',
    );
    expect(names.replan(5, '2025Q2', '青溪镇', 'f/q2.yaml')).toEqual({
      names: ['2025Q2-青溪镇-季度工作汇报.docx', '2025Q2-青溪镇-季度工作汇报.md'],
    });
    expect(names.get(5)?.clash).toBeUndefined();
    expect(names.get(1)?.names[0]).toBe('2025Q1-青溪镇-季度工作汇报.docx');
  });

  it('names differing only in case collide, and reserved names are never given out', () => {
    const plan = new ReportNames(
      [candidate('x.yaml', '2025Q1', 'AB镇'), candidate('y.yaml', '2025q1', 'ab镇')],
      ['2025Q1-AB镇-季度工作汇报.md'],
      ['md'],
      same,
    );
    expect(plan.get(0)?.names).toEqual(['2025Q1-AB镇-季度工作汇报-2.md']);
    expect(plan.get(1)?.names).toEqual(['2025q1-ab镇-季度工作汇报-3.md']);
    expect(plan.get(1)?.clash).toBe('2025Q1-AB镇-季度工作汇报.md');
  });
});
