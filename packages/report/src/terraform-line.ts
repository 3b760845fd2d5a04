import path from 'node:path';
import type { ScanResult } from '@posture/model';
import { plural } from './wording.js';

/**
 * `Terraform: . (the git checkout around the package; --repo names another, --no-repo none): 3
 * files read, 2 buckets`: what the artifact gate's storage links were judged against, so that a
 * link judged without it is not taken for one to no release bucket.
 */
export function terraformLine(result: ScanResult): string {
  const { terraform } = result;
  if (terraform === undefined) return '';
  const unjudged = 'storage links were not judged against release buckets';
  switch (terraform.chosen) {
    case 'declined':
      return `Terraform: none read (--no-repo): ${unjudged}`;
    case 'none':
      return `Terraform: none read (no --repo, and no git checkout around the package): ${unjudged}`;
  }
  const dir = path.relative(result.baseDir, terraform.root).split(path.sep).join('/') || '.';
  const how =
    terraform.chosen === 'named'
      ? '--repo'
      : 'the git checkout around the package; --repo names another, --no-repo none';
  const { files, buckets, unread, modules } = terraform;
  if (files === 0 && buckets === 0 && unread.length === 0)
    return `Terraform: none read in ${dir} (${how}): ${unjudged}`;
  const read = [
    `${plural(files, 'file')} read`,
    ...(unread.length === 0 ? [] : [`${unread.length} unreadable (${someOf(unread)})`]),
    ...(modules.length === 0
      ? []
      : [`${plural(modules.length, 'module')} not read (${someOf(modules)})`]),
    buckets === 0 ? `no bucket: ${unjudged}` : plural(buckets, 'bucket'),
  ];
  return `Terraform: ${dir} (${how}): ${read.join(', ')}`;
}

/** `a, b, c and 2 more`: the first few of a list a note names in full. */
function someOf(items: readonly string[], shown = 3): string {
  if (items.length <= shown) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}
