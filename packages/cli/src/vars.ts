import { statSync } from 'node:fs';
import { setOwn, textVariable, type Value } from '@posture/core';
import { UsageError } from './exit-codes.js';
import { refuseLeaving } from './input-file.js';
import { existing, isShownJson } from './targets.js';

/**
 * `--var name=value`: a value that opens with `[` or `{` is a list or map, written as Terraform
 * takes one (`{ env = "prod" }`, or JSON), for a variable whose type is not a primitive one (the
 * loader gives a `string` variable the text back); anything else is a string.
 */
export function parseVars(pairs: readonly string[]): Record<string, Value> {
  const vars: Record<string, Value> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var expects name=value, got "${pair}".`);
    const raw = pair.slice(eq + 1);
    const name = pair.slice(0, eq);
    // Its own key: `vars['__proto__'] = value` would set the prototype, the variable lost.
    setOwn(vars, name, given(name, raw));
  }
  return vars;
}

function given(name: string, raw: string): Value {
  try {
    return textVariable(raw);
  } catch (error) {
    throw new UsageError(
      `--var ${name}: the value is no list or map: ${(error as Error).message}.`,
    );
  }
}

/**
 * `--var-file F`, as absolute paths. The user names them, so they are read wherever they are, as
 * plans are, but through a link out of the repository or the working directory (`trees`); one
 * that is missing or a directory is a usage error, not a file silently left out. So is a plan
 * given as one: its keys would be variables no root declares, and its values left unread.
 */
export function varFiles(
  files: readonly string[],
  cwd: string,
  trees: readonly string[],
): string[] {
  return files.map((file) => {
    const path = existing(cwd, file);
    if (statSync(path).isDirectory()) throw new UsageError(`--var-file ${file} is a directory.`);
    refuseLeaving(path, `--var-file ${file}`, trees);
    if (isShownJson(path))
      throw new UsageError(
        `--var-file ${file} is a plan or state (terraform show -json), not variables: give it with --plan.`,
      );
    return path;
  });
}

/** The command line for reports: variable values may be secrets, so only their names are kept. */
export function redactArgv(argv: readonly string[]): string[] {
  return argv.map((arg, i) => {
    const inline = /^(--var=)([^=]+)=.*$/.exec(arg);
    if (inline) return `${inline[1]}${inline[2]}=***`;
    return argv[i - 1] === '--var' && arg.includes('=')
      ? `${arg.slice(0, arg.indexOf('='))}=***`
      : arg;
  });
}
