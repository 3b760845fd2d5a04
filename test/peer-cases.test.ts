import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '@posture/core';
import {
  PEER_ROOT,
  expectedLabels,
  expectedYaml,
  judge,
  peerCases,
  peerChecks,
  scanFixture,
  type Mapping,
  type PeerCase,
  type PeerCheck,
  type Unmapped,
  type Verdict,
} from './support/peer-cases.js';

/**
 * Issue #9's agreement test: the KICS and Checkov public-bucket fixtures in ../shared/peer-cases,
 * each file scanned alone with `--scope all`, scored against each tool's own labels. Where Posture
 * disagrees on purpose the case is in DIFFERENCES with the reason; where Posture is wrong and the
 * fix is not small, in KNOWN_BUGS. Any other disagreement fails, naming the file and the check.
 */

/**
 * The remedies of s3-public-access-block, which name every flag: a block beside the bucket, a
 * registry module's inputs, or the block on an awscc bucket.
 */
const PAB_REMEDY =
  /Declare an aws_s3_bucket_public_access_block|Give \S+ the inputs|Set public_access_block_configuration/;

/**
 * One public access block flag, for peer checks that look at one flag where Posture's rule looks at
 * all four: a finding counts when it names the flag as not on (in the text before the remedy, which
 * names every flag), or when no block applies at all, which leaves every flag off.
 */
function flag(name: string): Mapping {
  const pattern = new RegExp(`\\b${name}\\b`);
  return {
    rules: ['s3-public-access-block'],
    counts: (f: Finding) => {
      const [cause = ''] = f.message.split(PAB_REMEDY);
      return cause.includes('Block Public Access unmanaged') || pattern.test(cause);
    },
    blame: 'resource',
  };
}

const rule = (id: string, blame?: Mapping['blame']): Mapping => ({ rules: [id], blame });

/**
 * Every peer check and the Posture rule that corresponds to it. A finding counts at any
 * severity, low ("neutralised by …") and medium ("not provably private") included: Posture reports
 * it, and the peers flag a public control whatever else blocks it. The one exception is KICS
 * bf878b1a, whose subject is exactly the neutralised case.
 */
const MAPPINGS: Readonly<Record<string, Mapping | Unmapped>> = {
  'kics/cloud_storage_anonymous_or_publicly_accessible': rule('gcs-public-iam'),
  'kics/cloud_storage_bucket_is_publicly_accessible': rule('gcs-public-iam'),
  // Posture does not single out CloudTrail log buckets: their public ACL is any bucket's.
  'kics/cloudtrail_log_files_s3_bucket_is_publicly_accessible': rule('s3-public-acl'),
  'kics/google_storage_bucket_level_access_disabled': rule('gcs-uniform-access'),
  'kics/s3_bucket_access_to_any_principal': rule('s3-public-policy'),
  'kics/s3_bucket_acl_allows_read_or_write_to_all_users': rule('s3-public-acl'),
  'kics/s3_bucket_acl_allows_read_to_any_authenticated_user': rule('s3-public-acl'),
  'kics/s3_bucket_acl_grants_write_acp_permission': rule('s3-public-acl'),
  'kics/s3_bucket_allows_delete_action_from_all_principals': rule('s3-public-policy'),
  'kics/s3_bucket_allows_get_action_from_all_principals': rule('s3-public-policy'),
  'kics/s3_bucket_allows_list_action_from_all_principals': rule('s3-public-policy'),
  'kics/s3_bucket_allows_public_acl': flag('block_public_acls'),
  'kics/s3_bucket_allows_put_action_from_all_principals': rule('s3-public-policy'),
  // An informational inconsistency, a public ACL that a public access block neutralises: Posture
  // reports exactly that at low severity.
  'kics/s3_bucket_public_acl_overridden_by_public_access_block': {
    rules: ['s3-public-acl'],
    counts: (f) => f.severity === 'low',
  },
  'kics/s3_bucket_with_all_permissions': rule('s3-public-policy'),
  'kics/s3_bucket_with_public_policy': flag('block_public_policy'),
  'kics/s3_bucket_with_public_policy.upstream_newer': flag('block_public_policy'),
  'kics/s3_bucket_without_ignore_public_acl': flag('ignore_public_acls'),
  'kics/s3_bucket_without_restriction_of_public_bucket': flag('restrict_public_buckets'),
  'kics/s3_static_website_host_enabled': rule('s3-website'),
  'checkov/CKV_AWS_20': rule('s3-public-acl', 'bucket'),
  'checkov/CKV_AWS_57': rule('s3-public-acl', 'bucket'),
  'checkov/CKV_AWS_53': flag('block_public_acls'),
  'checkov/CKV_AWS_54': flag('block_public_policy'),
  'checkov/CKV_AWS_55': flag('ignore_public_acls'),
  'checkov/CKV_AWS_56': flag('restrict_public_buckets'),
  // "Has a public access block": the whole rule, which also wants the two flags CKV2_AWS_6 skips.
  'checkov/CKV2_AWS_6': rule('s3-public-access-block', 'bucket'),
  // The check reads one resource's `policy`: a statement counts for the resource that holds it.
  'checkov/CKV_AWS_70': rule('s3-public-policy', 'resource'),
  'checkov/CKV_AWS_375': rule('s3-public-acl', 'resource'),
  'checkov/CKV2_AWS_43': rule('s3-public-acl', 'resource'),
  'checkov/CKV2_AWS_65': rule('s3-acls-enabled', 'resource'),
  'checkov/CKV_AWS_392': {
    unmapped:
      "an access point's block opens nothing by itself: S3 applies the most restrictive of the account's, the bucket's and the access point's settings. Posture judges what the block lets through, the access point's policy, under s3-public-policy (critical when public, low when the block restricts it); the fixture's access points have no policy, so none is a finding",
  },
  'checkov/CKV_GCP_28': rule('gcs-public-iam', 'resource'),
  'checkov/CKV_GCP_29': rule('gcs-uniform-access', 'bucket'),
  'checkov/CKV_GCP_114': rule('gcs-public-access-prevention', 'bucket'),
};

