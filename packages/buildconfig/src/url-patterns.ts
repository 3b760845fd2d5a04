/**
 * The storage URL patterns of storage-domain.md §4.2, ported to JavaScript: `(?P<name>` became
 * `(?<name>`, `(?i)` became the `i` flag, and every pattern is global for `matchAll`. The `d` flag
 * gives capture offsets, so a bucket's position in the text is known.
 *
 * Two deliberate changes keep every pattern linear on adversarial input: the access-point name is
 * bounded (`{0,48}`, AWS allows 3–50 characters) instead of `*`, and the multi-Region alias is
 * bounded (`{1,63}`) instead of `+`. An unbounded run followed by a literal makes the engine retry
 * every split of a long run: quadratic time on a line of near-matches. `wrangler_obj` names its verb
 * (`(?<verb>…)` instead of `(?:…)`) so that `put` can be told from `get`. `s3_path` and `s3_vhost`
 * skip the S3 API's XML namespace, which the reference's patterns read as a bucket named `doc`.
 */
import {
  NOT_R2_JURISDICTION,
  r2S3HostSource,
  type LinkForm,
  type StorageLink,
} from '@posture/model';

export type Service = StorageLink['service'];

export const REGION = String.raw`(?:[a-z]{2}(?:-[a-z]+)+-\d{1,2})`;
export const S3_BUCKET = String.raw`[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]`;
export const GCS_BUCKET = String.raw`[a-z0-9][a-z0-9._\-]{1,220}[a-z0-9]`;
export const R2_BUCKET = String.raw`[a-z0-9][a-z0-9\-]{1,61}[a-z0-9]`;

/**
 * What a match starts with, which decides how it grows into the whole reference:
 * `host` may have a scheme and userinfo before it and a path after it; `http` and `uri` carry their
 * scheme and may have a path after them; `command` is a CLI argument `bucket/key`.
 */
export type PatternKind = 'host' | 'http' | 'uri' | 'command';

export interface UrlPattern {
  readonly name: string;
  readonly regex: RegExp;
  readonly service: Service;
  readonly form: LinkForm;
  readonly kind: PatternKind;
  /**
   * Lower-case literals, one of which every match contains. A pattern runs only on the text around
   * them, which keeps scanning fast and linear however long the file is.
   */
  readonly anchors: readonly string[];
}

function pattern(
  name: string,
  service: Service,
  form: LinkForm,
  kind: PatternKind,
  anchors: readonly string[],
  source: string,
  flags: string,
): UrlPattern {
  return { name, service, form, kind, anchors, regex: new RegExp(source, `${flags}d`) };
}

/**
 * `aws [global options] <subcommand>` and the arguments after it, up to where an option of it can
 * start. Both runs are bounded, and the arguments end at the next `aws` command: free, a line of
 * many `aws s3api` commands with no separator took cubic time (a 14 kB line, 12 s). The bound is
 * past the reach of the window the pattern runs in around its anchor (find-refs), so it finds all
 * it found before.
 */
function awsSubcommand(subcommand: string): string {
  return String.raw`\baws(?:\s+[^\s;&|]+){0,12}?\s+${subcommand}(?:(?!\baws\s)(?:\\\n|[^\n;&|])){0,${REACH_IN_COMMAND}}?`;
}
const REACH_IN_COMMAND = 512;

/**
 * `r2 object put|get|delete bucket/…` after `prefix`; the wrangler CLI and wrangler-action share it.
 * `bucket` is what the bucket argument may be.
 */
export function r2ObjectCommand(prefix: string, flags = 'g', bucket = R2_BUCKET): RegExp {
  return new RegExp(
    String.raw`${prefix}r2\s+object\s+(?<verb>put|get|delete)\s+["']?(?<bucket>${bucket})/`,
    `${flags}d`,
  );
}

/**
 * `r2 bucket dev-url enable bucket` and `r2 bucket domain add bucket` after `prefix`: the commands
 * that open an R2 bucket, shared like `r2ObjectCommand`; `bucket` is what the bucket argument may be.
 */
export function r2BucketCommand(prefix: string, bucket = R2_BUCKET): RegExp {
  return new RegExp(
    String.raw`${prefix}r2\s+bucket\s+(?<opens>dev-url\s+enable|domain\s+add)\s+["']?(?<bucket>${bucket})(?=["'\s;&|)]|$)`,
    'gd',
  );
}

/**
 * The S3 API's XML namespace, `http://s3.amazonaws.com/doc/2006-03-01/` (the `xmlns` of every
 * request and response body, and the folder of its schema and WSDL), and its virtual-hosted
 * spelling `doc.s3.amazonaws.com/2006-03-01/`: every S3 client and server holds it. It names AWS's
 * documents, not a bucket of the project.
 */
const S3_API_DOCUMENT = String.raw`doc/\d{4}-\d{2}-\d{2}/`;
const S3_API_DOCUMENT_VHOST = String.raw`doc\.s3\.amazonaws\.com/\d{4}-\d{2}-\d{2}/`;

