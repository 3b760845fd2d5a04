/**
 * The environment npm (and pnpm and Yarn) runs a package.json script with: the package's `name`
 * and `version` as `npm_package_name` and `npm_package_version`, and each string of its `config`
 * as `npm_package_config_<key>`, so `"config": { "bucket": "acme-releases" }` makes
 * `$npm_package_config_bucket` in a script `acme-releases`, and in the scripts it runs.
 */
import { isRecord, type StructuredDoc } from '../structured/doc.js';
import { known, shellUses, substitutions, type Given, type Substitution } from './common.js';

export function npmSubstitutions(text: string, doc: StructuredDoc | undefined): Substitution[] {
  if (!text.includes('npm_package_')) return [];
  const values = npmVariables(doc);
  return substitutions(shellUses(text), ({ name }) => values.get(name));
}

/**
 * What a package.json passes to the scripts its commands run (`"release": "sh scripts/upload.sh"`),
 * at each offset: npm's variables, where the offset is in a command of `scripts`, which npm runs
 * with them; nothing elsewhere.
 */
export function npmEnvironments(doc: StructuredDoc | undefined): (offset: number) => Given {
  const none: Given = new Map();
  let values: Given | undefined;
  return (offset) =>
    doc?.pathAt(offset)?.[0] === 'scripts' ? (values ??= npmVariables(doc)) : none;
}

/** npm's variables of the package, each known value. */
function npmVariables(doc: StructuredDoc | undefined): Map<string, string> {
  const pkg = doc?.data;
  if (!isRecord(pkg)) return new Map();
  const written = new Map<string, unknown>([
    ['npm_package_name', pkg.name],
    ['npm_package_version', pkg.version],
    ...Object.entries(isRecord(pkg.config) ? pkg.config : {}).map(
      ([key, value]) => [`npm_package_config_${key}`, value] as const,
    ),
  ]);
  const values = new Map<string, string>();
  for (const [name, value] of written) {
    const literal = typeof value === 'string' ? known(name, value) : undefined;
    if (literal !== undefined) values.set(name, literal);
  }
  return values;
}