const WHY = {
  secondBlock:
    'Two aws_s3_bucket_public_access_block resources aim at one bucket. Posture reports one finding per bucket and rule, judging the weaker block (the one that can end up applied); KICS reports each block, so its second expected line is not a separate Posture finding.',
  sourceIp:
    'The Allow to Principal "*" has a Condition on aws:SourceIp 8.8.8.8/32: one address is not everyone, so Posture treats the statement as narrowed. KICS ignores conditions.',
  attachPolicy:
    'terraform-aws-modules/s3-bucket attaches `policy` only with attach_policy = true, which the call leaves at its default (false): the statement never reaches the bucket. KICS reads the input without the switch.',
  policyWithoutBucket:
    "The policy's bucket is an undeclared variable and the file declares no bucket: Posture judges buckets, and there is none to attach the statement to (beside a bucket of the same module it reports that bucket not provably private). KICS judges the policy document alone.",
  onlyActionStar:
    'Allow s3:putObject to Principal "*" is public write: Posture reports any public Allow. KICS a4966c4f flags only Action "*".',
  logDelivery:
    'WRITE_ACP goes to the LogDelivery group, which only S3 server access logging uses: not public. KICS flags WRITE_ACP to any grantee.',
  emptyMembers:
    'An iam_binding with `members = []` grants the role to nobody. KICS flags an empty member list.',
  membersOnIamMember:
    'google_storage_bucket_iam_member has no `members` argument (Terraform rejects it); Posture reads `member`, which is not set.',
  unmanagedBlock:
    'The file declares a bucket that no public access block applies to: Posture reports it (medium, "Block Public Access unmanaged"), since every flag is then whatever AWS set at creation. The KICS flag queries judge only blocks that exist.',
  accountBlockAlone:
    'The file holds only an account-level block: Posture judges it through the buckets it governs, and there are none. KICS judges the block itself.',
  twoFlags:
    'CKV2_AWS_6 passes a block with block_public_acls and block_public_policy only; Posture requires all four flags, since Terraform defaults the omitted ignore_public_acls and restrict_public_buckets to false.',
  websiteAcl:
    'acl = "website" is not an S3 canned ACL (the provider and S3 reject it), so Posture does not read it as public. Checkov counts it as public-read.',
  readIsPublic:
    'A READ grant to AllUsers makes the bucket publicly listable: Posture reports every public ACL grant. The Checkov check counts only some permissions (CKV_AWS_375: FULL_CONTROL and READ_ACP; CKV_AWS_57: write).',
  negatedCondition:
    'ArnNotEquals on aws:PrincipalArn allows every principal but one: a negated operator does not narrow. Checkov passes any condition on a key in its allow-list.',
  pythonBoolean:
    '`True` is not an HCL boolean: Terraform reads it as a reference and rejects the file, and Posture, reading it tolerantly, reports the value as unknown (medium, not provably private). Checkov parses it as Python true. The same misreading makes `False` on google_storage_bucket.disabled agree by accident.',
} as const;

