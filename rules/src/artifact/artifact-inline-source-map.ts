import type { ArtifactRule } from '@posture/model';
import { sentences } from '../messages.js';
import { atContent, contentName } from './place.js';

const rule: ArtifactRule = {
  kind: 'artifact',
  meta: {
    id: 'artifact-inline-source-map',
    title: 'A shipped file carries an inline source map',
    severity: 'high',
    why: 'An inline source map (//# sourceMappingURL=data:application/json;base64,…) travels inside the bundle itself, so no .npmignore or "files" entry can keep it out. When it embeds sourcesContent it is the full original source: the first npm release of a well-known CLI in February 2025 ended with an 18-million-character inline map of its sources. The finding is critical when the map embeds sources.',
    fix: 'Turn inline source maps off for published builds (esbuild sourcemap: false or "external", webpack devtool: false or hidden-source-map, tsc inlineSourceMap: false) and upload maps to your error tracker instead.',
    bad: {
      language: 'js',
      code: `// dist/cli.js
run();
//\u0023 sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjoz…`,
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
    if (observation.kind !== 'inline-source-map') return [];
    const { entry, at, bytes, sourcesContent } = observation;
    const size = bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} million` : String(bytes);
    return [
      {
        ...atContent(entry, at),
        ...(sourcesContent && { severity: 'critical' as const }),
        message: sentences(
          `${contentName(entry, at)} carries an inline source map (${size} characters)`,
          sourcesContent
            ? 'The map embeds the original sources (sourcesContent): the package publishes its source code'
            : 'Inline maps ship with the bundle whatever "files" and .npmignore say',
          'Turn inline source maps off in the build that produces this file',
        ),
      },
    ];
  },
};

export default rule;
