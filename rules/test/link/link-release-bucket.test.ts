import rule from '../../src/link/link-release-bucket.js';
import { LINE, link, pab, s3Bucket } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const release = s3Bucket();
const plain = s3Bucket({ name: 'acme-assets', release: [] });

testRule(rule, {
  valid: [
    {
      name: 'a download link to a bucket that is not release-use',
      subject: { link: link(), bucket: plain },
    },
    { name: 'a link to a bucket Terraform does not declare', subject: { link: link() } },
    {
      name: 'an upload destination of a release bucket',
      subject: {
        link: link({ url: 's3://acme-releases/cli.tgz', form: 's3-uri', usage: 'upload' }),
        bucket: release,
      },
    },
    {
      name: 'an API form (ARN) of a release bucket',
      subject: { link: link({ usage: 'api' }), bucket: release },
    },
    {
      name: 'a signed URL expires: not a static link',
      subject: { link: link({ usage: 'presigned' }), bucket: release },
    },
    {
      name: "a public upload is link-public-upload's",
      subject: { link: link({ usage: 'public-upload' }), bucket: release },
    },
  ],
  invalid: [
    {
      name: 'a download link to a release bucket, at the link',
      subject: { link: link(), bucket: release },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: LINE.link,
          message:
            /^package\.json \(scripts\.postinstall\) links to release bucket "acme-releases" \(aws_s3_bucket\.releases\)\. https:\/\/acme-releases\.s3\.amazonaws\.com\/cli\.tgz is a static download URL/,
        },
      ],
    },
    {
      name: 'a public upload clients download from (electron-updater), to a bucket refusing public ACLs',
      subject: {
        link: link({
          url: 'acme-releases',
          form: 's3-uri',
          usage: 'public-upload',
          downloaded: true,
          releaseStep: 'release',
        }),
        bucket: s3Bucket({ publicAccessBlock: pab() }),
      },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: LINE.link,
          message:
            /\. Clients download from acme-releases without credentials what the build publishes there \(an app's updates, a package's binaries\): every install needs the bucket to stay readable/,
        },
      ],
    },
    {
      name: 'a link to a bucket the policy names, known by name only',
      subject: { link: link({ releaseGlob: 'acme-*' }) },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: LINE.link,
          message:
            /links to release bucket "acme-releases" \(release\.buckets "acme-\*" in the policy file names it; not declared in the Terraform scanned\)\. .* where releases live\./,
        },
      ],
    },
    {
      name: 'a link to a bucket no Terraform declares, with all that makes it release-use',
      subject: {
        link: link(),
        bucket: s3Bucket({
          declaredElsewhere: true,
          release: [
            { kind: 'pipeline', detail: 'a release step at release.sh:3 uploads to it' },
            { kind: 'policy', detail: 'release.buckets "acme-*" in the policy file names it' },
          ],
        }),
      },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: LINE.link,
          message:
            /links to release bucket "acme-releases" \(a release step at release\.sh:3 uploads to it and release\.buckets "acme-\*" in the policy file names it; not declared in the Terraform scanned\)\./,
        },
      ],
    },
  ],
});