/** Disagreements on purpose: the peer's semantics are not Posture's. Keyed by case id. */
const DIFFERENCES: Readonly<Record<string, string>> = {
  'kics/cloud_storage_anonymous_or_publicly_accessible/positive.tf:5': WHY.emptyMembers,
  'kics/cloud_storage_bucket_is_publicly_accessible/positive.tf:17': WHY.membersOnIamMember,
  'kics/s3_bucket_access_to_any_principal/positive1.tf:4': WHY.sourceIp,
  'kics/s3_bucket_access_to_any_principal/positive2.tf:12': WHY.attachPolicy,
  'kics/s3_bucket_acl_grants_write_acp_permission/positive1.tf:16': WHY.logDelivery,
  'kics/s3_bucket_acl_grants_write_acp_permission/positive2.tf:23': WHY.logDelivery,
  'kics/s3_bucket_allows_delete_action_from_all_principals/positive1.tf:4': WHY.sourceIp,
  'kics/s3_bucket_allows_delete_action_from_all_principals/positive2.tf:4': WHY.sourceIp,
  'kics/s3_bucket_allows_delete_action_from_all_principals/positive3.tf:12': WHY.attachPolicy,
  'kics/s3_bucket_allows_delete_action_from_all_principals/positive4.tf:37':
    WHY.policyWithoutBucket,
  'kics/s3_bucket_allows_delete_action_from_all_principals/positive5.tf:37':
    WHY.policyWithoutBucket,
  'kics/s3_bucket_allows_delete_action_from_all_principals/positive6.tf:37':
    WHY.policyWithoutBucket,
  'kics/s3_bucket_allows_get_action_from_all_principals/positive1.tf:17': WHY.sourceIp,
  'kics/s3_bucket_allows_get_action_from_all_principals/positive1.tf:42': WHY.sourceIp,
  'kics/s3_bucket_allows_get_action_from_all_principals/positive2.tf:23': WHY.attachPolicy,
  'kics/s3_bucket_allows_list_action_from_all_principals/positive1.tf:4': WHY.sourceIp,
  'kics/s3_bucket_allows_list_action_from_all_principals/positive2.tf:4': WHY.sourceIp,
  'kics/s3_bucket_allows_list_action_from_all_principals/positive3.tf:12': WHY.attachPolicy,
  'kics/s3_bucket_allows_put_action_from_all_principals/positive1.tf:4': WHY.sourceIp,
  'kics/s3_bucket_allows_put_action_from_all_principals/positive2.tf:5': WHY.sourceIp,
  'kics/s3_bucket_allows_put_action_from_all_principals/positive3.tf:12': WHY.attachPolicy,
  'kics/s3_bucket_with_all_permissions/positive2.tf:12': WHY.attachPolicy,
  'kics/s3_bucket_with_all_permissions/negative1.tf': WHY.onlyActionStar,
  'kics/s3_bucket_allows_public_acl/negative1.tf': WHY.unmanagedBlock,
  'kics/s3_bucket_with_public_policy/negative1.tf': WHY.unmanagedBlock,
  'kics/s3_bucket_with_public_policy.upstream_newer/negative1.tf': WHY.unmanagedBlock,
  'kics/s3_bucket_with_public_policy.upstream_newer/negative2.tf': WHY.unmanagedBlock,
  'kics/s3_bucket_with_public_policy.upstream_newer/positive9.tf:2': WHY.accountBlockAlone,
  'kics/s3_bucket_with_public_policy.upstream_newer/positive10.tf:1': WHY.accountBlockAlone,
  'kics/s3_bucket_without_ignore_public_acl/negative1.tf': WHY.unmanagedBlock,
  'kics/s3_bucket_without_restriction_of_public_bucket/negative1.tf': WHY.unmanagedBlock,
  'kics/s3_bucket_allows_public_acl/positive1.tf:18': WHY.secondBlock,
  'kics/s3_bucket_with_public_policy/positive1.tf:18': WHY.secondBlock,
  'kics/s3_bucket_without_restriction_of_public_bucket/positive1.tf:14': WHY.secondBlock,
  'checkov/CKV2_AWS_6/main.tf#aws_s3_bucket.bucket_good_1': WHY.twoFlags,
  'checkov/CKV_AWS_20/main.tf#aws_s3_bucket.website': WHY.websiteAcl,
  'checkov/CKV_AWS_20/main.tf#aws_s3_bucket.website_v4': WHY.websiteAcl,
  'checkov/CKV_AWS_375/main.tf#aws_s3_bucket_acl.pass2': WHY.readIsPublic,
  'checkov/CKV_AWS_57/main.tf#aws_s3_bucket.bucket_with_read_acl': WHY.readIsPublic,
  'checkov/CKV_AWS_70/main.tf#aws_s3_bucket.pass_w_condition': WHY.negatedCondition,
  'checkov/CKV_AWS_70/main.tf#aws_s3_bucket_policy.pass_w_condition': WHY.negatedCondition,
  'checkov/CKV_GCP_29/main.tf#google_storage_bucket.enabled': WHY.pythonBoolean,
};

