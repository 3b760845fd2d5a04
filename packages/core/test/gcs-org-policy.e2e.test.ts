import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GcsBucket, ValueObject } from '@posture/model';
import { scan, type ScanReport } from '../src/index.js';

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
  return preventionIn(await scan({ root, buildConfigs: false }));
}

/**
 * The same from a plan alone: managed resources as planned, data sources as read while planning.
 * Written by hand (no google provider offline), in the shape `terraform show -json` gives.
 */
async function planPrevention(
  managed: Record<string, ValueObject>,
  data: Record<string, ValueObject> = {},
): Promise<string | undefined> {
  const root = mkdtempSync(join(tmpdir(), 'posture-gcs-org-policy-plan-'));
  roots.push(root);
  const resources = (mode: string, entries: Record<string, ValueObject>) =>
    Object.entries(entries).map(([address, values]) => {
      const [type, name] = address.replace(/^data\./, '').split('.');
      const provider_name = 'registry.terraform.io/hashicorp/google';
      return { address, mode, type, name, provider_name, values };
    });
  const bucket = { name: 'acme-releases', project: 'acme-prod', location: 'US' };
  const plan = {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: {
      root_module: {
        resources: resources('managed', { 'google_storage_bucket.r': bucket, ...managed }),
      },
    },
    prior_state: {
      format_version: '1.0',
      terraform_version: '1.11.4',
      values: { root_module: { resources: resources('data', data) } },
    },
  };
  writeFileSync(join(root, 'plan.json'), JSON.stringify(plan));
  const plans = [join(root, 'plan.json')];
  return preventionIn(await scan({ root, buildConfigs: false, plans, terraform: false }));
}

