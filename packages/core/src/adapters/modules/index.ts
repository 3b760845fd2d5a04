import type { Bucket } from '@posture/model';
import type { AdapterContext } from '../context.js';

/** Buckets made by well-known registry modules that are not installed, read from their inputs. */
export function adaptRegistryModules(_ctx: AdapterContext): Bucket[] {
  return [];
}
