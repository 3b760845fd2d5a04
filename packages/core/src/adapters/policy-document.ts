import {
  asArray,
  asString,
  isObject,
  isPlainObject,
  isUnknown,
  jsonTooDeepAt,
  MAX_POLICY_DEPTH,
  parsePolicyJson,
  policyNames,
  policyOf,
  Unknown,
  type ParsedPolicy,
  type PolicyStatement,
  type Range,
  type ResourceInstance,
  type Value,
  type ValueObject,
} from '@posture/model';
import { reasonAt } from '@posture/hcl';
import { unknownValue } from '@posture/rules';
import { rangeAt, valueAt, type Configured } from './attrs.js';
import type { AdapterContext } from './context.js';

/**
 * Reads an IAM policy however it was written: a JSON string (heredoc, `file()`, `jsonencode`), or a
 * `data.aws_iam_policy_document`, whose statement blocks are read directly so that findings point
 * at the statement that opens the bucket rather than at the `policy =` line.
 */
export function readPolicy(
  ctx: AdapterContext,
  owner: Configured,
  path: string,
): ParsedPolicy | undefined {
  const value = valueAt(owner.values, path);
  // A bucket read from state carries its computed `policy` as "" when it has none.
  if (value === undefined || value === null || value === '') return undefined;
  const documents = referencedDocuments(ctx, owner, value);
  // A document another one includes is read as part of it, not a second time.
  const included = new Set(documents.flatMap((d) => includedDocuments(ctx, d)));
  const roots = documents.filter((d) => !included.has(d.address));
  if (roots.length > 0) return merged(roots.map((d) => documentPolicy(ctx, d, new Set())));
  const range = rangeAt(owner, path);
  return valuePolicy(value, range, range);
}

/**
 * A policy given as a value: JSON text, or the known parts of a value known only at apply. Why it
 * is unknown is said for `at`, where a finding about it is, when the policy is written there: an
 * error in it is not placed again.
 */
function valuePolicy(value: Value, range: Range, at?: Range): ParsedPolicy {
  if (isUnknown(value) && value.encodes !== undefined) return policyOf(value.encodes, range);
  if (isUnknown(value) && value.pieces !== undefined) return policyOf(parsePieces(value), range);
  if (isUnknown(value)) {
    const reason = at === undefined ? value.reason : reasonAt(value, at);
    return { statements: [], unknownReason: reason ?? 'computed at apply' };
  }
  if (typeof value !== 'string') return { statements: [], unknownReason: 'not a JSON string' };
  return parsePolicyJson(value, range);
}

/** Where a document takes statements from others: before its own, and after them. */
const SOURCES = ['source_policy_documents', 'source_json'];
const OVERRIDES = ['override_policy_documents', 'override_json'];

/**
 * The statements a policy document renders, merged as Terraform merges them: its source documents',
 * then its own in place of any with the same sid, then its override documents' in place of any with
 * the same sid. A document included by reference is read from its blocks, so findings point at its
 * statements; one included as JSON text is parsed.
 */
function documentPolicy(
  ctx: AdapterContext,
  doc: ResourceInstance,
  seen: ReadonlySet<string>,
): ParsedPolicy {
  const inner = new Set([...seen, doc.address]);
  const sources = includedPolicies(ctx, doc, SOURCES, inner);
  const overrides = includedPolicies(ctx, doc, OVERRIDES, inner);
  const blocks = doc.values.statement;
  const own = asArray(blocks)
    .filter(isObject)
    .map((block, i) => blockStatement(doc, block, `statement.${i}`));
  const statements = bySid(bySid(sources.statements, own), overrides.statements);
  // Statement blocks not known before apply may allow anyone: the document cannot be read.
  const unknown = isUnknown(blocks)
    ? [
        {
          statements: [],
          unknownReason: unknownValue(`the statement list of ${doc.address}`, blocks),
          unknownRange: rangeAt(doc, 'statement'),
        },
      ]
    : [];
  return { ...merged([sources, overrides, ...unknown]), statements };
}

