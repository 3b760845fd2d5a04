/**
 * Whether to colour the text report on stdout: as `--color` or `--no-color` says, else as
 * `FORCE_COLOR` does (for a CI log that renders colour, as GitHub Actions' does, though stdout is
 * no terminal; `0` or `false` for none), else on a terminal unless `NO_COLOR` is set. Node and
 * most command-line tools read the two variables so.
 */
export function colorWanted(
  flag: boolean | undefined,
  stdoutIsTty: boolean,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stdoutIsTty && env.NO_COLOR === undefined;
}
