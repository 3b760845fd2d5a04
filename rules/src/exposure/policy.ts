import { couldBe, coversAddressFamily, isUnknown, wildcardTest } from '@posture/model';
import type { BucketPolicy, PolicyStatement } from '@posture/model';
import { quote, unknownValue } from '../messages.js';

/**
 * Condition keys that limit who can use an `Allow` to a known network, organisation, account or
 * principal. A public principal with one of these (and a specific value: see `names`) is not
 * public.
 */
export const NARROWING_CONDITION_KEYS: readonly string[] = [
  'aws:SourceVpce',
  'aws:SourceVpc',
  'aws:SourceIp',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:SourceArn',
  'aws:SourceAccount',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:VpceAccount',
  'aws:userid',
  'aws:username',
  's3:DataAccessPointAccount',
  's3:DataAccessPointArn',
];

// Condition keys are case-insensitive in IAM.
const NARROWING = new Set(NARROWING_CONDITION_KEYS.map((key) => key.toLowerCase()));

/** A wildcard or an IAM policy variable (`${aws:username}`): text that no one value fixes. */
const NOT_FIXED = /[*?]|\$\{/;

/** Condition keys whose values are paths under an organisation: `o-a1b2c3d4e5/r-ab12/*`. */
const ORG_PATHS = new Set(['aws:principalorgpaths', 'aws:sourceorgpaths']);

export interface PublicStatement {
  readonly statement: PolicyStatement;
  /** Who it grants to: `Principal "*"`, `everyone outside its NotPrincipal`. */
  readonly principal: string;
  /** Set when a principal or condition value is unknown before apply: which. */
  readonly undecided?: string;
}

type Verdict = boolean | 'unknown';

/** How a finding names a statement: by its sid; an empty one, as a plan renders, names none. */
export function statementName({ sid }: PolicyStatement): string {
  return sid === undefined || sid === '' ? 'a statement' : `statement ${quote(sid)}`;
}

/** What a statement grants, in words: `s3:GetObject`, `every action but s3:DeleteObject`. */
export function granted({ actions, actionsExcluded }: PolicyStatement): string {
  if (actions.length === 0) return 'access';
  return actionsExcluded ? `every action but ${actions.join(', ')}` : actions.join(', ');
}

/**
 * The `Allow` statements of a policy that grant access to anyone: a wildcard principal, or any
 * `NotPrincipal`, with no narrowing condition, and no `Deny` that takes the same access away from
 * everyone outside a known network, organisation or account.
 */
export function publicStatements(policy: Pick<BucketPolicy, 'statements'>): PublicStatement[] {
  return unnarrowedStatements(policy, publicPrincipal);
}

/** The service principal of every CloudFront distribution, of every AWS account. */
export const CLOUDFRONT_SERVICE = 'cloudfront.amazonaws.com';

/**
 * The `Allow` statements of a policy that grant to the CloudFront service principal without saying
 * whose distribution: S3 sees every distribution of every account as that one principal, and only
 * a narrowing condition (`aws:SourceArn` of one distribution, `aws:SourceAccount` of one account)
 * or a guard tells them apart, as it does for a public principal. A wildcard principal is left to
 * `publicStatements`.
 */
export function anyDistributionStatements(
  policy: Pick<BucketPolicy, 'statements'>,
): PublicStatement[] {
  return unnarrowedStatements(policy, (statement) => ({
    verdict:
      statement.notPrincipal === undefined &&
      isWildcardPrincipal(statement.principal) === false &&
      namesService(statement.principal, CLOUDFRONT_SERVICE),
    text: principalText(statement.principal),
  }));
}

/** The identity of its own a distribution reads its S3 origin with (`originAccess`). */
type DistributionIdentity = 'oac' | 'oai';

/** A legacy origin access identity's IAM user: `…:iam::cloudfront:user/CloudFront Origin …`. */
const IDENTITY_USER = /^arn:[^:]*:iam::cloudfront:user\//i;

/**
 * Whether a statement may let a CloudFront distribution read the bucket with the identity it reads
 * it with: any but a `Deny`, to a principal that may be that identity. With origin access control
 * a distribution signs as the service principal cloudfront.amazonaws.com; with a legacy origin
 * access identity, as that identity's IAM user or the canonical user id S3 knows it by. A wildcard,
 * a `NotPrincipal`, or a principal not known before apply may be either. Conditions are not
 * weighed: one that may hold lets it in.
 */
export function mayAdmitDistribution(
  statement: PolicyStatement,
  identity: DistributionIdentity,
): boolean {
  if (hasEffect(statement, 'deny')) return false;
  const { principal } = statement;
  if (statement.notPrincipal !== undefined || principal === '*') return true;
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) return true;
  if (isUnknown(principal)) return true;
  return Object.entries(principal).some(([kind, named]) => {
    const ids: unknown[] = Array.isArray(named) ? named : [named];
    return ids.some((id) => {
      if (typeof id !== 'string' && typeof id !== 'number') return true;
      return mayBeIdentity(kind.toLowerCase(), String(id).trim(), identity);
    });
  });
}

