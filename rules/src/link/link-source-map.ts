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
    why: 'A sourceMapBaseURL, sourceRoot or similar setting that points at a bucket means the build uploads source maps there and tells every client where to fetch them. Source maps usually embed the original source (sourcesContent); in a readable bucket they publish it. In March 2026 an npm package shipped a ~60 MB source map with its full TypeScript sources, and an r2.dev link circulated with the disclosure. The finding is critical when the bucket is public or the link is an r2.dev URL.',
    fix: 'Stop serving source maps from storage: upload them to your error tracker with credentials (hidden source maps), or keep them out of published builds. If they must be hosted, use a private bucket behind authentication and remove sourcesContent.',
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
  check(link, bucket) {
    if (claimingRule(link, bucket) !== 'link-source-map') return [];
    const path = bucket && openPath(bucket);
    const open = path !== undefined || publicForm(link) !== undefined;
    return [
      {
        location: link.range,
        severity: open ? 'critical' : 'high',
        related: linkRelated(bucket, [path && { label: 'public exposure', range: path.range }]),
        message: sentences(
          `${linkPlace(link)} points source maps at ${linkTarget(link, bucket)}`,
          `Source maps fetched from ${link.url} carry the original source code${open ? ', and the bucket is readable by anyone' : ', published to anyone who can read the bucket'}`,
          'Upload source maps to your error tracker with credentials or leave them out of the build, and remove the link',
        ),
      },
    ];
  },
};

export default rule;
