import type { BucketBase } from './bucket.js';

type Named = Pick<BucketBase, 'address' | 'name' | 'nameParts'>;

/**
 * What is known of a bucket's name: the name, or the shape of one known only in part before apply,
 * with `*` for each part not known (`acme-cli-*-releases`). Undefined when nothing is known of it.
 */
export function nameShape({ name, nameParts }: Named): string | undefined {
  return name ?? nameParts?.map((part) => part ?? '*').join('');
}

/** The bucket as people call it: its name (or what is known of it: `nameShape`), else its address. */
export function bucketDisplayName(bucket: Named): string {
  return nameShape(bucket) ?? bucket.address;
}
