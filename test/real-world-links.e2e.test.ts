import { describe, expect, it } from 'vitest';
import { scan, type ScanReport } from '@posture/core';
import { tempTree } from './support/temp-dirs.js';

/**
 * Build configurations met in public repositories (release workflows, install and upload scripts,
 * bundler, electron-builder, Forge and goreleaser configurations, Dockerfiles), rewritten small,
 * beside Terraform declaring some of the buckets they name, each with the link findings a correct
 * scanner reports: the build-link precision review of session 26.
 * Bucket findings are left to the bucket rules' own tests; signed URLs are judged against a fixed
 * day, and their credentials must never reach the report.
 */
interface Case {
  readonly name: string;
  /** Where the shape was seen. */
  readonly seen: string;
  readonly files: Readonly<Record<string, string>>;
  /** `rule:severity@file:line` of every link finding. */
  readonly expected: readonly string[];
  /** Text of the build files that must not be copied into the report. */
  readonly secrets?: readonly string[];
}

/** A private release S3 bucket: marked for releases, every public access block on, ACLs disabled. */
const S3_RELEASE = (name: string) => `# posture:release
resource "aws_s3_bucket" "r" {
  bucket = "${name}"
}

resource "aws_s3_bucket_public_access_block" "r" {
  bucket                  = aws_s3_bucket.r.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "r" {
  bucket = aws_s3_bucket.r.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}
`;

/** A private release GCS bucket: uniform access, public access prevention enforced. */
const GCS_RELEASE = (name: string) => `# posture:release
resource "google_storage_bucket" "r" {
  name                        = "${name}"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}
`;

/** A GCS bucket, not for releases, whose objects anyone can read. */
const GCS_PUBLIC = (name: string) => `resource "google_storage_bucket" "p" {
  name                        = "${name}"
  location                    = "US"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "p" {
  bucket = google_storage_bucket.p.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
`;

/** A release R2 bucket, which has no public access of its own. */
const R2_RELEASE = (name: string) => `# posture:release
resource "cloudflare_r2_bucket" "r" {
  account_id = "023e105f4ecef8ad9ca31a8372d0c353"
  name       = "${name}"
}
`;