function mayBeIdentity(kind: string, id: string, identity: DistributionIdentity): boolean {
  if (kind === 'aws') return id === '*' || (identity === 'oai' && IDENTITY_USER.test(id));
  if (kind === 'service') return identity === 'oac' && id.toLowerCase() === CLOUDFRONT_SERVICE;
  if (kind === 'canonicaluser') return identity === 'oai';
  return kind !== 'federated';
}

/**
 * The values of the `aws:SourceArn` conditions that say which distributions the `Allow`
 * statements to the CloudFront service principal let in, each with its statement: those of an
 * operator that requires the key to match.
 */
export function distributionArns(
  policy: Pick<BucketPolicy, 'statements'>,
): { readonly statement: PolicyStatement; readonly arns: readonly unknown[] }[] {
  return policy.statements.flatMap((statement) => {
    if (!hasEffect(statement, 'allow') || statement.notPrincipal !== undefined) return [];
    if (!namesService(statement.principal, CLOUDFRONT_SERVICE)) return [];
    const arns = Object.entries(statement.conditions)
      .filter(([operator]) => narrowingOperator(operator))
      .flatMap(([, block]) =>
        Object.entries(block).flatMap(([key, values]) =>
          key.toLowerCase() === 'aws:sourcearn' ? (Array.isArray(values) ? values : [values]) : [],
        ),
      );
    return arns.length > 0 ? [{ statement, arns }] : [];
  });
}

/** The `AWS` principal values of the `Allow` statements, each with its statement. */
export function awsPrincipals(
  policy: Pick<BucketPolicy, 'statements'>,
): { readonly statement: PolicyStatement; readonly ids: readonly unknown[] }[] {
  return policy.statements.flatMap((statement) => {
    const { principal } = statement;
    if (!hasEffect(statement, 'allow') || statement.notPrincipal !== undefined) return [];
    if (typeof principal !== 'object' || principal === null || isUnknown(principal)) return [];
    const named = Object.entries(principal).find(([kind]) => kind.toUpperCase() === 'AWS')?.[1];
    if (named === undefined) return [];
    return [{ statement, ids: Array.isArray(named) ? named : [named] }];
  });
}

/**
 * The `Allow` statements whose principal `principalOf` finds open to others than the owner, with
 * no narrowing condition and no guard: decided, or with what is not known before apply.
 */
function unnarrowedStatements(
  policy: Pick<BucketPolicy, 'statements'>,
  principalOf: (statement: PolicyStatement) => { verdict: Verdict; text: string },
): PublicStatement[] {
  const guards = policy.statements.filter(isGuard);
  return policy.statements.flatMap((statement) => {
    if (!hasEffect(statement, 'allow')) return [];
    const principal = principalOf(statement);
    if (principal.verdict === false) return [];
    const own = isNarrowed(statement);
    const narrowed = either(own, guarded(statement, guards));
    if (narrowed === true) return [];
    if (principal.verdict === true && narrowed === false) {
      return [{ statement, principal: principal.text }];
    }
    const why = undecided(statement, principal.verdict, own);
    return [{ statement, principal: principal.text, undecided: why }];
  });
}

