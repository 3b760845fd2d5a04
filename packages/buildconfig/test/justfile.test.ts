/**
 * justfiles: recipes are shell, as Makefile recipes are. Each line is a script, as just hands it to
 * the shell (without its indentation and the `@` and `-` just removes); a `#!` recipe is one script.
 * Variables and parameter defaults resolve `{{name}}`, and `$name` where the shell sees them.
 */
import { expect, it } from 'vitest';
import { scanText, where } from './helpers.js';

it('reads a shebang recipe with its parameter defaults (a NixOS flake justfile, ami-upload)', () => {
  // From a public justfile in the code index, its ami-upload recipe as written but for the lines
  // that name no bucket.
  const text = `set export

# List justfile targets
list:
    @just --list

# Upload a built AMI to AWS
ami-upload hostname region="eu-west-2" bucket="nixos-amis":
    #!/usr/bin/env bash
    set -euo pipefail

    RESULT="./result"
    if [ ! -d "$RESULT/nix-support" ]; then
        echo "Error: No built AMI found. Run 'just ami-build {{hostname}}' first."
        exit 1
    fi

    # Find the VHD file
    VHD=$(find "$RESULT" -name "*.vhd" | head -1)

    TIMESTAMP=$(date +%Y%m%d-%H%M%S)
    S3_KEY="{{hostname}}/\${TIMESTAMP}/$(basename "$VHD")"

    echo "Uploading $VHD to s3://{{bucket}}/$S3_KEY..."
    aws s3 cp "$VHD" "s3://{{bucket}}/$S3_KEY" --region {{region}}

# Build and upload an AMI in one step
ami hostname region="eu-west-2" bucket="nixos-amis":
    just ami-build {{hostname}}
    just ami-upload {{hostname}} {{region}} {{bucket}}
`;
  const { links } = scanText('justfile', text);
  expect(
    links.map((l) => [where(l), l.bucket, l.usage, l.releaseStep, l.field, l.fileType]),
  ).toEqual([
    // A recipe named for uploads: a deploy step.
    ['24:29-24:52', 'nixos-amis', 'api', 'deploy', 'ami-upload', 'justfile'],
    ['25:23-25:46', 'nixos-amis', 'upload', 'deploy', 'ami-upload', 'justfile'],
  ]);
});

it.each([
  ['    aws s3 cp x.tgz s3://dst/x/ --acl public-read', 'public-upload'],
  ['    @aws s3 cp x.tgz s3://dst/x/ --acl public-read', 'public-upload'],
  ['\t-aws s3 cp x.tgz s3://dst/x/ --acl public-read', 'public-upload'],
  ['    @-aws s3 cp x.tgz \\\n      s3://dst/x/ \\\n      --acl public-read', 'public-upload'],
  ['    aws s3 cp x.tgz s3://dst/x/', 'upload'],
  ['    gsutil iam ch allUsers:objectViewer gs://dst', 'opens'],
])('reads the recipe line %j', (line, usage) => {
  const { links } = scanText('justfile', `# Ship it\n[private]\npublish version: build\n${line}\n`);
  expect(links.map((l) => [l.bucket, l.usage, l.field, l.releaseStep])).toEqual([
    ['dst', usage, 'publish', 'release'],
  ]);
});

it.each([
  ['a string variable', 'bucket := "acme-releases"\n', '{{bucket}}'],
  ['one in single quotes', "bucket := 'acme-releases'\n", '{{ bucket }}'],
  ['one joined from others', 'org := "acme"\nbucket := org + "-releases"\n', '{{bucket}}'],
  ['an exported one, in the shell', 'export BUCKET := "acme-releases"\n', '$BUCKET'],
  ['any one under set export', 'set export\nBUCKET := "acme-releases"\n', '${BUCKET}'],
  [
    'a parameter default over a variable',
    'bucket := "acme-other"\n',
    '{{bucket}}',
    'bucket="acme-releases"',
  ],
  ['an exported parameter, in the shell', '', '$bucket', '$bucket="acme-releases"'],
])('resolves %s', (_name, variables, use, parameters = '') => {
  const text = `${variables}\nrelease ${parameters}:\n    aws s3 cp dist s3://${use}/cli/ --acl public-read\n`;
  const { links } = scanText('justfile', text);
  expect(links.map((l) => [l.url, l.usage])).toEqual([
    ['s3://acme-releases/cli/', 'public-upload'],
  ]);
});

it.each([
  ['a value a command computes', 'bucket := `cat bucket.txt`\n', '{{bucket}}'],
  ['a function call', 'bucket := env_var("BUCKET")\n', '{{bucket}}'],
  ['a variable not exported, in the shell', 'BUCKET := "acme-releases"\n', '$BUCKET'],
  [
    'a parameter without a default over a variable',
    'bucket := "acme-releases"\n',
    '{{bucket}}',
    'bucket',
  ],
])('does not resolve %s', (_name, variables, use, parameters = '') => {
  const text = `${variables}\nrelease ${parameters}:\n    aws s3 cp dist s3://${use}/cli/\n`;
  expect(scanText('justfile', text).links).toEqual([]);
});

it('runs each recipe line in a shell of its own, and reads no link in a comment', () => {
  const text = `# aws s3 cp dist s3://acme-commented/ --acl public-read
release:
    B=acme-releases
    aws s3 cp dist s3://$B/
    # gsutil iam ch allUsers:objectViewer gs://acme-releases
`;
  expect(scanText('justfile', text).links).toEqual([]);
});
