import type { ModuleCall, ModuleSourceKind } from '@posture/model';
import { parseModuleInstance } from './addresses.js';
import type { ConfigModule, ConfigModuleCall } from './plan-json.js';
import { expressionRanges, type PlanSource } from './ranges.js';
import { expressionValues, unrecorded } from './references.js';

/**
 * One `ModuleCall` per module instance: the configuration has the calls, the planned values have
 * their instances (`module.a["x"]`). A call without count/for_each has its one instance even when
 * it holds no resource; a call with them has the instances the plan shows (none for `count = 0`).
 */
export function moduleCalls(
  root: ConfigModule | undefined,
  moduleInstances: readonly string[],
  source: PlanSource,
  instances: ReadonlySet<string>,
): ModuleCall[] {
  const byCall = groupByCall(moduleInstances);
  const calls: ModuleCall[] = [];
  const walk = (module: ConfigModule | undefined, parents: readonly string[], path: string[]) => {
    for (const [name, call] of Object.entries(module?.module_calls ?? {})) {
      const callPath = [...path, 'module_calls', name];
      for (const parent of parents) {
        const found = byCall.get(callId(parent, name)) ?? [];
        const own = found.length > 0 || isRepeated(call) ? found : [callAddress(parent, name)];
        for (const address of own) {
          calls.push(moduleCall(address, call, callPath, source, instances));
        }
        walk(call.module, own, [...callPath, 'module']);
      }
    }
  };
  walk(root, [''], ['configuration', 'root_module']);
  return calls;
}

function moduleCall(
  address: string,
  call: ConfigModuleCall,
  path: readonly string[],
  source: PlanSource,
  instances: ReadonlySet<string>,
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
    values: expressionValues(call.expressions, unrecorded({ module: parent, instances })),
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

function isRepeated(call: ConfigModuleCall): boolean {
  return call.count_expression !== undefined || call.for_each_expression !== undefined;
}

function callAddress(parent: string, name: string): string {
  return parent === '' ? `module.${name}` : `${parent}.module.${name}`;
}

function callId(parent: string, name: string): string {
  return `${parent}\n${name}`;
}

function groupByCall(moduleInstances: readonly string[]): Map<string, string[]> {
  const byCall = new Map<string, string[]>();
  for (const address of moduleInstances) {
    const { parent, name } = parseModuleInstance(address);
    const id = callId(parent, name);
    const list = byCall.get(id);
    if (list) list.push(address);
    else byCall.set(id, [address]);
  }
  return byCall;
}
