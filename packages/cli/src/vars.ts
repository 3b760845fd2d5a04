import type { Value } from '@posture/core';
import { UsageError } from './exit-codes.js';

/** `--var name=value`: lists and maps may be given as JSON, anything else is a string. */
export function parseVars(pairs: readonly string[]): Record<string, Value> {
  const vars: Record<string, Value> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var expects name=value, got "${pair}".`);
    const raw = pair.slice(eq + 1);
    vars[pair.slice(0, eq)] = /^[[{]/.test(raw.trim()) ? parseJson(raw, pair) : raw;
  }
  return vars;
}

function parseJson(raw: string, pair: string): Value {
  try {
    return JSON.parse(raw) as Value;
  } catch {
    throw new UsageError(`--var ${pair.slice(0, pair.indexOf('='))}: the value is not valid JSON.`);
  }
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
