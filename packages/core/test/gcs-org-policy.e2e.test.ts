import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GcsBucket } from '@posture/model';
import { scan } from '../src/index.js';

/**
 * Which organization policy on constraints/storage.publicAccessPrevention a GCS bucket that
 * inherits public access prevention follows, from Terraform text through the loader and adapter:
 * the address it is read as (none when the bucket is not shown to be protected).
 */
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

async function prevention(text: string): Promise<string | undefined> {
  const root = mkdtempSync(join(tmpdir(), 'posture-gcs-org-policy-'));
  roots.push(root);
  writeFileSync(join(root, 'main.tf'), text);
  const report = await scan({ root, buildConfigs: false });
  const bucket = report.facts.buckets.find((b): b is GcsBucket => b.service === 'gcs');
  const policy = bucket?.organizationPrevention;
  return policy && `${policy.address} on ${policy.parent}`;
}

const BUCKET = (project = 'project = "acme-prod"') => `
resource "google_storage_bucket" "r" {
  name     = "acme-releases"
  ${project}
  location = "US"
}
`;

const V2 = (name: string, parent: string, spec: string, other = '') => `
resource "google_org_policy_policy" "${name}" {
  name   = "${parent}/policies/storage.publicAccessPrevention"
  parent = "${parent}"
  ${spec}
  ${other}
}
`;
const ENFORCE = 'spec {\n    rules {\n      enforce = "TRUE"\n    }\n  }';
const NOT_ENFORCED = 'spec {\n    rules {\n      enforce = "FALSE"\n    }\n  }';

const V1 = (type: string, where: string, policy: string) => `
resource "${type}" "pap" {
  ${where}
  constraint = "constraints/storage.publicAccessPrevention"
  ${policy}
}
`;
const ENFORCED_V1 = 'boolean_policy {\n    enforced = true\n  }';

const IN_FOLDER = `
resource "google_project" "p" {
  name       = "acme-prod"
  project_id = "acme-prod"
  folder_id  = "folders/123"
}
`;
const IN_ORG = IN_FOLDER.replace('folder_id  = "folders/123"', 'org_id     = "456"');

