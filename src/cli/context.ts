import type { Lang } from '../diagnostics/types.js';
import type { CliIO } from './io.js';

/** Shared state of one CLI run; command actions set `exitCode`. */
export interface CliContext {
  io: CliIO;
  exitCode: number;
  /** Language of the help texts (from `--lang` anywhere in argv, else the locale). */
  helpLang: Lang;
}

/** `--lang` wins, then LC_ALL / LC_MESSAGES / LANG; anything not Chinese-looking but set to English gives English. */
export const resolveLang = (flag: string | undefined, env: CliIO['env']): Lang => {
  const pick = (v: string): Lang => (/^en/i.test(v) ? 'en' : 'zh-CN');
  if (flag) return pick(flag);
  const fromEnv = env.FANGAN_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG;
  if (fromEnv && !/^(C|POSIX)(\.|$)/.test(fromEnv)) return pick(fromEnv);
  return 'zh-CN';
};
