/**
 * rclone destinations (`rclone copy dist r2:releases/v1`). No URL pattern can see them: the remote
 * name is arbitrary, so the service is read from it (`r2`, `cloudflare`, `s3`, `aws`, `gcs`,
 * `google`); a remote that names none of them is not reported, whatever its bucket.
 */
import { commandAround } from './command-words.js';
import { parseCommand } from './commands.js';
import { MAX_REFS_PER_FILE, type RawRef, type Truncated } from './find-refs.js';
import type { Span, ValueSpan } from './structured/doc.js';
import { hasPlaceholder } from '@posture/model';
import { isBucketName, URI_FORM, type Service } from './url-patterns.js';
import type { Substitution } from './variables/common.js';

const RCLONE = /\brclone\s+(?:copy|copyto|sync|move|moveto)\b/g;
const REMOTE = /^:?([A-Za-z0-9_][\w.-]*)(?:,[^:]*)?:([^/]+)/;

/** A reading of the commands within `span`, with a place's variables substituted. */
export interface RcloneReading {
  readonly span: Span;
  readonly substitutions: readonly Substitution[];
}

/**
 * rclone destinations in `text`, or in the `reading` of a span of it, whose variables may name the
 * bucket (`r2:$BUCKET/v1`); `spanAt` gives the text span of the value holding an offset.
 */
export function findRcloneRefs(
  text: string,
  spanAt: (offset: number) => ValueSpan,
  truncated?: Truncated,
  reading?: RcloneReading,
): RawRef[] {
  const { span = { start: 0, end: text.length }, substitutions = [] } = reading ?? {};
  const first = text.indexOf('rclone', span.start);
  if (first < 0 || first >= span.end) return [];
  const refs: RawRef[] = [];
  let commands = 0;
  const found = new RegExp(RCLONE);
  found.lastIndex = first;
  for (let m = found.exec(text); m && m.index < span.end; m = found.exec(text)) {
    // Each command is read in a window of up to 8 kB: a file of nothing but rclone commands
    // would cost that per command.
    if (++commands > MAX_REFS_PER_FILE) {
      truncated?.();
      break;
    }
    const at = { start: m.index, end: m.index + m[0].length };
    const command = commandAround(text, spanAt(m.index), at, substitutions);
    if (!command) continue;
    const args = command.tokens.map((token) => token.text);
    const parsed = parseCommand(args, command.index + 1);
    const destination = parsed?.operands[parsed.operands.length - 1];
    const token = destination === undefined ? undefined : command.tokens[destination];
    const ref = token && remoteRef(text, token.start, token.end, token.text);
    if (ref) refs.push(ref);
  }
  return refs;
}

function remoteRef(text: string, start: number, end: number, arg: string): RawRef | undefined {
  const m = REMOTE.exec(arg);
  const service = m && remoteService(m[1]!);
  if (!m || !service || hasPlaceholder(arg) || !isBucketName(m[2]!, service)) return undefined;
  // The token's span includes any quotes around the argument; the reference is inside them, or,
  // where a variable makes it, is the token's text without them.
  const written = text.slice(start, end);
  const offset = written.indexOf(arg);
  const quoted = /^(["']).*\1$/s.test(written) ? 1 : 0;
  return {
    start: offset >= 0 ? start + offset : start + quoted,
    end: offset >= 0 ? start + offset + arg.length : end - quoted,
    text: arg,
    form: URI_FORM[service],
    service,
    bucket: m[2]!,
  };
}

function remoteService(remote: string): Service | undefined {
  if (/r2|cloudflare/i.test(remote)) return 'r2';
  if (/s3|aws|amazon/i.test(remote)) return 's3';
  if (/gcs|google|^gs$/i.test(remote)) return 'gcs';
  return undefined;
}
