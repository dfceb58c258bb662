/**
 * `fangan init` end to end in a real terminal: tmux runs the built bin in a pseudo terminal,
 * `send-keys` types the answers, `capture-pane` reads the prompts. Needs tmux and a build
 * (`npm test` builds first); skipped with the reason printed otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  builtinStarter,
  parsePlan,
  planInvariantProblems,
  validatePlanText,
} from './init-helpers.js';

const bin = fileURLToPath(new URL('../bin/fangan.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/cli/main.js', import.meta.url)));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const skipReason = !hasTmux
  ? 'tmux is not installed'
  : !built
    ? 'dist/ is missing (run npm run build)'
    : undefined;
if (skipReason) console.warn(`tmux end-to-end test of fangan init skipped: ${skipReason}`);

// A private tmux server, so the test never touches the user's sessions.
const socket = `fangan-test-${process.pid}`;
const session = 'init';
const tmux = (...args: string[]) =>
  execFileSync('tmux', ['-u', '-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-J', '-t', session);
const keys = (...k: string[]) => tmux('send-keys', '-t', session, ...k);
const type = (text: string) => tmux('send-keys', '-t', session, '-l', text);

async function waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${pattern}; screen:\n${text}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

/** The active prompt is the one still marked `?` (answered ones turn into ✔). */
const active = (message: string) =>
  new RegExp(`^\\? ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm');

let dir: string | undefined;
afterAll(async () => {
  if (!skipReason) spawnSync('tmux', ['-L', socket, 'kill-server']);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(skipReason !== undefined)('fangan init in a real terminal (tmux)', () => {
  it('walks through the wizard and writes a plan that validates', async () => {
    dir = await mkdtemp(join(tmpdir(), 'fangan-tmux-'));
    const starter = await builtinStarter();
    const command =
      `cd '${dir}' && env -u CI NO_COLOR=1 LANG=C.UTF-8 FANGAN_LANG=zh-CN ` +
      `node '${bin}' init plan.yaml --year 2025; echo "EXIT=$?"; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', command);

    await waitFor(active('乡镇名称'));
    type('青山镇');
    keys('Enter');
    await waitFor(active('所属县'));
    type('绿水县');
    keys('Enter');
    expect(await waitFor(active('发文机关'))).toContain('青山镇人民政府');
    keys('Enter');
    expect(await waitFor(active('实施周期开始日期'))).toContain('2025-01-01');
    keys('Enter');
    await waitFor(active('实施周期结束日期'));
    type('2025-02-30'); // not a date: refused in place
    keys('Enter');
    await waitFor(/应为 YYYY-MM-DD 格式的有效日期，收到 2025-02-30/);
    for (let i = 0; i < 10; i++) keys('BSpace');
    keys('Enter'); // default 2025-12-31
    await waitFor(active('成文日期'));
    keys('Enter');
    await waitFor(active('发文字号'));
    type('青政发〔2025〕3号');
    keys('Enter');
    expect(await waitFor(active('责任单位'))).toContain('镇卫生院');
    keys('Enter');
    await waitFor(active('其他责任单位'));
    type('镇交通站');
    keys('Enter');
    await waitFor(active('工作目标'));
    keys('Enter');
    await waitFor(active('量化指标'));
    keys('Enter');
    await waitFor(active('现在填写各指标'));
    keys('Enter'); // no: keep the suggested values
    await waitFor(active('重点工作'));
    keys('Enter');
    await waitFor(active('逐项确认'));
    keys('Enter'); // yes: one select and one deadline per measure

    for (const [index, m] of starter.measures.entries()) {
      await waitFor(active(`${m.id} ${m.title.replaceAll('{place}', '镇')}：牵头单位`));
      if (index === 0) keys('Down'); // M1: the next unit in the list instead of the default
      keys('Enter');
      await waitFor(active(`${m.id} ${m.title.replaceAll('{place}', '镇')}：完成时限`));
      keys('Enter');
    }

    // The summary: change the 发文字号 to one in square brackets, accept the 〔〕 form, write.
    const summary = await waitFor(active('请核对以下内容'));
    expect(summary).toContain('发文字号：青政发〔2025〕3号');
    expect(summary).not.toMatch(/y\/N|Y\/n|navigate|Use arrow/);
    for (let i = 0; i < 6; i++) keys('Down'); // 写入, 乡镇名称, 所属县, 发文机关, 实施周期, 成文日期, 发文字号
    keys('Enter');
    await waitFor(active('发文字号'));
    for (let i = 0; i < 12; i++) keys('BSpace');
    type('青政发[2025]4号');
    keys('Enter');
    await waitFor(/改为“青政发〔2025〕4号”吗？\s*（y 是 \/ n\s*否/); // inquirer wraps long lines
    keys('Enter'); // yes
    expect(await waitFor(/发文字号：青政发〔2025〕4号/)).toContain('确认，写入文件');
    keys('Enter');

    const final = await waitFor(/EXIT=\d+/);
    expect(final).toContain('已起草 plan.yaml');
    expect(final).toContain('EXIT=0');

    const text = await readFile(join(dir, 'plan.yaml'), 'utf8');
    const plan = parsePlan(text);
    expect(plan).toMatchObject({ region: '绿水县青山镇', doc_number: '青政发〔2025〕4号' });
    expect(plan.units.at(-1)).toEqual({ id: 'u1', name: '镇交通站' });
    // The first measure's lead moved one down from dzb (镇党政办) to wsy (镇卫生院).
    expect(plan.measures[0]).toMatchObject({ id: 'M1', lead: 'wsy', support: ['dzb', 'czs'] });
    expect(plan.measures).toHaveLength(starter.measures.length);
    expect(planInvariantProblems(plan)).toEqual([]);
    expect(validatePlanText(text)).toEqual([]);
  }, 60_000);
});
