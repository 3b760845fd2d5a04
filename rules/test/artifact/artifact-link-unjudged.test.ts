import { describe, expect, it } from 'vitest';
import {
  REPOSITORY_MODULE_UNREAD,
  REPOSITORY_UNREAD,
  type ArtifactObservation,
  type Facts,
} from '@posture/model';
import rule from '../../src/artifact/artifact-link-unjudged.js';
import { CONTENT_LINE, entry, onDisk, place } from '../support/artifact.js';
import { diagnostic, facts, link, R2_DEV_URL, range, s3Bucket } from '../support/facts.js';

// The tester judges artifact rules against facts with no diagnostics; this rule reads the gate's
// notes of the repository's unread files, so its table gives them.
const bundle = onDisk(entry());
const unreadNote = diagnostic({
  severity: 'warning',
  code: REPOSITORY_UNREAD,
  range: range(2, 'infra/main.tf'),
});
/** A module call whose module was not read (not installed, a git source, missing). */
const moduleNote = diagnostic({
  severity: 'warning',
  code: REPOSITORY_MODULE_UNREAD,
  range: range(5, 'infra/main.tf'),
});
const withNotes = (...notes: (typeof unreadNote)[]): Facts => {
  const base = facts();
  return { ...base, inventory: { ...base.inventory, diagnostics: notes } };
};
const storageLink = (over: Partial<Extract<ArtifactObservation, { kind: 'storage-link' }>> = {}) =>
  ({ kind: 'storage-link', entry: bundle, at: place(bundle), link: link(), ...over }) as const;

const VALID: [string, ArtifactObservation, Facts][] = [
  ['a link to no bucket read, and nothing unread', storageLink(), facts()],
  [
    'a link to a bucket the Terraform read declares',
    storageLink({ bucket: s3Bucket() }),
    withNotes(unreadNote),
  ],
  [
    'a link to a bucket the Terraform read declares, with a module not read',
    storageLink({ bucket: s3Bucket() }),
    withNotes(moduleNote),
  ],
  [
    'an r2.dev link, public whatever is declared',
    storageLink({
      link: link({ url: R2_DEV_URL, form: 'r2-dev', service: 'r2', bucket: undefined }),
    }),
    withNotes(unreadNote),
  ],
  [
    'a link to another S3-compatible store, which no Terraform bucket can be',
    storageLink({ link: link({ service: 'unknown' }) }),
    withNotes(unreadNote),
  ],
  [
    'an unread file of the repository gate, not noted for this one',
    storageLink(),
    withNotes(diagnostic()),
  ],
  ['another observation', { kind: 'sources-content', entry: bundle }, withNotes(unreadNote)],
];

const INVALID: [string, ArtifactObservation, Facts, RegExp][] = [
  [
    'a link to no bucket read, with a module not read',
    storageLink(),
    withNotes(moduleNote),
    /which no Terraform read declares, and the module called at infra\/main\.tf:5 could not be read\..* Install the modules \(terraform init\) or vendor them into the repository, or name the Terraform that declares the bucket with --repo\.$/,
  ],
  [
    'a link to no bucket read, with a file and a module not read',
    storageLink(),
    withNotes(unreadNote, moduleNote),
    /and infra\/main\.tf and 1 more could not be read\..* Fix or exclude the files that could not be read, install the modules/,
  ],
  [
    'a link to no bucket read',
    storageLink(),
    withNotes(unreadNote),
    /^dist\/cli\.js:3:1 points at bucket "acme-releases", which no Terraform read declares, and infra\/main\.tf could not be read\./,
  ],
  [
    'a link to a bucket only a release step names',
    storageLink({ bucket: s3Bucket({ declaredElsewhere: true }) }),
    withNotes(unreadNote),
    /not declared in the Terraform scanned\) and infra\/main\.tf could not be read\./,
  ],
  [
    'a sourceMappingURL at a bucket, with two files unread',
    { kind: 'source-map-url', entry: bundle, at: place(bundle), url: link().url, link: link() },
    withNotes(unreadNote, { ...unreadNote, range: range(1, 'infra/other.tf') }),
    /and infra\/main\.tf and 1 more could not be read\..* Fix or exclude the files that could not be read, or name the Terraform/,
  ],
];

describe(rule.meta.id, () => {
  it.each(VALID)('valid: %s', (_name, observation, given) => {
    expect(rule.check(observation, given)).toEqual([]);
  });

  it.each(INVALID)('invalid: %s', (_name, observation, given, message) => {
    const notes = given.inventory.diagnostics;
    const [finding, ...more] = rule.check(observation, given);
    expect(more).toEqual([]);
    expect(finding?.location).toMatchObject({ file: 'dist/cli.js', start: { line: CONTENT_LINE } });
    expect(finding?.message).toMatch(message);
    expect(finding?.related?.filter((r) => r.label === 'could not be read')).toEqual(
      notes.map((note) => ({ label: 'could not be read', range: note.range })),
    );
  });
});
