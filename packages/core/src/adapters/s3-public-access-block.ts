/** S3 Block Public Access as facts: a bucket's block, and the account-wide block that governs it. */
import {
  PUBLIC_ACCESS_BLOCK_FLAGS,
  type ProviderConfig,
  type PublicAccessBlock,
  type ResourceInstance,
} from '@posture/model';
import { boolAttr, rangeAt, source } from './attrs.js';
import type { AdapterContext } from './context.js';
import type { Rooted } from './module-tree.js';

/** A public access block resource, or the attribute at `path` that holds one (`awscc_s3_bucket`). */
export function publicAccessBlock(
  r: ResourceInstance,
  level: PublicAccessBlock['level'],
  path?: string,
): PublicAccessBlock {
  const at = (flag: string) => (path === undefined ? flag : `${path}.${flag}`);
  const flags = Object.fromEntries(PUBLIC_ACCESS_BLOCK_FLAGS.map((f) => [f, boolAttr(r, at(f))]));
  const range = path === undefined ? source(r).range : rangeAt(r, path);
  return { address: r.address, range, level, flags: flags as PublicAccessBlock['flags'] };
}

/**
 * The account-level block known to govern a bucket made through the provider configuration
 * `provider`: one applied in the bucket's account. A block configures the account its provider
 * acts in (`account_id` defaults to it), so it governs the bucket when both go through providers
 * with the same credentials settings (the same provider, or aliases that differ only in region) —
 * in one root module, or, across root modules applied separately, only when those settings name
 * the account (`assume_role`, `allowed_account_ids`, `profile`). A block in another account, or
 * that cannot be shown to be in this one, guards nothing.
 */
export function accountPublicAccessBlock(
  ctx: AdapterContext,
  bucket: Rooted,
  provider: ProviderConfig | undefined,
): PublicAccessBlock | undefined {
  const account = credentials(provider);
  const block = ctx.managed('aws_s3_account_public_access_block').find((block) => {
    const settings = credentials(ctx.provider(block.provider, block));
    if (settings.key !== account.key) return false;
    return block.rootModule === bucket.rootModule || (settings.pinned && account.pinned);
  });
  return block && publicAccessBlock(block, 'account');
}

/** The provider settings that choose an account; the rest (region, endpoints, tags) do not. */
const CREDENTIAL_SETTINGS = [
  'assume_role',
  'assume_role_with_web_identity',
  'allowed_account_ids',
  'profile',
  'access_key',
  'shared_credentials_files',
  'shared_config_files',
];
const ACCOUNT_PINNING = new Set([
  'assume_role',
  'assume_role_with_web_identity',
  'allowed_account_ids',
  'profile',
]);

function credentials(provider: ProviderConfig | undefined): { key: string; pinned: boolean } {
  const values = provider?.values ?? {};
  const written = CREDENTIAL_SETTINGS.filter((k) => values[k] !== undefined);
  return {
    key: JSON.stringify(written.map((k) => [k, values[k]])),
    pinned: written.some((k) => ACCOUNT_PINNING.has(k)),
  };
}

/**
 * Two blocks aimed at one bucket fight over it, and the one applied last wins: judge the weakest,
 * so a complete first block cannot hide a loose second one.
 */
export function weakest(blocks: readonly PublicAccessBlock[]): PublicAccessBlock | undefined {
  const onCount = (b: PublicAccessBlock) =>
    Object.values(b.flags).filter((flag) => flag.value === true).length;
  return [...blocks].sort((a, b) => onCount(a) - onCount(b))[0];
}