function includedPolicies(
  ctx: AdapterContext,
  doc: ResourceInstance,
  paths: readonly string[],
  seen: ReadonlySet<string>,
): ParsedPolicy {
  return merged(
    includedValues(doc, paths).map(({ value, path }) => {
      const documents = documentsOf(ctx, doc, value).filter((d) => !seen.has(d.address));
      return documents.length > 0
        ? merged(documents.map((d) => documentPolicy(ctx, d, seen)))
        : valuePolicy(value, rangeAt(doc, path));
    }),
  );
}

/** The addresses of the documents `doc` includes by reference, as sources or overrides. */
function includedDocuments(ctx: AdapterContext, doc: ResourceInstance): string[] {
  return includedValues(doc, [...SOURCES, ...OVERRIDES]).flatMap(({ value }) =>
    documentsOf(ctx, doc, value).map((d) => d.address),
  );
}

/** The values a document includes others by, with their paths: list elements, `*_json` strings. */
function includedValues(
  doc: ResourceInstance,
  paths: readonly string[],
): { value: Value; path: string }[] {
  return paths.flatMap((path) => {
    const value = doc.values[path];
    if (value === undefined || value === null) return [];
    return Array.isArray(value)
      ? value.map((item, i) => ({ value: item, path: `${path}.${i}` }))
      : [{ value, path }];
  });
}

/** The policy documents an unknown value is the rendering of. */
function documentsOf(ctx: AdapterContext, near: Configured, value: Value): ResourceInstance[] {
  if (!isUnknown(value)) return [];
  return value.resources.map((a) => ctx.resource(a, near)).filter(isPolicyDocument);
}

/** `base` without the statements whose sid a later one reuses, then the later ones. */
function bySid(
  base: readonly PolicyStatement[],
  later: readonly PolicyStatement[],
): PolicyStatement[] {
  const replaced = new Set(
    later.map((s) => s.sid).filter((sid) => sid !== undefined && sid !== ''),
  );
  return [...base.filter((s) => s.sid === undefined || !replaced.has(s.sid)), ...later];
}

function merged(parts: readonly ParsedPolicy[]): ParsedPolicy {
  const unknown = parts.find((p) => p.unknownReason !== undefined);
  const statements = parts.flatMap((p) => p.statements);
  if (unknown === undefined) return { statements };
  const { unknownReason, unknownRange } = unknown;
  return { statements, unknownReason, ...(unknownRange && { unknownRange }) };
}

/**
 * The policy documents the value comes from: the refs of an unknown value, or, once the evaluator
 * has rendered the document to a known string, the one document the owner refers to.
 */
function referencedDocuments(
  ctx: AdapterContext,
  owner: Configured,
  value: Value,
): ResourceInstance[] {
  const refs = isUnknown(value) ? value.resources : (owner.references ?? []);
  const documents = refs.map((a) => ctx.resource(a, owner)).filter(isPolicyDocument);
  return isUnknown(value) || documents.length === 1 ? documents : [];
}

/** The data source policies are built from. */
export const POLICY_DOCUMENT_READS: readonly string[] = ['aws_iam_policy_document'];

function isPolicyDocument(r: ResourceInstance | undefined): r is ResourceInstance {
  return r?.mode === 'data' && r.type === 'aws_iam_policy_document';
}

const MARK = '\u2063posture-unknown\u2063';

/**
 * The JSON a template renders, with its unknown interpolations as unknown values: each stands in
 * the text as a marker while parsing. An unknown outside a string, or in a key, leaves the whole
 * document unknown.
 */
function parsePieces(value: Unknown): unknown {
  const unknowns: Unknown[] = [];
  const text = (value.pieces ?? [])
    .map((piece) =>
      typeof piece === 'string' ? piece : `${MARK}${unknowns.push(piece) - 1}${MARK}`,
    )
    .join('');
  if (jsonTooDeepAt(text, MAX_POLICY_DEPTH) >= 0) return value;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return value;
  }
  let inKey = false;
  const restore = (node: unknown): unknown => {
    if (typeof node === 'string') return node.includes(MARK) ? unknownIn(node, unknowns) : node;
    if (Array.isArray(node)) return node.map(restore);
    if (!isPlainObject(node)) return node;
    inKey ||= Object.keys(node).some((key) => key.includes(MARK));
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, restore(item)]));
  };
  const restored = restore(doc);
  return inKey ? value : restored;
}

