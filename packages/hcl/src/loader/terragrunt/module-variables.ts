import { isUnknown, type Value, type ValueObject } from '@posture/model';
import { objectOf } from '../../eval/values.js';
import type { LoadSession } from '../session.js';
import type { Passed } from '../tfvars.js';
import type { TerragruntUnit } from './unit.js';

/**
 * The variable files a unit passes that can be read, relative to the scan root, and its `-var`
 * values, in order. A relative path is taken from the unit, where Terragrunt runs Terraform. One
 * outside the root is not read, and a required one not in the checkout (which the build may make
 * first; else Terragrunt stops) is a warning: what it sets is not read, and the module is judged
 * on the rest.
 */
export function passedVariables(session: LoadSession, unit: TerragruntUnit): Passed[] {
  return unit.varFiles.flatMap((argument): Passed[] => {
    if (!('target' in argument)) return [argument];
    const { target, required, at } = argument;
    if (isUnknown(target)) {
      const why = target.reason === undefined ? '' : ` (${target.reason})`;
      const message = `${at.file} passes variable files or values to Terraform that are not known before apply${why}; the variables they set are not read`;
      session.diagnostics.report('warning', 'terragrunt-var-file-unread', message, at);
      return [];
    }
    const rel = session.resolve(unit.dir, target);
    if (rel === undefined) session.reportNotInside(unit.dir, target, 'file', at);
    else if (session.isFileInside(rel)) return [rel];
    else if (required) {
      const message = `${at.file} passes ${session.shownPath(target)} to Terraform, which is not in the checkout; the variables it sets are not read`;
      session.diagnostics.report('warning', 'terragrunt-var-file-unread', message, at);
    }
    return [];
  });
}

/**
 * The values a unit gives the variables of the module it deploys. Inputs not known before apply
 * make every variable they may set not known, never its default: dropped, they left a module whose
 * defaults are private (`public = false`) judged private, and its bucket not release-use, while
 * the unit's `merge(yamldecode(sops_decrypt_file(…)), { name = "acme-releases", public = true })`
 * made it public. Said once, at the inputs.
 */
export function unitInputs(
  session: LoadSession,
  unit: TerragruntUnit,
  variables: Iterable<string>,
): ValueObject {
  const unknownInputs = unit.unknownInputs;
  if (!unknownInputs) return unit.inputs;
  const { value, range } = unknownInputs;
  const why = value.reason === undefined ? '' : ` (${value.reason})`;
  const message = `${unit.file}: the inputs are not known before apply${why}; every variable of the module it deploys that they may set is read as not known, not as its default`;
  session.diagnostics.report('warning', 'terragrunt-inputs-unknown', message, range);
  return objectOf([
    ...[...variables].map((name): [string, Value] => [name, value]),
    ...Object.entries(unit.inputs),
  ]);
}
