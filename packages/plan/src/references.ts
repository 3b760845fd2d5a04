import {
  AFTER_APPLY,
  refResource,
  splitAddress,
  Unknown,
  type Value,
  type ValueObject,
} from '@posture/model';
import {
  configAddress,
  formatKey,
  instanceKey,
  parseModuleInstance,
  qualify,
} from './addresses.js';
import type { ValuePath } from './masks.js';
import type { ModuleTree } from './module-tree.js';
import type { ConfigModule, ConfigResource, Expression, Expressions } from './plan-json.js';

/** Reference roots that name no resource. */
const NOT_RESOURCES = new Set([
  'var',
  'local',
  'each',
  'count',
  'path',
  'terraform',
  'self',
  'module',
  'ephemeral',
]);

/** Why an argument Terraform recorded only by its references has no value in a plan. */
export const UNRECORDED = 'not evaluated in the plan';

export interface ReferenceContext {
  /** Module instance the expression is evaluated in, `''` for root. */
  readonly module: string;
  /** `each.key` or `count.index` of the resource (or module) instance, when it has one. */
  readonly key?: string | number;
  /** The references of the `for_each` of that resource (or module call): what `each.value` reads. */
  readonly forEach?: readonly string[];
  /** The plan's modules and resource instances. */
  readonly tree: ModuleTree;
}

/** A member of a block body. */
export type BodyMember = Expression | Expressions | readonly Expressions[];

/** Configuration resources by configuration address (`module.a.aws_s3_bucket.b`). */
export function indexConfigResources(root: ConfigModule | undefined): Map<string, ConfigResource> {
  const index = new Map<string, ConfigResource>();
  const walk = (module: ConfigModule | undefined, prefix: string): void => {
    for (const resource of module?.resources ?? []) index.set(prefix + resource.address, resource);
    for (const [name, call] of Object.entries(module?.module_calls ?? {})) {
      walk(call.module, `${prefix}module.${name}.`);
    }
  };
  walk(root, '');
  return index;
}

export function configResourceOf(
  index: ReadonlyMap<string, ConfigResource>,
  address: string,
): ConfigResource | undefined {
  return index.get(configAddress(address));
}

/**
 * The resource references of one expression as absolute addresses, e.g. `aws_s3_bucket.x.id`.
 * Terraform lists `aws_s3_bucket.x.id` and `aws_s3_bucket.x`: the one the other extends is dropped.
 * For `aws_s3_bucket.x[each.key].id` it lists only `aws_s3_bucket.x` and `each.key` (the dynamic
 * index is lost, which breaks Trivy's links for for_each), so when an expression uses the
 * instance's own key and that instance of the target exists, the reference is narrowed to it.
 * `each.value` is followed to what the `for_each` reads, narrowed the same way (`eachValue`).
 */
export function resolveReferences(
  references: readonly string[],
  context: ReferenceContext,
  followed = new Set<string>(),
): string[] {
  const byOwnKey = references.some((ref) => ref === 'each.key' || ref === 'count.index');
  const found = new Set<string>();
  for (const ref of references.filter((r) => !references.some((other) => extend(other, r)))) {
    if (isResourceReference(ref)) {
      const qualified = qualify(context.module, ref);
      found.add(byOwnKey ? narrow(qualified, context) : qualified);
      for (const behind of writtenArgument(ref, context, followed)) found.add(behind);
    } else if (ref === EACH_VALUE || ref.startsWith(`${EACH_VALUE}.`)) {
      for (const element of eachValue(ref, context, followed)) found.add(element);
    } else {
      for (const behind of acrossModules(ref, context, followed)) found.add(behind);
    }
  }
  return [...found];
}

const EACH_VALUE = 'each.value';

/**
 * What another managed resource's argument was written as, when it is not known before apply:
 * `aws_s3_bucket_policy`'s `bucket = aws_s3_bucket_website_configuration.w.bucket`, written
 * `aws_s3_bucket.b.id`, is that bucket's id, as the provider plans a written argument and as the HCL
 * evaluator reads it. Terraform records only the reference to the website configuration, so without
 * this the policy would join no bucket; the website configuration stays one it refers to. None for an attribute the configuration does not write (an
 * `id`) or writes as a constant, which the plan holds as a value.
 */
