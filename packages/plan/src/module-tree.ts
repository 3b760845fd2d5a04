import { parseModuleInstance } from './addresses.js';
import type { ConfigModule, ConfigModuleCall, ConfigResource } from './plan-json.js';

/**
 * A plan's modules: the configuration of each module instance, the instances of each call, and
 * every resource instance address. Built once per plan; references are resolved against it.
 */
export class ModuleTree {
  private readonly byCall = new Map<string, string[]>();
  private readonly configs = new Map<string, ConfigModule | undefined>();
  private readonly resources = new WeakMap<ConfigModule, Map<string, ConfigResource>>();

  constructor(
    readonly root: ConfigModule | undefined,
    moduleInstances: readonly string[],
    /** Every resource instance address of the plan. */
    readonly instances: ReadonlySet<string>,
  ) {
    for (const address of moduleInstances) {
      const { parent, name } = parseModuleInstance(address);
      const id = callId(parent, name);
      const list = this.byCall.get(id);
      if (list) list.push(address);
      else this.byCall.set(id, [address]);
    }
  }

  /**
   * The instances of the call `name` in the module instance `parent`. A call without count or
   * for_each has its one instance even when it holds no resource; a call with them has those the
   * plan shows (none for `count = 0`).
   */
  instancesOf(parent: string, name: string, call: ConfigModuleCall): string[] {
    const found = this.byCall.get(callId(parent, name)) ?? [];
    const repeated = call.count_expression !== undefined || call.for_each_expression !== undefined;
    return found.length > 0 || repeated ? found : [callAddress(parent, name)];
  }

  /** The configuration of a module instance (`module.a["x"].module.b`); the root's for `''`. */
  configAt(moduleInstance: string): ConfigModule | undefined {
    if (moduleInstance === '') return this.root;
    if (!this.configs.has(moduleInstance)) {
      const { parent, name } = parseModuleInstance(moduleInstance);
      this.configs.set(moduleInstance, this.configAt(parent)?.module_calls?.[name]?.module);
    }
    return this.configs.get(moduleInstance);
  }

  /** The configuration of a resource (`aws_s3_bucket.b`, `data.x.y`) of a module instance. */
  resourceAt(moduleInstance: string, address: string): ConfigResource | undefined {
    const config = this.configAt(moduleInstance);
    if (config === undefined) return undefined;
    let index = this.resources.get(config);
    if (!index) {
      index = new Map((config.resources ?? []).map((r) => [r.address, r]));
      this.resources.set(config, index);
    }
    return index.get(address);
  }

  /** The configuration of the call that made a module instance. */
  callOf(moduleInstance: string): ConfigModuleCall | undefined {
    const { parent, name } = parseModuleInstance(moduleInstance);
    return this.configAt(parent)?.module_calls?.[name];
  }
}

function callAddress(parent: string, name: string): string {
  return parent === '' ? `module.${name}` : `${parent}.module.${name}`;
}

function callId(parent: string, name: string): string {
  return `${parent}\n${name}`;
}
