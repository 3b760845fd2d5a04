import type { ModuleCall, ResourceInstance } from '@posture/model';
import { parseModuleInstance } from './addresses.js';
import type { ModuleTree } from './module-tree.js';
import type { Expression, Expressions } from './plan-json.js';
import {
  configResourceOf,
  indexConfigResources,
  isBlockList,
  isExpression,
  type BodyMember,
} from './references.js';

/**
 * Where the values of an entry inside a module were written by the module's callers: by value path
 * (`block_public_acls`, `versioning.0.enabled`), the argument of the entry's module call that its
 * expression reads (`= var.block_public_acls`), then the argument of that call's own call that
 * the argument reads, and so on outwards for as long as each reads one variable. A configuration
 * that holds only an outer call (the module not installed in the scan) places the value on the
 * argument its caller wrote.
 */
export type Inputs = Readonly<Record<string, readonly string[]>>;

/** The inputs of every resource and module call inside a module, by address; none for the rest. */
export function moduleInputs(
  resources: readonly ResourceInstance[],
  calls: readonly ModuleCall[],
  tree: ModuleTree,
): Map<string, Inputs> {
  const index = indexConfigResources(tree.root);
  const inputs = new Map<string, Inputs>();
  const add = (address: string, module: string, body: Expressions | undefined) => {
    if (module === '') return;
    const found: Record<string, string[]> = {};
    for (const [path, expression] of expressionPaths(body, '')) {
      const read = argumentsRead(expression, module, tree);
      if (read.length > 0) found[path] = read;
    }
    if (Object.keys(found).length > 0) inputs.set(address, found);
  };
  for (const r of resources)
    add(r.address, r.module, configResourceOf(index, r.address)?.expressions);
  for (const c of calls) add(c.address, c.module, tree.callOf(c.address)?.expressions);
  return inputs;
}

/** The arguments an expression in `module` reads, through the calls outwards (see `Inputs`). */
function argumentsRead(expression: Expression, module: string, tree: ModuleTree): string[] {
  const found: string[] = [];
  let current: Expression | undefined = expression;
  let instance = module;
  while (current && instance !== '') {
    const variable = onlyVariable(current.references ?? []);
    if (variable === undefined) break;
    found.push(variable);
    const argument: BodyMember | undefined = tree.callOf(instance)?.expressions?.[variable];
    current = argument !== undefined && isExpression(argument) ? argument : undefined;
    instance = parseModuleInstance(instance).parent;
  }
  return found;
}

/** The one input variable references name (`var.tags` and `var.tags["a"]` are one), if one. */
function onlyVariable(references: readonly string[]): string | undefined {
  const names = new Set(
    references.flatMap((ref) => {
      const match = /^var\.([\w-]+)/.exec(ref);
      return match ? [match[1]!] : [];
    }),
  );
  return names.size === 1 ? [...names][0] : undefined;
}

/** Each expression of a body with its value path; nested blocks by index (lists) or by key. */
function* expressionPaths(
  body: Expressions | undefined,
  prefix: string,
): Generator<[string, Expression]> {
  for (const [name, node] of Object.entries(body ?? {})) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    if (isBlockList(node)) {
      for (const [i, block] of node.entries()) yield* expressionPaths(block, `${path}.${i}`);
    } else if (isExpression(node)) yield [path, node];
    else yield* expressionPaths(node, path);
  }
}
