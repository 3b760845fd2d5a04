import type { Bucket } from '@posture/model';
import { rootKey } from './module-tree.js';
import { distributionEndpoints } from './cloudfront.js';
import { weakest } from './s3-public-access-block.js';

/**
 * The buckets with each stand-in of a registry module's bucket (`moduleStandIns`, at its address)
 * joined to it: the settings resources' facts are built on the buckets of resources, and a
 * module's bucket is known by its inputs alone. What the resources naming it do is done to the
 * module's bucket, and the stand-in, no bucket of its own, goes.
 */
export function joinStandIns(buckets: readonly Bucket[]): Bucket[] {
  const standIns = new Map(
    buckets.filter((b) => b.declaredElsewhere).map((b) => [serviceAddress(b), b]),
  );
  const declared = new Set(buckets.filter((b) => !b.declaredElsewhere).map(serviceAddress));
  return buckets.flatMap((bucket) => {
    if (bucket.declaredElsewhere) return declared.has(serviceAddress(bucket)) ? [] : [bucket];
    const standIn = standIns.get(serviceAddress(bucket));
    return [standIn ? withStandIn(bucket, standIn) : bucket];
  });
}

function serviceAddress(bucket: Bucket): string {
  return `${bucket.service}|${rootKey(bucket, bucket.address)}`;
}

/**
 * The settings a stand-in was given, added to the bucket's own. Its unresolved facts are not: they
 * are the settings resources of unknown bucket beside the one that names it, which a registry
 * module's bucket does not take from the module calling it.
 */
function withStandIn(bucket: Bucket, standIn: Bucket): Bucket {
  const annotations = [...bucket.annotations, ...standIn.annotations];
  if (bucket.service === 's3' && standIn.service === 's3') {
    const blocks = [bucket.publicAccessBlock, standIn.publicAccessBlock];
    return {
      ...bucket,
      annotations,
      publicAccessBlock: weakest(blocks.filter((b) => b !== undefined)),
      acls: [...bucket.acls, ...standIn.acls],
      ownership: bucket.ownership ?? standIn.ownership,
      policies: [...bucket.policies, ...standIn.policies],
      website: bucket.website ?? standIn.website,
      accessPoints: [...bucket.accessPoints, ...standIn.accessPoints],
      distributions: [...bucket.distributions, ...standIn.distributions],
      // Its own S3 endpoints are the bucket's already; those of what serves it are not.
      endpoints: [...bucket.endpoints, ...distributionEndpoints(standIn.distributions)],
    };
  }
  if (bucket.service === 'gcs' && standIn.service === 'gcs') {
    return {
      ...bucket,
      annotations,
      iam: [...bucket.iam, ...standIn.iam],
      acls: [...bucket.acls, ...standIn.acls],
      managedFolders: [...(bucket.managedFolders ?? []), ...(standIn.managedFolders ?? [])],
      backendBuckets: [...(bucket.backendBuckets ?? []), ...(standIn.backendBuckets ?? [])],
    };
  }
  // No registry module Posture reads makes an R2 bucket.
  return bucket;
}