/**
 * What is not known before apply that leaves a statement's grant to others undecided: its
 * principal, its own conditions, or those of a `Deny` that may take the grant away.
 */
function undecided(statement: PolicyStatement, principal: Verdict, own: Verdict): string {
  if (principal === 'unknown') return 'its principal is not known before apply';
  if (own !== 'unknown') return 'whether a Deny statement takes it away is not known before apply';
  const { unknownConditions } = statement;
  return unknownConditions === undefined
    ? 'the values of its narrowing condition are not known before apply'
    : unknownValue('whether its conditions narrow it', unknownConditions);
}

function hasEffect(statement: PolicyStatement, effect: 'allow' | 'deny'): boolean {
  return statement.effect.trim().toLowerCase() === effect;
}

function either(a: Verdict, b: Verdict): Verdict {
  if (a === true || b === true) return true;
  return a === 'unknown' || b === 'unknown' ? 'unknown' : false;
}

/**
 * A `Deny` that applies to every caller, anonymous ones included: `Principal "*"`, or a
 * `NotPrincipal` that names no wildcard. It guards an `Allow` when it covers the same access.
 */
function isGuard(statement: PolicyStatement): boolean {
  // A Deny of every action or resource but some may leave out exactly what the Allow grants.
  if (!hasEffect(statement, 'deny') || statement.actionsExcluded || statement.resourcesExcluded)
    return false;
  if (statement.notPrincipal !== undefined) {
    return isWildcardPrincipal(statement.notPrincipal) === false;
  }
  return isWildcardPrincipal(statement.principal) === true;
}

/**
 * Whether a guard takes away from everyone outside a known network, organisation or account all
 * that a public `Allow` grants (the documented "Deny unless from this VPC endpoint" pattern): its
 * actions and resources cover the Allow's, and each of its conditions only excludes requests that
 * match specific values (`StringNotEquals aws:SourceVpce`). A guard with no condition denies all.
 */
function guarded(allow: PolicyStatement, guards: readonly PolicyStatement[]): Verdict {
  let verdict: Verdict = false;
  for (const deny of guards) {
    if (!covers(deny.actions, allow.actions, allow.actionsExcluded)) continue;
    if (!covers(deny.resources, allow.resources, allow.resourcesExcluded)) continue;
    const excludes = excludesAllButSpecific(deny);
    if (excludes === true) return true;
    if (excludes === 'unknown') verdict = 'unknown';
  }
  return verdict;
}

/** Whether the patterns name everything the names do; names that exclude need a plain wildcard. */
function covers(patterns: readonly string[], names: readonly string[], excluded: boolean): boolean {
  if (excluded) return patterns.some((p) => /^(s3:)?\*$/i.test(p.trim()));
  const matchers = patterns.map(iamPattern);
  return names.length > 0 && names.every((name) => matchers.some((m) => m.test(name)));
}

/**
 * IAM's `*` and `?` wildcards, case-insensitive as action names are (resource ARNs rarely differ).
 * Matched piece by piece, in linear time: as a RegExp, `*a*a*…*b` took minutes to refuse a name of
 * forty `a`s, and a pattern of 200,000 characters was too large to compile.
 */
export function iamPattern(pattern: string): { test(name: string): boolean } {
  const test = wildcardTest(pattern.trim().toLowerCase());
  return { test: (name) => test(name.toLowerCase()) };
}

