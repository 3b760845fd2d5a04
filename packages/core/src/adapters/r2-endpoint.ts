import {
  r2AccountId,
  r2S3HostPattern,
  type Range,
  type ResourceInstance,
  type Value,
} from '@posture/model';
import { knownParts, rangeAt, valueAt } from './attrs.js';
import type { AdapterContext } from './context.js';

/** Stands for a part of the endpoint known only at apply, such as `${var.account_id}`. */
const UNKNOWN_PART = '\u2063';
/** An unknown part may be all of the account label or a piece of it (`acme-${var.env}`). */
const R2_HOST = r2S3HostPattern(UNKNOWN_PART);

export interface R2Endpoint {
  readonly accountId?: string;
  readonly jurisdiction?: string;
  readonly range: Range;
}

/** The R2 endpoint an AWS provider block points its S3 client at, if any (Cloudflare's documented pattern). */
export function r2EndpointOf(
  ctx: AdapterContext,
  resource: ResourceInstance,
): R2Endpoint | undefined {
  const provider = ctx.provider(resource.provider, resource);
  if (!provider) return undefined;
  const url = endpointText(valueAt(provider.values, 'endpoints.0.s3'));
  const match = url === undefined ? null : R2_HOST.exec(url);
  if (!match) return undefined;
  return {
    accountId: r2AccountId(match.groups?.acct ?? ''),
    jurisdiction: match.groups?.jur,
    range: rangeAt(provider, 'endpoints.0.s3'),
  };
}

/** The endpoint as text; one whose account id comes from a variable still shows its host. */
function endpointText(value: Value | undefined): string | undefined {
  return knownParts(value)
    ?.map((part) => part ?? UNKNOWN_PART)
    .join('');
}

export function isR2Provider(ctx: AdapterContext, resource: ResourceInstance): boolean {
  return r2EndpointOf(ctx, resource) !== undefined;
}
