/** What `posture init` writes: every setting, commented, at its default. */
export const STARTER_POLICY = `# Posture release policy. Reference: https://github.com/posture-dev/posture#the-release-policy
# Any bucket used for releases is private by default, and no build configuration links to it.

# Who is accountable for this policy (shown in the reports; all but Code Quality).
owner: platform-security@example.com

# What makes a bucket release-use.
release:
  # AWS tags / GCS labels, after merging provider default_tags / default_labels.
  tags:
    - key: release
      values: ["true", "yes", "1"]
    - key: purpose
      contains: release
    - key: usage
      contains: release
    - key: role
      contains: release
  # Bucket name globs (case-insensitive).
  names: ["*release*", "*releases*", "*-dist", "*-dist-*", "*downloads*", "*artifacts*"]
  # Honour "# posture:release" comments on resources (the only way to mark an R2 bucket).
  annotations: true
  # A bucket that a release/publish step uploads to is release-use.
  pipeline: true
  # Buckets (names or Terraform address globs) that are release-use whatever their tags. Links to a
  # bucket named here count as release links even when its Terraform lives in another repository.
  buckets: []

# release: bucket rules apply to release-use buckets; all: to every bucket.
scope: release

# The gate fails (exit 1) on findings at or above this severity: critical, high, medium, low, info, none.
failOn: high

# Per-rule settings, e.g. lower a rule or turn it off.
rules: {}
#  gcs-uniform-access:
#    severity: low
#  s3-acls-enabled:
#    enabled: false

# Hosts that are meant to be public, e.g. a CDN in front of a bucket.
allowedPublicDomains: []

# Paths not to scan (globs, relative to this file's directory), e.g. ["examples/**", "test/fixtures/**"].
# A module that a scanned root module calls is still read. --exclude adds to these.
exclude: []

# What a package may ship (posture artifact). Without allow/allowTypes, everything ships except source
# maps (declaration maps: low), .env files, credentials files, private keys, certificates, .npmrc,
# archives and TypeScript sources beside built code.
artifact: {}
#  allow: ["dist/**", "package.json", "README.md", "LICENSE"]
#  allowTypes: [javascript, declaration, json, markdown, license]
#  limits: { maxEntries: 10000, maxRatio: 100 }

# Justified exceptions. A reason is required; an expired exception stops suppressing and is reported.
exceptions: []
#  - rule: s3-website
#    target:
#      address: aws_s3_bucket.docs
#    reason: The public docs site; holds no release artifacts.
#    approvedBy: jane@example.com
#    expires: 2027-06-30
`;