function excludesAllButSpecific({ conditions, unknownConditions }: PolicyStatement): Verdict {
  // Conditions not known may let some callers through.
  let verdict: Verdict = unknownConditions === undefined ? true : 'unknown';
  for (const [operator, block] of Object.entries(conditions)) {
    if (!/^((String|Arn)Not(Equals|Like)|NotIpAddress)(IfExists)?$/i.test(operator)) return false;
    for (const [key, values] of Object.entries(block)) {
      if (!NARROWING.has(key.toLowerCase())) return false;
      const specific = specificValues(key, values);
      if (specific === false) return false;
      if (specific === 'unknown') verdict = 'unknown';
    }
  }
  return verdict;
}

/** Whether a statement allows a principal that may be anyone, whatever its conditions say. */
export function allowsAnyone(statement: PolicyStatement): boolean {
  return hasEffect(statement, 'allow') && publicPrincipal(statement).verdict !== false;
}

function publicPrincipal(statement: PolicyStatement): { verdict: Verdict; text: string } {
  // Allow with NotPrincipal grants everyone except the principals listed.
  if (statement.notPrincipal !== undefined) {
    return { verdict: true, text: 'everyone outside its NotPrincipal' };
  }
  return {
    verdict: isWildcardPrincipal(statement.principal),
    text: principalText(statement.principal),
  };
}

function principalText(principal: unknown): string {
  return `Principal ${JSON.stringify(principal, (_key, value: unknown) => (isUnknown(value) ? '(unknown)' : value))}`;
}

/** `{"Service": "cloudfront.amazonaws.com"}`, or a list with it; keys and names are case-blind. */
function namesService(principal: unknown, service: string): boolean {
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) return false;
  const named = Object.entries(principal).find(([key]) => key.toLowerCase() === 'service')?.[1];
  const ids: unknown[] = Array.isArray(named) ? named : [named];
  return ids.some((id) => typeof id === 'string' && id.trim().toLowerCase() === service);
}

/** `"*"`, `{"AWS": "*"}` and `{"AWS": ["*", …]}` are everyone, signed or not. */
export function isWildcardPrincipal(principal: unknown): Verdict {
  if (isUnknown(principal)) return isUndecided(principal) ? 'unknown' : false;
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) return false;
  const aws = Object.entries(principal).find(([key]) => key.toUpperCase() === 'AWS')?.[1];
  const ids: unknown[] = Array.isArray(aws) ? aws : [aws];
  if (ids.some((id) => typeof id === 'string' && id.trim() === '*')) return true;
  return ids.some(isUndecided) ? 'unknown' : false;
}

/**
 * A value known only after apply that is a resource's attribute and nothing else (a role's ARN, an
 * endpoint's id) is one specific value, never a wildcard; one from a variable with no value could
 * be anything, and so could one only computed from a resource: `aws_s3_bucket.b.object_lock_enabled
 * ? "arn:aws:iam::123456789012:root" : "*"` reads a resource, and may be `*`.
 */
function computedFromResource(value: unknown): boolean {
  return isUnknown(value) && value.refs.length > 0 && value.reference !== undefined;
}

/**
 * A value that could still be `*`. IAM allows no wildcard inside a principal's ARN, so one whose
 * known text is more than that (`arn:aws:iam::${var.ci_account}:root`) is one account, whatever
 * fills it.
 */
function isUndecided(value: unknown): boolean {
  return isUnknown(value) && !computedFromResource(value) && couldBe(value, '*');
}

function isNarrowed({ conditions, unknownConditions }: PolicyStatement): Verdict {
  // Conditions not known may narrow it, as unknown values of a narrowing condition may.
  let verdict: Verdict = unknownConditions === undefined ? false : 'unknown';
  for (const [operator, block] of Object.entries(conditions)) {
    if (!narrowingOperator(operator)) continue;
    for (const [key, values] of Object.entries(block)) {
      if (!NARROWING.has(key.toLowerCase())) continue;
      const narrows = specificValues(key, values);
      if (narrows === true) return true;
      if (narrows === 'unknown') verdict = 'unknown';
    }
  }
  return verdict;
}

