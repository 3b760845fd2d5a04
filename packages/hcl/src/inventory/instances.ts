import { refResource, type ResourceInstance } from '@posture/model';
import { spanRange, withinLimits } from '../diagnostics.js';
import { TooLarge, reportTooLarge, unknownsIn } from '../eval/unknowns.js';
import { compareStrings } from '../eval/values.js';
import type { ModuleInstance } from '../loader/instance.js';
import type { ResourceDecl } from '../loader/module.js';
import { annotationsFor } from './annotations.js';
import { withInstanceOrigins } from './blocks.js';
import { providerRef } from './providers.js';

/** Every resource and data source instance a module instance declares, of `types` if given. */
export function resourceInstances(
  instance: ModuleInstance,
  types?: ReadonlySet<string>,
): ResourceInstance[] {
  const decls = [...instance.module.resources.values()];
  return (types ? decls.filter((d) => types.has(d.type)) : decls).flatMap((decl) =>
    withinLimits(
      instance.diagnostics,
      spanRange(decl.file.path, decl.node),
      () => instancesOf(instance, decl),
      [],
    ),
  );
}

function instancesOf(instance: ModuleInstance, decl: ResourceDecl): ResourceInstance[] {
  const expansionRefs = new Set<string>();
  const expansion = instance.expansion(decl, decl.key, expansionRefs);
  const provider = providerRef(instance, decl);
  const annotations = annotationsFor(decl.file, decl.node);
  const unexpanded = instance.unexpandedIn(decl, decl.key, expansion);
  return expansion.instances.map((key) => {
    const address = instance.prefix + decl.key + key.suffix;
    const refs = new Set(expansionRefs);
    const body = instance.body(decl, key, refs) ?? { values: {}, ranges: {} };
    const origins = withInstanceOrigins(body.origins, instance.instanceOrigins(decl, key));
    for (const u of unknownsIn(body.values)) {
      for (const ref of u.refs) refs.add(refResource(ref));
      // Reported where it is built, which this is only for a value built outside an expression.
      if (u instanceof TooLarge)
        reportTooLarge(u, instance.diagnostics, spanRange(decl.file.path, decl.node));
    }
    refs.delete(address);
    return {
      address,
      mode: decl.mode,
      type: decl.type,
      name: decl.name,
      module: instance.address,
      ...(key.key === undefined ? {} : { key: key.key }),
      provider,
      values: body.values,
      ranges: body.ranges,
      ...(origins && { origins }),
      references: [...refs].sort(compareStrings),
      annotations,
      origin: 'hcl',
      rootModule: instance.rootDir,
      ...(unexpanded && { unexpanded }),
    };
  });
}
