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
    why: 'A cloudflare_r2_custom_domain makes every object of the bucket readable by anyone at https://<domain>/<key>. Unlike r2.dev it can be put behind Cloudflare Access or WAF rules, but those live outside the bucket and are easy to forget; by itself a custom domain is a public bucket. An omitted enabled counts as enabled: the API enables the domain when the value is undefined. A Cloudflare Access self-hosted application (cloudflare_zero_trust_access_application, cloudflare_access_application) whose domain, self_hosted_domains or public destinations cover the whole custom domain (the host itself or a wildcard over it, with no path; as Access matches them, a wildcard stands for one label, so *.acme.dev covers downloads.acme.dev but neither acme.dev nor dl.eu.acme.dev) is read with its policies, those it lists and those that name it with application_id: a policy lets anyone in when it does not deny, its include rules have everyone (or an ip of 0.0.0.0/0) and no require rule narrows them, as with decision bypass or allow and include everyone. If one does, the finding stays high; if every policy names whom it lets in (or the application has none, so Access lets no one in), the finding is low; if that is not known (an Access group, whose members are not read, or a value not known before apply, the type of the application among them: only a self-hosted one protects a hostname), it is medium. WAF rules in front of the domain are not read; a Worker that binds the bucket is reported by r2-worker-binding.',
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