/**
 * An operator narrows when it requires the key to match. Negated operators (`StringNotEquals`,
 * `NotIpAddress`) allow everyone else; `…IfExists` and `ForAllValues:` hold when the key is absent,
 * as it is on an anonymous request; `Null` only tests presence.
 */
function narrowingOperator(operator: string): boolean {
  return !/^ForAllValues:|not|IfExists$|^Null$/i.test(operator);
}

function specificValues(key: string, values: unknown): Verdict {
  const list: unknown[] = Array.isArray(values) ? values : [values];
  if (everyAddress(key, list)) return false;
  if (list.some(isUndecided)) return 'unknown';
  let verdict: Verdict = list.length > 0;
  for (const value of list) {
    const named = namesValue(key, value);
    if (named === false) return false;
    if (named === 'unknown') verdict = 'unknown';
  }
  return verdict;
}

function namesValue(key: string, value: unknown): Verdict {
  if (computedFromResource(value)) return true;
  if (typeof value === 'string' || typeof value === 'number') return names(key, String(value));
  return isUnknown(value) && value.pieces ? namesInPart(key, value.pieces) : false;
}

/** Stand-ins for the parts of a text not known before apply, which no condition value holds. */
const ONE_VALUE = '\u0001';
const ANY_VALUE = '\u0002';

/**
 * A value known in part names specific callers as its text would (`names`), a part not known
 * standing for one value where it is a resource's or a data source's attribute:
 * `arn:aws:cloudfront::${data.aws_caller_identity.current.account_id}:distribution/*` is every
 * distribution of one account. Where the owner part holds one that may be anything (a variable
 * with no value), it may or may not narrow.
 */
function namesInPart(key: string, pieces: readonly unknown[]): Verdict {
  const text = pieces
    .map((piece) => {
      if (typeof piece === 'string') return piece;
      return computedFromResource(piece) ? ONE_VALUE : ANY_VALUE;
    })
    .join('');
  if (!names(key, text)) return false;
  return ownerPart(key.toLowerCase(), text.trim()).includes(ANY_VALUE) ? 'unknown' : true;
}

/**
 * Whether the values of an `aws:SourceIp` condition hold every IPv4 or every IPv6 address between
 * them (`0.0.0.0/0`, or `0.0.0.0/1` with `128.0.0.0/1`): the whole internet of that family, which
 * narrows nothing, whatever the values not known before apply add to it.
 */
function everyAddress(key: string, values: readonly unknown[]): boolean {
  if (key.toLowerCase() !== 'aws:sourceip') return false;
  return coversAddressFamily(values.filter((value) => typeof value === 'string'));
}

/**
 * Whether a condition value names specific callers. AWS counts a policy public unless it grants
 * to fixed values, without a wildcard or a policy variable: `aws:SourceVpce = "vpce-*"` is every
 * endpoint of every account, `aws:SourceAccount = "1111*"` any of many accounts. A wildcard past
 * the part that names the owner still narrows to that owner: an ARN of one account
 * (`arn:aws:cloudfront::111122223333:distribution/*`), or of one bucket, which has no account
 * field since bucket names are global (`arn:aws:s3:::acme-logs/*`); a role's sessions
 * (`aws:userid = "AROAEXAMPLE:*"`, AWS's own exception); one organisation's paths.
 */
function names(key: string, value: string): boolean {
  const text = value.trim();
  const owner = ownerPart(key.toLowerCase(), text);
  return owner !== '' && !NOT_FIXED.test(owner);
}

/** The part of a condition value that says whose network, account or resource it is. */
function ownerPart(key: string, text: string): string {
  if (/^arn:/i.test(text)) {
    const fields = text.split(':');
    // Malformed (`arn:aws:iam::*`): the whole text.
    if (fields.length < 6) return text;
    const account = fields[4] ?? '';
    return account !== '' ? account : (fields.slice(5).join(':').split('/')[0] ?? '');
  }
  if (key === 'aws:userid') return text.split(':')[0] ?? '';
  if (ORG_PATHS.has(key)) return text.split('/')[0] ?? '';
  return text;
}