/** What a string with markers stands for: the one unknown it is, or text around those it holds. */
function unknownIn(text: string, unknowns: readonly Unknown[]): Unknown {
  const pieces = text
    .split(MARK)
    .map((part, i) => (i % 2 === 1 ? (unknowns[Number(part)] as Unknown) : part))
    .filter((piece) => piece !== '');
  const found = pieces.filter(isUnknown);
  const [first] = found;
  if (pieces.length === 1 && first) return first;
  return new Unknown([...new Set(found.flatMap((u) => u.refs))], first?.reason, { pieces });
}

function blockStatement(doc: ResourceInstance, block: ValueObject, path: string): PolicyStatement {
  return {
    sid: asString(block.sid),
    effect: asString(block.effect) ?? 'Allow',
    principal: principalsOf(block.principals),
    notPrincipal: principalsOf(block.not_principals),
    actions: policyNames(block.actions ?? block.not_actions),
    actionsExcluded: block.actions === undefined && block.not_actions !== undefined,
    resources: policyNames(block.resources ?? block.not_resources),
    resourcesExcluded: block.resources === undefined && block.not_resources !== undefined,
    ...blockConditions(block.condition),
    range: rangeAt(doc, principalPath(block, path)),
  };
}

/** Points a statement at its `principals` block when it has one: that is what makes it public. */
function principalPath(block: ValueObject, path: string): string {
  return asArray(block.principals).length > 0 ? `${path}.principals.0` : path;
}

/** `principals { type = "*" }` renders `"Principal": "*"`; other types render a map of lists. */
function principalsOf(blocks: Value | undefined): unknown {
  // Blocks not known before apply are a principal not known, which a rule weighs.
  if (isUnknown(blocks)) return blocks;
  const list = asArray(blocks).filter(isObject);
  if (list.length === 0) return undefined;
  if (list.some((p) => p.type === '*')) return '*';
  // By type in a Map: a type is data (`toString` found Object.prototype's function, not a list).
  const principal = new Map<string, unknown[]>();
  for (const p of list) {
    const type = asString(p.type) ?? '?';
    principal.set(type, [...(principal.get(type) ?? []), ...listOf(p.identifiers)]);
  }
  return Object.fromEntries(principal);
}

/**
 * `condition` blocks as JSON conditions. Blocks not known before apply (`dynamic "condition"`), or
 * one whose test or variable is not, are conditions not known, which may narrow the statement: as
 * no conditions, it read as unconditionally public, and an unknown test as one that narrows.
 */
function blockConditions(
  blocks: Value | undefined,
): Pick<PolicyStatement, 'conditions' | 'unknownConditions'> {
  if (isUnknown(blocks)) return { conditions: {}, unknownConditions: blocks };
  const byTest = new Map<string, Record<string, unknown>>();
  let unknown: Unknown | undefined;
  for (const c of asArray(blocks).filter(isObject)) {
    const undecided = [c.test, c.variable].find(isUnknown);
    if (undecided !== undefined) {
      unknown ??= undecided;
      continue;
    }
    const test = asString(c.test) ?? '?';
    const variable = asString(c.variable) ?? '?';
    byTest.set(test, { ...byTest.get(test), [variable]: listOf(c.values) });
  }
  const conditions = Object.fromEntries(byTest);
  return unknown === undefined ? { conditions } : { conditions, unknownConditions: unknown };
}

/** A list's elements; a list unknown as a whole is one unknown element, for a rule to weigh. */
function listOf(value: Value | undefined): Value[] {
  return isUnknown(value) ? [value] : asArray(value);
}
