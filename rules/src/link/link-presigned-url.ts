import type { LinkRule, Severity } from '@posture/model';
import { linkRelated } from '../drafts.js';
import { claimingRule, isReleaseTarget } from './precedence.js';
import { linkPlace, linkTarget, sentences } from '../messages.js';

const rule: LinkRule = {
  kind: 'link',
  meta: {
    id: 'link-presigned-url',
    title: 'Build configuration carries a signed URL',
    severity: 'high',
    why: "A signed URL (S3 SigV4 or SigV2, GCS V4 or V2) lets anyone who has it read the object it names until it expires, however private the bucket is. Written into a build configuration it is in every clone and every build that ships it. SigV4 and GCS V4 links expire within seven days of signing, but SigV2 and GCS V2 links carry an expiry time of the signer's choosing, often years away, and so are a public link to a private bucket. The signature and the access key id are never copied into the report. Valid today: high, critical when the bucket is release-use; already expired: low, as the link no longer works but still names the bucket and the signer; an expiry Posture cannot read: medium.",
    fix: 'Remove the URL from the build configuration. Generate signed URLs at release time, with the shortest expiry that works, and hand them out through the release page or the API that needs them; rotate the access key that signed a long-lived URL, which revokes it.',
    bad: {
      language: 'shell',
      code: `# install.sh
curl -fsSLO "https://acme-releases.s3.amazonaws.com/cli.tgz?AWSAccessKeyId=AKIA…&Expires=4102444800&Signature=…"`,
    },
    good: {
      language: 'shell',
      code: `# install.sh
curl -fsSLO https://github.com/acme/cli/releases/latest/download/cli.tgz`,
    },
    tags: ['security', 'link', 'build-config', 'signed-url', 'static-link'],
    cwe: ['CWE-200', 'CWE-798'],
    precision: 'high',
  },
  check(link, bucket, facts) {
    if (claimingRule(link, bucket, facts.links) !== 'link-presigned-url') return [];
    const expiry = signedUntil(link.url);
    const today = facts.today ?? new Date().toISOString().slice(0, 10);
    const release = link.releaseStep !== false || isReleaseTarget(link, bucket);
    const state =
      expiry === undefined
        ? 'carries no expiry Posture can read'
        : expiry.slice(0, 10) < today
          ? `expired on ${expiry.slice(0, 10)}`
          : `works until ${expiry.slice(0, 10)}`;
    return [
      {
        location: link.range,
        related: linkRelated(bucket),
        severity: severityOf(expiry, today, release),
        message: sentences(
          `${linkPlace(link)} carries a signed URL of ${linkTarget(link, bucket)}`,
          `${link.url} ${state}; while it works, anyone who has the build can read the object whatever the bucket's access controls`,
          'Remove the URL, sign links at release time with a short expiry, and rotate the key that signed it',
        ),
      },
    ];
  },
};

export default rule;

function severityOf(expiry: string | undefined, today: string, release: boolean): Severity {
  if (expiry === undefined) return 'medium';
  if (expiry.slice(0, 10) < today) return 'low';
  return release ? 'critical' : 'high';
}

/**
 * When a signed URL stops working, as an ISO time: `X-Amz-Date` plus `X-Amz-Expires` seconds
 * (GCS: `X-Goog-…`), or a V2 URL's `Expires` epoch seconds. Undefined when the URL says neither.
 */
export function signedUntil(url: string): string | undefined {
  const query = url.slice(url.indexOf('?') + 1).split('#')[0] ?? '';
  const params = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(query)) params.set(name.toLowerCase(), value);
  const signed = params.get('x-amz-date') ?? params.get('x-goog-date');
  const lasts = params.get('x-amz-expires') ?? params.get('x-goog-expires');
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(signed ?? '');
  if (date && lasts !== undefined && /^\d+$/.test(lasts)) {
    const [, y, mo, d, h, mi, s] = date;
    const start = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    return isoOrUndefined(start + Number(lasts) * 1000);
  }
  const epoch = params.get('expires');
  return epoch !== undefined && /^\d{1,12}$/.test(epoch)
    ? isoOrUndefined(Number(epoch) * 1000)
    : undefined;
}

function isoOrUndefined(ms: number): string | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
