/**
 * A build file as read: its type (its own, or the one the file that names it reads it as), its
 * document when it is structured, and the scripts it runs.
 */
import { LineIndex, type Diagnostic, type Range } from '@posture/model';
import { fileTypeAs, fileTypeOf, type Format } from '../file-types.js';
import type { Analyzer, SourceFile } from '../files/analysis.js';
import { scriptRunsIn, taskRunsIn } from '../discover.js';
import type { ScriptRun } from '../script-refs.js';
import type { TaskRun } from '../task-runs.js';
import type { Parsed, StructuredDoc } from '../structured/doc.js';
import { parseJson } from '../structured/json.js';
import { parseToml } from '../structured/toml.js';
import { parseYaml } from '../structured/yaml.js';
import { refusedMatrixNotes } from './refused-matrices.js';
import { outsideRootRuns } from './scripts-outside.js';

export interface ParsedFile {
  readonly file: SourceFile;
  readonly doc?: StructuredDoc;
  /** The documents of a multi-document file, each read on its own (Drone's pipelines). */
  readonly documents?: Parsed['documents'];
  readonly analyze?: Analyzer;
  /**
   * The scripts the file runs, where it names each: read once, both to follow them and to tell
   * which of them a release step runs. Those out of the root are none (see `outsideRootRuns`).
   */
  readonly scripts: readonly ScriptRun[];
  /** The make targets and package.json scripts it runs by name, to tell which a release step runs. */
  readonly tasks: readonly TaskRun[];
  /** Where a build file names it, when it is read only because that runs it (see `StorageLink`). */
  readonly runBy?: Range;
}

const PARSERS: Readonly<Record<Exclude<Format, 'text'>, (text: string) => Parsed>> = {
  yaml: parseYaml,
  json: parseJson,
  toml: parseToml,
};

export function parseFile(
  path: string,
  text: string,
  diagnostics: Diagnostic[],
  as?: string,
): ParsedFile {
  const type = (as === undefined ? undefined : fileTypeAs(as, path)) ?? fileTypeOf(path, text);
  const file: SourceFile = {
    path,
    text,
    lines: new LineIndex(text),
    fileType: type?.type ?? 'text',
    ...(type?.label !== undefined && { label: type.label }),
  };
  const format = type?.format ?? 'text';
  const result = format === 'text' ? undefined : PARSERS[format](text);
  if (result?.error) {
    const at = result.error.offset;
    diagnostics.push({
      severity: 'error',
      code: 'build-parse-error',
      message: `${format.toUpperCase()} parse error: ${result.error.message}. The file was scanned as text.`,
      range: file.lines.range(path, at, at),
    });
  }
  for (const { offset, message } of result?.warnings ?? []) {
    diagnostics.push({
      severity: 'warning',
      code: 'build-alias-unread',
      message: `${message}.`,
      range: file.lines.range(path, offset, offset),
    });
  }
  if (result?.doc) diagnostics.push(...refusedMatrixNotes(file, result.doc));
  const runs = scriptRunsIn(path, text, file.fileType, result?.doc);
  diagnostics.push(...outsideRootRuns(file, runs));
  return {
    file,
    ...(result && { doc: result.doc }),
    ...(result?.documents && { documents: result.documents }),
    ...(type?.analyze && { analyze: type.analyze }),
    scripts: runs.filter((run) => !run.outside),
    tasks: taskRunsIn(path, text, file.fileType, result?.doc),
  };
}

/** Parses a build file as `parseFile` does. */
export type Parse = typeof parseFile;

/**
 * Build files parsed before the scan reads them for links (the CI files that give Terraform its
 * environment, what they include, call and run), handed to that reading (`ExtractOptions.parse`)
 * so that each is parsed once: with what its parse said, which that reading reports.
 */
export class ParseAhead {
  private readonly kept = new Map<string, Kept>();

  /** Parses a file, keeping the parse for `take`. */
  readonly parse: Parse = (path, text, diagnostics, as) => {
    const said: Diagnostic[] = [];
    const parsed = parseFile(path, text, said, as);
    this.kept.set(path, { text, as, parsed, said });
    diagnostics.push(...said);
    return parsed;
  };

  /** What `parse` made of the same text read as the same type, handed over once; else a parse now. */
  readonly take: Parse = (path, text, diagnostics, as) => {
    const kept = this.kept.get(path);
    this.kept.delete(path);
    if (kept?.text !== text || kept.as !== as) return parseFile(path, text, diagnostics, as);
    diagnostics.push(...kept.said);
    return kept.parsed;
  };
}

interface Kept {
  readonly text: string;
  readonly as: string | undefined;
  readonly parsed: ParsedFile;
  readonly said: readonly Diagnostic[];
}
