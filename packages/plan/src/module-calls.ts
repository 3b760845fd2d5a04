import type { ModuleCall, ModuleSourceKind } from '@posture/model';
import { parseModuleInstance } from './addresses.js';
import type { ModuleTree } from './module-tree.js';
import type { ConfigModule, ConfigModuleCall } from './plan-json.js';
import { expressionRanges, type PlanSource } from './ranges.js';
import { expressionValues, unrecorded } from './references.js';

/**
 * One `ModuleCall` per module instance: the configuration has the calls, the planned values have
 * their instances (`module.a["x"]`).
 */
export function moduleCalls(tree: ModuleTree, source: PlanSource): ModuleCall[] {
  const calls: ModuleCall[] = [];
  const walk = (module: ConfigModule | undefined, parents: readonly string[], path: string[]) => {
    for (const [name, call] of Object.entries(module?.module_calls ?? {})) {
      const callPath = [...path, 'module_calls', name];
      for (const parent of parents) {
        const own = tree.instancesOf(parent, name, call);
        for (const address of own) calls.push(moduleCall(address, call, callPath, source, tree));
        walk(call.module, own, [...callPath, 'module']);
      }
    }
  };
  walk(tree.root, [''], ['configuration', 'root_module']);
  return calls;
}

function moduleCall(
  address: string,
  call: ConfigModuleCall,
  path: readonly string[],
  source: PlanSource,
  tree: ModuleTree,
): ModuleCall {
  const { parent, name, key } = parseModuleInstance(address);
  return {
    address,
    name,
    module: parent,
    ...(key === undefined ? {} : { key }),
    source: call.source,
    ...(call.version_constraint === undefined ? {} : { version: call.version_constraint }),
    sourceKind: sourceKind(call.source),
    // The plan holds the expanded module whatever its source, as if loaded.
    status: 'loaded',
    values: expressionValues(
      call.expressions,
      unrecorded({ module: parent, key, forEach: call.for_each_expression?.references, tree }),
    ),
    ranges: expressionRanges(source, path, call.expressions),
    annotations: [],
  };
}

/** Module sources as `terraform init` reads them (local paths, registry addresses, git URLs). */
export function sourceKind(source: string): ModuleSourceKind {
  if (/^\.\.?\//.test(source)) return 'local';
  if (/^(git::|git@|github\.com\/|bitbucket\.org\/)/.test(source)) return 'git';
  if (/^([\w.-]+\/)?[\w-]+\/[\w-]+\/[\w-]+(\/\/.*)?$/.test(source)) return 'registry';
  return 'other';
}