/** Disagreements where Posture is wrong and the fix is not small: they count against agreement. */
const KNOWN_BUGS: Readonly<Record<string, string>> = {};

const TARGET = 0.95;

const present = existsSync(PEER_ROOT);
const checks = present ? peerChecks() : [];
const scored = checks.flatMap((check) => {
  const mapping = MAPPINGS[key(check)];
  if (mapping === undefined || 'unmapped' in mapping) return [];
  return peerCases(check).map((peer) => ({ peer, mapping }));
});

function key({ tool, check }: Pick<PeerCheck, 'tool' | 'check'>): string {
  return `${tool}/${check}`;
}

const verdicts = new Map<string, Promise<Verdict>>();

function verdictOf(peer: PeerCase, mapping: Mapping): Promise<Verdict> {
  let found = verdicts.get(peer.id);
  if (!found) {
    found = scanFixture(peer.fixture).then((scan) => judge(peer, mapping, scan));
    verdicts.set(peer.id, found);
  }
  return found;
}

interface Scored {
  readonly peer: PeerCase;
  readonly verdict: Verdict;
  /** The fixture needed stub buckets (see scanFixture). */
  readonly stubbed: boolean;
}

function allResults(): Promise<Scored[]> {
  return Promise.all(
    scored.map(async ({ peer, mapping }) => ({
      peer,
      verdict: await verdictOf(peer, mapping),
      stubbed: (await scanFixture(peer.fixture)).stubs.length > 0,
    })),
  );
}

/** What a failing case says: the peer's label, Posture's verdict and the findings behind it. */
function disagreement(peer: PeerCase, mapping: Mapping, verdict: Verdict): string {
  const subject = peer.address ?? (peer.line === undefined ? 'the file' : `line ${peer.line}`);
  const found = verdict.findings.map(
    (f) => `${f.ruleId} (${f.severity}) at line ${f.location.start.line}`,
  );
  return [
    `${peer.tool} ${peer.check} labels ${relative(PEER_ROOT, peer.fixture)}, ${subject}, ${peer.expected};`,
    `Posture (${mapping.rules.join(', ')}) finds it ${verdict.got}${found.length > 0 ? `: ${found.join('; ')}` : ''}.`,
    'Fix Posture, or list the case in DIFFERENCES with the reason',
  ].join(' ');
}

