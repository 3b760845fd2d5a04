/**
 * Drone and Woodpecker pipelines. A Drone file lists one pipeline per YAML document: each is read on
 * its own — its fields, its release context, its variables — not through the first document's
 * data. Woodpecker keeps Drone's syntax, with steps also keyed by name.
 */
import { expect, it } from 'vitest';
import { scanText, where } from './helpers.js';

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
    ['19:24-19:37', 's3://acme-drone-releases/', 'public-upload', true, 'steps[0].commands[0]'],
    ['23:15-23:32', 'acme-drone-plugin', 'upload', true, 'steps[1].settings.bucket'],
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
    ['woodpecker', 'acme-wp-releases', 'public-upload', true],
    ['woodpecker', 's3://acme-wp-mirror/', 'upload', true],
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
