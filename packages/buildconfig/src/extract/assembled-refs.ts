/**
 * The references a Node script assembles instead of writing whole: strings and names joined with
 * `+` or `+=` (`"https://" + BUCKET + ".s3.amazonaws.com/cli.tgz"`), and the bucket an SDK call
 * names (`{ Bucket: BUCKET }`), read as the artifact gate reads a shipped script (see
 * assembled-links.ts). A template's parts are read as the file's variables (see variables/index.ts).
 */
import type { Diagnostic } from '@posture/model';
import { scriptAssembledLinks } from '../assembled-links.js';
import type { SourceFile } from '../files/analysis.js';
import type { CustomDomain, RawRef } from '../find-refs.js';

/**
 * The references `file` assembles where no reference of `found` (as written, or as its variables
 * resolve it) is, each placed on the expression that assembles it; an info diagnostic when a bound
 * left some unread.
 */
export function assembledRefs(
  file: SourceFile,
  customDomains: readonly CustomDomain[],
  found: readonly RawRef[],
  diagnostics: Diagnostic[],
): RawRef[] {
  const { links, bounded } = scriptAssembledLinks(file.text, customDomains);
  if (bounded) {
    diagnostics.push({
      severity: 'info',
      code: 'build-assembly-bounded',
      message: `${file.path} declares more names or storage hosts, or gives its names more values, than are read: a storage link it assembles from them may be missed`,
      range: file.lines.range(file.path, 0, 0),
    });
  }
  const overlapsFound = ({ start, end }: { start: number; end: number }) =>
    found.some((ref) => ref.start < end && start < ref.end);
  return links
    .filter((placed) => !overlapsFound(placed))
    .map(({ start, end, link }) => ({
      start,
      end,
      text: link.url,
      form: link.form,
      service: link.service,
      ...(link.bucket !== undefined && { bucket: link.bucket }),
      ...(link.host !== undefined && { host: link.host }),
      ...(link.r2DevId !== undefined && { r2DevId: link.r2DevId }),
    }));
}
