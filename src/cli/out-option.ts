/**
 * The one output flag of every command that writes: `-o, --out <path>`. The older spelling
 * `--output` still works but is not shown in the help.
 */
import type { Command } from 'commander';

export interface OutFlags {
  out?: string;
  output?: string;
}

/** Adds `-o, --out <path>` (shown) and `--output <path>` (hidden alias) to `command`. */
export const addOutOption = (command: Command, description: string): Command =>
  command
    .option('-o, --out <path>', description)
    .addOption(command.createOption('--output <path>').hideHelp());

/** The path given with `--out`, or with the old `--output`; undefined when neither was given. */
export const outFlag = (flags: OutFlags): string | undefined => flags.out ?? flags.output;
