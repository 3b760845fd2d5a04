/** The CI files read for Terraform runs, each parsed once, and those they include. */
import { globInside, MAX_FOLLOW_DEPTH } from '../discover.js';
import type { Parse, ParsedFile } from '../extract/parse.js';
import { perFile } from '../extract/per-file.js';
import { formatOf } from '../file-types.js';
import { includedFiles } from '../includes.js';
import { fileUnreadUnderRoot } from '../paths.js';
import type { ReadResult } from '../read-file.js';
import { yamlLineBreaks } from '../structured/yaml.js';

/**
 * The files read, each parsed once (as the type a file that includes it reads it as, `as`):
 * undefined for one not there (a step may name many a build makes, each only looked up), not read
 * or not parsed, which the read of the build files for links reports.
 */
export type FileReader = (path: string, as?: string) => ParsedFile | undefined;

export function fileReader(
  root: string,
  read: (path: string) => ReadResult,
  parse: Parse,
): FileReader {
  const parsedFiles = new Map<string, ParsedFile | undefined>();
  const parsed = (path: string, as?: string) => {
    // Looked up before it is read: a step may name many scripts a build makes, and the read of each
    // one not there is a diagnostic the read-ahead keeps for the link scan, which never takes it
    // (150,000 named: 5.3 s and 720 MB with the lookup, 8 s and up to 970 MB without). A file gone
    // between the two is a read that fails, as any; one made after was not there when scanned.
    if (fileUnreadUnderRoot(root, path) !== undefined) return undefined;
    const result = read(path);
    if (!('text' in result)) return undefined;
    const text = formatOf(path) === 'yaml' ? yamlLineBreaks(result.text) : result.text;
    // A file that cannot be parsed is reported where the build files are read for links.
    return perFile(path, [], () => parse(path, text, [], as));
  };
  return (path, as) => {
    if (!parsedFiles.has(path)) parsedFiles.set(path, parsed(path, as));
    return parsedFiles.get(path);
  };
}

/**
 * The CI files `listed`, and those they include (GitLab's `include: local`, Azure's `template:`),
 * read as the including file's type, up to `MAX_FOLLOW_DEPTH` levels down.
 */
export function withIncluded(
  root: string,
  listed: readonly string[],
  reader: FileReader,
): ParsedFile[] {
  const seen = new Set(listed);
  const found: ParsedFile[] = [];
  let frontier = listed.flatMap((path) => reader(path) ?? []);
  for (let depth = 0; frontier.length > 0 && depth <= MAX_FOLLOW_DEPTH; depth++) {
    found.push(...frontier);
    frontier = frontier.flatMap(({ file, doc }) =>
      includedFiles(file.path, file.fileType, doc, file.text).flatMap(({ path, type }) => {
        const paths =
          path === undefined ? [] : /[*?[{]/.test(path) ? globInside(root, path) : [path];
        return paths.flatMap((included) => {
          if (seen.has(included)) return [];
          seen.add(included);
          return reader(included, type) ?? [];
        });
      }),
    );
  }
  return found;
}
