/**
 * Load balancer backend buckets: each serves the Cloud Storage bucket its `bucket_name` names to
 * anyone who reaches the load balancer, as a CloudFront distribution serves its S3 origin.
 */
import type { ArmorPolicy, GcsBackendBucket, ResourceInstance } from '@posture/model';
import { source, stringAttr } from './attrs.js';

export const BACKEND_BUCKET = 'google_compute_backend_bucket';

/** Where a backend bucket names its bucket: the bucket's name, as a plan or state has it. */
export const BACKEND_BUCKET_NAME = 'bucket_name';

/** A backend bucket, with its edge security policy as `edgePolicyOf` finds it in the scan. */
export function backendBucketOf(
  resource: ResourceInstance,
  edgePolicyOf: (backend: ResourceInstance) => ArmorPolicy | undefined,
): GcsBackendBucket {
  const edgePolicy = edgePolicyOf(resource);
  return {
    ...source(resource),
    edgeSecurityPolicy: stringAttr(resource, 'edge_security_policy'),
    ...(edgePolicy && { edgePolicy }),
  };
}