function writtenArgument(ref: string, context: ReferenceContext, followed: Set<string>): string[] {
  const [type, name, attribute, ...deeper] = splitAddress(ref);
  if (name === undefined || attribute === undefined || deeper.length > 0) return [];
  const id = `${context.module}\n${ref}`;
  if (type === 'data' || followed.has(id)) return [];
  followed.add(id);
  const resource = context.tree.resourceAt(context.module, `${type}.${withoutKey(name)}`);
  const written = resource?.expressions?.[attribute];
  if (written === undefined || !isExpression(written)) return [];
  const key = instanceKey(name);
  const forEach = resource?.for_each_expression?.references;
  const scope = { module: context.module, tree: context.tree, ...(forEach && { forEach }) };
  return resolveReferences(
    written.references ?? [],
    key === undefined ? scope : { ...scope, key },
    followed,
  );
}

/**
 * The resources behind `each.value.id`: for `for_each = aws_s3_bucket.b` (or a `for` expression
 * over it, or a variable or output that passes it on), the element with the instance's own key,
 * `aws_s3_bucket.b["k"].id`, as the HCL evaluator binds `each.value`. Terraform records only
 * `each.value.id`, and the bucket's id is unknown until apply: without this, the setting would
 * join no bucket. A target without that instance (a `for_each` keyed otherwise) stays whole.
 */
function eachValue(ref: string, context: ReferenceContext, followed: Set<string>): string[] {
  // `for_each` cannot read `each`: resolved without it, a crafted plan cannot make it loop.
  const { forEach = [], ...scope } = context;
  const attribute = ref.slice(EACH_VALUE.length);
  return resolveReferences(forEach, scope, followed).map((target) => {
    const element = narrow(target, context);
    return element === target ? target : element + attribute;
  });
}

/**
 * The resources behind `var.x` (the argument the module's caller passes) and `module.c.o` (the
 * output's expression). Terraform records references but not the values modules pass, so a bucket
 * created in one module and configured in another is joined only by following them.
 */
function acrossModules(ref: string, context: ReferenceContext, followed: Set<string>): string[] {
  const { tree } = context;
  // Each reference is followed once per module instance, so a cycle (which Terraform rejects, but
  // a plan file is untrusted input) or a diamond of modules costs no more than the tree's size.
  const id = `${context.module}\n${ref}`;
  if (followed.has(id)) return [];
  followed.add(id);
  const [root, first, second] = splitAddress(ref).map(withoutKey);
  if (root === 'var' && first !== undefined && context.module !== '') {
    const call = tree.callOf(context.module);
    const argument = call?.expressions?.[first];
    if (argument === undefined || !isExpression(argument)) return [];
    const { parent, key } = parseModuleInstance(context.module);
    const forEach = call?.for_each_expression?.references;
    return resolveReferences(
      argument.references ?? [],
      { module: parent, key, forEach, tree },
      followed,
    );
  }
  if (root === 'module' && first !== undefined && second !== undefined) {
    const callPart = splitAddress(ref)[1] ?? '';
    const call = tree.configAt(context.module)?.module_calls?.[first];
    if (call === undefined) return [];
    const named = qualify(context.module, `module.${callPart}`);
    const targets = callPart === first ? tree.instancesOf(context.module, first, call) : [named];
    return targets.flatMap((instance) => {
      const output = tree.configAt(instance)?.outputs?.[second]?.expression;
      const { key } = parseModuleInstance(instance);
      return resolveReferences(output?.references ?? [], { module: instance, key, tree }, followed);
    });
  }
  return [];
}

function withoutKey(part: string): string {
  return part.replace(/\[.*\]$/, '');
}

/**
 * The addresses of the resources a configuration resource refers to: through its expressions, and
 * through `depends_on` (as the HCL loader counts them, so both inputs give the same links).
 */
export function referencedResources(config: ConfigResource, context: ReferenceContext): string[] {
  const lists = [...expressionsIn(config.expressions)].map((e) => e.references ?? []);
  const found = new Set<string>();
  for (const references of [...lists, config.depends_on ?? []]) {
    for (const ref of resolveReferences(references, context)) found.add(refResource(ref));
  }
  return [...found];
}

/**
 * The expression that produced the value at `path`: nested blocks are followed by name and index,
 * and an expression reached before the path ends stands for everything inside its value.
 */
export function expressionAt(
  body: Expressions | undefined,
  path: ValuePath,
): Expression | undefined {
  const node = memberAt(body, path);
  return node !== undefined && isExpression(node) ? node : undefined;
}

/**
 * Whether the configuration writes the block at `path` (`default_cache_behavior.0`): a body, not an
 * expression whose value holds it, nor a `dynamic` block, which the plan's configuration leaves out.
 */
export function writesBlock(body: Expressions | undefined, path: ValuePath): boolean {
  const node = memberAt(body, path);
  return node !== undefined && !isExpression(node) && !Array.isArray(node);
}

