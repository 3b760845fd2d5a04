import type { Bucket, Inventory } from '@posture/model';
import { adaptS3 } from './aws-s3.js';
import { adaptR2 } from './cloudflare-r2.js';
import { AdapterContext } from './context.js';
import { adaptGcs } from './google-gcs.js';
import { adaptRegistryModules } from './modules/index.js';

/** Turns the inventory into bucket facts, one adapter per service. Rules see only the facts. */
export function adapt(inventory: Inventory): Bucket[] {
  const ctx = new AdapterContext(inventory);
  return [...adaptS3(ctx), ...adaptR2(ctx), ...adaptGcs(ctx), ...adaptRegistryModules(ctx)];
}
