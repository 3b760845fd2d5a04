import { isUnknown, type Diagnostic, type ModuleCall } from '@posture/model';
import { rangeAt, valueAt } from '../attrs.js';
import type { ModuleBucket } from './inputs.js';

/**
 * Buckets named after an output of their own call (`bucket = module.releases.s3_bucket_id`): the
 * output is read from the bucket, which its name must make first, so Terraform rejects the
 * configuration ("Error: Cycle"). Read by its inputs the bucket merely has no name, and would pass
 * unnoticed; the cycle is reported where the name is written.
 */
export function namedByItself(call: ModuleCall, buckets: readonly ModuleBucket[]): Diagnostic[] {
  const holding = new Set(buckets.flatMap(({ outputs }) => outputs.map((o) => outputOf(call, o))));
  return buckets.flatMap(({ namePath }) => {
    const value = valueAt(call.values, namePath);
    const refs = isUnknown(value) ? value.refs : [];
    const output = refs.map((ref) => outputOf(call, ref)).find((o) => o && holding.has(o));
    if (output === undefined) return [];
    const message = `${namePath} of ${call.address} depends on itself: it reads the module's output ${output}, which holds the bucket it names (Terraform's "Cycle" error)`;
    return [{ severity: 'warning', code: 'eval-cycle', message, range: rangeAt(call, namePath) }];
  });
}

/**
 * The output of the call, of any of its instances, that a reference reads: `s3_bucket_id` of
 * `module.releases[0].s3_bucket_id`: Terraform orders every instance of a call as one.
 */
function outputOf(call: ModuleCall, ref: string): string | undefined {
  const address = call.address.replace(/\[[^\]]*\]$/, '');
  if (!ref.startsWith(address)) return undefined;
  return /^(?:\[[^\]]*\])?\.([^.[]+)/.exec(ref.slice(address.length))?.[1];
}
