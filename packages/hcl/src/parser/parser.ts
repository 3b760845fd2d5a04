import type { Comment, ConfigFile, Label } from '../ast.js';
import { LineIndex } from '@posture/model';
import type { PositionSource } from './positions.js';
import { Parser } from './bodies.js';

export interface ParseOptions {
  /**
   * Which top-level blocks keep their body once parsed (default: all). Every body is parsed, so
   * every syntax error is reported, but while the file has no error so far, a body this refuses
   * is dropped and parsed again from the text when first read. A scan reads few of a repository's variables,
   * outputs and resources: keeping all their trees cost more in garbage collection than parsing
   * the few it reads twice. `body` is the body's text, braces included.
   */
  readonly keepBody?: (type: string, labels: readonly Label[], body: string) => boolean;
  /**
   * Where the text's offsets are in the file `path` names, when the text is written inside it (a
   * Terragrunt `generate` block's contents); default: the text is the file.
   */
  readonly positions?: PositionSource;
  /** Offsets of the characters that stand for bytes that are not UTF-8 (see `sourceText`). */
  readonly notUtf8?: readonly number[];
}

export function parseHcl(text: string, path: string, options: ParseOptions = {}): ConfigFile {
  const positions = options.positions ?? new LineIndex(text);
  const parser = new Parser(text, positions, options.keepBody);
  const file = parser.parseFile(path);
  // Terraform reads comments as bytes, and refuses bytes that are not UTF-8 anywhere else.
  const invalid = firstOutside(options.notUtf8 ?? [], file.comments);
  if (invalid !== undefined)
    parser.error(invalid, invalid + 1, 'invalid character encoding: Terraform reads only UTF-8');
  return file;
}

/** The first of `offsets` (ascending) that no comment holds. */
function firstOutside(
  offsets: readonly number[],
  comments: readonly Comment[],
): number | undefined {
  let c = 0;
  for (const offset of offsets) {
    while (c < comments.length && comments[c]!.end.offset <= offset) c++;
    const comment = comments[c];
    if (comment === undefined || offset < comment.start.offset) return offset;
  }
  return undefined;
}
