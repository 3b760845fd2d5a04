import type { ArtifactEntry, ArtifactRule, Severity, ShippedType } from '@posture/model';
import { sentences } from '../messages.js';
import { atOrigin, entryName, exclusionAdvice, packedPath } from './place.js';

const WHAT: Partial<Record<ShippedType, string>> = {
  'source-map': 'a source map',
  env: 'an environment file',
  npmrc: 'an npm configuration file',
  'private-key': 'a private key',
  certificate: 'a certificate',
  archive: 'an archive',
  'typescript-source': 'TypeScript source',
};

const SEVERITY: Partial<Record<ShippedType, Severity>> = {
  'private-key': 'critical',
  certificate: 'medium',
};

/** The ignore line or `files` negation that keeps this kind of file out. */
function pattern(entry: ArtifactEntry): string {
  const path = packedPath(entry);
  switch (entry.type) {
    case 'source-map':
      return '*.map';
    case 'env':
      // `.env` and `.env.production`, or a name that ends in `.env` (`config/deploy.env`).
      return /^\.env/i.test(path.split('/').pop() ?? '') ? '.env*' : '*.env';
    case 'typescript-source': {
      const dir = path.split('/')[0];
      return path.includes('/') ? `${dir}/**/*.ts` : path;
    }
    default:
      return path;
  }
}

const rule: ArtifactRule = {
  kind: 'artifact',
  meta: {
    id: 'artifact-not-allowed',
    title: 'A file that must not ship is in the package',
    severity: 'high',
    why: 'Whatever is in the package is published to everyone who can install it, and a registry never forgets: in March 2026 a 60 MB source map with the whole TypeScript source shipped in an npm package because *.map was neither excluded by .npmignore nor left out of package.json "files". Source maps, TypeScript sources next to the built code (outside the template folders a scaffolder copies into new projects), .env files, private keys, certificates, .npmrc files and archives inside a package are almost never meant to ship. When the policy has an allowlist (artifact.allow globs and artifact.allowTypes), every file outside it is reported too.',
    fix: 'Keep the file out of the package where it gets in: narrow the "files" entry that matches it (list dist/**/*.js rather than dist), add a negation ("!dist/**/*.map") to "files", or add the pattern to .npmignore. A file of a bundled dependency ships as the "files" and .npmignore of that dependency say, which those of the package do not reach: drop the dependency from bundleDependencies. A VS Code extension (its directory, or a .vsix) is packed by vsce, which reads .vscodeignore (or "files", not both, where a negation does not keep anything out) with globs such as **/*.map; the asar of an Electron app by electron-builder ("files" globs such as "!**/*.map") or Electron Forge (packagerConfig.ignore). If the file must ship, admit its type in the policy (artifact.allowTypes) so the decision is written down.',
    bad: {
      language: 'json',
      code: `{
  "name": "acme-cli",
  "files": ["dist"]
}`,
    },
    good: {
      language: 'json',
      code: `{
  "name": "acme-cli",
  "files": ["dist/**/*.js", "dist/**/*.d.ts"]
}`,
    },
    tags: ['security', 'artifact', 'npm', 'source-code-exposure', 'secrets'],
    cwe: ['CWE-538', 'CWE-540'],
    precision: 'very-high',
  },
  check(observation) {
    if (observation.kind !== 'not-allowed') return [];
    const { entry, reason } = observation;
    const name = entryName(entry);
    const what = WHAT[entry.type];
    const because =
      reason === 'outside-allowlist'
        ? 'It matches no glob and no type of the allowlist in the policy (artifact.allow, artifact.allowTypes)'
        : reason === 'source-beside-build'
          ? 'The package ships built JavaScript, so its TypeScript sources are a copy of the source code, not part of the package'
          : `Such files are kept out of packages unless the policy admits the type (artifact.allowTypes: [${entry.type}])`;
    return [
      {
        ...atOrigin(entry),
        ...(SEVERITY[entry.type] && reason === 'denied-type' && { severity: SEVERITY[entry.type] }),
        message: sentences(
          `${name} ${what ? `is ${what} and ` : ''}would ship: it is let in by ${entry.origin.label}`,
          because,
          `To keep it out, ${exclusionAdvice(entry, pattern(entry))}`,
        ),
      },
    ];
  },
};

export default rule;
