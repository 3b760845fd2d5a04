import {
  packThenCheck,
  runsBeforePacking,
  type ArtifactObservation,
  type ArtifactRule,
} from '@posture/model';
import { sentences } from '../messages.js';

type Missing = Extract<ArtifactObservation, { kind: 'missing-target' }>;

/** What is not there, as the packer sees it. */
function notThere({ field, target, packer, missing }: Missing): string {
  if (missing === 'not-packed')
    return `package.json ${field} names ${target}, but nothing ${packer} would pack from this directory matches it`;
  return target.endsWith('/package.json')
    ? `package.json ${field} names the directory pnpm packs and publishes in place of this one, but ${target} is not there, and pnpm refuses to pack it without`
    : `package.json ${field} names ${target}, the directory pnpm packs and publishes in place of this one, but it is not there`;
}

/**
 * What names a symbolic link (or what is below one): npm and pnpm pack no links, so building
 * changes nothing; the file itself has to be there.
 */
function linked(missing: Missing, link: string): string {
  const { field, target, packer } = missing;
  const named = target.replace(/^\.\//, '').replace(/\/$/, '');
  const what =
    link === named ? `${target} is a symbolic link` : `${target} is below ${link}, a symbolic link`;
  return sentences(
    `${subject(missing)} would ship without what package.json ${field} names: ${what}, which ${packer} does not pack (${packer} packs no links, nor what a linked folder holds), so it is missing whatever is built`,
    'The gate fails, at any --fail-on but none',
    `Ship the file itself: put what ${link} leads to in its place (copy it there, or have the build write it there), then check the package again`,
  );
}

/** The package as package.json names it, quoted as written (npm names are lower case). */
function subject({ package: id, artifact }: Missing): string {
  if (id) return `Package ${JSON.stringify(id.name)}`;
  return artifact === '.' ? 'The package directory' : `The package directory ${artifact}`;
}

/** Whether the package builds what ships when it is packed, and so what the directory is. */
function builtWhen({ buildScripts, packer }: Missing): string {
  if (buildScripts.length === 0)
    return 'Nothing in package.json builds it when the package is packed: it is built by hand, or the field is wrong';
  return `${runsBeforePacking(packer, buildScripts)}, which may build it then: the directory as it is now is not what ships`;
}

const rule: ArtifactRule = {
  kind: 'artifact',
  meta: {
    id: 'artifact-target-missing',
    title: 'The package directory is not what ships: what package.json names is not there',
    severity: 'high',
    why: 'A package directory is what ships only once it is built. When its package.json points into a dist/ folder that a pack-time script (prepack, prepare, prepublishOnly, a VS Code extension\'s vscode:prepublish) or a build step produces, a directory checked before that build holds none of the files that will ship: no source map, no inlined credential, nothing for the gate to see, and it would pass. So would a package whose publishConfig.directory (the folder pnpm publishes in place of the package) is not built yet. A "files" entry, "main", "bin", "browser" or "exports" target that matches nothing the directory would pack, or a missing publishConfig.directory, means the gate did not see what ships: the finding fails the gate at any --fail-on but none, like an artifact that could not be read. What is missing while the package\'s ways in are there (each bin, main, the code exports "." names; a committed types file is none) is a leftover, such as a "files" entry npm ignores or a dead exports pattern, whatever scripts run at pack time ("prepare": "husky" builds nothing): a notice (artifact-target-unmatched), not a finding. A target that is a symbolic link, or below one, is missing however the package is built, since npm and pnpm pack no links: the finding says so.',
    fix: 'Check what ships rather than the source directory: pack it (npm pack, pnpm pack, vsce package) and run posture artifact on the archive it writes, before publishing that archive. Or build the package first and check the directory (which a pack-time script may still change). If a field names something that should not be there, fix package.json. If it names a symbolic link, ship the file itself in its place.',
    bad: {
      language: 'shell',
      code: `# package.json: "main": "dist/index.js", "files": ["dist"], "scripts": { "prepack": "tsc" }
posture artifact .   # dist/ is built at pack time: not there yet`,
    },
    good: {
      language: 'shell',
      code: `npm pack                                  # runs prepack, writes acme-cli-1.0.0.tgz
posture artifact acme-cli-1.0.0.tgz
npm publish acme-cli-1.0.0.tgz`,
    },
    tags: ['security', 'artifact', 'fail-closed', 'npm'],
    cwe: ['CWE-636'],
    precision: 'high',
  },
  check(observation) {
    if (observation.kind !== 'missing-target') return [];
    return [
      {
        location: observation.location,
        message:
          observation.symlink === undefined
            ? sentences(
                `${subject(observation)} is not what ships: ${notThere(observation)}`,
                builtWhen(observation),
                'What ships was not seen, so the gate fails closed, at any --fail-on but none',
                `Check the package as it ships: ${packThenCheck(observation.packer, observation.package)} (or build it first and check the directory)`,
              )
            : linked(observation, observation.symlink),
      },
    ];
  },
};

export default rule;
