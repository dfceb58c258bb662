import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { loadPlan } from '../src/validate/index.js';
import { renderPlan } from '../src/render/index.js';
import { captureIO } from './helpers/io.js';

const example = new URL('../examples/qingxi/plan.yaml', import.meta.url).pathname;
const tempDir = () => mkdtempSync(join(tmpdir(), 'fangan-render-'));
const MD = '青溪镇创建健康促进镇工作方案.md';
const DOCX = '青溪镇创建健康促进镇工作方案.docx';

async function examplePlan() {
  const { plan, result } = await loadPlan(example);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!plan) throw new Error('example plan did not load');
  return plan;
}

/** Runs the CLI in-process in `cwd`; returns exit code and output. */
async function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const io = captureIO({ cwd, env });
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** A copy of the example plan in a fresh folder, so tests can edit it. */
function planCopy(): { dir: string; plan: string } {
  const dir = tempDir();
  const plan = join(dir, 'plan.yaml');
  copyFileSync(example, plan);
  return { dir, plan };
}

describe('renderPlan', () => {
  it('is deterministic: the same plan gives the same .md and .docx bytes', async () => {
    const plan = await examplePlan();
    const a = await renderPlan(plan, { to: ['docx', 'md'] });
    const b = await renderPlan(plan, { to: ['docx', 'md'] });
    expect(a.diagnostics).toEqual([]);
    expect(a.files.map((f) => f.name)).toEqual([DOCX, MD]);
    expect(
      Buffer.from(a.files[0]?.data as Uint8Array).equals(
        Buffer.from(b.files[0]?.data as Uint8Array),
      ),
    ).toBe(true);
    expect(a.files[1]?.data).toBe(b.files[1]?.data);
  });

  it('takes the document date from the options, else from the plan', async () => {
    const plan = await examplePlan();
    const planDated = await renderPlan(plan, { to: ['docx'] });
    const sameDate = await renderPlan(plan, {
      to: ['docx'],
      date: new Date(`${plan.date}T00:00:00Z`),
    });
    const otherDate = await renderPlan(plan, {
      to: ['docx'],
      date: new Date('2030-01-01T00:00:00Z'),
    });
    const bytes = (r: typeof planDated) => Buffer.from(r.files[0]?.data as Uint8Array);
    expect(bytes(planDated).equals(bytes(sameDate))).toBe(true);
    expect(bytes(planDated).equals(bytes(otherDate))).toBe(false);
  });

  it('returns template diagnostics instead of files', async () => {
    const plan = await examplePlan();
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.md.hbs'), '# {{inline titel}}\n');
    const result = await renderPlan(plan, { to: ['md'], templateDir: dir });
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toMatchObject([
      { code: 'FG3003', file: join(dir, 'plan.md.hbs'), line: 1 },
    ]);
  });
});

