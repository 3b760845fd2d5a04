import rule from '../../src/gcs/gcs-public-backend-bucket.js';
import {
  armorPolicy,
  backendBucket,
  gcsBucket,
  iam,
  LINE,
  orgPolicy,
  unknown,
} from '../support/facts.js';
import { testRule } from '../support/tester.js';

const CDN_FILL = 'serviceAccount:service-123456789012@cloud-cdn-fill.iam.gserviceaccount.com';
const DEFAULT = 2147483647;
const EDGE = 'google_compute_security_policy.edge.id';
/** Where the backend bucket sets its edge_security_policy. */
const AT = LINE.backendBucket + 1;
/** A default rule that denies every request. */
const DENY_ALL = [['deny(403)', DEFAULT]] as const;

/** A bucket whose backend bucket has an edge security policy of these rules. */
const behindPolicy = (rules: Parameters<typeof armorPolicy>[0]) =>
  gcsBucket({ backendBuckets: [backendBucket(unknown([EDGE]), armorPolicy(rules))] });

testRule(rule, {
  valid: [
    { name: 'no backend bucket', subject: gcsBucket({ prevention: 'enforced' }) },
    {
      name: 'a grant to the Cloud CDN fill account alone serves no one',
      subject: gcsBucket({ prevention: 'enforced', iam: [iam([CDN_FILL])] }),
    },
  ],
  invalid: [
    {
      name: 'public access prevention enforced does not close it: a high finding, never low',
      subject: gcsBucket({
        prevention: 'enforced',
        iam: [iam([CDN_FILL])],
        backendBuckets: [backendBucket()],
      }),
      findings: [
        {
          severity: 'high',
          line: LINE.backendBucket,
          message:
            /^Release bucket "acme-releases" \(google_storage_bucket\.releases\) is public through a load balancer backend bucket\. google_compute_backend_bucket\.releases serves the bucket through a load balancer to anyone who reaches it, with no edge security policy \(signed URL keys do not refuse unsigned requests\)\. Serve the release with Cloud Storage signed URLs/,
        },
      ],
    },
    {
      name: 'nor does an organization policy that enforces it',
      subject: gcsBucket({
        organizationPrevention: orgPolicy(),
        backendBuckets: [backendBucket()],
      }),
      findings: [{ severity: 'high', line: LINE.backendBucket }],
    },
    {
      name: 'an empty edge_security_policy is none',
      subject: gcsBucket({ backendBuckets: [backendBucket('')] }),
      findings: [{ severity: 'high', line: LINE.backendBucket }],
    },
    {
      name: 'an edge security policy may turn viewers away: medium, at the policy, with what decides it',
      subject: gcsBucket({ backendBuckets: [backendBucket('edge')] }),
      findings: [
        {
          severity: 'medium',
          line: LINE.backendBucket + 1,
          message:
            /is not provably private: .* unless its edge security policy turns viewers away: no policy the scanned Terraform declares is known to be it\. Check that the rules of the edge security policy admit only the intended viewers/,
        },
      ],
    },
    {
      name: 'an edge security policy known only after apply is one too',
      subject: gcsBucket({
        backendBuckets: [backendBucket(unknown(['google_compute_security_policy.edge.id']))],
      }),
      findings: [
        {
          severity: 'medium',
          line: LINE.backendBucket + 1,
          message:
            /turns viewers away: no policy the scanned Terraform declares is known to be it\./,
        },
      ],
    },
    {
      name: 'one whose default rule denies all and no rule allows serves no one: low, at the policy',
      subject: behindPolicy([
        ['deny(404)', 1000],
        ['deny(403)', DEFAULT],
      ]),
      findings: [
        {
          severity: 'low',
          line: LINE.backendBucket + 1,
          message:
            /is served by a load balancer backend bucket, neutralised by google_compute_security_policy\.edge, an edge security policy whose enforced rules, its default rule among them, all deny\./,
        },
      ],
    },
    {
      name: 'a backend policy (type CLOUD_ARMOR) filters no request to a backend bucket: high',
      subject: gcsBucket({
        backendBuckets: [backendBucket(unknown([EDGE]), armorPolicy(DENY_ALL, 'CLOUD_ARMOR'))],
      }),
      findings: [
        {
          severity: 'high',
          line: AT,
          message:
            /is public through a load balancer backend bucket\. .* its edge security policy google_compute_security_policy\.edge is of type "CLOUD_ARMOR", a backend policy, and Cloud Armor applies only a CLOUD_ARMOR_EDGE policy to a backend bucket\./,
        },
      ],
    },
    {
      name: 'nor does a policy written without a type, a backend policy too',
      subject: gcsBucket({
        backendBuckets: [backendBucket(unknown([EDGE]), armorPolicy(DENY_ALL, null))],
      }),
      findings: [
        { severity: 'high', line: AT, message: /is of type CLOUD_ARMOR \(no type set\), a/ },
      ],
    },
    {
      name: 'a type not known before apply: medium, saying so',
      subject: gcsBucket({
        backendBuckets: [
          backendBucket(unknown([EDGE]), armorPolicy(DENY_ALL, unknown(['var.type']))),
        ],
      }),
      findings: [
        {
          severity: 'medium',
          line: AT,
          message:
            /turns viewers away: the type of google_compute_security_policy\.edge is not known before apply \(it depends on var\.type\), and only a CLOUD_ARMOR_EDGE policy applies to a backend bucket\./,
        },
      ],
    },
    {
      name: 'an allow rule in preview is not enforced',
      subject: behindPolicy([
        ['allow', 1000, true],
        [' DENY(403)', DEFAULT, false],
      ]),
      findings: [{ severity: 'low', line: AT }],
    },
    {
      name: 'an allow rule for some addresses before a default deny: the match decides, medium',
      subject: behindPolicy([
        ['allow', 1000],
        ['deny(403)', DEFAULT],
      ]),
      findings: [
        {
          severity: 'medium',
          line: AT,
          message:
            /the rules of google_compute_security_policy\.edge neither deny nor allow every request, and Posture does not read their match conditions/,
        },
      ],
    },
    {
      name: 'a default deny in preview is not enforced: what no rule matches is allowed',
      subject: behindPolicy([
        ['deny(403)', 1000],
        ['deny(403)', DEFAULT, true],
      ]),
      findings: [{ severity: 'medium', line: AT }],
    },
    {
      name: 'denying rules with no default rule: Cloud Armor allows what none matches',
      subject: behindPolicy([['deny(403)', 1000]]),
      findings: [{ severity: 'medium', line: AT }],
    },
    {
      name: 'a throttle limits, it does not decide',
      subject: behindPolicy([
        ['throttle', 1000],
        ['deny(403)', DEFAULT],
      ]),
      findings: [{ severity: 'medium', line: AT }],
    },
    ...(
      [
        ['an action', unknown(['var.action']), DEFAULT, undefined],
        ['a priority', 'deny(403)', unknown(['var.priority']), undefined],
        ['whether it is in preview', 'deny(403)', DEFAULT, unknown(['var.preview'])],
      ] as const
    ).map(([what, action, priority, preview]) => ({
      name: `${what} not known before apply: medium`,
      subject: behindPolicy([[action, priority, preview]]),
      findings: [{ severity: 'medium' as const, line: AT }],
    })),
    {
      name: 'rules not known before apply (a dynamic "rule"): medium',
      subject: behindPolicy(undefined),
      findings: [
        {
          severity: 'medium',
          line: AT,
          message:
            /the rules of google_compute_security_policy\.edge are not all known before apply/,
        },
      ],
    },
    {
      name: 'a policy with no rule gets a default rule that allows: high',
      subject: behindPolicy([]),
      findings: [
        {
          severity: 'high',
          line: LINE.backendBucket + 1,
          message:
            /is public through a load balancer backend bucket\. .* its edge security policy google_compute_security_policy\.edge allows every request/,
        },
      ],
    },
    {
      name: 'one whose enforced rules all allow: high',
      subject: behindPolicy([
        ['deny(403)', 1000, true],
        ['allow', DEFAULT],
      ]),
      findings: [{ severity: 'high', line: AT }],
    },
  ],
});
