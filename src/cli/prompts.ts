/**
 * The one place that talks to inquirer. Commands ask for a `Prompter`; tests swap the factory
 * with `setPrompterFactory` to script answers, or drive the real prompts through a pseudo
 * terminal (tmux). inquirer loads lazily so commands that never prompt never pay for it.
 */
import type { Lang } from '../diagnostics/types.js';
import type { Prompter } from '../init/wizard.js';
import type { CliIO } from './io.js';

export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

export type PrompterFactory = (io: CliIO, lang: Lang) => Prompter | Promise<Prompter>;

let override: PrompterFactory | undefined;

/** Replaces the prompter (tests); returns a function that restores the real one. */
export function setPrompterFactory(factory: PrompterFactory | undefined): () => void {
  const previous = override;
  override = factory;
  return () => {
    override = previous;
  };
}

/** True for the error inquirer raises when the user presses Ctrl+C or the input closes. */
export const isPromptCancel = (err: unknown): boolean =>
  err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError');

/** True when the user chose to discard the answers on the wizard's summary. */
export const isDiscard = (err: unknown): boolean =>
  err instanceof Error && err.name === 'WizardDiscarded';

/** inquirer's own words (key hints, the y/N of a yes/no question and its Yes/No), localised. */
const HELP: Record<
  Lang,
  {
    checkbox: string;
    select: string;
    yesNo: (defaultYes: boolean) => string;
    yes: string;
    no: string;
  }
> = {
  'zh-CN': {
    checkbox: '↑↓ 移动 · 空格 选择/取消 · a 全选 · i 反选 · 回车 确认',
    select: '↑↓ 移动 · 回车 确认',
    yesNo: (defaultYes) => `（y 是 / n 否，直接回车为“${defaultYes ? '是' : '否'}”）`,
    yes: '是',
    no: '否',
  },
  en: {
    checkbox: '↑↓ move · space toggle · a all · i invert · enter confirm',
    select: '↑↓ move · enter confirm',
    yesNo: (defaultYes) => (defaultYes ? '(Y/n)' : '(y/N)'),
    yes: 'Yes',
    no: 'No',
  },
};

/** The prompter for this run: the test override, or inquirer on the terminal of `io`. */
export async function createPrompter(io: CliIO, lang: Lang): Promise<Prompter> {
  if (override) return override(io, lang);
  return inquirerPrompter(
    { input: io.stdin, output: io.stdout as unknown as NodeJS.WritableStream },
    lang,
  );
}

/** Real inquirer prompts on the given streams (also used by tests with @inquirer/testing). */
export async function inquirerPrompter(context: PromptStreams, lang: Lang): Promise<Prompter> {
  const inquirer = await import('@inquirer/prompts');
  const help = HELP[lang];
  return {
    input: (q) =>
      inquirer.input(
        {
          message: q.message,
          ...(q.default !== undefined ? { default: q.default } : {}),
          ...(q.validate ? { validate: q.validate } : {}),
        },
        context,
      ),
    select: (q) =>
      inquirer.select(
        {
          message: q.message,
          choices: q.choices,
          ...(q.default !== undefined ? { default: q.default } : {}),
          pageSize: 16,
          theme: { style: { keysHelpTip: () => help.select } },
        },
        context,
      ),
    checkbox: (q) =>
      inquirer.checkbox(
        {
          message: q.message,
          choices: q.choices,
          pageSize: 18,
          ...(q.validate ? { validate: (chosen) => q.validate!(chosen.map((c) => c.value)) } : {}),
          theme: { style: { keysHelpTip: () => help.checkbox } },
        },
        context,
      ),
    confirm: (q) =>
      inquirer.confirm(
        {
          message: q.message,
          ...(q.default !== undefined ? { default: q.default } : {}),
          transformer: (yes: boolean) => (yes ? help.yes : help.no),
          theme: { style: { defaultAnswer: () => help.yesNo(q.default !== false) } },
        },
        context,
      ),
  };
}
