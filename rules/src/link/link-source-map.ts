import type { LinkRule } from '@posture/model';
import { linkRelated } from '../drafts.js';
import { claimingRule } from './precedence.js';
import { publicForm } from './public-forms.js';
import { openPath } from '../exposure/paths.js';
import { linkPlace, linkTarget, sentences } from '../messages.js';

const rule: LinkRule = {
  kind: 'link',
  meta: {
    id: 'link-source-map',
    title: 'Source maps are served from a bucket',
    severity: 'high',
    why: "A sourceMapBaseURL, sourceRoot or similar setting that points at a bucket means the build uploads source maps there and tells every client where to fetch them. Source maps usually embed the original source (sourcesContent); in a readable bucket they publish it. In March 2026 an npm package shipped a ~60 MB source map with its full TypeScript sources, and an r2.dev link circulated with the disclosure. The finding is critical when the bucket is public or the link is an r2.dev URL. Hidden source maps (devtool: hidden-source-map, sourcemap: hidden) have no comment pointing at them, but the build still writes them beside the bundles a bucket publicPath or base serves, and a deploy that uploads the build output uploads them too, under the bundle's name with .map: that is reported one step lower, medium (high for a public bucket). A setting chosen by the build's mode or environment (devtool: isProd ? 'source-map' : 'eval', sourcemap: mode !== 'development', a publicPath one branch of which is a bucket) is read as each value it may take, at the same severity: the production build, which is what a bucket serves, is the usual one to turn maps on, and a gate must not pass the shape that leaked because it is written per mode. The message says the maps depend on the mode.",
    fix: 'Stop serving source maps from storage: upload them to your error tracker with credentials (hidden source maps, deleted from the build output once uploaded), or keep them out of published builds. If they must be hosted, use a private bucket behind authentication and remove sourcesContent.',
    bad: {
      language: 'js',
      code: `// webpack.config.js
new webpack.SourceMapDevToolPlugin({
  filename: '[file].map',
  append: '\\n//# sourceMappingURL=https://pub-0123456789abcdef0123456789abcdef.r2.dev/maps/[url]',
});`,
    },
    good: {
      language: 'js',
      code: `// webpack.config.js: maps are uploaded to the error tracker, not linked
module.exports = { devtool: 'hidden-source-map' };`,
    },
    tags: ['security', 'link', 'build-config', 'source-map', 'source-code-exposure'],
    cwe: ['CWE-540', 'CWE-200'],
    precision: 'high',
  },
  check(link, bucket, facts) {
    if (claimingRule(link, bucket, facts.links) !== 'link-source-map') return [];
    const path = bucket && openPath(bucket, link);
    const open = path !== undefined || publicForm(link) !== undefined;
    const readers = open
      ? ', and the bucket is readable by anyone'
      : ', published to anyone who can read the bucket';
    const related = linkRelated(bucket, [path && { label: 'public exposure', range: path.range }]);
    const builds = link.sourceMapConditional
      ? 'the builds whose mode or environment chooses these settings'
      : 'the build';
    if (link.sourceMapHidden) {
      return [
        {
          location: link.range,
          severity: open ? 'high' : 'medium',
          related,
          message: sentences(
            `${linkPlace(link)} serves bundles from ${linkTarget(link, bucket)}, and ${builds} ${link.sourceMapConditional ? 'write' : 'writes'} source maps beside them`,
            `No sourceMappingURL comment points at the maps, but uploaded with the bundles they can be fetched from ${link.url} under each bundle's name with .map, carrying the original source code${readers}`,
            'Delete the maps from the build output once your error tracker has them, or leave them out of what is uploaded',
          ),
        },
      ];
    }
    return [
      {
        location: link.range,
        severity: open ? 'critical' : 'high',
        related,
        message: sentences(
          `${linkPlace(link)} points source maps at ${linkTarget(link, bucket)}${link.sourceMapConditional ? ` in ${builds}` : ''}`,
          `Source maps fetched from ${link.url} carry the original source code${readers}`,
          'Upload source maps to your error tracker with credentials or leave them out of the build, and remove the link',
        ),
      },
    ];
  },
};

export default rule;