describe.skipIf(!present)(
  present ? 'peer cases (KICS, Checkov) in --scope all' : `peer cases: ${PEER_ROOT} is absent`,
  () => {
    afterAll(async () => {
      console.log(summary(await allResults()));
    });

    it('maps every peer check', () => {
      expect(checks.map(key).sort()).toEqual(Object.keys(MAPPINGS).sort());
    });

    it('reads the same Checkov labels from EXPECTED.md as from expected.yaml', () => {
      for (const check of checks.filter((c) => c.tool === 'checkov')) {
        const oracle = expectedYaml(check.dir);
        if (!oracle) continue;
        const labels = (list: { address: string; expected: string }[]) =>
          list.map((l) => `${l.expected} ${l.address}`).sort();
        expect(labels(expectedLabels(check.dir)), check.check).toEqual(labels(oracle));
      }
    });

    it('lists only cases that exist, each once', () => {
      const ids = new Set(scored.map(({ peer }) => peer.id));
      const listed = [...Object.keys(DIFFERENCES), ...Object.keys(KNOWN_BUGS)];
      expect(listed.filter((id) => !ids.has(id))).toEqual([]);
      expect(listed.length).toBe(new Set(listed).size);
    });

    for (const { peer, mapping } of scored) {
      it(peer.id, async () => {
        const verdict = await verdictOf(peer, mapping);
        const listed = DIFFERENCES[peer.id] ?? KNOWN_BUGS[peer.id];
        if (verdict.got === peer.expected) {
          expect(listed, `${peer.id} now agrees with ${peer.tool}: unlist it`).toBeUndefined();
        } else {
          expect(listed, disagreement(peer, mapping, verdict)).toBeDefined();
        }
      });
    }

    it(`agrees on at least ${TARGET * 100} % of the cases where semantics match`, async () => {
      const matching = (await allResults()).filter(({ peer }) => !DIFFERENCES[peer.id]);
      const agreed = matching.filter(({ peer, verdict }) => verdict.got === peer.expected);
      expect(agreed.length / matching.length).toBeGreaterThanOrEqual(TARGET);
    });
  },
);

/** Per tool and check: positives flagged, negatives clean, and agreement where semantics match. */
function summary(results: readonly Scored[]): string {
  const rows: string[][] = [
    [
      'tool',
      'check',
      'posture rule',
      'positives flagged',
      'negatives clean',
      'differ',
      'bugs',
      'agree',
      'same line',
    ],
  ];
  const unmapped: string[] = [];
  for (const check of checks) {
    const mapping = MAPPINGS[key(check)];
    if (mapping === undefined) continue;
    if ('unmapped' in mapping) {
      rows.push([check.tool, check.check, '—', 'not mapped', '', '', '', '', '']);
      unmapped.push(`${check.check} (${peerCases(check).length} cases): ${mapping.unmapped}`);
      continue;
    }
    const mine = results.filter(
      ({ peer }) => peer.tool === check.tool && peer.check === check.check,
    );
    const positives = mine.filter(({ peer }) => peer.expected === 'flagged');
    const negatives = mine.filter(({ peer }) => peer.expected === 'clean');
    const lines = positives.filter(
      ({ verdict }) => verdict.sameLine !== undefined && verdict.got === 'flagged',
    );
    rows.push([
      check.tool,
      check.check,
      mapping.rules.join(', ') + (mapping.counts ? ' *' : ''),
      ratio(positives.filter(({ verdict }) => verdict.got === 'flagged').length, positives.length),
      ratio(negatives.filter(({ verdict }) => verdict.got === 'clean').length, negatives.length),
      String(mine.filter(({ peer }) => DIFFERENCES[peer.id] !== undefined).length),
      String(mine.filter(({ peer }) => KNOWN_BUGS[peer.id] !== undefined).length),
      agreement(mine),
      check.tool === 'kics'
        ? ratio(lines.filter(({ verdict }) => verdict.sameLine).length, lines.length)
        : '',
    ]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const table = rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const byTool = (['kics', 'checkov'] as const).map(
    (tool) => `${tool} ${agreement(results.filter(({ peer }) => peer.tool === tool))}`,
  );
  return [
    'Posture vs peer labels, each fixture scanned alone with --scope all (* = only findings naming the flag, or low for bf878b1a)',
    ...table,
    `Agreement where semantics match: ${byTool.join(', ')}, overall ${agreement(results)} (target ${TARGET * 100} %).`,
    `Left out as differences on purpose: ${Object.keys(DIFFERENCES).length}; known bugs, counted as disagreements: ${Object.keys(KNOWN_BUGS).length}.`,
    `Cases whose fixture needed stub buckets: ${results.filter((r) => r.stubbed).length} of ${results.length}.`,
    ...unmapped.map((line) => `Not mapped: ${line}.`),
  ].join('\n');
}

/** Agreed / cases where semantics match, and the percentage. */
function agreement(results: readonly Scored[]): string {
  const matching = results.filter(({ peer }) => DIFFERENCES[peer.id] === undefined);
  const agreed = matching.filter(({ peer, verdict }) => verdict.got === peer.expected).length;
  const percent =
    matching.length === 0 ? '—' : `${((100 * agreed) / matching.length).toFixed(1)} %`;
  return `${agreed}/${matching.length} (${percent})`;
}

function ratio(part: number, whole: number): string {
  return whole === 0 ? '—' : `${part}/${whole}`;
}
