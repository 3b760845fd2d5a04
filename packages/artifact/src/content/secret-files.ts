import type { ShippedType } from '@posture/model';

/**
 * A file that holds a secret by what it is, known by its name and a setting of it with a literal
 * value: the same names also hold harmless settings (a kubeconfig whose token a helper prints, an
 * s3cmd config with an empty `secret_key`), which are no credentials file. A Google service
 * account key is known by its content alone, under whatever name it was saved.
 */
interface SecretFile {
  /** What the file is, as reports name it. */
  readonly format: string;
  /** Its package path, lowercased; none for a file known by content alone. */
  readonly name?: RegExp;
  /** What its text holds when it holds a secret: every one of them. */
  readonly holds: readonly RegExp[];
}

/** A setting `key = value` of an INI file, its value written: `NAMES` is an alternation. */
const ini = (names: string) => new RegExp(`^[ \\t]*(?:${names})[ \\t]*=[ \\t]*\\S`, 'im');

/**
 * Composer's tokens and passwords, by host: a token written as a host's value, or in its object.
 * Any host of a section may hold it, so the hosts before it (a mirror with an empty password) are
 * passed over whole, their strings read as strings: a brace or quote in a value ends nothing.
 */
function composerSecret(): RegExp {
  const string = String.raw`"(?:[^"\\]|\\.)*"`;
  const inObject = String.raw`(?:[^{}"]|${string})`;
  const host = String.raw`\s*${string}\s*:\s*`;
  const sections = 'http-basic|github-oauth|gitlab-oauth|gitlab-token|bitbucket-oauth|bearer';
  const secret = String.raw`(?:"[^"\s]|\{${inObject}*?"(?:password|token|consumer-secret)"\s*:\s*"[^"\s])`;
  return new RegExp(
    String.raw`"(?:${sections})"\s*:\s*\{(?:${host}(?:${string}|\{${inObject}*\})\s*,)*?${host}${secret}`,
  );
}

// A block's secret (`credentials "host" { token = … }`, a host's `{ "password": … }`) is sought up to
// the next brace, which no such block holds: a file of unclosed blocks is then read once, not once
// for each.
const SECRET_FILES: readonly SecretFile[] = [
  {
    format: 'kubeconfig with a token, key or password',
    name: /(?:^|\/)(?:\.kube\/config|kubeconfig(?:\.ya?ml)?)$/,
    // A user's token, client key or password, or an auth provider's tokens and secret, in YAML or
    // JSON; an `exec` helper or a `tokenFile` is no secret in the file.
    holds: [
      /(?<![\w-])["']?(?:token|client-key-data|password|id-token|refresh-token|access-token|client-secret)["']?[ \t]*:[ \t]*["']?(?!null\b|~)[^\s"',{}[\]#]/,
    ],
  },
  {
    format: 'rclone configuration with a secret',
    name: /(?:^|\/)rclone\.conf$/,
    holds: [
      ini(
        'secret_access_key|pass|password2?|token|client_secret|key|account_key|sas_url|bearer_token',
      ),
    ],
  },
  {
    format: 's3cmd configuration with a secret key',
    name: /(?:^|\/)\.s3cfg$/,
    holds: [ini('secret_key|access_token')],
  },
  {
    format: 'boto configuration with a secret key',
    name: /(?:^|\/)\.boto$/,
    holds: [ini('aws_secret_access_key|gs_secret_access_key|gs_oauth2_refresh_token')],
  },
  {
    // A user's (client secret, refresh token) or a service account's; not a workload identity
    // federation's, which holds none.
    format: 'Google application default credentials',
    name: /(?:^|\/)application_default_credentials\.json$/,
    holds: [/"(?:client_secret|refresh_token|private_key)"\s*:\s*"[^"\s]/],
  },
  {
    format: 'Google service account key',
    holds: [/"type"\s*:\s*"service_account"/, /"private_key"\s*:\s*"-----BEGIN/],
  },
  {
    format: 'Composer auth.json with a token or password',
    name: /(?:^|\/)auth\.json$/,
    holds: [composerSecret()],
  },
  {
    format: 'Terraform CLI configuration with an API token',
    name: /(?:^|\/)(?:\.terraformrc|terraform\.rc)$/,
    holds: [/\bcredentials\s+"[^"]*"\s*\{[^{}]*?\btoken\s*=\s*"[^"\s]/],
  },
];

/** Types a service account key is saved as: `.json`, or a name that says nothing. */
const KEY_SHAPED: readonly ShippedType[] = ['json', 'text', 'other'];

/** Each of these files is a few kilobytes: a secret past this much text of one is not sought. */
const MAX_KEPT = 256 * 1024;

/**
 * Whether a shipped file is a credentials file by its name and content (`SECRET_FILES`), read as
 * it streams: only the first `MAX_KEPT` characters of a file such a name or type may be are kept.
 * What it finds is the file's kind, never the secret.
 */
export class SecretFiles {
  private kept = '';

  private constructor(private readonly candidates: readonly SecretFile[]) {}

  /** A reader for a file that may be one of them, else none. */
  static for(packagePath: string, type: ShippedType): SecretFiles | undefined {
    const path = packagePath.toLowerCase();
    const candidates = SECRET_FILES.filter((f) =>
      f.name ? f.name.test(path) : KEY_SHAPED.includes(type),
    );
    return candidates.length > 0 ? new SecretFiles(candidates) : undefined;
  }

  push(text: string): void {
    if (this.kept.length < MAX_KEPT) this.kept += text.slice(0, MAX_KEPT - this.kept.length);
  }

  /** At the end of the file: what credentials file it is, if one. */
  end(): string | undefined {
    return this.candidates.find((f) => f.holds.every((h) => h.test(this.kept)))?.format;
  }
}
