import { LineIndex, type Range, type ScannedFile } from '@posture/model';

/** An inline exception: `# posture:ignore RULE[,RULE] reason="…" expires=YYYY-MM-DD approvedBy="…"`. */
export interface Directive {
  readonly rules: readonly string[];
  readonly reason?: string;
  readonly expires?: string;
  readonly approvedBy?: string;
  /** The comment itself. */
  readonly range: Range;
  /** True when code precedes the comment on its line: it then covers that line only. */
  readonly trailing: boolean;
  /**
   * The line it covers: its own when trailing, else the next line of code, as the loader that read
   * the file counts lines (YAML ends one at a CR alone too).
   */
  readonly covers: number;
}

const DIRECTIVE = /(?:#|\/\/|\/\*)[ \t]*posture:ignore\b([^\n]*)/g;
const FIELD = /\b(reason|expires|approvedBy)=(?:"([^"]*)"|'([^']*)'|(\S+))/g;

/**
 * Gathers inline exceptions from each file's text as the loaders read it (their `onFileRead`), so
 * that no file is read again for them; only texts that mention `posture:ignore` are searched.
 */
export class DirectiveCollector {
  readonly directives: Directive[] = [];

  readonly onFileRead = (file: ScannedFile, text: string): void => {
    if (text.includes('posture:ignore')) this.directives.push(...parseDirectives(file.path, text));
  };
}

export function parseDirectives(path: string, text: string): Directive[] {
  const index = new LineIndex(text);
  return [...text.matchAll(DIRECTIVE)].map((match) => {
    const start = match.index;
    const body = (match[1] ?? '').replace(/\*\/\s*$/, '');
    const fields = Object.fromEntries(
      [...body.matchAll(FIELD)].map((f) => [f[1] as string, f[2] ?? f[3] ?? f[4] ?? '']),
    );
    const ruleList = body.replace(FIELD, '').trim().split(/\s+/)[0] ?? '';
    const position = index.position(start);
    const trailing =
      index
        .lineText(position.line)
        .slice(0, position.column - 1)
        .trim() !== '';
    return {
      rules: ruleList.split(',').filter((r) => r !== ''),
      reason: fields.reason?.trim() || undefined,
      expires: fields.expires,
      approvedBy: fields.approvedBy,
      range: index.range(path, start, start + match[0].length),
      trailing,
      covers: trailing ? position.line : nextCodeLine(index, position.line),
    };
  });
}

function nextCodeLine(index: LineIndex, commentLine: number): number {
  for (let line = commentLine + 1; line <= index.lineCount; line++) {
    if (!/^\s*(#|\/\/|$)/.test(index.lineText(line))) return line;
  }
  return commentLine;
}