/** What is written at `path`, or the expression met on the way there. */
function memberAt(body: Expressions | undefined, path: ValuePath): BodyMember | undefined {
  let node: BodyMember | undefined = body;
  for (const segment of path) {
    if (node === undefined || isExpression(node)) break;
    node = (node as Record<string | number, BodyMember | undefined>)[segment];
  }
  return node;
}

/**
 * A configuration body as values: constants as written, block bodies as objects (arrays for list
 * blocks), and each expression Terraform did not evaluate as `unresolved(references)`.
 */
export function expressionValues(
  body: Expressions | undefined,
  unresolved: (references: readonly string[]) => Value,
): ValueObject {
  const values: ValueObject = {};
  for (const [name, node] of Object.entries(body ?? {})) values[name] = nodeValue(node, unresolved);
  return values;
}

/** `unresolved` for `expressionValues`: an Unknown keeping the expression's resource references. */
export function unrecorded(context: ReferenceContext): (references: readonly string[]) => Unknown {
  return (references) => new Unknown(resolveReferences(references, context), UNRECORDED);
}

function nodeValue(node: BodyMember, unresolved: (references: readonly string[]) => Value): Value {
  if (isBlockList(node)) return node.map((block) => expressionValues(block, unresolved));
  if (!isExpression(node)) return expressionValues(node, unresolved);
  return 'constant_value' in node
    ? (node.constant_value as Value)
    : unresolved(node.references ?? []);
}

function* expressionsIn(body: Expressions | undefined): Generator<Expression> {
  for (const node of Object.values(body ?? {})) {
    if (isBlockList(node)) for (const block of node) yield* expressionsIn(block);
    else if (isExpression(node)) yield node;
    else yield* expressionsIn(node);
  }
}

export function isBlockList(node: BodyMember): node is readonly Expressions[] {
  return Array.isArray(node);
}

/** An expression holds `constant_value` or `references`; any other object is a block body. */
export function isExpression(node: BodyMember): node is Expression {
  return !isBlockList(node) && ('constant_value' in node || 'references' in node);
}

function isResourceReference(ref: string): boolean {
  return !NOT_RESOURCES.has(ref.split('.', 1)[0] ?? '');
}

/**
 * What an expression reads, for whether the configuration evaluates it to what the plan would:
 * `resources` (and the instance's own key, the module's path) always; `variables` (also variables,
 * locals and module outputs, which derive from the root variables) when the configuration is
 * evaluated with the plan's variables; `more` (the workspace, ephemeral values) never.
 */
export type Reads = 'resources' | 'variables' | 'more';

const ROOTS_READ: Readonly<Record<string, Reads>> = {
  each: 'resources',
  count: 'resources',
  path: 'resources',
  self: 'resources',
  var: 'variables',
  local: 'variables',
  module: 'variables',
};

export function whatItReads(references: readonly string[]): Reads {
  let reads: Reads = 'resources';
  for (const ref of references) {
    const root = ref.split('.', 1)[0] ?? '';
    const kind = isResourceReference(ref) ? 'resources' : (ROOTS_READ[root] ?? 'more');
    if (kind === 'more') return kind;
    if (kind === 'variables') reads = kind;
  }
  return reads;
}

/**
 * A value known only after apply, with what its expression reads (`whatItReads`). The
 * configuration may evaluate it to known parts an HCL scan keeps (a `jsonencode` policy around the
 * bucket's ARN) and a plan records nothing of: mapping a plan to its configuration may then take
 * them (`mapToConfiguration`).
 */
export class AfterApply extends Unknown {
  constructor(
    refs: readonly string[],
    readonly reads: Reads,
  ) {
    super(refs, AFTER_APPLY);
  }
}

/**
 * A value known after apply in a block a `dynamic` block makes, of which the plan's configuration
 * records no expression (`domain_name = origin.value.domain_name` in a registry module's
 * distribution): the plan names nothing it reads. What the block's `for_each` reads is not
 * recorded either: it is read as reading variables, so that a configuration evaluated with the
 * plan's variables, which knows the block, says what it is (see `mapToConfiguration`).
 */
export const DYNAMIC_AFTER_APPLY = new AfterApply([], 'variables');

/** `aws_s3_bucket.x.id` extends `aws_s3_bucket.x`; so does `aws_s3_bucket.x["k"]`. */
function extend(longer: string, shorter: string): boolean {
  return longer.startsWith(`${shorter}.`) || longer.startsWith(`${shorter}[`);
}

function narrow(ref: string, context: ReferenceContext): string {
  if (context.key === undefined || refResource(ref) !== ref || ref.endsWith(']')) return ref;
  const instance = ref + formatKey(context.key);
  return context.tree.instances.has(instance) ? instance : ref;
}
