import type { BucketRule } from '@posture/model';
import { exposureDrafts } from '../drafts.js';
import { R2_DEV_URL } from '../exposure/r2.js';
import { R2_RELEASES } from '../example-buckets.js';

const rule: BucketRule<'r2'> = {
  kind: 'bucket',
  services: ['r2'],
  meta: {
    id: 'r2-public-dev-url',
    title: 'R2 public r2.dev URL is enabled',
    severity: 'critical',
    why: "A cloudflare_r2_managed_domain with enabled = true makes every object of the bucket readable by anyone at https://pub-<id>.r2.dev/<key>, with no authentication, no WAF and no Access policy — Cloudflare documents it for non-production use only. Protecting a custom domain does not close it: the bucket stays public through r2.dev. Deleting the cloudflare_r2_managed_domain resource does NOT turn r2.dev off either — the provider's delete is a no-op that only forgets the resource; only applying enabled = false does.",
    fix: 'Set enabled = false on the cloudflare_r2_managed_domain and apply it; keep the resource (with enabled = false) rather than deleting it, because deleting it leaves r2.dev as it was. Publish releases through a custom domain protected by Cloudflare Access or through signed URLs.',
    bad: {
      language: 'hcl',
      code: `${R2_RELEASES}
resource "cloudflare_r2_managed_domain" "releases" {
  account_id  = var.account_id
  bucket_name = cloudflare_r2_bucket.releases.name
  enabled     = true
}`,
    },
    good: {
      language: 'hcl',
      code: `${R2_RELEASES}
resource "cloudflare_r2_managed_domain" "releases" {
  account_id  = var.account_id
  bucket_name = cloudflare_r2_bucket.releases.name
  # Keep the resource: deleting it does not disable r2.dev.
  enabled     = false
}`,
    },
    tags: ['security', 'r2', 'cloudflare', 'r2-dev', 'public-access'],
    cwe: ['CWE-200', 'CWE-284'],
    precision: 'very-high',
  },
  check(bucket) {
    return exposureDrafts(bucket, R2_DEV_URL.exposures(bucket), {
      exposed: 'is public at its r2.dev URL',
      neutralised: 'has its r2.dev URL enabled',
      remedy:
        'Set enabled = false on the managed domain and apply it; deleting the resource does not turn r2.dev off',
    });
  },
};

export default rule;
