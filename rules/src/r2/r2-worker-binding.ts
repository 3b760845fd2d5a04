import type { BucketRule } from '@posture/model';
import { exposureDrafts } from '../drafts.js';
import { R2_WORKERS } from '../exposure/r2.js';
import { R2_RELEASES } from '../example-buckets.js';

/** A Worker that binds the release bucket as RELEASES, and then how it is reached. */
const worker = (reached: string) => `${R2_RELEASES}
resource "cloudflare_workers_script" "downloads" {
  account_id  = var.account_id
  script_name = "downloads"
  content     = file("worker.js")
  bindings = [{
    type        = "r2_bucket"
    name        = "RELEASES"
    bucket_name = cloudflare_r2_bucket.releases.name
  }]
}
${reached}`;

const rule: BucketRule<'r2'> = {
  kind: 'bucket',
  services: ['r2'],
  meta: {
    id: 'r2-worker-binding',
    title: 'R2 bucket is bound to a Worker reached from the internet',
    severity: 'medium',
    why: 'A Worker script that binds an R2 bucket (an r2_bucket_binding block of cloudflare_worker_script in provider v4, an item of type r2_bucket in the bindings of cloudflare_workers_script in v5, or of a cloudflare_worker_version of the newer cloudflare_worker) reads and writes every object of the bucket with the rights of the Worker, whoever sends the request. The bucket stays private by every control of its own, but a Worker routed to the internet is a way in: a cloudflare_workers_route (v4 cloudflare_worker_route) whose script is the Worker, a cloudflare_workers_custom_domain (v4 cloudflare_worker_domain) whose service it is, or its workers.dev URL turned on by a cloudflare_workers_script_subdomain (a script the provider uploads has it off) or, for a cloudflare_worker, by its own subdomain.enabled (off when not written). A version of a cloudflare_worker binds the bucket while it may serve requests: when a cloudflare_workers_deployment of the Worker names it, or when the scan has no deployment of it (one may be made outside Terraform, by wrangler) or one names a version the scan cannot tell. Serving the objects of a bucket is what such a Worker is often written for, a download server, but it may as well check a token or a signature first, and Posture neither runs nor reads its code: the finding is medium, a path to review, not a proven public bucket, and it makes no link to the bucket a link to a public one. A Cloudflare Access self-hosted application that covers the whole host of the route, custom domain or workers.dev URL is read as for r2-public-custom-domain: if every policy names whom it lets in, the finding is low; if one lets anyone in, it stays medium, and says so. The host of a workers.dev URL is <script>.<subdomain>.workers.dev, known when the scan declares the account subdomain (cloudflare_workers_subdomain, same account); a route whose host has a wildcard (*.acme.dev/*) matches hosts at every depth, and no Access application, whose wildcards stand for one label, covers them all. A Worker reached from the internet whose bindings are not known before apply (bindings = var.bindings, a dynamic block over a variable, a binding whose type or bucket_name is a variable) may bind any R2 bucket of its module, as a settings resource whose bucket is not known may configure one: each is reported medium, not provably private, at the way in, unless Access in front of it names whom it lets in. A Worker with no route, custom domain or workers.dev URL in the scan is not reported: routes made elsewhere are not seen.',
    fix: 'Make sure the Worker checks who asks before it serves an object (Cloudflare Access in front of its route, a signed token, or presigned URLs instead of the Worker), then record an exception for this finding with the reason. If the Worker does not need to be reached from the internet, remove its route, custom domain and workers.dev URL.',
    bad: {
      language: 'hcl',
      code: worker(`
resource "cloudflare_workers_route" "downloads" {
  zone_id = var.zone_id
  pattern = "downloads.example.com/*"
  script  = cloudflare_workers_script.downloads.script_name
}`),
    },
    good: {
      language: 'hcl',
      code: worker(`
# Run on a schedule or by other Workers only: no route, and no workers.dev URL.
resource "cloudflare_workers_script_subdomain" "downloads" {
  account_id  = var.account_id
  script_name = cloudflare_workers_script.downloads.script_name
  enabled     = false
}`),
    },
    tags: ['security', 'r2', 'cloudflare', 'workers', 'public-access'],
    cwe: ['CWE-284'],
    precision: 'medium',
  },
  check(bucket) {
    return exposureDrafts(bucket, R2_WORKERS.exposures(bucket), {
      exposed: 'is reachable through a Worker that binds it',
      neutralised: 'is bound to a Worker reached from the internet',
      remedy:
        'Check that the Worker does not serve the objects of the bucket without authentication (Posture does not read its code), or put its route behind Cloudflare Access, then record an exception with the reason',
    });
  },
};

export default rule;
