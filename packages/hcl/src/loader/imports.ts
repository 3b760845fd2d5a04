/**
 * `import` blocks (Terraform and OpenTofu 1.5+): which resource instance each adopts, and by what ID.
 * A bucket adopted by its name may leave the name out of its configuration: the provider reads it
 * from the adopted bucket, and a plan shows it. The scan takes it from the import block the same way.
 * https://developer.hashicorp.com/terraform/language/block/import
 */
import { asString, isObject, ownEntry, type Range, type Value } from '@posture/model';
import type { Block, Expression } from '../ast.js';
import { spanRange } from '../diagnostics.js';
import { evaluate } from '../eval/expressions.js';
import { expand } from '../eval/for-each.js';
import { itemEnv, type Env } from '../eval/scope.js';
import { formatKey } from '../eval/unknowns.js';
import { getKey } from '../eval/values.js';
import type { BlockValues } from '../inventory/blocks.js';
import { findAttribute } from '../syntax.js';
import type { Declared } from './module.js';

/** One instance an import block adopts, by its `id` or by its `identity` (Terraform 1.12+). */
export interface Adoption {
  readonly by: 'id' | 'identity';
  readonly value: Value;
  readonly range: Range;
}

/**
 * The resource types whose import ID is their name, and the argument that holds it when written.
 * aws_s3_bucket: "import S3 bucket using the `bucket`", as `id` or as `identity = { bucket = … }`
 * (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket#import);
 * a `bucket_prefix` instead makes AWS choose the name, so the ID tells nothing new there.
 * google_storage_bucket and cloudflare_r2_bucket are not listed: their `name` is required, and an
 * import into a configuration naming another bucket replaces the adopted one.
 */
const NAMED_BY_IMPORT: Readonly<Record<string, { argument: string; instead: string }>> = {
  aws_s3_bucket: { argument: 'bucket', instead: 'bucket_prefix' },
};

/**
 * Every instance the `import` blocks adopt, by address. An import whose `for_each`, or the key in
 * whose `to`, is not known adopts nothing the scan can place.
 */
export function adoptions(
  imports: readonly Declared<Block>[],
  env: (file: string, bindings: Readonly<Record<string, Value>>) => Env,
): Map<string, Adoption> {
  const adopted = new Map<string, Adoption>();
  for (const { node, file } of imports) {
    const to = findAttribute(node.body, 'to');
    const written = findAttribute(node.body, 'id') ?? findAttribute(node.body, 'identity');
    const expansion = expand(node.body, env(file.path, {}));
    if (!to || !written || expansion.unknown) continue;
    for (const instance of expansion.instances) {
      const instanceEnv = env(file.path, instance.bindings);
      const address = addressOf(to.expr, itemEnv(instanceEnv, to));
      if (address === undefined) continue;
      adopted.set(address, {
        by: written.name === 'id' ? 'id' : 'identity',
        value: evaluate(written.expr, itemEnv(instanceEnv, written)),
        range: spanRange(file.path, written),
      });
    }
  }
  return adopted;
}

/** `aws_s3_bucket.b["k"]`, `module.m[0].aws_s3_bucket.b`: an import's `to`, keys evaluated. */
function addressOf(expr: Expression, env: Env): string | undefined {
  switch (expr.type) {
    case 'variable':
      return expr.name;
    case 'getattr': {
      const head = addressOf(expr.object, env);
      return head && `${head}.${expr.name}`;
    }
    case 'index': {
      const head = addressOf(expr.object, env);
      const key = evaluate(expr.key, env);
      return head !== undefined && (typeof key === 'string' || typeof key === 'number')
        ? head + formatKey(key)
        : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A resource's values with the name an import block adopts it by, where its type is named by its
 * import ID and its configuration leaves the name to the provider.
 */
export function namedByImport(
  type: string,
  body: BlockValues,
  adoption: () => Adoption | undefined,
): BlockValues {
  const named = ownEntry(NAMED_BY_IMPORT, type);
  // An argument set to null is one left out.
  const written = (argument: string) => (getKey(body.values, argument) ?? null) !== null;
  if (!named || written(named.argument) || written(named.instead)) return body;
  const adopted = adoption();
  const name =
    adopted && asString(adopted.by === 'id' ? adopted.value : identityOf(adopted, named.argument));
  if (!adopted || name === undefined) return body;
  return {
    ...body,
    values: { ...body.values, [named.argument]: name },
    ranges: { ...body.ranges, [named.argument]: adopted.range },
  };
}

function identityOf(adopted: Adoption, argument: string): Value | undefined {
  return isObject(adopted.value) ? getKey(adopted.value, argument) : undefined;
}
