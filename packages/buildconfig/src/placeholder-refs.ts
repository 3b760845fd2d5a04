/**
 * References whose bucket is a placeholder: `s3://${DEPLOY_BUCKET}/x`, `gs://$BUCKET`,
 * `--bucket "$BUCKET"` (aws s3api), `r2 bucket dev-url enable "$R2_BUCKET"` (wrangler, and
 * wrangler-action's `command`). They name no bucket, so a download or a private upload there is no
 * link. But a command that makes what it writes public, or opens its bucket, does so whatever the
 * bucket is: `linksOf` keeps those, with the reference as written, when nothing resolves it.
 */
import { r2Opening } from './commands.js';
import { MAX_REFS_PER_FILE, type RawRef, type Truncated } from './find-refs.js';
import { hasPlaceholder } from '@posture/model';
import { r2BucketCommand, URI_FORM, type Service } from './url-patterns.js';

/** A CI's or a template's expression, which may hold spaces: `${{ secrets.B }}`, `{{ .Env.B }}`. */
const EXPRESSION = String.raw`\$?\{\{[^}\n]{0,120}\}\}`;
/**
 * A bucket argument as written, placeholders and all: `$B`, `${B}`, `$(B)`, `%B%`, `acme-${ENV}`,
 * PowerShell's `$env:B`, a shell's positional `$1`.
 */
export const WRITTEN_BUCKET = String.raw`(?:${EXPRESSION}|\$\{[^}\s]{1,120}\}|\$\([^)\s]{1,120}\)|\$[Ee][Nn][Vv]:[A-Za-z_]|\$[A-Za-z_1-9]|[\w.%-]){1,256}`;
/** Where an argument ends. */
const END = String.raw`(?=["'\s\x60;&|)]|$)`;

/** `s3://…`, `s3a://`, `gs://`, `gcs://` (Gradle's), `r2://`, then the rest of the argument. */
const URI = new RegExp(
  String.raw`\b(?<scheme>s3[an]?|gc?s|r2)://(?<bucket>${WRITTEN_BUCKET})(?=[/\s"'\x60;&|)]|$)(?:/(?:${EXPRESSION}|[^\s"'\x60;&|)]){0,2048})?`,
  'gd',
);
/** `aws s3api … --bucket "$BUCKET"`: whether the command is aws s3api is read around it, as for any reference. */
const BUCKET_OPTION = new RegExp(
  String.raw`--bucket(?:\s+|=)["']?(?<bucket>${WRITTEN_BUCKET})${END}`,
  'gd',
);
/** wrangler's bucket commands that open a bucket, with wrangler-action's (no `wrangler` before). */
const R2_OPENING = r2BucketCommand(String.raw`(?<![\w-])`, WRITTEN_BUCKET);

/** The references in `text` whose bucket part holds a placeholder, each marked `placeholder`. */
export function findPlaceholderRefs(text: string, truncated?: Truncated): RawRef[] {
  const refs: RawRef[] = [];
  if (!/[$%]|\{\{/.test(text)) return refs;
  for (const ref of placeholderRefs(text)) {
    if (refs.length === MAX_REFS_PER_FILE) {
      truncated?.();
      break;
    }
    refs.push(ref);
  }
  return refs;
}

function* placeholderRefs(text: string): Generator<RawRef> {
  for (const m of text.matchAll(URI)) {
    const { scheme, bucket } = m.groups!;
    if (!hasPlaceholder(bucket!)) continue;
    const service = schemeService(scheme!);
    const at = { start: m.index, end: m.index + m[0].length, text: m[0] };
    yield { ...at, form: URI_FORM[service], service, placeholder: true };
  }
  for (const m of text.matchAll(BUCKET_OPTION)) {
    const at = argument(m);
    if (at) yield { ...at, form: 's3-uri', service: 's3', placeholder: true };
  }
  for (const m of text.matchAll(R2_OPENING)) {
    const at = argument(m);
    const opening = r2Opening(m.groups!.opens!);
    if (at)
      yield { ...at, form: 'wrangler', service: 'r2', usage: 'opens', opening, placeholder: true };
  }
}

function schemeService(scheme: string): Service {
  if (scheme.startsWith('s3')) return 's3';
  return scheme === 'r2' ? 'r2' : 'gcs';
}

/** The bucket argument of a command match, when it holds a placeholder. */
function argument(
  m: RegExpExecArray | RegExpMatchArray,
): Pick<RawRef, 'start' | 'end' | 'text'> | undefined {
  const bucket = m.groups?.bucket;
  const span = m.indices?.groups?.bucket;
  if (bucket === undefined || !span || !hasPlaceholder(bucket)) return undefined;
  return { start: span[0], end: span[1], text: bucket };
}
