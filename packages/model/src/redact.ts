/**
 * Credentials never leave the extractor: userinfo, signature and token query parameters and npm
 * auth settings are replaced with `REDACTED` before a URL is stored in a link.
 */
export const REDACTED = 'REDACTED';

/**
 * Query or fragment parameters whose value is a secret, a signature or the id of the key that
 * signed: `GoogleAccessId` names a GCS V2 URL's signer as `AWSAccessKeyId` does an S3 SigV2 one's.
 * A GCS resumable upload's `upload_id` is itself the credential: anyone holding it can upload.
 */
const SECRET_PARAM = /sig|token|key|cred|secret|pass|auth|session|accessid|upload_id/i;

/** Parameters that make a URL a time-limited signed URL (SigV4, SigV2, GCS V4 and V2). */
const SIGNED_PARAM =
  /^(?:x-amz-signature|x-amz-credential|x-goog-signature|x-goog-credential|signature|awsaccesskeyid|googleaccessid)$/i;

/** `//host/:_authToken=…` and friends in `.npmrc`. */
const NPM_AUTH = /(:_(?:authToken|auth|password)=)[^\s"'`]*/gi;

export function redactUrl(url: string): string {
  return redactParams(redactUserinfo(url)).replace(NPM_AUTH, `$1${REDACTED}`);
}

/** Whether a parameter or variable named `name` holds a secret (a token, a key, a password). */
export function looksSecret(name: string): boolean {
  return SECRET_PARAM.test(name);
}

export function isPresigned(url: string): boolean {
  return params(url).some(({ name }) => SIGNED_PARAM.test(name));
}

function redactUserinfo(url: string): string {
  const slashes = url.indexOf('//');
  if (slashes < 0) return url;
  const authorityEnd = firstIndex(url, '/?#', slashes + 2);
  const at = url.lastIndexOf('@', authorityEnd - 1);
  if (at <= slashes) return url;
  return `${url.slice(0, slashes + 2)}${REDACTED}${url.slice(at)}`;
}

function redactParams(url: string): string {
  let result = url;
  // Right to left, so earlier offsets stay valid while values are replaced.
  for (const { name, valueStart, valueEnd } of params(url).reverse()) {
    if (SECRET_PARAM.test(name) && valueEnd > valueStart) {
      result = result.slice(0, valueStart) + REDACTED + result.slice(valueEnd);
    }
  }
  return result;
}

interface Param {
  readonly name: string;
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** The `name=value` pairs after the first `?` or `#`. */
function params(url: string): Param[] {
  const query = firstIndex(url, '?#', 0);
  const found: Param[] = [];
  let start = query + 1;
  while (start > 0 && start <= url.length) {
    const end = firstIndex(url, '&;#', start);
    const eq = url.indexOf('=', start);
    if (eq >= 0 && eq < end) {
      found.push({ name: url.slice(start, eq), valueStart: eq + 1, valueEnd: end });
    }
    start = end + 1;
  }
  return found;
}

/** The first index at or after `from` of any of `chars`, or the string's length. */
function firstIndex(text: string, chars: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (chars.includes(text[i] ?? '')) return i;
  }
  return text.length;
}
