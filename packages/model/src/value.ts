/**
 * Evaluated Terraform values. Known values are plain JSON-like data; anything not known before apply
 * (a resource id, an unset variable, a failed function) is an `Unknown`, which remembers the resource
 * addresses it came from so that `bucket = aws_s3_bucket.x.id` still links two resources.
 */
export type Value = null | boolean | number | string | Value[] | ValueObject | Unknown;

export interface ValueObject {
  [key: string]: Value;
}

/** What is known of a value that is not known as a whole. */
export interface KnownParts {
  /**
   * For a JSON string unknown only because parts of what it encodes are (`jsonencode` of a policy
   * whose `Resource` is an ARN known after apply): the encoded value, unknown parts and all.
   */
  readonly encodes?: Value;
  /**
   * For a string rendered from a template with unknown interpolations (a heredoc policy naming
   * `${aws_s3_bucket.b.arn}`): its known text and unknown parts in order.
   */
  readonly pieces?: readonly (string | Unknown)[];
  /**
   * For a map with keys not known before apply (`merge(var.tags, { release = "true" })`): the
   * entries it certainly has.
   */
  readonly entries?: ValueObject;
  /**
   * For a value that is one reference and nothing else (`google_folder.f.name`): that reference.
   * Refs alone do not say so: `coalesce(var.parent, google_folder.f.name)` has the same when the
   * variable has no value, and may be another folder.
   */
  readonly reference?: string;
  /**
   * For a set or map that holds values known only in part (`toset(["a-${x}", "b-${x}"])`,
   * `{ for n in names : "${n}-${x}" => n }`): what it is made of, in order, a set's element being
   * its own key. Some may turn out the same, so how many it holds is not known; but it holds each.
   */
  readonly elements?: readonly CollectionElement[];
}

/** One element of a collection known only in part (`KnownParts.elements`). */
export interface CollectionElement {
  readonly key: Value;
  readonly value: Value;
}

export class Unknown implements KnownParts {
  // Declared, not initialised: most unknowns know nothing more, and carry no such fields.
  declare readonly encodes?: Value;
  declare readonly pieces?: readonly (string | Unknown)[];
  declare readonly entries?: ValueObject;
  declare readonly reference?: string;
  declare readonly elements?: readonly CollectionElement[];

  constructor(
    /** Addresses of the resources (and attributes) this value depends on, e.g. `aws_s3_bucket.x.id`. */
    readonly refs: readonly string[] = [],
    /** Why the value is unknown, for messages: "variable env has no value", "computed at apply". */
    readonly reason?: string,
    /** What is known of it all the same, so that rules can still judge that part. */
    known: KnownParts = {},
  ) {
    if (known.encodes !== undefined) this.encodes = known.encodes;
    if (known.pieces !== undefined) this.pieces = known.pieces;
    if (known.entries !== undefined) this.entries = known.entries;
    if (known.reference !== undefined) this.reference = known.reference;
    if (known.elements !== undefined) this.elements = known.elements;
  }

  /** The resource addresses behind the refs: `aws_s3_bucket.x.id` → `aws_s3_bucket.x`. */
  get resources(): string[] {
    return [...new Set(this.refs.map(refResource))];
  }
}

export function unknown(refs: readonly string[] = [], reason?: string): Unknown {
  return new Unknown(refs, reason);
}

/** The reason of a value Terraform computes when it applies (a resource attribute not set). */
export const AFTER_APPLY = 'known after apply';

/**
 * The reason, for a message that says a value is not known: none when it is `AFTER_APPLY`, which
 * would only say again that it is not known (`is not known before apply (known after apply)`).
 */
export function addedReason(reason: string | undefined): string | undefined {
  return reason === AFTER_APPLY ? undefined : reason;
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

/**
 * Whether a value not known before apply could still turn out to be `text`: what is known of it,
 * the text of a template around its unknown parts, has to fit. `"serviceAccount:${…}"` is never
 * `allUsers`, and `"arn:aws:iam::${…}:root"` never `*`.
 */
export function couldBe(value: Unknown, text: string): boolean {
  if (!value.pieces) return true;
  const pattern = value.pieces
    .map((piece) =>
      typeof piece === 'string' ? piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '[^]*',
    )
    .join('');
  return new RegExp(`^${pattern}$`).test(text);
}

export function isObject(value: Value | undefined): value is ValueObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

export function asString(value: Value | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Terraform converts "true"/"false" strings to bool where a bool is expected. */
export function asBoolean(value: Value | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

export function asArray(value: Value | undefined): Value[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) return [];
  return [value];
}

/** The resource part of a reference: strips the attribute path and any instance key that follows it. */
export function refResource(ref: string): string {
  // module.a["k"].aws_s3_bucket.b[0].id  →  module.a["k"].aws_s3_bucket.b[0]
  const parts = splitAddress(ref);
  const out: string[] = [];
  let i = 0;
  while (parts[i] === 'module') {
    out.push(parts[i] ?? '', parts[i + 1] ?? '');
    i += 2;
  }
  const head = parts[i] === 'data' ? 3 : 2;
  out.push(...parts.slice(i, i + head));
  return out.join('.');
}

/** Splits an address on dots that are not inside brackets or quotes. */
export function splitAddress(address: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of address) {
    if (ch === '"' && depth > 0) quoted = !quoted;
    if (!quoted && ch === '[') depth++;
    if (!quoted && ch === ']') depth--;
    if (ch === '.' && depth === 0 && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}