describe('the organization policy a GCS bucket inherits public access prevention from', () => {
  it.each([
    [
      'v2 on the project',
      V2('pap', 'projects/acme-prod', ENFORCE),
      'google_org_policy_policy.pap on projects/acme-prod',
    ],
    [
      'v1 on the project',
      V1('google_project_organization_policy', 'project = "acme-prod"', ENFORCED_V1),
      'google_project_organization_policy.pap on projects/acme-prod',
    ],
    [
      'v1 with the constraint unprefixed',
      V1('google_project_organization_policy', 'project = "acme-prod"', ENFORCED_V1).replace(
        'constraints/',
        '',
      ),
      'google_project_organization_policy.pap on projects/acme-prod',
    ],
    ['v2 on another project', V2('pap', 'projects/acme-dev', ENFORCE), undefined],
    [
      'another constraint',
      V2('pap', 'projects/acme-prod', ENFORCE).replace(
        /storage\.publicAccessPrevention/g,
        'storage.uniformBucketLevelAccess',
      ),
      undefined,
    ],
    ['enforce = "FALSE"', V2('pap', 'projects/acme-prod', NOT_ENFORCED), undefined],
    [
      'v1 enforced = false',
      V1(
        'google_project_organization_policy',
        'project = "acme-prod"',
        ENFORCED_V1.replace('true', 'false'),
      ),
      undefined,
    ],
    [
      'v1 restore_policy (the default: not enforced)',
      V1(
        'google_project_organization_policy',
        'project = "acme-prod"',
        'restore_policy {\n    default = true\n  }',
      ),
      undefined,
    ],
    [
      'a dry-run spec only',
      V2('pap', 'projects/acme-prod', ENFORCE.replace('spec', 'dry_run_spec')),
      undefined,
    ],
    ['reset', V2('pap', 'projects/acme-prod', 'spec {\n    reset = true\n  }'), undefined],
    [
      'a rule only under a condition',
      V2(
        'pap',
        'projects/acme-prod',
        ENFORCE.replace(
          'enforce = "TRUE"',
          'enforce = "TRUE"\n      condition {\n        expression = "resource.matchTag(\'123/env\', \'prod\')"\n      }',
        ),
      ),
      undefined,
    ],
    [
      'a conditional rule that lifts it beside one that enforces',
      V2(
        'pap',
        'projects/acme-prod',
        'spec {\n    rules {\n      enforce = "TRUE"\n    }\n    rules {\n      enforce = "FALSE"\n      condition {\n        expression = "true"\n      }\n    }\n  }',
      ),
      undefined,
    ],
    [
      'enforce not known before apply',
      `variable "on" {}\n${V2('pap', 'projects/acme-prod', ENFORCE.replace('"TRUE"', 'var.on'))}`,
      undefined,
    ],
    [
      'two policies on the project, one lifting it: the weakest',
      V2('a', 'projects/acme-prod', ENFORCE) + V2('b', 'projects/acme-prod', NOT_ENFORCED),
      undefined,
    ],
    [
      'on the folder the google_project is in',
      IN_FOLDER + V2('pap', 'folders/123', ENFORCE),
      'google_org_policy_policy.pap on folders/123',
    ],
    [
      'v1 on that folder, written as its number',
      IN_FOLDER + V1('google_folder_organization_policy', 'folder = "123"', ENFORCED_V1),
      'google_folder_organization_policy.pap on folders/123',
    ],
    [
      'on the organization the google_project is in',
      IN_ORG + V1('google_organization_policy', 'org_id = "456"', ENFORCED_V1),
      'google_organization_policy.pap on organizations/456',
    ],
    [
      'on an organization the Terraform does not put the project in',
      V2('pap', 'organizations/456', ENFORCE),
      undefined,
    ],
    [
      'the project lifts what its folder enforces',
      IN_FOLDER + V2('f', 'folders/123', ENFORCE) + V2('p', 'projects/acme-prod', NOT_ENFORCED),
      undefined,
    ],
    [
      'the project enforces what its organization lifts',
      IN_ORG + V2('o', 'organizations/456', NOT_ENFORCED) + V2('p', 'projects/acme-prod', ENFORCE),
      'google_org_policy_policy.p on projects/acme-prod',
    ],
    [
      'a dry run on the project leaves the folder deciding',
      IN_FOLDER +
        V2('f', 'folders/123', ENFORCE) +
        V2('p', 'projects/acme-prod', NOT_ENFORCED.replace('spec', 'dry_run_spec')),
      'google_org_policy_policy.f on folders/123',
    ],
    [
      'inherit_from_parent with no rules leaves the folder deciding',
      IN_FOLDER +
        V2('f', 'folders/123', ENFORCE) +
        V2('p', 'projects/acme-prod', 'spec {\n    inherit_from_parent = true\n  }'),
      'google_org_policy_policy.f on folders/123',
    ],
  ])('%s', async (_, policies, expected) => {
    expect(await prevention(BUCKET() + policies)).toBe(expected);
  });

  it.each([
    [
      "the provider's project, for a bucket that names none",
      'provider "google" {\n  project = "acme-prod"\n}\n' + BUCKET(''),
      'google_org_policy_policy.pap on projects/acme-prod',
    ],
    [
      "a registry module's bucket, in its project_id",
      `module "b" {
  source     = "terraform-google-modules/cloud-storage/google//modules/simple_bucket"
  version    = "~> 9.0"
  name       = "acme-releases"
  project_id = "acme-prod"
  location   = "US"
}
`,
      'google_org_policy_policy.pap on projects/acme-prod',
    ],
    [
      'a project not known before apply',
      'variable "project" {}\n' + BUCKET('project = var.project'),
      undefined,
    ],
  ])('%s', async (_, bucket, expected) => {
    expect(await prevention(bucket + V2('pap', 'projects/acme-prod', ENFORCE))).toBe(expected);
  });
});
