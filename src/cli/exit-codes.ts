/** The exit codes of `cadenza` (sysexits, as the README promises), and commander's usage errors mapped onto them. */
import type { Command, CommanderError } from 'commander';

export const EXIT = { usage: 64, dataError: 65, noInput: 66, software: 70, cannotCreate: 73, config: 78 } as const;

/**
 * Makes commander's own usage errors (unknown option or command, missing argument, no command given)
 * exit 64 instead of 1; errors a command raises with program.error keep the exit code it chose.
 */
export function exitOnUsageErrors(program: Command): void {
  program.exitOverride((error: CommanderError) => {
    const usage = error.exitCode === 1 && error.code !== 'commander.error';
    process.exit(usage ? EXIT.usage : error.exitCode);
  });
}