/**
 * A port written after the host of a path-style URL (`https://s3.amazonaws.com:443/acme/x`), which
 * leaves the bucket the first part of the path.
 */
const PORT = String.raw`(?::\d{1,5})?`;

const AMAZON = ['amazonaws.com'];
const CLOUDFLARE_API = ['r2.cloudflarestorage.com'];
/**
 * Any label before `.r2.cloudflarestorage.com` makes the host R2's, not only a 32-hex account id:
 * one written as a placeholder too (`https://${ACCOUNT_ID}.r2…/bucket/`, `$R2_ACCOUNT.r2…`), as the
 * account id is usually kept out of the file, and the bucket is still the first part of the path.
 * The path pattern's lookbehind keeps `ACCOUNT` of `$R2_ACCOUNT` from being read as a label.
 */
const R2_S3_HOST = r2S3HostSource('', true);

export const URL_PATTERNS: readonly UrlPattern[] = [
  pattern(
    's3_vhost',
    's3',
    's3-virtual-hosted',
    'host',
    AMAZON,
    String.raw`\b(?!${S3_API_DOCUMENT_VHOST})(?<bucket>${S3_BUCKET})\.s3(?:-fips)?(?:-external-1)?(?:\.dualstack)?(?:[.-](?<region>${REGION}))?\.amazonaws\.com(?:\.cn)?\b`,
    'gi',
  ),
  pattern(
    's3_path',
    's3',
    's3-path',
    'host',
    AMAZON,
    String.raw`(?<![a-z0-9.\-])s3(?:-fips)?(?:-external-1)?(?:\.dualstack)?(?:[.-](?<region>${REGION}))?\.amazonaws\.com(?:\.cn)?${PORT}/(?!${S3_API_DOCUMENT})(?<bucket>${S3_BUCKET})(?=[/?#"'\s]|$)`,
    'gi',
  ),
  pattern(
    's3_website',
    's3',
    's3-website',
    'host',
    AMAZON,
    String.raw`\b(?<bucket>${S3_BUCKET})\.s3-website[.-](?<region>${REGION})\.amazonaws\.com(?:\.cn)?\b`,
    'gi',
  ),
  pattern(
    's3_accel',
    's3',
    's3-accelerate',
    'host',
    AMAZON,
    String.raw`\b(?<bucket>[a-z0-9][a-z0-9\-]{1,61}[a-z0-9])\.s3-accelerate(?:\.dualstack)?\.amazonaws\.com\b`,
    'gi',
  ),
  pattern(
    's3_accesspt',
    's3',
    's3-access-point',
    'host',
    AMAZON,
    String.raw`\b(?<ap>[a-z0-9][a-z0-9\-]{0,48})-(?<acct>\d{12})\.s3-accesspoint(?:-fips)?(?:\.dualstack)?\.(?<region>${REGION})\.amazonaws\.com(?:\.cn)?\b`,
    'gi',
  ),
  pattern(
    's3_mrap',
    's3',
    's3-access-point',
    'host',
    AMAZON,
    String.raw`\b(?<alias>[a-z0-9]{1,63}\.mrap)\.accesspoint\.s3-global\.amazonaws\.com\b`,
    'gi',
  ),
  pattern(
    's3_uri',
    's3',
    's3-uri',
    'uri',
    ['s3://', 's3a://', 's3n://'],
    String.raw`\bs3[an]?://(?<bucket>${S3_BUCKET})(?=[/\s"'\x60<)]|$)`,
    'g',
  ),
  pattern(
    's3_arn',
    's3',
    's3-arn',
    'uri',
    [':s3:::'],
    String.raw`\barn:aws(?:-cn|-us-gov|-iso[a-z-]*)?:s3:::(?<bucket>${S3_BUCKET})(?=[/\s"'*,\]]|$)`,
    'g',
  ),
  pattern(
    'gs_uri',
    'gcs',
    'gcs-uri',
    'uri',
    // `gcs://` is how Gradle names a repository in a bucket.
    ['gs://', 'gcs://'],
    String.raw`\bgc?s://(?<bucket>${GCS_BUCKET})(?=[/\s"'\x60<)]|$)`,
    'g',
  ),
  pattern(
    'gcs_path',
    'gcs',
    'gcs-path',
    'http',
    ['googleapis.com', 'google.com'],
    String.raw`\bhttps?://(?:storage|commondatastorage|storage\.cloud)\.(?:googleapis|google)\.com${PORT}/(?!storage/v1/|upload/|batch/|download/)(?<bucket>${GCS_BUCKET})(?=[/?#"'\s]|$)`,
    'gi',
  ),
  pattern(
    'gcs_json',
    'gcs',
    'gcs-json-api',
    'http',
    ['googleapis.com'],
    String.raw`\bhttps?://(?:storage|www)\.googleapis\.com${PORT}/(?:download/|upload/)?storage/v1/b/(?<bucket>${GCS_BUCKET})(?=[/?#"'\s]|$)`,
    'gi',
  ),
  pattern(
    'gcs_vhost',
    'gcs',
    'gcs-virtual-hosted',
    'host',
    ['.storage.googleapis.com'],
    String.raw`\b(?<bucket>${GCS_BUCKET})\.storage\.googleapis\.com\b`,
    'gi',
  ),
  pattern(
    'r2_dev',
    'r2',
    'r2-dev',
    'host',
    ['.r2.dev'],
    String.raw`\bpub-(?<id>[0-9a-f]{32})\.r2\.dev\b`,
    'gi',
  ),
  pattern(
    'r2_s3_path',
    'r2',
    'r2-s3-api',
    'host',
    CLOUDFLARE_API,
    String.raw`(?<![\w.\-])${R2_S3_HOST}${PORT}(?:/(?<bucket>${R2_BUCKET})(?=[/?#"'\s]|$))?`,
    'gi',
  ),
  pattern(
    'r2_s3_vhost',
    'r2',
    'r2-s3-api',
    'host',
    CLOUDFLARE_API,
    String.raw`\b(?<bucket>${R2_BUCKET})\.${NOT_R2_JURISDICTION}${R2_S3_HOST}\b`,
    'gi',
  ),
  pattern(
    'r2_uri',
    'r2',
    'r2-uri',
    'uri',
    ['r2://'],
    String.raw`\br2://(?<bucket>${R2_BUCKET})(?=[/\s"'\x60]|$)`,
    'g',
  ),
  {
    // `aws s3api put-object --bucket acme-releases --key …`: the bucket is an option's value.
    name: 's3api_bucket',
    service: 's3',
    form: 's3-uri',
    kind: 'command',
    anchors: ['s3api'],
    regex: new RegExp(
      String.raw`${awsSubcommand('s3api\\s+[a-z-]+')}--bucket(?:\s+|=)["']?(?<bucket>${S3_BUCKET})(?=["'\s;&|)]|$)`,
      'gd',
    ),
  },
  {
    // `aws s3control put-public-access-block --account-id 123456789012 …`: a whole account's
    // settings. The account may be a variable (`$ID`, `${{ secrets.ID }}`): whatever the option
    // holds is the reference.
    name: 's3control_account',
    service: 's3',
    form: 's3-account',
    kind: 'command',
    anchors: ['s3control'],
    regex: new RegExp(
      String.raw`${awsSubcommand('s3control\\s+(?:put|delete)-public-access-block')}--account-id(?:\s+|=)["']?(?<account>\$\{\{[^}\n]{1,120}\}\}|[^\s"';&|)]{1,128})`,
      'gd',
    ),
  },
  {
    name: 'wrangler_obj',
    service: 'r2',
    form: 'wrangler',
    kind: 'command',
    anchors: ['wrangler'],
    regex: r2ObjectCommand(String.raw`\bwrangler\s+`),
  },
  {
    // `wrangler r2 bucket dev-url enable b`, `wrangler r2 bucket domain add b`: what opens it.
    name: 'wrangler_bucket',
    service: 'r2',
    form: 'wrangler',
    kind: 'command',
    anchors: ['wrangler'],
    regex: r2BucketCommand(String.raw`\bwrangler\s+`),
  },
];

