import type { ArtifactRule } from '@posture/model';
import { linkRelated } from '../drafts.js';
import { openPath } from '../exposure/paths.js';
import { sentences } from '../messages.js';
import { linkExposure, storageTarget } from './exposure.js';
import { atContent, contentName } from './place.js';

const rule: ArtifactRule = {
  kind: 'artifact',
  meta: {
    id: 'artifact-source-map-url',
    title: 'A shipped file points at its source map',
    severity: 'high',
    why: "A sourceMappingURL comment tells every debugger and every reader where the original source can be fetched. Pointing at an external URL publishes the map wherever that URL is readable, and at a bucket it reveals the release storage as well; pointing at a map that ships in the package makes the published map easy to find. The finding is critical for public storage (an r2.dev URL or a bucket with an open path), high for any other external URL, medium for a map that ships beside the file. A declaration's comment at its TypeScript declaration map (tsc's declarationMap) is not reported: the map is judged on its own (artifact-not-allowed), as a source map when it embeds its sources.",
    fix: 'Build published files without the comment (webpack hidden-source-map, esbuild sourcemap: "external" with the map uploaded to your error tracker and not shipped), and keep .map files out of the package.',
    bad: {
      language: 'js',
      code: `// dist/cli.js
run();
//\u0023 sourceMappingURL=https://pub-0123456789abcdef0123456789abcdef.r2.dev/maps/cli.js.map`,
    },
    good: {
      language: 'js',
      code: `// dist/cli.js
run();`,
    },
    tags: ['security', 'artifact', 'npm', 'source-map', 'source-code-exposure'],
    cwe: ['CWE-540', 'CWE-200'],
    precision: 'very-high',
  },
  check(observation) {
    if (observation.kind !== 'source-map-url') return [];
    const { entry, at, url, map, link, bucket } = observation;
    const place = atContent(entry, at);
    const name = contentName(entry, at);
    if (map !== undefined) {
      return [
        {
          ...place,
          severity: 'medium',
          message: sentences(
            `${name} points at its source map ${map}, which ships in the package`,
            'Anyone who installs the package finds the map, and with it the structure of the source',
            'Build without the sourceMappingURL comment and keep the map out of the package',
          ),
        },
      ];
    }
    const exposure = link && linkExposure(link, bucket);
    const path = bucket && link && openPath(bucket, link);
    return [
      {
        ...place,
        ...(exposure?.open && { severity: 'critical' as const }),
        related: [
          ...(place.related ?? []),
          ...linkRelated(bucket, [path && { label: 'public exposure', range: path.range }]),
        ],
        message: sentences(
          `${name} fetches its source map from ${link ? storageTarget(link, bucket) : url}`,
          exposure?.open
            ? `Anyone can read ${url}, so the source code in the map is published with the package`
            : `The map is published wherever ${link ? url : 'that URL'} can be read`,
          'Upload source maps to your error tracker with credentials and build without the comment',
        ),
      },
    ];
  },
};

export default rule;