const CASES: Case[] = [
  {
    name: 'aws s3 cp --grants read=uri=…/AllUsers in a PowerShell script a tag workflow runs',
    seen: 'nanocurrency/nano-pow-server ci/actions/windows/deploy.ps1 (+ its release workflow)',
    files: {
      '.github/workflows/release.yml': `name: Release
on:
  push:
    tags: ['V*']
jobs:
  windows:
    runs-on: windows-latest
    steps:
      - uses: actions/checkout@v4
      - run: ci/actions/windows/deploy.ps1
        shell: pwsh
`,
      'ci/actions/windows/deploy.ps1': `$ErrorActionPreference = "Continue"

$gz = Resolve-Path -Path $env:GITHUB_WORKSPACE\\build\\acme_pow_server-*-win64.tar.gz

aws s3 cp $gz s3://repo.acme.org/pow-server/acme_pow_server-$env:TAG-win64.tar.gz --grants read=uri=http://acs.amazonaws.com/groups/global/AllUsers
aws s3 cp $gz s3://repo.acme.org/pow-server/acme_pow_server-latest-win64.tar.gz --grants read=uri=http://acs.amazonaws.com/groups/global/AllUsers
`,
    },
    expected: [
      'link-public-upload:critical@ci/actions/windows/deploy.ps1:5',
      'link-public-upload:critical@ci/actions/windows/deploy.ps1:6',
    ],
  },
  {
    name: "a GitLab deploy job's environment url on the S3 website endpoint",
    seen: 'krom/.gitlab-ci.yml-samples aws-s3/README.md (.gitlab-ci.yml)',
    files: {
      '.gitlab-ci.yml': `variables:
  BUCKET_NAME: acme-web-dev
deploy:
  image: python:latest
  stage: deploy
  before_script:
    - pip install awscli
  script:
    - aws s3 cp ./build s3://\${BUCKET_NAME} --recursive --acl public-read
    - aws cloudfront create-invalidation --distribution-id $DISTRIBUTION_ID --paths "/*"
  environment:
    name: \${CI_COMMIT_REF_SLUG}
    url: http://\${BUCKET_NAME}.s3-website.us-east-2.amazonaws.com
  only:
    - development
`,
    },
    expected: ['link-public-bucket:high@.gitlab-ci.yml:13'],
  },
  {
    name: 's3-sync-action with --acl public-read to a bucket kept in a secret',
    seen: "GitHub workflow 'Deploy to AWS S3' with jakejarvis/s3-sync-action (code search, unnamed repo)",
    files: {
      '.github/workflows/deploy.yml': `name: Deploy to AWS S3
on:
  push:
    branches:
      - release
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v2
      - run: npm install
      - run: npm run build
      - uses: jakejarvis/s3-sync-action@master
        with:
          args: --acl public-read --follow-symlinks --delete
        env:
          AWS_S3_BUCKET: \${{ secrets.AWS_S3_BUCKET }}
          AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}
          AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
          AWS_REGION: "ap-northeast-2"
          SOURCE_DIR: "dist"
`,
    },
    expected: ['link-public-upload:high@.github/workflows/deploy.yml:17'],
  },
  {
    name: 'an upload to R2 with credentials, its bucket in the job env',
    seen: 'readest/readest .github/workflows/upload-to-r2.yml',
    files: {
      '.github/workflows/upload-to-r2.yml': `name: Upload Release Assets to R2
on:
  workflow_call:
    inputs:
      tag:
        required: true
        type: string
jobs:
  upload-to-r2:
    runs-on: ubuntu-latest
    env:
      RELEASE_R2_BUCKET: readest-releases
      RELEASE_R2_ACCOUNT_ID: \${{ secrets.RELEASE_R2_ACCOUNT_ID }}
      AWS_ACCESS_KEY_ID: \${{ secrets.RELEASE_R2_ACCESS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.RELEASE_R2_SECRET_ACCESS_KEY }}
    steps:
      - name: Download release assets
        run: gh release download \${{ inputs.tag }} --dir assets
      - name: Upload to R2
        run: |
          aws s3 cp assets/ "s3://\${RELEASE_R2_BUCKET}/releases/\${{ inputs.tag }}/" --recursive \\
            --endpoint-url "https://\${RELEASE_R2_ACCOUNT_ID}.r2.cloudflarestorage.com"
`,
      'main.tf': R2_RELEASE('readest-releases'),
    },
    expected: [],
  },
  {
    name: 'an r2.dev URL beside an rclone upload in an upload script',
    seen: "scripts/upload_to_r2.sh (code search: rex-assets, rclone 'r2' remote)",
    files: {
      'scripts/upload_to_r2.sh': `#!/bin/bash
set -e

R2_BUCKET="rex-assets"
R2_PUBLIC_URL="https://pub-97d84d215bf5412b8f7d32e7b9047c54.r2.dev"

LOCAL_PATH="\${1:?Usage: $0 <local_path> [r2_prefix]}"
R2_PREFIX="\${2:-$(dirname "$LOCAL_PATH" | sed 's|^assets/||')}"

rclone copy "$LOCAL_PATH" "r2:$R2_BUCKET/$R2_PREFIX" --progress
echo "Public URL: $R2_PUBLIC_URL/$R2_PREFIX/"
`,
    },
    expected: ['link-public-bucket:high@scripts/upload_to_r2.sh:5'],
  },
  {
    name: "Vite's base on a public GCS bucket",
    seen: 'Arisha-27/illora-retreats ilora-concierge/vite.config.ts',
    files: {
      'main.tf': GCS_PUBLIC('ilora-frontend-ornate-veld-477511-n8'),
      'vite.config.ts': `import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  plugins: [react()],
  base: 'https://storage.googleapis.com/ilora-frontend-ornate-veld-477511-n8/', // use your bucket URL
})
`,
    },
    expected: ['link-public-bucket:high@vite.config.ts:6'],
  },
  {
    name: "Vite's base on a GCS bucket nothing declares",
    seen: 'paulgasbarra/guildcache frontend/vite.config.ts',
    files: {
      'frontend/vite.config.ts': `import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// https://vitejs.dev/config/
export default defineConfig({
  plugins: [react()],
  base: \`https://storage.googleapis.com/stacks-and-joules-frontend-dev/\`,
})
`,
    },
    expected: [],
  },
  {
    name: "Vite's base on DigitalOcean Spaces, not storage Posture knows",
    seen: 'code search: vite.config.js with base on grist.nyc3.cdn.digitaloceanspaces.com',
    files: {
      'vite.config.js': `import { defineConfig } from "vite";

export default defineConfig(({ command }) => ({
  base:
    command === "build"
      ? "https://grist.nyc3.cdn.digitaloceanspaces.com/eto-pt3/assets/webp/"
      : "/",
}));
`,
    },
    expected: [],
  },
  {
    name: "webpack's publicPath on a CloudFront domain",
    seen: 'HarperDB/hdbms webpack.stage.js',
    files: {
      'main.tf': S3_RELEASE('acme-hdbms-releases'),
      'webpack.stage.js': `const merge = require('webpack-merge');
const common = require('./webpack.common.js');

module.exports = merge(common, {
  mode: 'production',
  devtool: 'source-map',
  output: {
    publicPath: 'https://dbjxbnqel2bw9.cloudfront.net',
  },
});
`,
    },
    expected: [],
  },
  {
    name: "Electron Forge's maker-zip update URL on a release bucket",
    seen: 'code search: forge.config.cjs (rishi-electron-app) maker-zip macUpdateManifestBaseUrl',
    files: {
      'forge.config.cjs': `module.exports = {
  packagerConfig: {},
  makers: [
    {
      name: '@electron-forge/maker-zip',
      platforms: ['darwin', 'linux', 'win32'],
      config: (arch) => ({
        // Note that we must provide this S3 URL here
        macUpdateManifestBaseUrl: \`https://acme-electron-releases.s3.amazonaws.com/acme-electron-app-updates/darwin/\${arch}\`
      })
    },
  ],
};
`,
      'main.tf': S3_RELEASE('acme-electron-releases'),
    },
    expected: ['link-release-bucket:high@forge.config.cjs:9'],
  },
  {
    name: "Electron Forge's publisher-s3 with public: true",
    seen: 'electron/forge docs publishers/s3 (forge.config.js, public: true)',
    files: {
      'forge.config.js': `module.exports = {
  packagerConfig: {},
  publishers: [
    {
      name: '@electron-forge/publisher-s3',
      config: {
        bucket: 'acme-desktop-releases',
        public: true,
      },
    },
  ],
};
`,
      'package.json': `{ "name": "acme-desktop", "scripts": { "publish": "electron-forge publish" } }
`,
    },
    expected: ['link-public-upload:critical@forge.config.js:7'],
  },
  {
    name: 'an install script downloading from a release bucket the version another download names',
    seen: 'kubernetes/website docs: curl -LO …/release/$(curl -s …/release/stable.txt)/bin/linux/amd64/kubectl (bucket renamed)',
    files: {
      'install.sh': `#!/bin/sh
set -e
curl -LO "https://storage.googleapis.com/acme-cli-releases/release/$(curl -s https://storage.googleapis.com/acme-cli-releases/release/stable.txt)/bin/linux/amd64/acmectl"
chmod +x acmectl
`,
      'main.tf': GCS_RELEASE('acme-cli-releases'),
    },
    expected: ['link-release-bucket:high@install.sh:3', 'link-release-bucket:high@install.sh:3'],
  },
  {
    name: "webpack's linked maps served from the bucket host a ternary chooses, three names deep",
    seen: 'cookiecutter/cookiecutter-django webpack/prod.config.js (bucket name made literal)',
    files: {
      'package.json': `{ "scripts": { "build": "webpack --config webpack/prod.config.js" } }
`,
      'webpack/prod.config.js': `const { merge } = require('webpack-merge');
const commonConfig = require('./common.config');

const s3BucketName = 'acme-static-releases';
const awsS3Domain = process.env.DJANGO_AWS_S3_CUSTOM_DOMAIN
  ? process.env.DJANGO_AWS_S3_CUSTOM_DOMAIN
  : \`\${s3BucketName}.s3.amazonaws.com\`;
const staticUrl = \`https://\${awsS3Domain}/static/\`;

module.exports = merge(commonConfig, {
  mode: 'production',
  devtool: 'source-map',
  bail: true,
  output: {
    publicPath: \`\${staticUrl}webpack_bundles/\`,
  },
});
`,
      'main.tf': S3_RELEASE('acme-static-releases'),
    },
    expected: ['link-source-map:high@webpack/prod.config.js:7'],
  },
  {
    name: 'electron-builder publishing to the S3 bucket the environment names, with its default ACL',
    seen: 'decentraland/creator-hub electron-builder.s3.cjs (publish provider s3, bucket from env)',
    files: {
      'electron-builder.cjs': `module.exports = { appId: 'org.acme.launcher' };
`,
      'electron-builder.s3.cjs': `const baseConfig = require('./electron-builder.cjs');

const config = {
  ...baseConfig,
  publish: [
    {
      provider: 's3',
      bucket: process.env.AWS_S3_BUCKET,
      endpoint: process.env.AWS_ENDPOINT_URL,
      region: process.env.AWS_DEFAULT_REGION,
      path: \`/launcher/\${process.env.PROVIDER}/\`,
    },
  ],
};

module.exports = config;
`,
      'package.json': `{ "name": "launcher", "scripts": { "release": "electron-builder --config electron-builder.s3.cjs --publish always" } }
`,
    },
    expected: ['link-public-upload:high@electron-builder.s3.cjs:8'],
  },
  {
    name: 'electron-builder publishing to MinIO on the build machine',
    seen: 'decentraland/creator-hub electron-builder.local.cjs (MinIO endpoint 127.0.0.1:9000)',
    files: {
      'electron-builder.cjs': `module.exports = { appId: 'org.acme.hub' };
`,
      'electron-builder.local.cjs': `const baseConfig = require('./electron-builder.cjs');

const config = {
  ...baseConfig,
  publish: [
    {
      provider: 's3',
      bucket: 'creator-hub',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      path: '/creator-hub',
    },
  ],
};

module.exports = config;
`,
      'main.tf': S3_RELEASE('creator-hub'),
      'package.json': `{ "name": "hub", "scripts": { "release:local": "electron-builder --config electron-builder.local.cjs --publish always" } }
`,
    },
    expected: [],
  },
  {
    name: 'goreleaser blobs to S3 and GCS, private',
    seen: 'goreleaser/goreleaser www/docs/customization/blob.md (blobs s3 and gs)',
    files: {
      '.goreleaser.yaml': `project_name: acmectl
builds:
  - env: [CGO_ENABLED=0]
blobs:
  - provider: s3
    region: us-west-1
    bucket: acme-cli-releases
    folder: "acmectl/{{.Version}}"
  - provider: gs
    bucket: acme-cli-releases-gcs
    folder: "acmectl/{{.Version}}"
`,
      'main.tf': S3_RELEASE('acme-cli-releases') + GCS_RELEASE('acme-cli-releases-gcs'),
    },
    expected: [],
  },
  {
    name: 'goreleaser blobs with acl: public-read',
    seen: 'goreleaser/goreleaser www/docs/customization/blob.md (acl option), rewritten with public-read',
    files: {
      '.goreleaser.yaml': `project_name: acmectl
blobs:
  - provider: s3
    region: us-west-1
    bucket: acme-cli-dist
    folder: "acmectl/{{.Version}}"
    acl: public-read
`,
    },
    expected: ['link-public-upload:critical@.goreleaser.yaml:5'],
  },
  {
    name: 'an install script on the legacy s3-<region> endpoint of a bucket a tag job uploads to',
    seen: 'code search: a CircleCI-run scripts/upload-release.sh (s3_bucket="blimp-releases"); install.sh added',
    files: {
      '.circleci/config.yml': `version: 2.1
jobs:
  upload-release:
    docker:
      - image: cimg/go:1.20
    steps:
      - checkout
      - run: ./scripts/upload-release.sh
workflows:
  release:
    jobs:
      - upload-release:
          filters:
            tags:
              only: /.*/
            branches:
              ignore: /.*/
`,
      'install.sh': `#!/bin/sh
set -e
curl -fsSL "https://blimp-releases.s3-us-west-1.amazonaws.com/blimp-linux-\${VERSION}" -o /usr/local/bin/blimp
chmod +x /usr/local/bin/blimp
`,
      'scripts/upload-release.sh': `#!/bin/sh
# Upload the release to S3. Called by Circle.
set -e

s3_bucket="blimp-releases"

VERSION=\${CIRCLE_TAG} make build-cli-linux build-cli-osx

linux_binary=blimp-linux-\${CIRCLE_TAG}
aws s3 cp \${linux_binary} s3://\${s3_bucket}/\${linux_binary}
`,
    },
    expected: ['link-release-bucket:high@install.sh:3'],
  },
  {
    name: 'object URLs a Makefile deploy target prints, of the bucket it syncs',
    seen: 'code search: Makefile with RELEASE_BUCKET?=damons-reinvent-demo (aws s3 sync + echo of object URLs)',
    files: {
      Makefile: `RELEASE_BUCKET?=damons-reinvent-demo
PREFIX?=reinvent/
AWS_PROFILE?=default

deploy:
	@aws --profile $(AWS_PROFILE) s3 sync assets/ "s3://$(RELEASE_BUCKET)/$(PREFIX)"
	@echo "https://$(RELEASE_BUCKET).s3.amazonaws.com/$(PREFIX)cloudformation/Spark_Cluster.cf.yml"
	@echo "https://$(RELEASE_BUCKET).s3.amazonaws.com/$(PREFIX)EMR_Spark_Pipeline.cf.yml"
`,
    },
    expected: ['link-release-bucket:high@Makefile:7', 'link-release-bucket:high@Makefile:8'],
  },
  {
    name: 'gcloud storage buckets add-iam-policy-binding allUsers on $BUCKET_NAME',
    seen: 'hamza-boudouche/docker-container-actions deploy.sh',
    files: {
      'deploy.sh': `gcloud auth activate-service-account --key-file=$HOME/key-file.json

gcloud storage cp /usr/public/* gs://$BUCKET_NAME

gcloud storage buckets add-iam-policy-binding  gs://$BUCKET_NAME --member=allUsers --role=roles/storage.objectViewer
`,
    },
    expected: ['link-opens-bucket:high@deploy.sh:5'],
  },
  {
    name: "a Dockerfile's ADD from a release bucket, and curl from AWS's own",
    seen: 'code search: Dockerfile fetching mountpoint-s3 from s3.amazonaws.com/mountpoint-s3-release (ADD line added)',
    files: {
      Dockerfile: `FROM curlimages/curl AS fetch
RUN \\
    mkdir -p /tmp/mountpoint-s3 && \\
    curl -SL https://s3.amazonaws.com/mountpoint-s3-release/latest/x86_64/mount-s3.deb \\
    -o /tmp/mountpoint-s3/mount-s3.deb
ADD https://acme-tools-releases.s3.us-east-1.amazonaws.com/agent/1.2.3/agent.tar.gz /opt/

FROM debian:bookworm-slim AS base
COPY --from=fetch /tmp/mountpoint-s3 /tmp/mountpoint-s3
`,
      'main.tf': S3_RELEASE('acme-tools-releases'),
    },
    expected: ['link-release-bucket:high@Dockerfile:6'],
  },
  {
    name: 'aws s3 presign in a release script: no URL written',
    seen: 'austin-t-rivera/DS-2002-Spr25 mywork/Lab_7/upload_presign.sh (bucket made literal, named for release)',
    files: {
      'main.tf': S3_RELEASE('acme-sdk-releases'),
      'scripts/release-sdk.sh': `#!/bin/bash
FILE=$1
EXPIRE=\${2:-604800}

aws s3 cp "$FILE" "s3://acme-sdk-releases/"
aws s3 presign "s3://acme-sdk-releases/$FILE" --expires-in "$EXPIRE"
`,
    },
    expected: [],
  },
  {
    name: 'a SigV2 signed URL in a postinstall script, valid to 2100',
    seen: 'shape of rule docs link-presigned-url (install script with AWSAccessKeyId/Signature); postinstall as in npm binary installers',
    files: {
      'main.tf': S3_RELEASE('acme-sdk-releases'),
      'package.json': `{
  "name": "acme-sdk",
  "scripts": {
    "postinstall": "curl -fsSL -o vendor/sdk.zip \\"https://acme-sdk-releases.s3.amazonaws.com/sdk-1.4.zip?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=4102444800&Signature=vjbyPxybdZaNmGa%2ByT272YEAiv4%3D\\""
  }
}
`,
    },
    secrets: ['AKIAIOSFODNN7EXAMPLE', 'vjbyPxybdZaNmGa'],
    expected: ['link-presigned-url:critical@package.json:4'],
  },
  {
    name: 'a SigV4 signed URL with a session token in a workflow env',
    seen: 'shape of aws s3 presign output (X-Amz-Credential, X-Amz-Security-Token) pasted into a workflow env',
    files: {
      '.github/workflows/e2e.yml': `on: push
jobs:
  e2e:
    runs-on: ubuntu-latest
    env:
      FIXTURE_URL: "https://acme-fixtures.s3.us-east-1.amazonaws.com/db.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAY34FZKBOKMUTVV7A%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T101010Z&X-Amz-Expires=604800&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr%2F%2F%2F%2FwEaCXVzLWVhc3QtMSJHMEUCIQDexample&X-Amz-SignedHeaders=host&X-Amz-Signature=aaf1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f"
    steps:
      - run: curl -fsSL "$FIXTURE_URL" | tar xz
`,
    },
    secrets: ['ASIAY34FZKBOKMUTVV7A', 'IQoJb3JpZ2luX2VjEJr', 'aaf1e2b3c4d5e6f7'],
    expected: ['link-presigned-url:high@.github/workflows/e2e.yml:6'],
  },
  {
    name: 'a matrix-built download URL of a release bucket: one link for each run, none as written',
    seen: 'GitHub workflow shape: a smoke test over a matrix of os, curl of cli-${{ matrix.os }}.tgz',
    files: {
      '.github/workflows/smoke.yml': `on: [push]
jobs:
  smoke:
    strategy:
      matrix:
        os: [linux, darwin]
    runs-on: ubuntu-latest
    steps:
      - run: curl -fsSLO https://acme-cli-releases.s3.amazonaws.com/latest/cli-\${{ matrix.os }}.tgz
`,
      'main.tf': S3_RELEASE('acme-cli-releases'),
    },
    expected: [
      'link-release-bucket:high@.github/workflows/smoke.yml:9',
      'link-release-bucket:high@.github/workflows/smoke.yml:9',
    ],
  },
  {
    name: '--acl public-read to s3://${{ vars.RELEASE_BUCKET }} on release',
    seen: 'vars-based release workflow (AWS Development: AWS_BUCKET_NAME_TEST: ${{ vars.AWS_BUCKET_NAME_TEST }}), with public-read',
    files: {
      '.github/workflows/release.yml': `on:
  release:
    types: [published]
jobs:
  s3:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: aws s3 cp dist/ s3://\${{ vars.RELEASE_BUCKET }}/\${{ github.ref_name }}/ --recursive --acl public-read
`,
    },
    expected: ['link-public-upload:high@.github/workflows/release.yml:9'],
  },
  {
    name: 'an r2.dev host in package.json config and the postinstall script',
    seen: 'minmax-code postinstall.js (R2_PUBLIC_URL / cdnUrl in package.json config)',
    files: {
      'package.json': `{
  "name": "minmax-code",
  "config": { "cdnUrl": "https://pub-37a24b1e874e46b0a8528235c34ba563.r2.dev" },
  "scripts": { "postinstall": "node scripts/postinstall.js" }
}
`,
      'scripts/postinstall.js': `const CDN = process.env.MINMAX_CDN_URL || 'https://pub-37a24b1e874e46b0a8528235c34ba563.r2.dev';
const url = \`\${CDN}/releases/minmax-\${process.platform}-\${process.arch}\`;
require('node:https').get(url);
`,
    },
    expected: [
      'link-public-bucket:high@package.json:3',
      'link-public-bucket:high@scripts/postinstall.js:1',
    ],
  },
  {
    name: "curl on R2's S3 API endpoint, which needs credentials",
    seen: 'R2 endpoint shape https://<acct>.r2.cloudflarestorage.com/<bucket>/... (hyprnote scripts/s3/upload.sh endpoint)',
    files: {
      'main.tf': R2_RELEASE('hyprnote-cache'),
      'package.json': `{ "scripts": { "prepare": "sh scripts/fetch-cache.sh" } }
`,
      'scripts/fetch-cache.sh': `#!/bin/sh
ENDPOINT_URL="https://3db5267cdeb5f79263ede3ec58090fe0.r2.cloudflarestorage.com"
curl -fsSL "$ENDPOINT_URL/hyprnote-cache/v0/index.json" -o .cache/index.json
`,
    },
    expected: [],
  },
  {
    name: 'wrangler r2 object put in a release script',
    seen: 'sukoneck/nock.ezpz.sh scripts/r2.sh (wrangler r2 object put), as a release script',
    files: {
      'main.tf': R2_RELEASE('files'),
      'scripts/release.sh': `npx wrangler r2 object put files/pub/cli.tgz --file dist/cli.tgz --remote
npx wrangler r2 object put files/priv/manifest.json --file dist/manifest.json --remote
`,
    },
    expected: [],
  },
  {
    name: 'gsutil cp -a public-read on a tag job, to a bucket with public access prevention',
    seen: 'inspr/core-legacy .gitlab/scripts/pushcli.sh (gsutil rsync), rewritten with -a public-read on a tag job',
    files: {
      '.gitlab-ci.yml': `push-cli:
  stage: deploy
  script:
    - bash .gitlab/scripts/pushcli.sh $CI_COMMIT_TAG
  rules:
    - if: $CI_COMMIT_TAG
`,
      '.gitlab/scripts/pushcli.sh': `VERSION=$1
gcloud auth activate-service-account --key-file /tmp/key.json
gsutil -m cp -a public-read -r bin gs://inspr-cli/$VERSION
`,
      'main.tf': GCS_RELEASE('inspr-cli'),
    },
    expected: ['link-public-upload:low@.gitlab/scripts/pushcli.sh:3'],
  },
  {
    name: "Azure Pipelines' S3Upload task with filesAcl: public-read",
    seen: 'AWS Toolkit for Azure DevOps S3Upload@1 (filesAcl: public-read), MarcusFelling/AWSS3Upload-VSTS-Extension README shape',
    files: {
      'azure-pipelines.yml': `trigger:
  tags:
    include: ['v*']
steps:
  - task: S3Upload@1
    displayName: Publish release
    inputs:
      awsCredentials: aws-release
      regionName: us-east-1
      bucketName: acme-win-releases
      sourceFolder: $(Build.ArtifactStagingDirectory)
      globExpressions: '**'
      filesAcl: public-read
`,
    },
    expected: ['link-public-upload:critical@azure-pipelines.yml:10'],
  },
  {
    name: "Buildkite's artifact upload destination, public-read by default",
    seen: 'code search: a Buildkite hook setting BUILDKITE_ARTIFACT_UPLOAD_DESTINATION, with artifact_paths',
    files: {
      '.buildkite/pipeline.yml': `env:
  BUILDKITE_ARTIFACT_UPLOAD_DESTINATION: "s3://acme-ci-artifacts/$BUILDKITE_PIPELINE_ID/$BUILDKITE_BUILD_ID"
steps:
  - label: "build"
    command: make dist
    artifact_paths: "dist/*"
`,
      'main.tf': `resource "aws_s3_bucket" "a" {
  bucket = "acme-ci-artifacts"
}
`,
    },
    expected: ['link-public-upload:critical@.buildkite/pipeline.yml:2'],
  },
  {
    name: "Rollup's sourcemapBaseUrl on a path-style S3 URL",
    seen: 'rollup docs output.sourcemapBaseUrl, as in library builds that host maps on S3 (path-style host)',
    files: {
      'main.tf': S3_RELEASE('acme-js-releases'),
      'rollup.config.mjs': `export default {
  input: 'src/index.js',
  output: {
    file: 'dist/acme.min.js',
    format: 'umd',
    sourcemap: true,
    sourcemapBaseUrl: 'https://s3.eu-west-1.amazonaws.com/acme-js-releases/maps',
  },
};
`,
    },
    expected: ['link-source-map:high@rollup.config.mjs:7'],
  },
  {
    name: "SourceMapDevToolPlugin's append on an r2.dev URL",
    seen: 'electrode-io/electrode sourcemaps-remote.js shape (SourceMapDevToolPlugin append), host replaced by an r2.dev URL',
    files: {
      'webpack.config.js': `const SourceMapDevToolPlugin = require('webpack').SourceMapDevToolPlugin;

module.exports = {
  mode: 'production',
  devtool: false,
  plugins: [
    new SourceMapDevToolPlugin({
      filename: '../map/[file].map',
      append: \`\\n//# sourceMappingURL=https://pub-0123456789abcdef0123456789abcdef.r2.dev/map/[url]\`,
    }),
  ],
};
`,
    },
    expected: ['link-source-map:critical@webpack.config.js:9'],
  },
  {
    name: "an install script on a release R2 bucket's custom domain: a release link before a public one",
    seen: 'cloudflare/cf-terraforming cloudflare_r2_custom_domain testdata + an install.sh using the domain',
    files: {
      'install.sh': `#!/bin/sh
curl -fsSL https://downloads.acme.example/cli/latest/acme-linux-amd64 -o /usr/local/bin/acme
`,
      'main.tf': `# posture:release
resource "cloudflare_r2_bucket" "b" {
  account_id = "023e105f4ecef8ad9ca31a8372d0c353"
  name       = "acme-installers"
}

resource "cloudflare_r2_custom_domain" "d" {
  account_id  = "023e105f4ecef8ad9ca31a8372d0c353"
  bucket_name = cloudflare_r2_bucket.b.name
  domain      = "downloads.acme.example"
  zone_id     = "36ca64a6d92827b8a6b90be344bb1bfd"
  enabled     = true
}
`,
    },
    expected: ['link-release-bucket:high@install.sh:2'],
  },
  {
    name: 'an install script on a domain that is no bucket',
    seen: 'install.sh downloading from get.acme.example (a web server), beside a private release bucket',
    files: {
      'install.sh': `#!/bin/sh
curl -fsSL https://get.acme.example/cli/latest/acme-linux-amd64 -o /usr/local/bin/acme
`,
      'main.tf': S3_RELEASE('acme-cli-releases'),
    },
    expected: [],
  },
  {
    name: 'a publish script given its bucket as a positional argument',
    seen: 'dmlc/xgboost ops/pipeline/publish-artifact.sh, run by a release workflow with an s3:// URL',
    files: {
      '.github/workflows/main.yml': `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: bash ops/pipeline/publish-artifact.sh python-package/dist/*.whl s3://acme-xgb-nightly/\${{ github.ref_name }}/
`,
      'ops/pipeline/publish-artifact.sh': `#!/bin/bash
set -euo pipefail

artifact="$1"
s3_url="$2"

if [[ ($is_pull_request == 0) && ($is_release_branch == 1) ]]
then
  echo "aws s3 cp \${artifact} \${s3_url} --acl public-read --no-progress"
  aws s3 cp "\${artifact}" "\${s3_url}" --acl public-read --no-progress
fi
`,
      'main.tf': S3_RELEASE('acme-xgb-nightly'),
    },
    expected: ['link-public-upload:low@ops/pipeline/publish-artifact.sh:10'],
  },
  {
    name: 'a release script running its sibling by its own directory',
    seen: 'ops/ship.sh running "$HERE/upload.sh" dist/app.tgz, HERE its own directory from $0',
    files: {
      '.github/workflows/release.yml': `on:
  push:
    tags: ['v*']
jobs:
  ship:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: ./ops/ship.sh
        env:
          BUCKET: acme-releases
`,
      'ops/ship.sh': `#!/bin/bash
HERE="$(cd "$(dirname "$0")" && pwd)"
"$HERE/upload.sh" dist/app.tgz
`,
      'ops/upload.sh': `#!/bin/bash
aws s3 cp "$1" s3://$BUCKET/app.tgz --acl public-read
`,
    },
    expected: ['link-public-upload:critical@ops/upload.sh:2'],
  },
  {
    name: 'an expired GCS V4 signed URL in a Dockerfile ADD',
    seen: 'GCS V4 signed URL shape (X-Goog-Credential, X-Goog-Signature) in a Dockerfile ADD',
    files: {
      Dockerfile: `FROM alpine:3.19
ADD "https://storage.googleapis.com/acme-model-releases/model-v3.bin?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=release-bot%40acme.iam.gserviceaccount.com%2F20200101%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20200101T000000Z&X-Goog-Expires=604800&X-Goog-SignedHeaders=host&X-Goog-Signature=8f3c0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7" /opt/model.bin
`,
      'main.tf': GCS_RELEASE('acme-model-releases'),
    },
    secrets: ['release-bot%40acme', '8f3c0a1b2c3d4e5f'],
    expected: ['link-presigned-url:low@Dockerfile:2'],
  },
];

function linkVerdicts(report: ScanReport): string[] {
  return report.result.findings
    .filter((f) => f.ruleId.startsWith('link-'))
    .map((f) => `${f.ruleId}:${f.severity}@${f.location.file}:${f.location.start.line}`)
    .sort();
}

describe('build links met in public repositories', () => {
  it.each(CASES)('$name', async ({ files, expected, secrets }) => {
    const root = tempTree('real-world-links', files);
    const report = await scan({ root, today: '2026-11-24' });
    expect(linkVerdicts(report)).toEqual([...expected].sort());
    const written = JSON.stringify(report);
    for (const secret of secrets ?? []) expect(written).not.toContain(secret);
  });
});