describe('fangan render (end to end on the shipped example)', () => {
  it('writes .docx and .md, and the same bytes again on a second run', async () => {
    const cwd = tempDir();
    const first = await cli(['render', example, '-o', 'out'], cwd);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain(join('out', DOCX));
    const bytes = () => [readFileSync(join(cwd, 'out', DOCX)), readFileSync(join(cwd, 'out', MD))];
    const before = bytes();
    const second = await cli(['render', example, '-o', 'out'], cwd);
    expect(second.code).toBe(0);
    const after = bytes();
    expect(after[0]?.equals(before[0] as Buffer)).toBe(true);
    expect(after[1]?.equals(before[1] as Buffer)).toBe(true);
    expect(readdirSync(join(cwd, 'out')).sort()).toEqual(
      ['.fangan-manifest.json', DOCX, MD].sort(),
    );
  });

  it('--to md writes only Markdown', async () => {
    const cwd = tempDir();
    expect((await cli(['render', example, '-o', '.', '--to', 'md'], cwd)).code).toBe(0);
    expect(existsSync(join(cwd, MD))).toBe(true);
    expect(existsSync(join(cwd, DOCX))).toBe(false);
  });

  it('SOURCE_DATE_EPOCH sets the document date, reproducibly', async () => {
    const a = tempDir();
    const b = tempDir();
    const c = tempDir();
    await cli(['render', example, '-o', '.', '--to', 'docx'], a, {
      SOURCE_DATE_EPOCH: '1700000000',
    });
    await cli(['render', example, '-o', '.', '--to', 'docx'], b, {
      SOURCE_DATE_EPOCH: '1700000000',
    });
    await cli(['render', example, '-o', '.', '--to', 'docx'], c);
    const read = (d: string) => readFileSync(join(d, DOCX));
    expect(read(a).equals(read(b))).toBe(true);
    expect(read(a).equals(read(c))).toBe(false);
    expect(
      (await cli(['render', example, '-o', '.'], a, { SOURCE_DATE_EPOCH: 'yesterday' })).code,
    ).toBe(2);
  });

  it('an invalid plan prints its diagnostics and writes nothing (exit 1)', async () => {
    const { dir, plan } = planCopy();
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('date: 2025-01-15', 'date: 2025-02-30'));
    const result = await cli(['render', plan, '-o', 'out', '--lang', 'en'], dir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/plan\.yaml/);
    expect(result.err).toMatch(/FG2\d{3}/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('bad input 22: a hand-edited output is kept unless --force', async () => {
    const cwd = tempDir();
    await cli(['render', example, '-o', 'out'], cwd);
    writeFileSync(join(cwd, 'out', MD), '# 我改过的版本\n');
    const docxBefore = readFileSync(join(cwd, 'out', DOCX));
    const refused = await cli(['render', example, '-o', 'out', '--lang', 'en'], cwd);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('FG4001');
    expect(refused.err).toContain('--force');
    expect(readFileSync(join(cwd, 'out', MD), 'utf8')).toBe('# 我改过的版本\n');
    expect(readFileSync(join(cwd, 'out', DOCX)).equals(docxBefore)).toBe(true);
    expect((await cli(['render', example, '-o', 'out', '--force'], cwd)).code).toBe(0);
    expect(readFileSync(join(cwd, 'out', MD), 'utf8')).toMatch(/^# 青溪镇/);
  });

  it('rejects an unknown --to format as a usage error', async () => {
    const result = await cli(['render', example, '-o', 'out', '--to', 'rtf'], tempDir());
    expect(result.code).toBe(2);
    expect(result.err).toContain('FG9020');
  });
});

describe('fangan render --check', () => {
  it('passes when outputs are current, reports stale and missing ones, writes nothing', async () => {
    const { dir, plan } = planCopy();
    expect((await cli(['render', plan, '-o', 'out'], dir)).code).toBe(0);
    const ok = await cli(['render', plan, '-o', 'out', '--check'], dir);
    expect(ok).toMatchObject({ code: 0, err: '' });

    writeFileSync(
      plan,
      readFileSync(plan, 'utf8').replace('deadline: 2025-03-31', 'deadline: 2025-04-30'),
    );
    unlinkSync(join(dir, 'out', DOCX));
    const mdBefore = readFileSync(join(dir, 'out', MD), 'utf8');
    const stale = await cli(['render', plan, '-o', 'out', '--check', '--lang', 'en'], dir);
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('FG4009'); // the deleted .docx
    expect(stale.err).toContain('FG4008'); // the .md made from the old plan
    expect(stale.err).toContain(DOCX);
    expect(stale.err).toContain(MD);
    expect(existsSync(join(dir, 'out', DOCX))).toBe(false);
    expect(readFileSync(join(dir, 'out', MD), 'utf8')).toBe(mdBefore);
  });
});

describe('fangan templates eject', () => {
  it('copies the built-in templates, partials and profile; --template then uses them', async () => {
    const cwd = tempDir();
    const ejected = await cli(['templates', 'eject', 'tpl'], cwd);
    expect(ejected.code).toBe(0);
    for (const file of [
      'plan.md.hbs',
      'report.md.hbs',
      'partials/measure.md.hbs',
      'profiles/gbt9704.json',
    ]) {
      expect(existsSync(join(cwd, 'tpl', file)), file).toBe(true);
    }

    const again = await cli(['templates', 'eject', 'tpl', '--lang', 'en'], cwd);
    expect(again.code).toBe(1);
    expect(again.err).toContain('FG4010');
    expect((await cli(['templates', 'eject', 'tpl', '--force'], cwd)).code).toBe(0);

    const planTemplate = join(cwd, 'tpl', 'plan.md.hbs');
    writeFileSync(
      planTemplate,
      readFileSync(planTemplate, 'utf8').replace(
        '# {{inline title}}',
        '# {{inline title}}\n\n（本地修改版）',
      ),
    );
    const rendered = await cli(
      [
        'render',
        example,
        '-o',
        'out',
        '--template',
        'tpl',
        '--profile',
        'tpl/profiles/gbt9704.json',
      ],
      cwd,
    );
    expect(rendered.code).toBe(0);
    expect(readFileSync(join(cwd, 'out', MD), 'utf8')).toContain('（本地修改版）');
    expect(existsSync(join(cwd, 'out', DOCX))).toBe(true);
  });

  it('a missing --template folder is a usage error', async () => {
    const result = await cli(['render', example, '-o', 'out', '--template', 'nope'], tempDir());
    expect(result.code).toBe(2);
    expect(result.err).toContain('FG9021');
  });

  it('a broken user template names its file and line (exit 1)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'plan.md.hbs'), '# {{inline title}}\n\n{{#if title}}\n');
    const result = await cli(['render', example, '-o', 'out', '--template', '.'], cwd);
    expect(result.code).toBe(1);
    expect(result.err).toContain('plan.md.hbs');
    expect(result.err).toContain('FG3001');
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });
});
