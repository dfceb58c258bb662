/**
 * What an export worker keeps between jobs: a few recent plans and progress files, never one per
 * town. A batch with more towns than that bound must still render every report as a renderer
 * that starts afresh would, including the 环比 figures read from the town's earlier quarter.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareRenderOne, RecentPlans, type JobSettings } from '../src/export/render-one.js';

const example = path.join(process.cwd(), 'examples/qingxi');
const work = mkdtempSync(path.join(tmpdir(), 'fangan-render-one-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Town n: its own plan and its 2025Q1 and 2025Q2 progress files; returns the Q2 file. */
function makeTown(n: number): string {
  const town = path.join(work, `town${n}`);
  mkdirSync(path.join(town, 'progress'), { recursive: true });
  const plan = readFileSync(path.join(example, 'plan.yaml'), 'utf8');
  writeFileSync(path.join(town, 'plan.yaml'), plan.replaceAll('青溪镇', `青溪${n}镇`));
  for (const q of ['2025Q1', '2025Q2']) {
    const text = readFileSync(path.join(example, 'progress', `${q}.yaml`), 'utf8');
    writeFileSync(path.join(town, 'progress', `${q}.yaml`), text);
  }
  return path.join(town, 'progress', '2025Q2.yaml');
}

const settings: JobSettings = { formats: ['md'], lang: 'zh-CN', cwd: work };

describe('export worker caches', () => {
  it('keep at most RecentPlans.LIMIT entries, dropping the oldest first', () => {
    const cache = new RecentPlans<number>();
    for (let i = 0; i < RecentPlans.LIMIT * 3; i++) cache.set(`plan${i}`, i);
    expect(cache.size).toBe(RecentPlans.LIMIT);
    const kept = Array.from(
      { length: RecentPlans.LIMIT },
      (_, i) => `plan${2 * RecentPlans.LIMIT + i}`,
    );
    expect([...cache.keys()]).toEqual(kept);
    // Setting a key already held replaces its value without pushing another one out.
    cache.set(kept[0] as string, -1);
    expect(cache.size).toBe(RecentPlans.LIMIT);
    expect(cache.get(kept[0] as string)).toBe(-1);
  });

  it('render a town whose plan has left the cache exactly as a fresh renderer does', async () => {
    const towns = RecentPlans.LIMIT + 4;
    const files = Array.from({ length: towns }, (_, i) => makeTown(i + 1));
    const renderOne = await prepareRenderOne(settings);
    const first: string[] = [];
    for (const [index, file] of files.entries()) {
      const reply = await renderOne({ index, file, display: path.relative(work, file) });
      if (!reply.ok) throw new Error(JSON.stringify(reply.result.diagnostics));
      expect(reply.entry.town).toBe(`青溪${index + 1}镇`);
      first.push(reply.markdown ?? '');
    }
    // Town 1's plan and quarters were pushed out by the towns after it: read again, same report.
    const again = await renderOne({ index: 0, file: files[0] as string, display: 'again' });
    const fresh = await (
      await prepareRenderOne(settings)
    )({
      index: 0,
      file: files[0] as string,
      display: 'again',
    });
    expect(again.ok && fresh.ok).toBe(true);
    if (!again.ok || !fresh.ok) return;
    expect(again.markdown).toBe(fresh.markdown);
    expect(again.entry).toEqual(fresh.entry);
    // The 环比 column compares with 2025Q1 (9 lectures, now 19), which was read again too.
    expect(again.markdown).toContain('| 19场 | 新增10场 |');
    expect(again.markdown).toContain('青溪1镇');
    expect(again.markdown).not.toContain(`青溪${towns}镇`);
    // The display name aside, the first rendering of town 1 is that same report.
    expect(first[0]).toBe(fresh.markdown?.replaceAll('again', 'town1/progress/2025Q2.yaml'));
  });
});
