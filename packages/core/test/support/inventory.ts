import type {
  Inventory,
  ModuleCall,
  ProviderConfig,
  Range,
  RangeMap,
  Value,
  ValueObject,
} from '@posture/model';
import { emptyInventory, isObject } from '@posture/model';

/**
 * Hand-built inventories for adapter tests, with no loader in between. Every value gets a fake
 * range of its own line, so a test can check that a fact points at `ranges['acl']` and not at the
 * block: the block starts at line 1 and the paths follow in the order they are written.
 */
export function fakeRange(line: number, file = 'main.tf'): Range {
  return {
    file,
    start: { line, column: 1, offset: line * 100 },
    end: { line, column: 40, offset: line * 100 + 39 },
  };
}

/** A range for `''` and for every path in the values: `tags`, `tags.release`, `grant.0.uri`… */
export function rangesFor(values: ValueObject, file = 'main.tf', firstLine = 1): RangeMap {
  const ranges: Record<string, Range> = { '': fakeRange(firstLine, file) };
  let line = firstLine;
  const visit = (value: Value, path: string) => {
    ranges[path] = fakeRange(++line, file);
    const children = Array.isArray(value) ? value : isObject(value) ? value : {};
    for (const [key, child] of Object.entries(children)) visit(child, `${path}.${key}`);
  };
  for (const [key, value] of Object.entries(values)) visit(value, key);
  return ranges;
}

export interface ModuleCallSpec {
  readonly source: string;
  readonly name?: string;
  /** The calling module, `''` (root) unless given. */
  readonly module?: string;
  readonly version?: string;
  readonly status?: ModuleCall['status'];
  readonly values?: ValueObject;
  /** Defaults to `rangesFor(values)`; given ranges replace the generated ones. */
  readonly ranges?: RangeMap;
  readonly file?: string;
}

export function moduleCall(spec: ModuleCallSpec): ModuleCall {
  const name = spec.name ?? 'bucket';
  const module = spec.module ?? '';
  const values = spec.values ?? {};
  return {
    address: module ? `${module}.module.${name}` : `module.${name}`,
    name,
    module,
    source: spec.source,
    version: spec.version,
    sourceKind: sourceKind(spec.source),
    status: spec.status ?? 'unresolved',
    values,
    ranges: spec.ranges ?? rangesFor(values, spec.file),
    annotations: [],
  };
}

function sourceKind(source: string): ModuleCall['sourceKind'] {
  if (source.startsWith('.')) return 'local';
  return /^git::|github\.com|\.git\b/.test(source) ? 'git' : 'registry';
}

export function providerConfig(spec: {
  name: string;
  alias?: string;
  module?: string;
  values?: ValueObject;
}): ProviderConfig {
  const values = spec.values ?? {};
  return {
    name: spec.name,
    alias: spec.alias,
    module: spec.module ?? '',
    values,
    ranges: rangesFor(values, 'providers.tf'),
  };
}

export function inventory(parts: Partial<Omit<Inventory, 'root'>> = {}): Inventory {
  return { ...emptyInventory('/repo'), ...parts };
}
