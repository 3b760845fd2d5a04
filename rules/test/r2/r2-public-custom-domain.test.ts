import { Unknown } from '@posture/model';
import rule from '../../src/r2/r2-public-custom-domain.js';
import {
  accessApp,
  accessPolicy,
  behindAccess,
  LINE,
  r2Bucket,
  r2Domain,
  unknown,
} from '../support/facts.js';
import { testRule } from '../support/tester.js';

/** Where the custom domain is enabled. */
const AT = LINE.customDomain + 1;

testRule(rule, {
  valid: [
    { name: 'no custom domain', subject: r2Bucket() },
    {
      name: 'custom domain disabled',
      subject: r2Bucket({ customDomains: [r2Domain('custom', false)] }),
    },
  ],
  invalid: [
    {
      name: 'behind an Access application whose policies name whom they let in: low, at the app',
      subject: r2Bucket({
        customDomains: [
          behindAccess([
            accessPolicy(),
            accessPolicy({ decision: 'bypass', includesEveryone: true, requiresMore: true }, 1),
            accessPolicy({ decision: 'DENY', includesEveryone: true }, 2),
            accessPolicy({ decision: unknown(['var.decision']), includesEveryone: false }, 3),
          ]),
        ],
      }),
      findings: [
        {
          severity: 'low',
          line: AT,
          message:
            /has a custom domain enabled, neutralised by cloudflare_zero_trust_access_application\.downloads, a Cloudflare Access application whose policies let in only the visitors they name\./,
        },
      ],
    },
    {
      name: 'an Access application with no policy lets no one in',
      subject: r2Bucket({ customDomains: [behindAccess([])] }),
      findings: [{ severity: 'low', line: AT }],
    },
    ...(['bypass', 'allow', 'non_identity'] as const).map((decision) => ({
      name: `a policy that ${decision}s everyone with nothing required lets anyone in: high`,
      subject: r2Bucket({
        customDomains: [
          behindAccess([accessPolicy(), accessPolicy({ decision, includesEveryone: true }, 1)]),
        ],
      }),
      findings: [
        {
          severity: 'high' as const,
          line: AT,
          message:
            /is public on a custom domain\. .*, Cloudflare Access application cloudflare_zero_trust_access_application\.downloads included, whose policy cloudflare_zero_trust_access_policy\.p1 lets anyone in\./,
        },
      ],
    })),
    ...(
      [
        ['a decision', { decision: unknown(['var.d']), includesEveryone: true }],
        ['whom the include rules name (an Access group)', { includesEveryone: undefined }],
        ['whether require rules narrow them', { includesEveryone: true, requiresMore: undefined }],
      ] as const
    ).map(([what, over]) => ({
      name: `${what} not known: medium`,
      subject: r2Bucket({ customDomains: [behindAccess([accessPolicy(over)])] }),
      findings: [
        {
          severity: 'medium' as const,
          line: AT,
          message:
            /is not provably private: .* unless Cloudflare Access application cloudflare_zero_trust_access_application\.downloads turns visitors away: whom its policy cloudflare_zero_trust_access_policy\.p0 lets in is not known/,
        },
      ],
    })),
    {
      name: 'an application whose type is not known may protect nothing: medium',
      subject: r2Bucket({
        customDomains: [
          {
            ...behindAccess([accessPolicy()]),
            accessApps: [
              { ...accessApp([accessPolicy()]), typeUnknown: unknown(['var.app_type']) },
            ],
          },
        ],
      }),
      findings: [
        {
          severity: 'medium',
          line: AT,
          message:
            /is not provably private: .* unless Cloudflare Access application cloudflare_zero_trust_access_application\.downloads turns visitors away: its type is not known before apply \(it depends on var\.app_type\), and only a self-hosted application protects a hostname\./,
        },
      ],
    },
    {
      name: 'policies not all known: medium',
      subject: r2Bucket({ customDomains: [behindAccess(undefined)] }),
      findings: [
        { severity: 'medium', line: AT, message: /its policies are not all known before apply/ },
      ],
    },
    {
      name: 'enabled custom domain, named in the message',
      subject: r2Bucket({ customDomains: [r2Domain('custom', true)] }),
      findings: [
        {
          severity: 'high',
          line: LINE.customDomain + 1,
          message:
            /is public on a custom domain\. cloudflare_r2_custom_domain\.releases\[0\] serves the bucket publicly at custom domain "downloads\.example\.com"\./,
        },
      ],
    },
    {
      name: 'omitted enabled counts as enabled, at the block',
      subject: r2Bucket({ customDomains: [r2Domain('custom', undefined)] }),
      findings: [{ severity: 'high', line: LINE.customDomain }],
    },
    {
      name: 'one finding per enabled domain',
      subject: r2Bucket({
        customDomains: [
          r2Domain('custom', true, 'a.example.com', 0),
          r2Domain('custom', false, 'b.example.com', 1),
          r2Domain('custom', true, 'c.example.com', 2),
        ],
      }),
      findings: [
        { severity: 'high', line: LINE.customDomain + 1 },
        { severity: 'high', line: LINE.customDomain + 11, message: /c\.example\.com/ },
      ],
    },
    {
      name: 'a domain known only after apply is said to be unknown, with what is known of it',
      subject: r2Bucket({
        customDomains: [
          r2Domain('custom', true, unknown([], 'variable zone has no value'), 0),
          r2Domain(
            'custom',
            true,
            new Unknown([], 'variable domain_name has no value', { pieces: ['r2.', unknown()] }),
            1,
          ),
        ],
      }),
      findings: [
        {
          severity: 'high',
          line: LINE.customDomain + 1,
          message:
            /serves the bucket publicly at a custom domain: its name is not known before apply \(variable zone has no value\)\./,
        },
        {
          severity: 'high',
          line: LINE.customDomain + 6,
          message:
            /at a custom domain: its name, "r2\.\*", is not known before apply \(variable domain_name has no value\)\./,
        },
      ],
    },
    {
      name: 'unknown enabled is not provably private',
      subject: r2Bucket({ customDomains: [r2Domain('custom', unknown())] }),
      findings: [{ severity: 'medium', line: LINE.customDomain + 1 }],
    },
  ],
});
