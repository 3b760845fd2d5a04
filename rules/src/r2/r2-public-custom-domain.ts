import type { BucketRule } from '@posture/model';
import { exposureDrafts } from '../drafts.js';
import { R2_CUSTOM_DOMAINS } from '../exposure/r2.js';
import { R2_RELEASES } from '../example-buckets.js';

const rule: BucketRule<'r2'> = {
  kind: 'bucket',
  services: ['r2'],
  meta: {
    id: 'r2-public-custom-domain',
    title: 'R2 bucket is public on a custom domain',
    severity: 'high',
    why: 'A cloudflare_r2_custom_domain makes every object of the bucket readable by anyone at https://<domain>/<key>. Unlike r2.dev it can be put behind Cloudflare Access or WAF rules, but those live outside the bucket and are easy to forget; by itself a custom domain is a public bucket. An omitted enabled counts as enabled: the API enables the domain when the value is undefined.',
    fix: 'Set enabled = false on the cloudflare_r2_custom_domain, or remove it. If the domain must serve downloads, protect it with a Cloudflare Access application or serve signed URLs, and record an exception for this finding with the reason.',
    bad: {
      language: 'hcl',
      code: `${R2_RELEASES}
resource "cloudflare_r2_custom_domain" "releases" {
  account_id  = var.account_id
  bucket_name = cloudflare_r2_bucket.releases.name
  domain      = "downloads.example.com"
  zone_id     = var.zone_id
  enabled     = true
}`,
    },
    good: {
      language: 'hcl',
      code: `${R2_RELEASES}
resource "cloudflare_r2_custom_domain" "releases" {
  account_id  = var.account_id
  bucket_name = cloudflare_r2_bucket.releases.name
  domain      = "downloads.example.com"
  zone_id     = var.zone_id
  enabled     = false
}`,
    },
    tags: ['security', 'r2', 'cloudflare', 'custom-domain', 'public-access'],
    cwe: ['CWE-200'],
    precision: 'high',
  },
  check(bucket) {
    return exposureDrafts(bucket, R2_CUSTOM_DOMAINS.exposures(bucket), {
      exposed: 'is public on a custom domain',
      neutralised: 'has a custom domain enabled',
      remedy:
        'Set enabled = false on the custom domain, or protect it with Cloudflare Access and record an exception',
    });
  },
};

export default rule;
