import type { ArtifactEntry, ArtifactRule } from '@posture/model';
import { sentences } from '../messages.js';
import {
  atOrigin,
  coverageFolder,
  entryName,
  exclusionAdvice,
  mapPattern,
  packedPath,
} from './place.js';

/**
 * The folder coverage data is written to (`coverage`, `.nyc_output`, also for c8's
 * `coverage/tmp`), else the file's own folder (`NODE_V8_COVERAGE` names any), or the file at the
 * root.
 */
function folderOf(entry: ArtifactEntry): string {
  const path = packedPath(entry);
  const slash = path.lastIndexOf('/');
  return coverageFolder(path) ?? (slash < 0 ? path : path.slice(0, slash));
}

const rule: ArtifactRule = {
  kind: 'artifact',
  meta: {
    id: 'artifact-sources-content',
    title: 'A shipped source map embeds the original sources',
    severity: 'critical',
    why: 'A source map whose sourcesContent array holds the original files is the source code itself: anyone who installs the package can write every original file back out, comments included. This is how a CLI published its whole TypeScript source in March 2026 (a ~60 MB cli.js.map). Even a map the policy allows to ship must not carry sourcesContent. A map is known by its name (*.map, a TypeScript declaration map *.d.ts.map among them) or, shipped under another (.map.json, .js.map.txt, no extension, or a script name such as cli.js), by its shape: a JSON object with version 3, a mappings string and a sources array, or an index map whose sections hold such maps, behind the XSSI guard ECMA-426 lets a map open with or not. A script is read so only when it opens as JSON does and JavaScript never can, with a quoted key and its colon. A map compressed as a web server serves it (.map.gz, .map.br, a .map whose first bytes are those of gzip, a gzip under any name whose header names a map, as gzip writes it, or a file named for its compression alone, such as maps.br or maps.gz, whose bytes unpack to a map) is unpacked and read as one, within the bounds of artifact.limits: a decompression bomb fails the gate (artifact-unreadable). Coverage data is no map but ships the same sources: istanbul, as Jest and nyc run it, keeps the source map of each file it covers as its inputSourceMap, sourcesContent and all, in coverage/coverage-final.json and .nyc_output/*.json, and the V8 coverage of Node (NODE_V8_COVERAGE, as c8 reads it from coverage/tmp/*.json) keeps the map of each script in its source-map-cache.',
    fix: 'Leave source maps and coverage data (coverage/, .nyc_output/) out of the package (see artifact-not-allowed), or build them without sources (esbuild sourcesContent: false, webpack devtool nosources-source-map, tsc without inlineSources) and upload full maps to your error tracker with credentials instead.',
    bad: {
      language: 'json',
      code: `{"version":3,"sources":["../src/cli.ts"],"sourcesContent":["import { run } from './run';\\n…"],"mappings":"AAAA…"}`,
    },
    good: {
      language: 'json',
      code: `{"version":3,"sources":["../src/cli.ts"],"mappings":"AAAA…"}`,
    },
    tags: ['security', 'artifact', 'npm', 'source-map', 'source-code-exposure'],
    cwe: ['CWE-540', 'CWE-200'],
    precision: 'very-high',
  },
  check(observation) {
    if (observation.kind !== 'sources-content') return [];
    const { entry, coverage } = observation;
    const recover = `Anyone who installs the package can recover every source file from it; it is let in by ${entry.origin.label}`;
    if (coverage)
      return [
        {
          ...atOrigin(entry),
          message: sentences(
            `${entryName(entry)} is coverage data whose source maps embed the original source code in their sourcesContent`,
            recover,
            `Keep coverage data out of the package: ${exclusionAdvice(entry, folderOf(entry))}`,
          ),
        },
      ];
    return [
      {
        ...atOrigin(entry),
        message: sentences(
          `${entryName(entry)} embeds the original source code in its sourcesContent`,
          recover,
          `Build maps without sourcesContent and keep them out of the package: ${exclusionAdvice(entry, mapPattern(entry))}`,
        ),
      },
    ];
  },
};

export default rule;
