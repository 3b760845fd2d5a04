/**
 * Credentials never leave the extractor: userinfo, signature and token query parameters and npm
 * auth settings are replaced with `REDACTED` before a URL is stored in a link. And none reaches a
 * report: `redactText` masks every credential shape in the text a scan result carries.
 */
export const REDACTED = 'REDACTED';

/**
 * Credentials that say what they are by their prefix: AWS access key ids, GitHub, GitLab, Slack,
 * npm and Cloudflare tokens, Cloudflare Origin CA keys. Looser than the artifact gate's patterns,
 * which must not call prose a credential: any length past the prefix is masked, since hiding a word
 * too many costs a report nothing while a token cut short (a parser quotes 40 characters of one)
 * or of a length not seen yet must not show.
 */
const TOKEN = new RegExp(
  `\\b(?:${[
    '(?:AKIA|ASIA)[A-Z0-9]{12,}',
    'gh[pousr]_[A-Za-z0-9]{8,}',
    'github_pat_\\w{8,}',
    'gl(?:pat|dt|rt|ptt|cbt|ft|imt|oas|soat)-[\\w-]{8,}',
    'xox[abposre]-[\\w-]{8,}',
    'xapp-[\\w-]{8,}',
    'npm_[A-Za-z0-9]{8,}',
    'cf[ua]t_[A-Za-z0-9]{8,}',
    'v1\\.0-[a-f0-9]{24}-[a-f0-9]{8,}',
  ].join('|')})`,
  'g',
);

/** The key material after a PEM private key header, up to its footer or the end of the text. */
const PRIVATE_KEY =
  /(-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----)[\s\S]+?(?=-----END |$)/g;

/**
 * A literal assigned to a setting whose name says it is a secret (`AWS_SECRET_ACCESS_KEY=…`,
 * `r2AccessKeyId: …`, `CLOUDFLARE_API_TOKEN=…`, npm's `_auth = …`): the shapes, such as R2's hex
 * keys, that only their name tells from a hash. A reference (`${…}`, `$NAME`) is no secret. The name is matched
 * from its start and for at most 40 characters either side of its keyword: tried from every
 * character of a long word, the search would take quadratic time. So is a URL's scheme, below.
 */
/** What a secret setting's name holds: looked for alone first, as few texts hold one. */
const SECRET_WORD =
  /secret|passw(?:or)?d|token|_auth\b|api[_-]?key|access[_-]?key|private[_-]?key|credential|signature/i;
const SECRET_SETTING = new RegExp(
  `(?<![\\w.-])([\\w.-]{0,40}(?:${SECRET_WORD.source})[\\w.-]{0,40}["'\`]?[ \\t]*[:=][ \\t]*["'\`]?)(?![$]|REDACTED)[^\\s"'\`,;)}\\]]{8,}`,
  'gi',
);

/** What every secret setting holds, between its name and its value. */
const SETTING_SIGN = /[:=]/;

/** A URL in running text: a scheme, `//`, and what follows up to a space or a quote. */
const URL_IN_TEXT = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}:\/\/[^\s"'`<>]+/gi;

/**
 * The text with every credential Posture knows the shape of replaced by `REDACTED`: in URLs (the
 * userinfo, secret and signature parameters, npm auth), prefixed tokens wherever they sit (a URL's
 * path or fragment, a parser's quote of a stray line), private key material and secret settings.
 * What surrounds a credential stays, so a reader still finds the place.
 */
export function redactText(text: string): string {
  // A shape is searched for only in text holding what it cannot match without: most of the text a
  // result carries holds none, and each search is a pass over it (the five over the findings and
  // diagnostics of a corpus scan took 4.5 ms of CPU, the one or two left 2 ms).
  let masked = text;
  if (masked.includes('://')) masked = masked.replace(URL_IN_TEXT, redactUrl);
  if (masked.includes(':_')) masked = masked.replace(NPM_AUTH, `$1${REDACTED}`);
  masked = masked.replace(TOKEN, REDACTED);
  if (masked.includes('PRIVATE KEY')) masked = masked.replace(PRIVATE_KEY, `$1${REDACTED}`);
  // Its keyword, looked for alone, is one pass; the whole pattern tries up to 40 characters of a
  // name from every character (80,000 findings' messages: 350 ms for the pattern, 77 ms for this).
  if (SETTING_SIGN.test(masked) && SECRET_WORD.test(masked))
    masked = masked.replace(SECRET_SETTING, `$1${REDACTED}`);
  return masked;
}

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
    // Looked for within the pair only: a search to the text's end for each pair is quadratic.
    const pair = url.slice(start, end);
    const eq = pair.indexOf('=');
    if (eq >= 0) found.push({ name: pair.slice(0, eq), valueStart: start + eq + 1, valueEnd: end });
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
