import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
}

const DIRECTIVE = /(?:#|\/\/|\/\*)[ \t]*posture:ignore\b([^\n]*)/g;
const FIELD = /\b(reason|expires|approvedBy)=(?:"([^"]*)"|'([^']*)'|(\S+))/g;

/**
 * Finds inline exceptions in the scanned files. Each file's bytes are searched for
 * `posture:ignore` before anything else: only the few files that mention it are decoded as text.
 */
export function collectDirectives(root: string, files: readonly ScannedFile[]): Directive[] {
  return files.flatMap((file) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(root, file.path));
    } catch {
      return [];
    }
    return bytes.includes(MARKER) ? parseDirectives(file.path, bytes.toString('utf8')) : [];
  });
}

const MARKER = Buffer.from('posture:ignore');

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
    return {
      rules: ruleList.split(',').filter((r) => r !== ''),
      reason: fields.reason?.trim() || undefined,
      expires: fields.expires,
      approvedBy: fields.approvedBy,
      range: index.range(path, start, start + match[0].length),
      trailing:
        index
          .lineText(position.line)
          .slice(0, position.column - 1)
          .trim() !== '',
    };
  });
}
