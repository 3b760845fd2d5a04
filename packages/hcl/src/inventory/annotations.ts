/**
 * `# posture:<text>` comments that belong to a block: on the comment lines directly above it, on
 * its first line, or inside its body on a line of their own.
 */
import type { Annotation } from '@posture/model';
import type { Block, Body, Comment, ConfigFile } from '../ast.js';
import { spanRange } from '../diagnostics.js';

const PREFIX = 'posture:';

interface FileComments {
  readonly annotations: readonly Comment[];
  /** Every comment by the line it ends on, to follow a run of comment lines upwards. */
  readonly byEndLine: ReadonlyMap<number, readonly Comment[]>;
}

const cache = new WeakMap<ConfigFile, FileComments>();

export function annotationsFor(file: ConfigFile, block: Block): Annotation[] {
  const comments = commentsOf(file);
  if (comments.annotations.length === 0) return [];
  const occupied = occupiedLines(block.body, new Set());
  const own = comments.annotations.filter(
    (c) =>
      c.start.offset > block.start.offset &&
      (c.start.line === block.start.line ||
        (c.end.offset <= block.end.offset && !occupied.has(c.start.line))),
  );
  return [...commentsAbove(file, block, comments).filter(isAnnotation), ...own].map((c) => ({
    text: c.text.trim().slice(PREFIX.length).trim(),
    range: spanRange(file.path, c),
  }));
}

function commentsOf(file: ConfigFile): FileComments {
  let found = cache.get(file);
  if (!found) {
    const byEndLine = new Map<number, Comment[]>();
    for (const c of file.comments)
      byEndLine.set(c.end.line, [...(byEndLine.get(c.end.line) ?? []), c]);
    found = { annotations: file.comments.filter(isAnnotation), byEndLine };
    cache.set(file, found);
  }
  return found;
}

function isAnnotation(comment: Comment): boolean {
  return comment.text.trim().startsWith(PREFIX);
}

/** The unbroken run of comment lines ending just above the block, after the previous item. */
function commentsAbove(file: ConfigFile, block: Block, comments: FileComments): Comment[] {
  const index = file.body.items.indexOf(block);
  const previousEnd = index > 0 ? (file.body.items[index - 1]?.end.line ?? 0) : 0;
  const run: Comment[] = [];
  let line = block.start.line - 1;
  for (;;) {
    const onLine = (comments.byEndLine.get(line) ?? []).filter((c) => c.start.line > previousEnd);
    const first = onLine[0];
    if (!first) return run;
    run.unshift(...onLine);
    line = first.start.line - 1;
  }
}

/** Lines where an attribute or a nested block starts or ends: a comment there trails code. */
function occupiedLines(body: Body, lines: Set<number>): Set<number> {
  for (const item of body.items) {
    lines.add(item.start.line).add(item.end.line);
    if (item.kind === 'block') occupiedLines(item.body, lines);
  }
  return lines;
}
