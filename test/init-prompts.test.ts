import { Writable } from 'node:stream';
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import { inquirerPrompter, type PromptStreams } from '../src/cli/prompts.js';
import { runWizard } from '../src/init/wizard.js';
import type { InitAnswers } from '../src/init/draft.js';
import { builtinStarter } from './init-helpers.js';

/** Polls the virtual screen until `text` shows up (prompts appear asynchronously). */
async function until(getScreen: () => string, text: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (getScreen().includes(text)) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`"${text}" never appeared; screen:\n${getScreen()}`);
}

const keepOpen = (target: NodeJS.WritableStream | undefined): NodeJS.WritableStream => {
  const forward = new Writable({
    write(chunk, _encoding, callback) {
      target?.write(chunk as Buffer);
      callback();
    },
  });
  forward.end = (() => forward) as typeof forward.end;
  return forward;
};

describe('the wizard on real inquirer prompts (@inquirer/testing)', () => {
  it('shows Chinese prompts and validation messages, and accepts defaults with enter', async () => {
    const starter = await builtinStarter();
    // render() hands the prompt its virtual input/output; the wizard runs every question on them.
    // inquirer ends its output after each prompt, so the virtual screen is kept open for the next.
    const wizard = (_: unknown, context?: PromptStreams) =>
      inquirerPrompter({ ...context, output: keepOpen(context?.output) }, 'zh-CN').then(
        (prompter) => runWizard(prompter, starter, { year: 2025 }, 'zh-CN'),
      );
    const { answer, events, getScreen } = await render(
      wizard as unknown as Parameters<typeof render>[0],
      {},
    );
    // Every screen is kept, to check that none of inquirer's English words got through.
    const seen: string[] = [];
    const screen = () => {
      const text = getScreen();
      seen.push(text);
      return text;
    };
    const enter = () => events.keypress('enter');

    await until(screen, '乡镇名称');
    enter(); // empty town is refused in place
    await until(screen, '不能为空');
    events.type('青山镇');
    enter();
    await until(screen, '所属县');
    enter();
    await until(screen, '发文机关');
    expect(screen()).toContain('青山镇人民政府');
    enter();
    await until(screen, '实施周期开始日期');
    enter();
    await until(screen, '实施周期结束日期');
    events.type('2025-02-30');
    enter();
    await until(screen, '应为 YYYY-MM-DD 格式的有效日期');
    for (let i = 0; i < 10; i++) events.keypress('backspace');
    enter(); // default 2025-12-31
    await until(screen, '成文日期');
    enter();
    await until(screen, '发文字号');
    enter();
    await until(screen, '责任单位');
    expect(screen()).toContain('镇卫生院');
    expect(screen()).toContain('空格 选择/取消');
    enter();
    await until(screen, '其他责任单位');
    enter();
    await until(screen, '工作目标');
    enter();
    await until(screen, '量化指标');
    enter();
    await until(screen, '基线值和目标值');
    enter(); // no
    await until(screen, '重点工作');
    enter();
    await until(screen, '逐项确认');
    expect(screen().replace(/\s+/g, ' ')).toContain('（y 是 / n 否，直接回车为“是”）');
    events.type('n');
    enter();
    await until(screen, '请核对以下内容');
    expect(screen()).toContain('乡镇名称：青山镇');
    expect(screen()).toContain('确认，写入文件');
    expect(screen()).toContain('↑↓ 移动 · 回车 确认');
    enter();

    const answers = (await answer) as InitAnswers;
    // Only YYYY-MM-DD, the file name, ids (G1, M1) and unit signs may be in Latin letters.
    for (const text of seen) {
      expect(text).not.toMatch(/\b(Yes|No|y\/N|Y\/n|navigate|select|space|enter|arrow|Press)\b/);
      expect(text.replace(/YYYY-MM-DD|[\w-]+\.yaml/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    }
    expect(answers.town).toBe('青山镇');
    expect(answers.issuer).toBe('青山镇人民政府');
    expect(answers.period).toEqual({ start: '2025-01-01', end: '2025-12-31' });
    expect(answers.goals).toEqual(starter.goals.map((g) => g.id));
    expect(Object.keys(answers.leads ?? {})).toHaveLength(starter.measures.length);
  });
});
