/** Evaluates one HCL expression in a small scope: `var.*` from `vars`, files under `filesRoot`. */
import { isObject, type Value } from '@posture/model';
import { DiagnosticLog } from '../../src/diagnostics.js';
import { evaluate } from '../../src/eval/expressions.js';
import { invalid } from '../../src/eval/unknowns.js';
import { objectOf } from '../../src/eval/values.js';
import type { Env, FileAccess } from '../../src/eval/scope.js';
import { parseHcl } from '../../src/parser/index.js';

export interface EvalOptions {
  readonly vars?: Record<string, Value>;
  readonly bindings?: Record<string, Value>;
  readonly files?: FileAccess;
  readonly diagnostics?: DiagnosticLog;
}

export function evalHcl(source: string, options: EvalOptions = {}): Value {
  const file = parseHcl(`x = ${source}\n`, 'test.tf');
  const [item] = file.body.items;
  if (file.diagnostics.length > 0 || item?.kind !== 'attribute') {
    throw new Error(`cannot parse ${source}: ${file.diagnostics.map((d) => d.message).join('; ')}`);
  }
  const vars = objectOf(Object.entries(options.vars ?? {}));
  const env: Env = {
    scope: {
      lookup: (name) => (name === 'var' ? vars : invalid(`${name} is not in the test scope`)),
      files: options.files,
      diagnostics: options.diagnostics ?? new DiagnosticLog(),
    },
    file: 'test.tf',
    bindings: new Map(Object.entries(options.bindings ?? {})),
    sink: new Set(),
  };
  return evaluate(item.expr, env);
}

/** A value as plain data for `toEqual`: unknowns become `{ unknown: refs }`. */
export function plain(value: Value | undefined): unknown {
  if (value !== null && typeof value === 'object' && 'refs' in value && !isObject(value)) {
    return { unknown: [...value.refs] };
  }
  if (Array.isArray(value)) return value.map(plain);
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
