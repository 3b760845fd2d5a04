import { Unknown, type ProviderConfig, type ProviderRef } from '@posture/model';
import type { ModuleTree } from './module-tree.js';
import type { Configuration } from './plan-json.js';
import { expressionRanges, type PlanSource } from './ranges.js';
import { expressionValues, unrecorded } from './references.js';

/** Provider arguments holding credentials: the plan records their constants; we never copy them. */
const CREDENTIALS = new Set([
  'access_key',
  'secret_key',
  'token',
  'credentials',
  'access_token',
  'api_token',
  'api_key',
  'api_user_service_key',
]);

/** Every `provider` block of the configuration, with its arguments and their ranges in the plan. */
export function providerConfigs(
  configuration: Configuration | undefined,
  source: PlanSource,
  tree: ModuleTree,
): ProviderConfig[] {
  return Object.entries(configuration?.provider_config ?? {}).map(([key, config]) => {
    const module = config.module_address ?? '';
    const values = expressionValues(config.expressions, unrecorded({ module, tree }));
    for (const name of Object.keys(values)) {
      if (CREDENTIALS.has(name)) values[name] = new Unknown([], 'sensitive');
    }
    return {
      ...ref(config.name, config.alias, module),
      values,
      ranges: expressionRanges(
        source,
        ['configuration', 'provider_config', key],
        config.expressions,
      ),
    };
  });
}

/**
 * The provider block a resource uses, from its `provider_config_key` (`aws`, `aws.west`,
 * `module.x:aws`) as Terraform resolved it through `providers = {...}` inheritance. Without a
 * configuration (state files): the provider type named by `provider_name`, in the root module.
 */
export function providerRef(
  key: string | undefined,
  configs: Configuration['provider_config'],
  providerName: string | undefined,
): ProviderRef {
  const config = key === undefined ? undefined : configs?.[key];
  if (config) return ref(config.name, config.alias, config.module_address ?? '');
  if (key !== undefined) return parseProviderKey(key);
  return ref(providerName?.split('/').at(-1) ?? '', undefined, '');
}

/** `module.x:aws.west` → module `module.x`, name `aws`, alias `west`. */
function parseProviderKey(key: string): ProviderRef {
  const colon = key.lastIndexOf(':');
  const module = colon < 0 ? '' : key.slice(0, colon);
  const [name = '', alias] = key.slice(colon + 1).split('.', 2);
  return ref(name, alias, module);
}

function ref(name: string, alias: string | undefined, module: string): ProviderRef {
  return alias === undefined ? { name, module } : { name, alias, module };
}
