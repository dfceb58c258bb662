import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFiles, expandGlob, walkFolder } from '../src/cli/files.js';
import { UsageError } from '../src/cli/io.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'fangan-files-'));
  const files = [
    'plans/b.yaml',
    'plans/a.yml',
    'plans/README.md',
    'plans/notes.txt',
    'plans/town/青溪镇.yaml',
    'plans/town/progress/2025Q1.YAML',
    'plans/node_modules/dep/x.yaml',
    'plans/.hidden/secret.yaml',
    'plans/.dot.yaml',
    'empty/readme.md',
    'odd/方案[2025].yaml',
  ];
  for (const f of files) {
    await mkdir(path.dirname(path.join(root, f)), { recursive: true });
    await writeFile(path.join(root, f), 'kind: plan\n');
  }
  await symlink(path.join(root, 'plans'), path.join(root, 'plans/town/loop'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const displays = async (args: string[]): Promise<string[]> =>
  (await discoverFiles(args, root, 'en')).map((i) => ('stdin' in i ? '-' : i.display));

describe('file discovery', () => {
  it('walks folders recursively for .yaml/.yml, sorted, skipping node_modules and dot-folders', async () => {
    expect(await displays(['plans'])).toEqual([
      'plans/.dot.yaml',
      'plans/a.yml',
      'plans/b.yaml',
      'plans/town/progress/2025Q1.YAML',
      'plans/town/青溪镇.yaml',
    ]);
  });

  it('shows folder results the way the folder was typed (path.join of the argument)', async () => {
    const town = ['progress/2025Q1.YAML', '青溪镇.yaml'];
    for (const arg of ['plans/town', './plans/town/', 'plans//town', 'plans/../plans/town']) {
      expect(await displays([arg]), arg).toEqual(town.map((f) => `plans/town/${f}`));
    }
    const inTown = (await discoverFiles(['.'], path.join(root, 'plans/town'), 'en')).map((i) =>
      'stdin' in i ? '-' : i.display,
    );
    expect(inTown).toEqual(town);
    const absolute = path.join(root, 'plans/town');
    expect(await displays([absolute])).toEqual(town.map((f) => `${absolute}/${f}`));
    expect(await displays([`${absolute}/`])).toEqual(town.map((f) => `${absolute}/${f}`));
  });

  it('does not follow symlinked folders (no cycles)', async () => {
    const found = await walkFolder(path.join(root, 'plans'));
    expect(found.some((f) => f.includes('loop'))).toBe(false);
  });

  it('keeps argument order, takes explicit files whatever their extension, and drops duplicates', async () => {
    expect(await displays(['plans/notes.txt', 'plans/b.yaml', 'plans', './plans/a.yml'])).toEqual([
      'plans/notes.txt',
      'plans/b.yaml',
      'plans/.dot.yaml',
      'plans/a.yml',
      'plans/town/progress/2025Q1.YAML',
      'plans/town/青溪镇.yaml',
    ]);
  });

  it('gives absolute paths for reading', async () => {
    const [first] = await discoverFiles(['plans/b.yaml'], root, 'en');
    expect(first).toEqual({ display: 'plans/b.yaml', absolute: path.join(root, 'plans/b.yaml') });
  });

  it('expands quoted globs, keeping only YAML files unless the pattern names an extension', async () => {
    expect(await displays(['plans/**'])).toEqual([
      'plans/a.yml',
      'plans/b.yaml',
      'plans/town/progress/2025Q1.YAML',
      'plans/town/青溪镇.yaml',
    ]);
    expect(await displays(['plans/*.yaml'])).toEqual(['plans/b.yaml']);
    expect(await displays(['plans/*.{yaml,yml}'])).toEqual(['plans/a.yml', 'plans/b.yaml']);
    expect(await displays(['plans/*.txt'])).toEqual(['plans/notes.txt']);
    expect(await expandGlob(`${root}/plans/town/*.yaml`, root)).toEqual([
      `${root}/plans/town/青溪镇.yaml`,
    ]);
  });

  it('takes an existing name with glob characters literally', async () => {
    expect(await displays(['odd/方案[2025].yaml'])).toEqual(['odd/方案[2025].yaml']);
  });

  it('keeps "-" (standard input) in its place, once', async () => {
    expect(await displays(['plans/b.yaml', '-', 'plans/a.yml'])).toEqual([
      'plans/b.yaml',
      '-',
      'plans/a.yml',
    ]);
    await expect(discoverFiles(['-', '-'], root, 'en')).rejects.toThrow(/FG9007/);
  });

  it('turns a missing path, an empty folder or a glob without matches into a usage error', async () => {
    await expect(discoverFiles(['nope.yaml'], root, 'en')).rejects.toThrow(
      new UsageError('FG9001 Path not found: nope.yaml'),
    );
    await expect(discoverFiles(['empty'], root, 'zh-CN')).rejects.toThrow(
      new UsageError('FG9002 没有找到要校验的 YAML 文件：empty'),
    );
    await expect(discoverFiles(['plans/*.json'], root, 'en')).rejects.toThrow(
      /FG9002 .*plans\/\*\.json/,
    );
  });
});
