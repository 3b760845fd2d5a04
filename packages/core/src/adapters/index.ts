import type { Bucket, Diagnostic, Inventory } from '@posture/model';
import type { LoadFocus } from '@posture/hcl';
import { adaptS3, S3_READS } from './aws-s3.js';
import { adaptAwsccS3, AWSCC_S3_READS } from './awscc-s3.js';
import { adaptR2, R2_READS } from './cloudflare-r2.js';
import { unreadWorkerCode } from './cloudflare-workers.js';
import { AdapterContext } from './context.js';
import { adaptGcs, GCS_READS } from './google-gcs.js';
import {
  adaptRegistryModules,
  moduleNotNeeded,
  registryModuleDiagnostics,
  readsModuleSource,
  withRegistryModuleResources,
} from './modules/index.js';
import { joinStandIns } from './stand-ins.js';

/**
 * Every resource type an adapter reads. A scan evaluates only these (and what they refer to):
 * nothing else in a configuration can change a bucket's facts, and evaluating it all took over a
 * quarter of a corpus scan.
 */
export const ADAPTED_TYPES: ReadonlySet<string> = new Set([
  ...S3_READS,
  ...AWSCC_S3_READS,
  ...R2_READS,
  ...GCS_READS,
]);

/**
 * What a scan evaluates, for `loadTerraform`'s `focus`: the adapted types, and the inputs of calls
 * to the registry modules the adapters read (evaluating every call's inputs took 7% of a corpus
 * scan, for calls to modules that make no bucket); those modules and the ones known to make no
 * bucket need not be installed. A Worker's code is left unevaluated (`unreadWorkerCode`).
 */
export const ADAPTED: LoadFocus = {
  resourceTypes: ADAPTED_TYPES,
  moduleSources: readsModuleSource,
  unneededSources: moduleNotNeeded,
  unreadAttributes: unreadWorkerCode,
};

export interface Adapted {
  readonly buckets: Bucket[];
  /** What reading the buckets found wrong with the configuration, beside the loader's. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Turns the inventory into bucket facts, one adapter per service. Rules see only the facts. */
export function adapt(inventory: Inventory): Adapted {
  const ctx = new AdapterContext(withRegistryModuleResources(inventory), ADAPTED_TYPES);
  const buckets = [
    ...adaptS3(ctx),
    ...adaptAwsccS3(ctx),
    ...adaptR2(ctx),
    ...adaptGcs(ctx),
    ...adaptRegistryModules(ctx),
  ];
  return { buckets: joinStandIns(buckets), diagnostics: registryModuleDiagnostics(ctx) };
}
