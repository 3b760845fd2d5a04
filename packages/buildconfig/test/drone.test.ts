/**
 * Drone and Woodpecker pipelines. A Drone file lists one pipeline per YAML document: each is read on
 * its own — its fields, its release context, its variables — not through the first document's
 * data. Woodpecker keeps Drone's syntax, with steps also keyed by name. Drone's Starlark pipelines
 * are read for the literals they write.
 */
import { describe, expect, it } from 'vitest';
import { repo, scan, scanText, where } from './helpers.js';

const DRONE = `kind: pipeline
name: build
steps:
  - name: test
    image: golang
    commands:
      - aws s3 cp s3://acme-cache/deps.tgz .
---
kind: pipeline
name: ship
trigger:
  event: [tag]
environment:
  BUCKET: acme-drone-releases
steps:
  - name: upload
    image: amazon/aws-cli
    commands:
      - aws s3 cp dist s3://$BUCKET/ --recursive --acl public-read
  - name: plugin
    image: plugins/s3
    settings:
      bucket: acme-drone-plugin
---
kind: secret
name: token
`;

it('reads each pipeline of a Drone file in its own document', () => {
  const { links } = scanText('.drone.yml', DRONE);
  expect(links.map((l) => [where(l), l.url, l.usage, l.releaseStep, l.field])).toEqual([
    ['7:19-7:43', 's3://acme-cache/deps.tgz', 'api', false, 'steps[0].commands[0]'],
    [
      '19:24-19:37',
      's3://acme-drone-releases/',
      'public-upload',
      'release',
      'steps[0].commands[0]',
    ],
    ['23:15-23:32', 'acme-drone-plugin', 'upload', 'release', 'steps[1].settings.bucket'],
  ]);
});

it('reads Woodpecker pipelines as Drone ones: steps by name, conditions listed', () => {
  const text = `when:
  - event: tag
steps:
  publish:
    image: woodpeckerci/plugin-s3
    settings:
      bucket: acme-wp-releases
      acl: public-read
  mirror:
    image: alpine
    environment:
      BUCKET: acme-wp-mirror
    commands:
      - aws s3 cp dist s3://$BUCKET/
`;
  const { links } = scanText('.woodpecker/release.yml', text);
  expect(links.map((l) => [l.fileType, l.url, l.usage, l.releaseStep])).toEqual([
    ['woodpecker', 'acme-wp-releases', 'public-upload', 'release'],
    ['woodpecker', 's3://acme-wp-mirror/', 'upload', 'release'],
  ]);
});

it.each([
  ['a list', '[allUsers:READER]', 'public-upload'],
  ['one grant', 'allAuthenticatedUsers:READER', 'public-upload'],
  ['grants to a group only', '[group-admins@acme.test:OWNER]', 'upload'],
])("reads the gcs plugin's acl of entity:role grants: %s", (_name, acl, usage) => {
  const text = `kind: pipeline
steps:
  - name: gcs
    image: plugins/gcs
    settings:
      source: dist
      target: acme-gcs-releases/drone
      acl: ${acl}
`;
  const { links } = scanText('.drone.yml', text);
  expect(links.map((l) => [l.bucket, l.usage])).toEqual([['acme-gcs-releases', usage]]);
});

describe('Starlark pipelines (.drone.star)', () => {
  it("follows the script a step named upload runs, as a deploy step (DDVTECH/mistserver's checksum pipeline)", () => {
    // From DDVTECH/mistserver's .drone.star, its checksum pipeline as written.
    const star = `TRIGGER_CONDITION = {
    "event": [
        "push",
        # "pull_request",
        "tag",
    ]
}


def get_environment(*names):
    env = {}
    for name in names:
        env[name] = {"from_secret": name}
    return env


def checksum_pipeline(context):
    build_context = context.build
    commit = build_context.commit
    checksum_file = "{}_checksums.txt".format(commit)

    download_commands = [
        'export CI_PATH="$(realpath ..)"',
        'mkdir -p "$CI_PATH/download"',
        'cd "$CI_PATH/download" && pwd',
    ]

    return {
        "kind": "pipeline",
        "name": "checksum",
        "type": "exec",
        "trigger": TRIGGER_CONDITION,
        "steps": [
            {
                "name": "download",
                "commands": download_commands,
            },
            {
                "name": "checksum",
                "commands": [
                    'cd "$(realpath ..)/download"',
                    "sha256sum * > {}".format(checksum_file),
                ],
            },
            {
                "name": "upload",
                "commands": [
                    'scripts/upload_build.sh -d "$(realpath ..)/download" "{}"'.format(
                        checksum_file,
                    ),
                ],
                "environment": get_environment(
                    "GCLOUD_KEY",
                    "GCLOUD_SECRET",
                    "GCLOUD_BUCKET",
                ),
            },
        ],
    }
`;
    const root = repo({
      '.drone.star': star,
      'scripts/upload_build.sh': 'gsutil cp "$1/$2" gs://acme-builds/mistserver/\n',
    });
    expect(scan(root).links.map((l) => [l.range.file, l.bucket, l.usage, l.releaseStep])).toEqual([
      ['scripts/upload_build.sh', 'acme-builds', 'upload', 'deploy'],
    ]);
  });

  it('reads the commands and plugin settings of the dicts it writes, never what it computes', () => {
    const star = `def main(ctx):
    return [release(ctx), build(ctx)]

def release(ctx):
    return {
        "kind": "pipeline",
        "name": "ship",
        "trigger": {"event": ["tag"]},
        "steps": [
            {
                "name": "s3",
                "image": "plugins/s3",
                "settings": {
                    "bucket": "acme-releases",
                    "acl": "public-read",
                    "source": "dist/*",
                },
            },
        ],
    }

def build(ctx):
    bucket = "acme-" + ctx.build.branch
    return {
        "kind": "pipeline",
        "name": "build",
        "steps": [
            {
                "name": "mirror",
                "image": "amazon/aws-cli",
                "commands": [
                    "aws s3 cp dist s3://acme-mirror/ --acl public-read",  # the mirror
                    # "gsutil iam ch allUsers:objectViewer gs://acme-commented",
                    "aws s3 cp dist s3://%s/" % bucket,
                    r'aws s3 cp dist s3://acme-raw/',
                ],
            },
        ],
    }
`;
    const { links } = scanText('.drone.star', star);
    expect(
      links.map((l) => [where(l), l.bucket, l.usage, l.releaseStep, l.field, l.fileType]),
    ).toEqual([
      [
        '14:32-14:45',
        'acme-releases',
        'public-upload',
        'release',
        'steps[0].settings.bucket',
        'drone-starlark',
      ],
      [
        '32:37-32:54',
        'acme-mirror',
        'public-upload',
        false,
        'steps[0].commands[0]',
        'drone-starlark',
      ],
      ['35:38-35:52', 'acme-raw', 'upload', false, 'steps[0].commands[2]', 'drone-starlark'],
    ]);
  });
});
