import type { ModuleCall } from '@posture/model';
import type { Block } from '../ast.js';
import { spanRange } from '../diagnostics.js';
import { CALL_META, type ModuleInstance } from '../loader/instance.js';
import type { Declared } from '../loader/module.js';
import { annotationsFor } from './annotations.js';
import { evaluateBlock, withInstanceOrigins, type BlockValues } from './blocks.js';
import { passedProviders } from './providers.js';

/**
 * Which calls get their inputs evaluated; the others get none (`values` is empty). A call whose
 * module is read needs none: its module's variables evaluate what they use of them.
 */
export type InputsWanted = (call: { readonly source: string; readonly read: boolean }) => boolean;

/** One entry per instance of a module call, with its evaluated inputs where `wanted`. */
export function moduleCalls(
  instance: ModuleInstance,
  name: string,
  decl: Declared<Block>,
  wanted: InputsWanted = () => true,
): ModuleCall[] {
  const { resolution, expansion } = instance.calls(name, new Set());
  const annotations = annotationsFor(decl.file, decl.node);
  const evaluate = wanted({ source: resolution.source, read: resolution.module !== undefined });
  const providers = passedProviders(instance, decl);
  const unexpanded = instance.unexpandedIn(decl, `module.${name}`, expansion);
  return expansion.instances.map((key) => {
    const { values, ranges, origins }: BlockValues = evaluate
      ? evaluateBlock(decl.node, instance.tracing(decl, key.bindings), CALL_META)
      : { values: {}, ranges: { '': spanRange(decl.file.path, decl.node) } };
    const placed = withInstanceOrigins(origins, instance.instanceOrigins(decl, key));
    return {
      address: `${instance.prefix}module.${name}${key.suffix}`,
      name,
      module: instance.address,
      ...(key.key === undefined ? {} : { key: key.key }),
      source: resolution.source,
      ...(resolution.version === undefined ? {} : { version: resolution.version }),
      sourceKind: resolution.sourceKind,
      status: resolution.status,
      values,
      ranges,
      ...(placed && { origins: placed }),
      annotations,
      ...(providers && { providers }),
      rootModule: instance.rootDir,
      ...(unexpanded && { unexpanded }),
    };
  });
}
