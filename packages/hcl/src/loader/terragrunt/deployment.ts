import path from 'node:path';
import type { ModuleSourceKind } from '@posture/model';
import { withGenerated } from '../generate.js';
import type { ParsedModule } from '../module.js';
import { isLocalSource, sourceKind } from '../module-sources.js';
import type { LoadSession } from '../session.js';
import type { TerragruntUnit } from './unit.js';

/** What a Terragrunt unit deploys: a module read from the scan root, or one it fetches. */
export interface Deployment {
  readonly unit: TerragruntUnit;
  /** The unit's own `.tf` files are its module (it has no `terraform { source }`). */
  readonly own?: boolean;
  readonly source: string;
  readonly kind: ModuleSourceKind;
  readonly version?: string;
  /**
   * The module, when it is read from the scan root; for an `own` one, only when a stack generates
   * the unit (else the unit's directory is a root module found as any other).
   */
  readonly module?: ParsedModule;
  /** A local source outside the scan root (reported when found). */
  readonly outside?: boolean;
}

export function deployment(session: LoadSession, unit: TerragruntUnit): Deployment {
  if (!unit.source)
    return { unit, own: true, source: '.', kind: 'local', ...copiedModule(session, unit) };
  const { value, range } = unit.source;
  if (typeof value !== 'string') {
    return { unit, source: '(not known before apply)', kind: 'other' };
  }
  const registry = /^tfr:\/\/\/?([^?]*)(?:\?(?:.*&)?version=([^&]+))?/.exec(value);
  if (registry) {
    return { unit, source: registry[1] ?? '', kind: 'registry', version: registry[2] };
  }
  if (!isLocalSource(value) && !path.isAbsolute(value)) {
    return { unit, source: value, kind: sourceKind(value) };
  }
  // `../modules//s3`: Terragrunt copies `../modules` and runs in its `s3`.
  const local = value.replace(/\/\/+/g, '/');
  const dir = session.resolve(unit.dir, local);
  if (dir === undefined) {
    // A symlink out of the root is an error at the link, as the walk that finds it says (once),
    // not a warning here besides: what the module it leads to declares was not read.
    session.reportNotInside(unit.dir, local, 'directory', range, value);
    return { unit, source: session.shownPath(value), kind: 'local', outside: true };
  }
  const read = session.module(dir);
  const module = read && withGenerated(session, read, unit.generated);
  return { unit, source: dir, kind: 'local', ...(module && { module }) };
}

/**
 * The module of a unit whose own `.tf` files are its module, when a stack generates it: the files
 * copied with it, read where they are written (the unit's directory is a root of its own).
 */
function copiedModule(session: LoadSession, unit: TerragruntUnit): { module?: ParsedModule } {
  const dir = session.resolve(unit.dir, '.');
  const read = dir !== undefined && dir !== unit.dir ? session.module(dir) : undefined;
  return read ? { module: read } : {};
}