function preventionIn(report: ScanReport): string | undefined {
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

const FOLDER = (name: string, parent: string) => `
resource "google_folder" "${name}" {
  display_name = "${name}"
  parent       = ${parent}
}
`;
const IN_TEAM = IN_FOLDER.replace('"folders/123"', 'google_folder.team.name');
/** Another `google_project` of the bucket's project id, in `folder`. */
const ALSO_IN = (folder: string) =>
  IN_FOLDER.replace('"p"', '"again"').replace('folders/123', folder);
/** `google_folder.f1` in `google_folder.f2` … in `google_folder.f<depth>`, in folders/100. */
const NESTED = (depth: number) =>
  Array.from({ length: depth }, (_, i) =>
    FOLDER(`f${i + 1}`, i + 1 === depth ? '"folders/100"' : `google_folder.f${i + 2}.name`),
  ).join('') + IN_FOLDER.replace('"folders/123"', 'google_folder.f1.name');

describe('the project and folders a policy is set on, as the configuration names them', () => {
  it.each([
    [
      "on projects/<number> of the data.google_project naming the bucket's project",
      'data "google_project" "p" {\n  project_id = "acme-prod"\n}\n' +
        V2('pap', 'projects/${data.google_project.p.number}', ENFORCE),
      'google_org_policy_policy.pap on projects/acme-prod',
    ],
    [
      "on projects/<number> of the bucket's google_project",
      IN_FOLDER + V2('pap', 'projects/${google_project.p.number}', ENFORCE),
      'google_org_policy_policy.pap on projects/acme-prod',
    ],
    [
      'on projects/<number> of another project',
      'data "google_project" "p" {\n  project_id = "acme-dev"\n}\n' +
        V2('pap', 'projects/${data.google_project.p.number}', ENFORCE),
      undefined,
    ],
    [
      'on projects/<number> of a project whose id is not known',
      'variable "id" {}\ndata "google_project" "p" {\n  project_id = var.id\n}\n' +
        V2('pap', 'projects/${data.google_project.p.number}', ENFORCE),
      undefined,
    ],
    [
      'on the google_folder the project is in',
      IN_TEAM + FOLDER('team', '"folders/100"') + V2('pap', '${google_folder.team.name}', ENFORCE),
      'google_org_policy_policy.pap on google_folder.team',
    ],
    [
      'v1 on that google_folder',
      IN_TEAM +
        FOLDER('team', '"folders/100"') +
        V1(
          'google_folder_organization_policy',
          'folder = google_folder.team.folder_id',
          ENFORCED_V1,
        ),
      'google_folder_organization_policy.pap on google_folder.team',
    ],
    [
      'on the folder that google_folder is in',
      IN_TEAM + FOLDER('team', '"folders/100"') + V2('pap', 'folders/100', ENFORCE),
      'google_org_policy_policy.pap on folders/100',
    ],
    [
      'on the organization above a google_folder in a google_folder',
      IN_TEAM +
        FOLDER('team', 'google_folder.eng.name') +
        FOLDER('eng', '"organizations/456"') +
        V1('google_organization_policy', 'org_id = "456"', ENFORCED_V1),
      'google_organization_policy.pap on organizations/456',
    ],
    [
      'on the google_folder above it, which one between lifts',
      IN_TEAM +
        FOLDER('team', 'google_folder.eng.name') +
        FOLDER('eng', '"organizations/456"') +
        V2('e', '${google_folder.eng.name}', ENFORCE) +
        V2('t', '${google_folder.team.name}', NOT_ENFORCED),
      undefined,
    ],
    [
      // Its `parent` is written `google_folder.eng.name`, which the provider plans it as: eng.
      "on a google_folder's parent, named as an attribute of it",
      IN_TEAM +
        FOLDER('team', 'google_folder.eng.name') +
        FOLDER('eng', '"organizations/456"') +
        V2('pap', '${google_folder.team.parent}', ENFORCE),
      'google_org_policy_policy.pap on google_folder.eng',
    ],
    [
      // One not written (or not one reference) is known only after apply (fail toward reporting).
      "on a google_folder's parent, set at apply",
      'variable "parent" {}\n' +
        IN_TEAM +
        FOLDER('team', 'var.parent') +
        V2('pap', '${google_folder.team.parent}', ENFORCE),
      undefined,
    ],
    // Two google_projects of one id in different folders: the first one decided, so the order of
    // the resources did. Neither folder is trusted; one folder for both is.
    [
      'on the folder the first of two google_projects of its id puts it in',
      IN_FOLDER + ALSO_IN('folders/999') + V2('pap', 'folders/123', ENFORCE),
      undefined,
    ],
    [
      'on the folder the second of two google_projects of its id puts it in',
      IN_FOLDER + ALSO_IN('folders/999') + V2('pap', 'folders/999', ENFORCE),
      undefined,
    ],
    [
      'on the folder a google_project not known puts it in, and another one',
      'variable "folder" {}\n' +
        IN_FOLDER.replace('"folders/123"', 'var.folder') +
        ALSO_IN('folders/123') +
        V2('pap', 'folders/123', ENFORCE),
      undefined,
    ],
    [
      'on the folder two google_projects of its id put it in',
      IN_FOLDER + ALSO_IN('folders/123') + V2('pap', 'folders/123', ENFORCE),
      'google_org_policy_policy.pap on folders/123',
    ],
    [
      'on a google_folder the project is not in',
      IN_FOLDER +
        FOLDER('team', '"folders/123"') +
        V2('pap', '${google_folder.team.name}', ENFORCE),
      undefined,
    ],
    // A parent not known, or known only in part: the levels above it are not followed. The refs of
    // one made of a reference and a variable with no value are the reference's alone.
    [
      'above a google_folder whose parent is a variable with no value',
      'variable "parent" {}\n' +
        IN_TEAM +
        FOLDER('team', 'var.parent') +
        V1('google_organization_policy', 'org_id = "456"', ENFORCED_V1),
      undefined,
    ],
    [
      'on the folder a data source names as the parent of a google_folder',
      'data "google_folder" "d" {\n  folder = "folders/9"\n}\n' +
        IN_TEAM +
        FOLDER('team', 'data.google_folder.d.name') +
        V2('pap', 'folders/9', ENFORCE),
      undefined,
    ],
    ...[
      'coalesce(var.x, google_folder.eng.name)',
      'var.x ? google_folder.eng.name : "organizations/789"',
      'lookup({ a = google_folder.eng.name }, var.x, "organizations/789")',
      'element([google_folder.eng.name, "organizations/789"], var.x)',
      '"folders/${var.x}${google_folder.eng.folder_id}"',
    ].map((parent) => [
      `on the google_folder a parent of ${parent} may name, with no value for var.x`,
      'variable "x" {}\n' +
        IN_TEAM +
        FOLDER('team', parent) +
        FOLDER('eng', '"organizations/456"') +
        V2('e', '${google_folder.eng.name}', ENFORCE),
      undefined,
    ]),
    [
      'on the google_folder a project is in by coalesce(var.x, google_folder.team.name)',
      'variable "x" {}\n' +
        IN_FOLDER.replace('"folders/123"', 'coalesce(var.x, google_folder.team.name)') +
        FOLDER('team', '"folders/100"') +
        V2('pap', '${google_folder.team.name}', ENFORCE),
      undefined,
    ],
    [
      'set on coalesce(var.x, google_folder.team.name), the folder the project is in',
      'variable "x" {}\n' +
        IN_TEAM +
        FOLDER('team', '"folders/100"') +
        V2('pap', '${coalesce(var.x, google_folder.team.name)}', ENFORCE),
      undefined,
    ],
    [
      'above ten nested folders, as deep as GCP allows',
      NESTED(10) + V2('pap', 'folders/100', ENFORCE),
      'google_org_policy_policy.pap on folders/100',
    ],
    [
      'above eleven, deeper than GCP allows',
      NESTED(11) + V2('pap', 'folders/100', ENFORCE),
      undefined,
    ],
  ])('%s', async (_, policies, expected) => {
    expect(await prevention(BUCKET() + policies)).toBe(expected);
  });

  const enforced = (parent: string) => ({
    'google_org_policy_policy.pap': {
      name: `${parent}/policies/storage.publicAccessPrevention`,
      parent,
      spec: [{ rules: [{ enforce: 'TRUE', condition: [] }] }],
    },
  });
  const NUMBER = '123456789012';
  const project = (id: string, number: string) => ({ project_id: id, number });
  const folder = (name: string, parent: string) => ({ name, parent, display_name: name });

  it.each([
    [
      'on projects/<number>, a data.google_project giving that number to the project',
      enforced(`projects/${NUMBER}`),
      { 'data.google_project.p': project('acme-prod', NUMBER) },
      `google_org_policy_policy.pap on projects/${NUMBER}`,
    ],
    [
      'on projects/<number>, the google_project managed already giving it',
      { ...enforced(`projects/${NUMBER}`), 'google_project.p': project('acme-prod', NUMBER) },
      {},
      `google_org_policy_policy.pap on projects/${NUMBER}`,
    ],
    [
      'on projects/<number>, nothing giving the number',
      enforced(`projects/${NUMBER}`),
      {},
      undefined,
    ],
    [
      'on projects/<number>, given to two projects',
      enforced(`projects/${NUMBER}`),
      {
        'data.google_project.p': project('acme-prod', NUMBER),
        'data.google_project.q': project('acme-dev', NUMBER),
      },
      undefined,
    ],
    [
      'on the organization above two known folders',
      {
        ...enforced('organizations/456'),
        'google_project.p': { project_id: 'acme-prod', folder_id: '1', org_id: null },
        'google_folder.a': folder('folders/1', 'folders/2'),
        'google_folder.b': folder('folders/2', 'organizations/456'),
      },
      {},
      'google_org_policy_policy.pap on organizations/456',
    ],
    [
      'on a folder of folders that contain each other',
      {
        ...enforced('folders/2'),
        'google_project.p': { project_id: 'acme-prod', folder_id: '1', org_id: null },
        'google_folder.a': folder('folders/1', 'folders/2'),
        'google_folder.b': folder('folders/2', 'folders/1'),
      },
      {},
      undefined,
    ],
  ])('%s (a plan)', async (_, managed, data, expected) => {
    expect(await planPrevention(managed, data)).toBe(expected);
  });
});
