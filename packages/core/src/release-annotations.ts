/**
 * `# posture:release` comments in Terraform files, gathered as the loader reads each file, so that
 * one that marks no bucket is reported: written above a block that is no bucket and no module call
 * making one, or parted from its block by a blank line, it would make nothing release-use, and
 * say nothing of it.
 */
import {
  LineIndex,
  type Bucket,
  type Diagnostic,
  type OnComments,
  type Range,
} from '@posture/model';
import { mentionsPosture } from './policy/directives.js';

/** The marker as `annotationsFor` reads it, at the start of a comment, in any case and spacing. */
const RELEASE = /^(?:#|\/\/|\/\*)[ \t]*posture[ \t]*:[ \t]*release\b/i;
const TERRAFORM_FILE = /\.(?:tf|tofu)$/;

export class ReleaseAnnotations {
  private readonly found: Range[] = [];

  readonly onComments: OnComments = (path, text, comments) => {
    if (!TERRAFORM_FILE.test(path) || !mentionsPosture(text)) return;
    const index = new LineIndex(text);
    for (const { start, end } of comments()) {
      if (RELEASE.test(text.slice(start, end))) this.found.push(index.range(path, start, end));
    }
  };

  /** A warning for each annotation that is no bucket's release evidence. */
  unused(buckets: readonly Bucket[]): Diagnostic[] {
    const used = new Set(
      buckets.flatMap((b) =>
        b.release.filter((e) => e.kind === 'annotation').map((e) => at(e.range)),
      ),
    );
    return this.found
      .filter((range) => !used.has(at(range)))
      .map((range) => ({
        severity: 'warning',
        code: 'annotation-unused',
        message:
          'The # posture:release annotation marks no bucket: it is on no bucket resource and no ' +
          'module call that makes one; it makes nothing release-use.',
        range,
      }));
  }
}

function at(range: Range | undefined): string {
  return range ? `${range.file}:${range.start.line}` : '';
}
