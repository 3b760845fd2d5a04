import rule from '../../src/gcs/gcs-public-backend-bucket.js';
import { backendBucket, gcsBucket, iam, LINE, orgPolicy, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const CDN_FILL = 'serviceAccount:service-123456789012@cloud-cdn-fill.iam.gserviceaccount.com';

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
            /is not provably private: .* unless its edge security policy, whose Cloud Armor rules Posture does not read, turns viewers away\. Check that the rules of the edge security policy admit only the intended viewers/,
        },
      ],
    },
    {
      name: 'an edge security policy known only after apply is one too',
      subject: gcsBucket({
        backendBuckets: [backendBucket(unknown(['google_compute_security_policy.edge.id']))],
      }),
      findings: [{ severity: 'medium', line: LINE.backendBucket + 1, message: /Cloud Armor/ }],
    },
  ],
});
