/**
 * `# posture:<text>` comments that belong to a block: on the comment lines directly above it, on
 * its first line, or inside its body on a line of their own.
 */
import { countBefore, type Annotation } from '@posture/model';
import type { Block, Body, Comment, ConfigFile } from '../ast.js';
import { spanRange } from '../diagnostics.js';

/**
 * The marker in any case, with blanks around its colon: `# POSTURE:RELEASE` or `# posture: release`
 * is read as meant, since marking a bucket release-use only makes the scan stricter.
 */
const PREFIX = /^posture[ \t]*:[ \t]*/i;

interface FileComments {
  /** In source order, as the file's comments: a block's are found without reading the others. */
  readonly annotations: readonly Comment[];
  /** Every comment by the line it ends on, to follow a run of comment lines upwards. */
  readonly byEndLine: ReadonlyMap<number, readonly Comment[]>;
  /** Where the top-level item before each ends (line 0 before the first). */
  readonly previousEnd: ReadonlyMap<Body['items'][number], number>;
}

const cache = new WeakMap<ConfigFile, FileComments>();

export function annotationsFor(file: ConfigFile, block: Block): Annotation[] {
  const comments = commentsOf(file);
  if (comments.annotations.length === 0) return [];
  const occupied = occupiedLines(block.body, new Set());
  const own: Comment[] = [];
  const { annotations } = comments;
  for (let i = firstAfter(annotations, block.start.offset); i < annotations.length; i++) {
    const c = annotations[i]!;
    const onFirstLine = c.start.line === block.start.line;
    if (!onFirstLine && c.start.offset >= block.end.offset) break;
    if (onFirstLine || (c.end.offset <= block.end.offset && !occupied.has(c.start.line))) {
      own.push(c);
    }
  }
  return [...commentsAbove(block, comments).filter(isAnnotation), ...own].map((c) => ({
    text: c.text.trim().replace(PREFIX, '').trim(),
    range: spanRange(file.path, c),
  }));
}

function commentsOf(file: ConfigFile): FileComments {
  let found = cache.get(file);
  if (!found) {
    const byEndLine = new Map<number, Comment[]>();
    for (const c of file.comments) {
      const onLine = byEndLine.get(c.end.line);
      if (onLine) onLine.push(c);
      else byEndLine.set(c.end.line, [c]);
    }
    const items = file.body.items;
    found = {
      annotations: file.comments.filter(isAnnotation),
      byEndLine,
      previousEnd: new Map(items.map((item, i) => [item, items[i - 1]?.end.line ?? 0])),
    };
    cache.set(file, found);
  }
  return found;
}

/** The index of the first of `comments` (in text order) that starts after `offset`. */
function firstAfter(comments: readonly Comment[], offset: number): number {
  return countBefore(comments, (c) => c.start.offset <= offset);
}

function isAnnotation(comment: Comment): boolean {
  return PREFIX.test(comment.text.trim());
}

/** The unbroken run of comment lines ending just above the block, after the previous item. */
function commentsAbove(block: Block, comments: FileComments): Comment[] {
  const previousEnd = comments.previousEnd.get(block) ?? 0;
  // Gathered bottom up, a line at a time; not unshifted by spreading, since one line can hold more
  // comments (`/**/` repeated) than a call takes arguments.
  const linesUp: Comment[][] = [];
  let line = block.start.line - 1;
  for (;;) {
    const onLine = (comments.byEndLine.get(line) ?? []).filter((c) => c.start.line > previousEnd);
    const first = onLine[0];
    if (!first) return linesUp.reverse().flat();
    linesUp.push(onLine);
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
