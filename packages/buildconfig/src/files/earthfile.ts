/**
 * Earthfiles (Earthly), in Dockerfile syntax grouped into targets (`release:` at the start of a
 * line, its commands indented below it). A reference in a target is in that target, a release step
 * when its name says release/publish/deploy/upload/dist, and so is a `RUN --push` command, which
 * Earthly runs only when it is asked to push (publish) the build. A `RUN` command is a script, from
 * after `RUN` to its last continued line; its options are words before the program. `SAVE ARTIFACT
 * … AS LOCAL` writes to the machine that runs the build, no bucket: nothing is read from it. A
 * line starting with `#` is a comment, as the shell's comments are inside `RUN`.
 */
import { shellComments } from '../comments.js';
import type { Span } from '../structured/doc.js';
import { spanHolding, type Analyzer, type RefContext } from './analysis.js';
import { releaseTarget } from './makefile.js';
import { releaseStepOf } from '../names.js';

interface Target {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

interface Run extends Span {
  /** `RUN --push`: run only when the build publishes. */
  readonly push: boolean;
}

const TARGET = /^(?<name>[A-Za-z][\w.-]*):[ \t]*(?:#.*)?$/gm;
const RUN = /^[ \t]*RUN(?=[ \t])/gm;
/**
 * The options a `RUN` starts with, over continued lines: `--secret` and `--mount` take the next
 * word as their value.
 */
const RUN_OPTIONS =
  /^(?:(?:[ \t]|\\\r?\n)+--(?:(?:secret|mount)(?:[ \t]|\\\r?\n)+\S+|[\w-]+(?:=\S*)?))*/;

export const analyzeEarthfile: Analyzer = ({ file }) => {
  const text = file.text;
  const targets = targetsOf(text);
  const runs = runsOf(text);
  return {
    context: (offset): RefContext => {
      const target = targets.find((t) => t.start <= offset && offset < t.end);
      const run = spanHolding(runs, offset);
      const releaseStep = releaseStepOf(
        run?.push && 'release',
        target && releaseTarget(target.name),
      );
      return { ...(target && { field: target.name }), releaseStep };
    },
    scriptAt: (offset) => spanHolding(runs, offset),
    comments: shellComments(text),
  };
};

/** The targets, each from its header to the next one's. */
function targetsOf(text: string): Target[] {
  const headers = [...text.matchAll(TARGET)];
  return headers.map((m, i) => ({
    name: m.groups?.name ?? '',
    start: m.index,
    end: headers[i + 1]?.index ?? text.length,
  }));
}

/**
 * Each `RUN` command, from after `RUN` to the end of its last continued line; a comment line
 * between continued lines is dropped, as Earthly drops it, and the command goes on after it.
 */
function runsOf(text: string): Run[] {
  return [...text.matchAll(RUN)].map((m) => {
    const start = m.index + m[0].length;
    let end = lineEnd(text, start);
    for (let line = end + 1; line < text.length && continues(text, end);) {
      const next = lineEnd(text, line);
      if (!/^[ \t]*#/.test(text.slice(line, next))) end = next;
      line = next + 1;
    }
    const run = text.slice(start, end);
    const options = RUN_OPTIONS.exec(run)?.[0] ?? '';
    return { start, end, push: /--push(?![\w-])/.test(options) };
  });
}

/** Whether the line ending at `end` ends with a backslash, which continues it. */
function continues(text: string, end: number): boolean {
  return text[end - 1] === '\\' || (text[end - 1] === '\r' && text[end - 2] === '\\');
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}
