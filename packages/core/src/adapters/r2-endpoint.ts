import {
  r2AccountId,
  r2S3HostPattern,
  type Range,
  type ResourceInstance,
  type Value,
  type ValueObject,
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
  const path = s3EndpointPath(provider.values);
  if (path === undefined) return undefined;
  const url = endpointText(valueAt(provider.values, path));
  const match = url === undefined ? null : R2_HOST.exec(url);
  if (!match) return undefined;
  return {
    accountId: r2AccountId(match.groups?.acct ?? ''),
    jurisdiction: match.groups?.jur,
    range: rangeAt(provider, path),
  };
}

/** The S3 endpoint's names in the provider's order of precedence: its own, then its alias. */
const S3_ENDPOINT_NAMES = ['s3', 's3api'];

/**
 * Where the S3 client's endpoint is set, as the AWS provider (5.x, 6.x) picks it: in the first
 * `endpoints` block that sets one (several blocks only draw a warning), `s3` over `s3api`. An
 * empty string is unset; a value known only at apply is set, and so hides the alias.
 */
function s3EndpointPath(values: ValueObject): string | undefined {
  const blocks = valueAt(values, 'endpoints');
  const count = Array.isArray(blocks) ? blocks.length : 1;
  for (let i = 0; i < count; i++) {
    for (const name of S3_ENDPOINT_NAMES) {
      const value = valueAt(values, `endpoints.${i}.${name}`);
      if (value !== undefined && value !== null && value !== '') return `endpoints.${i}.${name}`;
    }
  }
  return undefined;
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
