import rule from '../../src/r2/r2-worker-binding.js';
import {
  accessApp,
  accessPolicy,
  LINE,
  r2Bucket,
  range,
  r2Worker,
  unknown,
  workerEntry,
} from '../support/facts.js';
import { testRule } from '../support/tester.js';

/** Where the first entry writes its host or `enabled`. */
const AT = LINE.workerEntry + 1;

const reached = (...entries: Parameters<typeof r2Worker>[0]) =>
  r2Bucket({ workers: [r2Worker(entries)] });

testRule(rule, {
  valid: [
    { name: 'no Worker binds it', subject: r2Bucket() },
    {
      name: 'a Worker that may bind it, behind Access for staff: Access decides',
      subject: r2Bucket({
        workers: [
          {
            ...r2Worker([
              workerEntry('route', undefined, { accessApps: [accessApp([accessPolicy()])] }),
            ]),
            mayBind: { path: 'bindings', value: unknown(['var.bindings']) },
          },
        ],
      }),
    },
    {
      name: 'a Worker whose workers.dev URL is written off',
      subject: reached(workerEntry('workers-dev', false)),
    },
  ],
  invalid: [
    {
      name: 'a route: medium, at its pattern, naming the Worker, the binding and the route',
      subject: reached(workerEntry('route')),
      findings: [
        {
          severity: 'medium',
          line: AT,
          message:
            /^Release bucket "acme-releases" \(cloudflare_r2_bucket\.releases\) is reachable through a Worker that binds it\. cloudflare_workers_script\.downloads binds the bucket as "RELEASES" and is reached at route "downloads\.example\.com\/\*" \(cloudflare_workers_route\.downloads\)\. Check that the Worker does not serve the objects of the bucket without authentication \(Posture does not read its code\)/,
        },
      ],
    },
    {
      name: 'a v5 cloudflare_worker binds it in a version: the message names the version',
      subject: r2Bucket({
        workers: [
          {
            ...r2Worker([workerEntry('route')]),
            address: 'cloudflare_worker.downloads',
            binding: { address: 'cloudflare_worker_version.v1', range: range(LINE.worker + 6) },
          },
        ],
      }),
      findings: [
        {
          severity: 'medium',
          line: AT,
          message:
            /cloudflare_worker\.downloads binds the bucket as "RELEASES" in cloudflare_worker_version\.v1 and is reached at route "downloads\.example\.com\/\*"/,
        },
      ],
    },
    {
      name: 'a Worker whose bindings are not known: medium, not provably private, at the route',
      subject: r2Bucket({
        workers: [
          {
            ...r2Worker([workerEntry('route')]),
            mayBind: { path: 'bindings', value: unknown(['var.bindings']) },
          },
        ],
      }),
      findings: [
        {
          severity: 'medium',
          line: AT,
          message:
            /is not provably private: cloudflare_workers_script\.downloads is reached at route "downloads\.example\.com\/\*" \(cloudflare_workers_route\.downloads\) and may bind the bucket: bindings on cloudflare_workers_script\.downloads is not known before apply \(it depends on var\.bindings\)\./,
        },
      ],
    },
    {
      name: 'a custom domain',
      subject: reached(workerEntry('custom-domain', 'downloads.example.com')),
      findings: [
        {
          severity: 'medium',
          line: AT,
          message:
            /is reached at custom domain "downloads\.example\.com" \(cloudflare_workers_custom_domain\.downloads\)\./,
        },
      ],
    },
    {
      name: 'its workers.dev URL turned on',
      subject: reached(workerEntry('workers-dev', true)),
      findings: [
        {
          severity: 'medium',
          line: AT,
          message:
            /is reached at its workers\.dev URL \(cloudflare_workers_script_subdomain\.downloads\)\./,
        },
      ],
    },
    {
      name: 'a workers.dev URL behind Access: low',
      subject: reached(
        workerEntry('workers-dev', true, { accessApps: [accessApp([accessPolicy()])] }),
      ),
      findings: [{ severity: 'low', line: AT }],
    },
    {
      name: 'workers.dev with enabled not known before apply: not provably private',
      subject: reached(workerEntry('workers-dev', unknown(['var.dev_url']))),
      findings: [
        {
          severity: 'medium',
          line: AT,
          message:
            /is not provably private: enabled on cloudflare_workers_script_subdomain\.downloads is not known before apply \(it depends on var\.dev_url\)/,
        },
      ],
    },
    {
      name: 'a route whose pattern is not known before apply still reaches it',
      subject: reached(workerEntry('route', unknown(['var.pattern']))),
      findings: [
        {
          severity: 'medium',
          line: AT,
          message:
            /is reachable through a Worker that binds it\. .* reached at route cloudflare_workers_route\.downloads, whose pattern is not known before apply\./,
        },
      ],
    },
    {
      name: 'each way in is a finding of its own',
      subject: reached(
        workerEntry('route'),
        workerEntry('custom-domain', 'dl.example.com', { index: 1 }),
      ),
      findings: [
        { severity: 'medium', line: AT },
        { severity: 'medium', line: AT + 5 },
      ],
    },
    {
      name: 'behind an Access application whose policies name whom they let in: low',
      subject: reached(
        workerEntry('route', undefined, { accessApps: [accessApp([accessPolicy()])] }),
      ),
      findings: [
        {
          severity: 'low',
          line: AT,
          message:
            /is bound to a Worker reached from the internet, neutralised by cloudflare_zero_trust_access_application\.downloads, a Cloudflare Access application whose policies let in only the visitors they name\./,
        },
      ],
    },
    {
      name: 'behind one whose policy lets anyone in: medium still, saying so',
      subject: reached(
        workerEntry('custom-domain', 'downloads.example.com', {
          accessApps: [accessApp([accessPolicy({ decision: 'bypass', includesEveryone: true })])],
        }),
      ),
      findings: [
        {
          severity: 'medium',
          line: AT,
          message:
            /is reachable through a Worker that binds it\. .*, Cloudflare Access application cloudflare_zero_trust_access_application\.downloads included, whose policy cloudflare_zero_trust_access_policy\.p0 lets anyone in\./,
        },
      ],
    },
    {
      name: 'behind one whose policies are not known: medium, not provably private',
      subject: reached(workerEntry('route', undefined, { accessApps: [accessApp(undefined)] })),
      findings: [
        {
          severity: 'medium',
          line: AT,
          message:
            /is not provably private: .* unless Cloudflare Access application cloudflare_zero_trust_access_application\.downloads turns visitors away: its policies are not all known before apply\./,
        },
      ],
    },
  ],
});
