import type { Argv } from 'yargs';

/** The part of yargs' internals that formats help for later; not in its typings. */
interface WithUsage {
  getInternalMethods(): { getUsageInstance(): { cacheHelpMessage(): void } };
}

/**
 * Stops yargs formatting a command's whole help text each time it runs the command's handler
 * (16 ms of every run: cliui tables, wrapping, string widths), which it keeps to show should the
 * command then fail. Posture's `fail` shows no help, and `--help` is answered before any handler
 * runs, so that text is never read. `posture --help` and `posture <command> --help` are unchanged.
 */
export function withoutHelpCache<T>(cli: Argv<T>): Argv<T> {
  (cli as unknown as WithUsage).getInternalMethods().getUsageInstance().cacheHelpMessage = () => {};
  return cli;
}
