/**
 * Terraform's override files (`override.tf`, `*_override.tf` and their `.tf.json` forms) change
 * blocks declared in the module's other files. Each of their blocks is merged into the block it
 * names, as Terraform merges them (`configs/module_merge.go`, `module_merge_body.go`):
 * - an attribute replaces the base's attribute of that name;
 * - nested blocks of a type (a `dynamic "x"` counts as `x`) replace all the base's blocks of that
 *   type, whole, but for `lifecycle`, whose settings are merged one by one;
 * - a `locals` attribute replaces the local of that name, wherever it was declared;
 * - a provider is matched by name and `alias`; a default one (no alias) needs no base.
 * Any other block with no base to override is an error, as in Terraform. `terraform` blocks (backend,
 * required providers) hold nothing a scan reads: they are not merged.
 */
import type { Attribute, Block, ConfigFile, Span } from '../ast.js';
import { spanRange, type DiagnosticLog } from '../diagnostics.js';
import { findAttribute, findBlocks, literalText } from '../syntax.js';
import { namedBlock, type Declarations, type Declared } from './declarations.js';

export function mergeOverrides(
  declared: Declarations,
  file: ConfigFile,
  diagnostics: DiagnosticLog,
): void {
  const missing = (node: Span, what: string) =>
    diagnostics.report(
      'error',
      'override-without-base',
      `${file.path}: ${what} overrides nothing: no other file of the module declares it, so Terraform rejects this configuration`,
      spanRange(file.path, node),
    );
  const override = <T extends Declared<Block>>(
    map: Map<string, T>,
    key: string | undefined,
    block: Block,
  ): void => {
    const base = key === undefined ? undefined : map.get(key);
    if (key === undefined || base === undefined) return missing(block, describe(block));
    map.set(key, { ...base, node: mergeBlock(base.node, block, file.path) });
  };

  for (const item of file.body.items) {
    if (item.kind !== 'block') continue;
    const named = namedBlock(item);
    if (named?.index === 'resources') override(declared.resources, named.key, item);
    else if (named) override(declared[named.index], named.key, item);
    switch (item.type) {
      case 'locals':
        for (const attr of item.body.items) {
          if (attr.kind !== 'attribute') continue;
          if (declared.locals.has(attr.name)) declared.locals.set(attr.name, { node: attr, file });
          else missing(attr, `local.${attr.name}`);
        }
        break;
      case 'provider': {
        const at = declared.providers.findIndex(({ node }) => sameProvider(node, item));
        const base = declared.providers[at];
        if (base !== undefined) {
          declared.providers[at] = { ...base, node: mergeBlock(base.node, item, file.path) };
        } else if (alias(item) === undefined) {
          // Terraform lets an override declare a default provider: an empty one exists anyway.
          if (item.labels[0] !== undefined) declared.providers.push({ node: item, file });
        } else {
          missing(item, describe(item));
        }
        break;
      }
    }
  }
}

/** The base block with the override's items in place of those they replace. */
export function mergeBlock(base: Block, override: Block, from: string): Block {
  const attributes = new Set<string>();
  const blockTypes = new Set<string>();
  for (const item of override.body.items) {
    if (item.kind === 'attribute') attributes.add(item.name);
    else blockTypes.add(nestedType(item));
  }
  const kept = base.body.items.filter((item) =>
    item.kind === 'attribute' ? !attributes.has(item.name) : !blockTypes.has(nestedType(item)),
  );
  const merged = override.body.items.map((item) => mergedItem(base, item, from));
  return { ...base, body: { ...base.body, items: [...kept, ...merged] } };
}

/** An override's item as merged, marked with the file it is written in. */
function mergedItem(base: Block, item: Attribute | Block, from: string): Attribute | Block {
  const lifecycle =
    item.kind === 'block' && item.type === 'lifecycle' && findBlocks(base.body, 'lifecycle')[0];
  return lifecycle ? mergeBlock(lifecycle, item, from) : { ...item, mergedFrom: from };
}

function nestedType(block: Block): string {
  return block.type === 'dynamic' ? (block.labels[0]?.value ?? block.type) : block.type;
}

function sameProvider(a: Block, b: Block): boolean {
  return a.labels[0]?.value === b.labels[0]?.value && alias(a) === alias(b);
}

function alias(provider: Block): string | undefined {
  const attribute = findAttribute(provider.body, 'alias');
  return attribute && literalText(attribute.expr);
}

function describe(block: Block): string {
  return [block.type, ...block.labels.map((label) => `"${label.value}"`)].join(' ');
}
