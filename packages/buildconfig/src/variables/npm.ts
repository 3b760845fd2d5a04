/**
 * The environment npm (and pnpm and Yarn) runs a package.json script with: the package's `name`
 * and `version` as `npm_package_name` and `npm_package_version`, and each string of its `config`
 * as `npm_package_config_<key>`, so `"config": { "bucket": "acme-releases" }` makes
 * `$npm_package_config_bucket` in a script `acme-releases`.
 */
import { isRecord, type StructuredDoc } from '../structured/doc.js';
import { known, shellUses, substitutions, type Substitution } from './common.js';

export function npmSubstitutions(text: string, doc: StructuredDoc | undefined): Substitution[] {
  const pkg = doc?.data;
  if (!isRecord(pkg) || !text.includes('npm_package_')) return [];
  const values = new Map<string, unknown>([
    ['npm_package_name', pkg.name],
    ['npm_package_version', pkg.version],
    ...Object.entries(isRecord(pkg.config) ? pkg.config : {}).map(
      ([key, value]) => [`npm_package_config_${key}`, value] as const,
    ),
  ]);
  return substitutions(shellUses(text), ({ name }) => {
    const value = values.get(name);
    return typeof value === 'string' ? known(name, value) : undefined;
  });
}
