/**
 * IAM policy JSON as statements. Shared by the Terraform adapters (a policy string, `jsonencode`)
 * and the build-configuration scanner (`aws s3api put-bucket-policy --policy …`), so that both
 * hand the rules the same statements.
 */
import type { PolicyStatement } from './bucket.js';
import type { Range } from './source.js';
import { jsonTooDeepAt } from './json-depth.js';
import { isUnknown, type Unknown } from './value.js';

export interface ParsedPolicy {
  readonly statements: PolicyStatement[];
  readonly unknownReason?: string;
  /**
   * Where what cannot be read is written, when not where the policy is: the `dynamic "statement"`
   * block of a document whose statements are not known before apply.
   */
  readonly unknownRange?: Range;
}

/**
 * IAM policies are a few levels deep. A text nested deeper is not read: the walks over what it
 * holds (`String` of a list) recurse once per level, and 100,000 nested lists in a `Resource`
 * overflowed the stack, ending the scan as an internal error.
 */
export const MAX_POLICY_DEPTH = 64;

export function parsePolicyJson(text: string, range: Range): ParsedPolicy {
  if (jsonTooDeepAt(text, MAX_POLICY_DEPTH) >= 0)
    return {
      statements: [],
      unknownReason: `the policy is nested over ${MAX_POLICY_DEPTH} levels deep`,
    };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { statements: [], unknownReason: 'the policy is not valid JSON' };
  }
  return policyOf(doc, range);
}

/**
 * The statements of a policy document, parsed or, from `jsonencode`, still a value whose unknown
 * parts (an ARN known after apply) stay unknown: a rule then decides what it can. Where the
 * statement list or an `Effect` is unknown, nothing can be decided.
 */
export function policyOf(doc: unknown, range: Range): ParsedPolicy {
  if (isUnknown(doc)) return { statements: [], unknownReason: doc.reason ?? 'computed at apply' };
  if (!isPlainObject(doc))
    return { statements: [], unknownReason: 'the policy is not a JSON object' };
  const statements: unknown[] = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const undecided = [doc.Statement, ...statements.flatMap(decisiveParts)].find(isUnknown);
  if (undecided) return { statements: [], unknownReason: undecided.reason ?? 'computed at apply' };
  return { statements: statements.filter(isPlainObject).map((s) => jsonStatement(s, range)) };
}

/** What must be known to judge a statement; unknown principals and conditions a rule weighs. */
function decisiveParts(statement: unknown): unknown[] {
  return isPlainObject(statement) ? [statement.Effect] : [statement];
}

function jsonStatement(s: Record<string, unknown>, range: Range): PolicyStatement {
  return {
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect: typeof s.Effect === 'string' ? s.Effect : 'Allow',
    principal: s.Principal,
    notPrincipal: s.NotPrincipal,
    actions: policyNames(s.Action ?? s.NotAction),
    actionsExcluded: s.Action === undefined && s.NotAction !== undefined,
    resources: policyNames(s.Resource ?? s.NotResource),
    resourcesExcluded: s.Resource === undefined && s.NotResource !== undefined,
    ...conditionsOf(s.Condition),
    range,
  };
}

/** The conditions known, and the first not known: the whole `Condition`, or an operator's keys. */
function conditionsOf(raw: unknown): Pick<PolicyStatement, 'conditions' | 'unknownConditions'> {
  if (isUnknown(raw)) return { conditions: {}, unknownConditions: raw };
  const conditions: Record<string, Record<string, unknown>> = {};
  let unknown: Unknown | undefined;
  if (isPlainObject(raw)) {
    for (const [op, keys] of Object.entries(raw)) {
      if (isPlainObject(keys)) conditions[op] = keys;
      else if (isUnknown(keys)) unknown ??= keys;
    }
  }
  return unknown === undefined ? { conditions } : { conditions, unknownConditions: unknown };
}

/** The actions or resources a statement names, one or a list, as written. */
export function policyNames(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map(written);
}

/**
 * A name as the configuration writes it: `${aws_s3_bucket.b.arn}/*` for an ARN known after apply,
 * so that two statements naming the same resource can be compared; `(unknown)` when nothing is.
 */
function written(value: unknown): string {
  if (!isUnknown(value)) return String(value);
  if (value.pieces !== undefined) return value.pieces.map(written).join('');
  const [ref, ...others] = value.refs;
  return ref !== undefined && others.length === 0 ? `\${${ref}}` : '(unknown)';
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v);
}
