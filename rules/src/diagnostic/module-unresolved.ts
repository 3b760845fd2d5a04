import type { DiagnosticRule } from '@posture/model';
import { sentences } from '../messages.js';

const rule: DiagnosticRule = {
  kind: 'diagnostic',
  meta: {
    id: 'module-unresolved',
    title: 'Module not installed or outside the scan: its resources are not scanned',
    severity: 'low',
    why: 'A module call whose source is a registry or git module that is not installed under .terraform/modules cannot be read, so any bucket, ACL or policy it creates is invisible to the scan; so is the module a Terragrunt unit fetches at deploy time (Terragrunt keeps it in .terragrunt-cache, which is never scanned). Buckets made by well-known registry modules (such as terraform-aws-modules/s3-bucket) are still checked through their inputs, and well-known modules that make no bucket (terraform-aws-modules/vpc, eks, iam…) are not reported; anything inside any other module is not checked. A local module outside the scan root (outside the repository, or outside the directory scanned when it is in no git checkout) is not read either: the scanner never follows a path out of what it was asked to scan.',
    fix: 'Run terraform init (terraform init -backend=false in CI) before the scan so .terraform/modules exists; for a Terragrunt unit, vendor the module into the repository and point terraform { source } at it. Or rely on the known-module mapping for registry modules that Posture reads by their inputs.',
    bad: {
      language: 'shell',
      code: `posture scan infra/   # .terraform/modules is missing`,
    },
    good: {
      language: 'shell',
      code: `terraform -chdir=infra init -backend=false
posture scan infra/`,
    },
    tags: ['security', 'input', 'terraform', 'module'],
    cwe: [],
    precision: 'very-high',
  },
  check(diagnostic) {
    const outside = diagnostic.code === 'module-outside-root';
    if (diagnostic.code !== 'module-unresolved' && !outside) return [];
    return [
      {
        location: diagnostic.range,
        message: sentences(
          `A module was not scanned: ${diagnostic.message}`,
          outside
            ? 'Resources inside it are not checked. Scan the directory that holds both the caller and the module (the repository)'
            : 'Resources inside a module that is not installed are not checked. Run terraform init so .terraform/modules exists (for a Terragrunt unit, vendor the module into the repository), or rely on the known-module mapping',
        ),
      },
    ];
  },
};

export default rule;