const BUCKET_NAME: Record<Service, RegExp> = {
  s3: new RegExp(`^${S3_BUCKET}$`),
  gcs: new RegExp(`^${GCS_BUCKET}$`),
  r2: new RegExp(`^${R2_BUCKET}$`),
  // DigitalOcean Spaces and other S3-compatible stores follow S3's rules.
  unknown: new RegExp(`^${S3_BUCKET}$`),
};

/** Whether `name` is a valid bucket name for the service (what a field must hold to be a link). */
export function isBucketName(name: string, service: Service): boolean {
  return BUCKET_NAME[service].test(name);
}

/**
 * AWS's documentation bucket names: `examplebucket` of the S3 API reference and SDK examples,
 * `amzn-s3-demo-bucket` and kin (a prefix S3's naming rules reserve: no bucket can have it) and
 * the older `DOC-EXAMPLE-BUCKET` and kin. A placeholder for the reader's bucket, as AWS's
 * documentation key ids are for a key: it names no bucket, as `s3://${BUCKET}` names none.
 */
const DOCUMENTATION_BUCKET =
  /^(?:examplebucket|amzn-s3-demo-[a-z0-9.-]*|doc-example-[a-z0-9.-]*)$/i;

export function isDocumentationBucket(name: string): boolean {
  return DOCUMENTATION_BUCKET.test(name);
}

/** The form of a bucket named without a URL (a field, an rclone remote): its service's URI form. */
export const URI_FORM: Readonly<Record<Service, LinkForm>> = {
  s3: 's3-uri',
  gcs: 'gcs-uri',
  r2: 'r2-uri',
  // S3-compatible stores (Spaces, MinIO) are addressed like S3.
  unknown: 's3-uri',
};
