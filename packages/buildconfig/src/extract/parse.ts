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

export interface ParsedFile {
  readonly file: SourceFile;
  readonly doc?: StructuredDoc;
  /** The documents of a multi-document file, each read on its own (Drone's pipelines). */
  readonly documents?: Parsed['documents'];
  readonly analyze?: Analyzer;
  /**
   * The scripts the file runs, where it names each: read once, both to follow them and to tell
   * which of them a release step runs.
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
  const file = { path, text, lines: new LineIndex(text), fileType: type?.type ?? 'text' };
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
  return {
    file,
    ...(result && { doc: result.doc }),
    ...(result?.documents && { documents: result.documents }),
    ...(type?.analyze && { analyze: type.analyze }),
    scripts: scriptRunsIn(path, text, file.fileType, result?.doc),
    tasks: taskRunsIn(path, text, file.fileType, result?.doc),
  };
}
