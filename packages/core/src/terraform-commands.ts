/**
 * The commands Terraform provisioners and Terragrunt hooks run, as texts the build-link reader
 * reads like a build step's script. A bucket attribute the command interpolates
 * (`${aws_s3_bucket.releases.id}`) is known only after apply, but it is the bucket's name (or
 * built from it), so it is filled in from the bucket the adapters made of that resource.
 */
import type { CommandText } from '@posture/buildconfig';
import { rootKey, type Rooted } from './adapters/module-tree.js';
import {
  isUnknown,
  ownEntry,
  refResource,
  type Bucket,
  type TerraformCommand,
  type Unknown,
  type Value,
} from '@posture/model';

/** What an interpolation of each bucket attribute renders to, given the bucket's name. */
const BUCKET_ATTRIBUTES: Readonly<Record<string, (name: string, bucket: Bucket) => string>> = {
  id: (name) => name,
  bucket: (name) => name,
  name: (name) => name,
  arn: (name) => `arn:aws:s3:::${name}`,
  bucket_domain_name: (name) => `${name}.s3.amazonaws.com`,
  // The region only changes the host's middle part, which matching a link to a bucket ignores.
  bucket_regional_domain_name: (name) => `${name}.s3.amazonaws.com`,
  url: (name, bucket) => (bucket.service === 'gcs' ? `gs://${name}` : name),
};

/**
 * An interpolation no bucket fills: a placeholder the reader cannot resolve, so no bucket. One of a
 * single reference stays as Terraform writes it (`${var.bucket}`), which is how a command on a
 * bucket it names this way is shown.
 */
const UNKNOWN = '$TERRAFORM_UNKNOWN';
const unresolved = (u: Unknown): string =>
  u.refs.length === 1 && /^[\w.-]+$/.test(u.refs[0]!) ? `\${${u.refs[0]}}` : UNKNOWN;

export function commandTexts(
  commands: readonly TerraformCommand[],
  buckets: readonly Bucket[],
): CommandText[] {
  const byAddress = new Map(buckets.map((b) => [rootKey(b, b.address), b]));
  // A module two roots call, or a hook every unit includes, runs one text in each: read once.
  const seen = new Set<string>();
  return commands.flatMap((command) => {
    const fill = (u: Unknown) => bucketAttribute(u, command, byAddress) ?? unresolved(u);
    const text = rendered(command.command, fill);
    const key = `${command.range.file}:${command.textStart.offset}:${command.runner}:${text}`;
    if (text === undefined || seen.has(key)) return [];
    seen.add(key);
    return [
      {
        file: command.range.file,
        start: command.textStart,
        text,
        field: command.runner,
        fileType: command.from === 'provisioner' ? 'terraform' : 'terragrunt',
      },
    ];
  });
}

/** The command's text; a `remote-exec` `inline` list runs its commands line by line. */
function rendered(value: Value, fill: (u: Unknown) => string): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const lines = value.map((v) => rendered(v, fill) ?? UNKNOWN);
    return lines.length > 0 ? lines.join('\n') : undefined;
  }
  if (!isUnknown(value)) return undefined;
  if (value.pieces) return value.pieces.map((p) => (typeof p === 'string' ? p : fill(p))).join('');
  return fill(value);
}

/** The bucket attribute an unknown is, rendered: one reference to a bucket the scan knows by name. */
function bucketAttribute(
  value: Unknown,
  near: Rooted,
  buckets: ReadonlyMap<string, Bucket>,
): string | undefined {
  const [ref] = value.refs;
  if (ref === undefined || value.refs.length > 1) return undefined;
  const resource = refResource(ref);
  const bucket = buckets.get(rootKey(near, resource));
  const attribute = ownEntry(BUCKET_ATTRIBUTES, ref.slice(resource.length + 1));
  return bucket?.name === undefined ? undefined : attribute?.(bucket.name, bucket);
}
