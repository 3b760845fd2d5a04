import { couldBe, splitAddress, Unknown } from '@posture/model';

/**
 * Whether a reference that names an instance by its key (`aws_s3_bucket.b["acme-releases-123"]`,
 * `module.releases[0].s3_bucket_id`) could name the one scanned at `address`, step by step: the
 * same names, and at each key the same key, or one of those a scanned instance stands for when the
 * keys are not known (`[*]` any, `["acme-releases-*"]` those its known text fits). A step written
 * without a key is only one scanned without.
 */
export function couldName(ref: string, address: string): boolean {
  const steps = splitAddress(address);
  const written = splitAddress(ref);
  return written.length === steps.length && written.every((s, i) => couldBeStep(s, steps[i] ?? ''));
}

/** Without its instance keys: `module.m.aws_s3_bucket.b` of `module.m[0].aws_s3_bucket.b["k"]`. */
export function withoutKeys(address: string): string {
  return splitAddress(address)
    .map((step) => keyed(step)[0])
    .join('.');
}

function couldBeStep(written: string, scanned: string): boolean {
  const [name, key] = keyed(written);
  const [scannedName, scannedKey] = keyed(scanned);
  if (name !== scannedName) return false;
  if (key === undefined || scannedKey === undefined) return key === scannedKey;
  return key === scannedKey || scannedKey === '*' || fitsShape(key, scannedKey);
}

/** A step's name and what its brackets hold: `b` and `"k"` of `b["k"]`. */
function keyed(step: string): [string, string | undefined] {
  const open = step.indexOf('[');
  if (open < 0 || !step.endsWith(']')) return [step, undefined];
  return [step.slice(0, open), step.slice(open + 1, -1)];
}

/**
 * Whether a string key fits the key of an instance that stands for keys known in part: its text,
 * `*` where they are not known. A number (`[0]`) is no key of a `for_each`.
 */
function fitsShape(key: string, shape: string): boolean {
  const text = stringKey(key);
  const known = stringKey(shape)?.split('*');
  if (text === undefined || known === undefined || known.length < 2) return false;
  const pieces = known.flatMap((piece, i) => (i === 0 ? [piece] : [GAP, piece]));
  return couldBe(new Unknown([], undefined, { pieces }), text);
}

const GAP = new Unknown();

/** The string a quoted key is (`"k"` of `["k"]`); undefined for a number, or anything else. */
function stringKey(key: string): string | undefined {
  try {
    const value: unknown = JSON.parse(key);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
