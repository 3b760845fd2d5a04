/** Provider configurations, and which one applies to a resource after module inheritance. */
import type { ProviderConfig, ProviderRef } from '@posture/model';
import type { Block, Expression } from '../ast.js';
import { spanRange, withinLimits } from '../diagnostics.js';
import type { ModuleInstance } from '../loader/instance.js';
import type { Declared, ResourceDecl } from '../loader/module.js';
import { findAttribute, literalText, traversalNames } from '../syntax.js';
import { evaluateBlock } from './blocks.js';

interface LocalProvider {
  readonly name: string;
  readonly alias?: string;
}

export function providerConfigs(instance: ModuleInstance): ProviderConfig[] {
  return instance.module.providers.flatMap((decl) =>
    withinLimits(
      instance.diagnostics,
      spanRange(decl.file.path, decl.node),
      () => {
        const { values, ranges } = evaluateBlock(decl.node, instance.env(decl.file.path));
        const rootModule = instance.rootDir;
        return [
          { ...declaredProvider(decl), module: instance.address, values, ranges, rootModule },
        ];
      },
      [],
    ),
  );
}

/**
 * `provider = aws.west`, or the provider the resource type's prefix names, resolved to the module
 * whose provider block applies: its own, else what its caller passes in `providers`, else the
 * caller's default configuration.
 */
export function providerRef(instance: ModuleInstance, decl: ResourceDecl): ProviderRef {
  const meta = findAttribute(decl.node.body, 'provider');
  const [name, alias] = (meta && providerNames(meta.expr)) ?? [
    decl.type.split('_')[0] ?? decl.type,
  ];
  return resolve(instance, provider(name ?? decl.type, alias));
}

function resolve(instance: ModuleInstance, wanted: LocalProvider): ProviderRef {
  const declared = instance.module.providers.some((decl) =>
    sameProvider(declaredProvider(decl), wanted),
  );
  const site = instance.callSite;
  if (declared || !site) return { ...wanted, module: instance.address };
  return resolve(site.caller, passedProvider(site.decl, wanted) ?? wanted);
}

/**
 * What a module call's `providers = { aws = aws.west }` passes, by the name the module knows each
 * by, resolved in the caller: a module that is not read has no resources to carry them.
 */
export function passedProviders(
  caller: ModuleInstance,
  call: Declared<Block>,
): Record<string, ProviderRef> | undefined {
  const map = providerMap(call);
  if (map.length === 0) return undefined;
  return Object.fromEntries(
    map.map(([inner, outer]) => [providerKey(inner), resolve(caller, outer)]),
  );
}

/** The caller's provider that a module call's `providers = { aws = aws.west }` maps `wanted` to. */
function passedProvider(call: Declared<Block>, wanted: LocalProvider): LocalProvider | undefined {
  return providerMap(call).find(([inner]) => sameProvider(inner, wanted))?.[1];
}

/** The pairs of a call's `providers` map: the module's provider, and the caller's it is given. */
function providerMap(call: Declared<Block>): [LocalProvider, LocalProvider][] {
  const map = findAttribute(call.node.body, 'providers');
  if (map?.expr.type !== 'object') return [];
  return map.expr.items.flatMap((item) => {
    const [keyName, keyAlias] = providerNames(item.key) ?? [];
    const [name, alias] = providerNames(item.value) ?? [];
    return keyName && name
      ? [[provider(keyName, keyAlias), provider(name, alias)] as [LocalProvider, LocalProvider]]
      : [];
  });
}

/** `aws`, or `aws.west` for an alias: as the `providers` map names it. */
function providerKey({ name, alias }: LocalProvider): string {
  return alias === undefined ? name : `${name}.${alias}`;
}

/**
 * `aws.west`, or OpenTofu's `aws.by_region[each.key]` — one instance of a provider configuration
 * with `for_each`, all of which share the block's settings as Posture reads them.
 */
function providerNames(expr: Expression): string[] | undefined {
  return traversalNames(expr.type === 'index' ? expr.object : expr);
}

function declaredProvider(decl: Declared<Block>): LocalProvider {
  const alias = findAttribute(decl.node.body, 'alias');
  return provider(decl.node.labels[0]?.value ?? '', alias && literalText(alias.expr));
}

function provider(name: string, alias: string | undefined): LocalProvider {
  return alias === undefined ? { name } : { name, alias };
}

function sameProvider(a: LocalProvider, b: LocalProvider): boolean {
  return a.name === b.name && a.alias === b.alias;
}
