/**
 * Shell commands around a reference: which CLI writes where, and whether it makes what it writes
 * public. Read from text (a `run:` block, a script, a recipe; its words found by command-words.ts)
 * or from a list of arguments (Cloud Build `args`). Nothing is executed.
 */
import {
  accessOf,
  aclAccess,
  roleAccess,
  type AclTarget,
  type BucketOpening,
  type GrantAccess,
} from '@posture/model';
import { tokenize } from './command-words.js';
import { endpointService, isLocalEndpoint } from './endpoint.js';
import type { Service } from './url-patterns.js';

/** What a command does with one of its arguments. */
export interface CommandFacts {
  /** The argument is where the command writes. */
  readonly destination: boolean;
  /** The command makes what it writes public. */
  readonly publicAcl: boolean;
  /** The service the command's endpoint option points at. */
  readonly service?: Service;
  /** How the command opens the bucket it names, if it changes its access controls that way. */
  readonly opening?: Opening;
}

/** A bucket opening as a command writes it; a policy is still text (JSON, or `file://…`). */
export interface Opening {
  readonly kind: BucketOpening['kind'];
  readonly policy?: string;
  readonly through?: BucketOpening['through'];
  readonly access?: BucketOpening['access'];
  readonly objects?: BucketOpening['objects'];
}

export interface ParsedCommand {
  readonly cli: Cli;
  /** Indexes of the operands (arguments that are neither options nor option values). */
  readonly operands: readonly number[];
  readonly publicAcl: boolean;
  readonly service?: Service;
  readonly opening?: Opening;
}

/** A command line as a CLI's `opens` sees it. */
interface Call {
  /** The program and subcommand words, as written. */
  readonly words: readonly string[];
  /** Options with their values (`''` for a flag). */
  readonly options: ReadonlyMap<string, string>;
  readonly operands: readonly string[];
  /** An option or operand grants to everyone (`isPublic`, `isPublicOperand`). */
  readonly publicAcl: boolean;
  /** Those options, with their values, and operands (as `['', operand]`). */
  readonly grants: readonly (readonly [option: string, value: string])[];
  /** The argument the reference is at: the bucket or object URL a link stands for. */
  readonly at?: string;
}

interface Cli {
  readonly name: string;
  /** The program and subcommands, matched in order against the words that are not options. */
  readonly words: readonly RegExp[];
  /**
   * A word that may come right after the program and selects another release of the same commands,
   * passed by: gcloud's `alpha` and `beta` tracks (`gcloud alpha storage cp` is `gcloud storage cp`).
   */
  readonly track?: RegExp;
  /**
   * Words that may come right after the program and stand for its subcommands: gsutil's own names
   * of its ACL commands (`gsutil setacl` runs `gsutil acl set`, `chdefacl` `defacl ch`), which old
   * release scripts still use.
   */
  readonly aliases?: ReadonlyMap<string, readonly string[]>;
  /** Which argument the command writes: its last operand, every operand (ACL and IAM changes),
   * the URL when an upload flag is present (curl, s3curl: see `uploads`), the value of `--bucket`
   * (aws s3api), or the value of `--account-id` (aws s3control). */
  readonly writes: 'last' | 'all' | 'upload-flag' | 'bucket-option' | 'account-option';
  /** Whether an argument, with the one after it, is an upload flag (`writes: 'upload-flag'`). */
  readonly uploads?: (arg: string, next: string | undefined) => boolean;
  /** Options that take a value; when absent, every option but `flags` takes one. */
  readonly valued?: ReadonlySet<string>;
  readonly flags?: ReadonlySet<string>;
  /** Whether an option with its value makes the written objects public; default never. */
  readonly isPublic?: (option: string, value: string) => boolean;
  /**
   * Whether an operand makes them public (`gsutil acl set public-read gs://…`), with the
   * environment the command runs in (see `Environment`).
   */
  readonly isPublicOperand?: (arg: string, environment: Environment) => boolean;
  readonly endpointOption?: string;
  /**
   * How the command opens the bucket it names: ACL and IAM changes, policies, public switches. A
   * CLI with `opens` changes access and writes nothing, so what it names is no upload destination.
   */
  readonly opens?: (call: Call) => Opening | undefined;
}

const CANNED_PUBLIC = /^public-read(?:-write)?$/i;
/**
 * gsutil's `-h "x-goog-acl:public-read"`: the XML API's header for a predefined ACL on upload, the
 * header form of `-a public-read` (cloud.google.com/storage/docs/xml-api/put-object-acls).
 */
const ACL_HEADER_PUBLIC = /^x-goog-acl:\s*public-read(?:-write)?$/i;
/**
 * An HTTP request's canned-ACL header, as curl sends it with `-H` (`--header`): S3's `x-amz-acl`,
 * which Cloud Storage's XML API also takes, or Cloud Storage's own `x-goog-acl`.
 */
const HTTP_ACL_PUBLIC = /^x-(?:amz|goog)-acl:\s*public-read(?:-write)?$/i;
const httpAclIsPublic = (option: string, value: string): boolean =>
  (option === '-H' || option === '--header') && HTTP_ACL_PUBLIC.test(value);
/** gcloud's release tracks, which run the same commands as the GA one. */
const GCLOUD_TRACK = /^(?:alpha|beta)$/;
const PREDEFINED_PUBLIC = /^public[-_]?read(?:[-_]?write)?$/i;
/** Public access prevention values that leave it off: `gsutil pap set`, `--public-access-prevention`. */
const PREVENTION_OFF = /^(?:unspecified|inherited)$/i;
/** Grants to everyone in ACL and IAM commands: `AllUsers:R`, `allUsers:objectViewer`, `public-read`. */
const GRANT_PUBLIC = /all(?:authenticated)?users|^public-?read(?:-?write)?$/i;
const grantsPublic = (arg: string): boolean => GRANT_PUBLIC.test(arg);
/**
 * A public grant, with what it lets everyone do (`access`, from its grants) and, on some objects
 * only, which (`objects`).
 */
const grant = (
  { publicAcl, grants }: Call,
  through: 'acl' | 'iam',
  access: (option: string, value: string) => readonly GrantAccess[] | undefined,
  objects?: string,
): Opening | undefined => {
  if (!publicAcl) return undefined;
  const granted = accessOf(grants.map(([option, value]) => access(option, value)));
  return {
    kind: 'grant',
    through,
    ...(granted && { access: granted }),
    ...(objects && { objects }),
  };
};
/** Where an ACL command applies: objects when it names one (`gs://b/key`) or recurses into them. */
const aclTarget = ({ options, operands }: Call, recursive: readonly string[]): AclTarget =>
  recursive.some((flag) => options.has(flag)) || operands.some((arg) => OBJECT_URL.test(arg))
    ? 'objects'
    : 'bucket';
const OBJECT_URL = /^[a-z0-9]+:\/\/[^/]+\/./i;
/**
 * The keys of the objects an ACL command changes at its reference: the object its URL names
 * (`gs://b/public/cli.tgz`), or with a `recursive` flag those under it (`public/*`); none for the
 * bucket's URL, which stands for every object.
 */
const objectKeys = ({ at, options }: Call, recursive: readonly string[]): string | undefined => {
  const key = at === undefined ? undefined : /^[a-z0-9]+:\/\/[^/]+\/(.+)$/i.exec(at)?.[1];
  if (key === undefined) return undefined;
  return recursive.some((flag) => options.has(flag)) ? `${key.replace(/\/$/, '')}/*` : key;
};
/** The permission of an ACL entry (`AllUsers:R`, gcloud's `entity=allUsers,role=READER`), or a canned ACL. */
const aclPermission = (value: string): string =>
  /(?:^|,)role=([^,]+)/.exec(value)?.[1] ?? value.slice(value.lastIndexOf(':') + 1);
/** `aws s3api` options that grant to everyone. */
const S3API_PUBLIC = (option: string, value: string): boolean =>
  (option === '--acl' && CANNED_PUBLIC.test(value)) ||
  ((/^--grant-(?:read|write|read-acp|write-acp|full-control)$/.test(option) ||
    option === '--access-control-policy') &&
    /AllUsers|AuthenticatedUsers/.test(value));
/** What an `aws s3api` grant gives: its canned ACL, the permission its option names, or its policy's. */
const s3apiAccess = (option: string, value: string, target: AclTarget) => {
  if (option === '--acl') return aclAccess(value, target);
  if (option !== '--access-control-policy')
    return aclAccess(option.slice('--grant-'.length), target);
  return accessOf(publicPermissions(value).map((permission) => aclAccess(permission, target)));
};
/** The permissions a JSON `--access-control-policy` grants to everyone; none when it is not JSON. */
function publicPermissions(policy: string): string[] {
  let grants: unknown;
  try {
    grants = (JSON.parse(policy) as { Grants?: unknown } | null)?.Grants;
  } catch {
    return [];
  }
  return (Array.isArray(grants) ? grants : []).flatMap((entry: unknown) => {
    const { Grantee, Permission } = (entry ?? {}) as {
      Grantee?: { URI?: unknown };
      Permission?: unknown;
    };
    const uri = typeof Grantee?.URI === 'string' ? Grantee.URI : '';
    return /AllUsers|AuthenticatedUsers/.test(uri) && typeof Permission === 'string'
      ? [Permission]
      : [];
  });
}

const set = (words: string): ReadonlySet<string> => new Set(words.split(' '));
const AWS_FLAGS = set('--debug --no-paginate --no-cli-pager --no-verify-ssl --no-sign-request');
const S3CMD_FLAGS = set(
  '--acl-public -P --acl-private --recursive -r --delete-removed --no-delete-removed --delete-after --no-check-md5 --dry-run -n --force -f --guess-mime-type --no-guess-mime-type --no-mime-magic --skip-existing --continue --verbose -v --progress --no-progress --quiet -q --preserve -p --no-preserve --follow-symlinks -F --no-encrypt --reduced-redundancy --rr',
);
/** `s3cmd --acl-public` (`-P`): the canned ACL public-read. */
const S3CMD_PUBLIC = (option: string): boolean => option === '--acl-public' || option === '-P';

const CLIS: readonly Cli[] = [
  {
    name: 'aws s3',
    words: [/^aws$/, /^s3$/, /^(?:cp|sync|mv)$/],
    writes: 'last',
    flags: set(
      '--recursive --delete --dryrun --quiet --only-show-errors --no-progress --follow-symlinks --no-follow-symlinks --no-guess-mime-type --exact-timestamps --size-only --force-glacier-transfer --ignore-glacier-warnings --no-verify-ssl --debug --no-sign-request --no-paginate --no-cli-pager --no-overwrite',
    ),
    isPublic: (option, value) =>
      (option === '--acl' && CANNED_PUBLIC.test(value)) ||
      (option === '--grants' && /AllUsers|AuthenticatedUsers/.test(value)),
    endpointOption: '--endpoint-url',
  },
  {
    name: 'gsutil',
    words: [/^gsutil$/, /^(?:cp|rsync|mv)$/],
    writes: 'last',
    valued: set('-h -o -i -a -j -L -s -z -x'),
    isPublic: (option, value) =>
      (option === '-a' && CANNED_PUBLIC.test(value)) ||
      (option === '-h' && ACL_HEADER_PUBLIC.test(value)),
  },
  {
    name: 'gsutil acl',
    words: [/^gsutil$/, /^(?:acl|defacl|iam)$/, /^(?:set|ch)$/],
    aliases: new Map([
      ['setacl', ['acl', 'set']],
      ['chacl', ['acl', 'ch']],
      ['setdefacl', ['defacl', 'set']],
      ['chdefacl', ['defacl', 'ch']],
    ]),
    writes: 'all',
    valued: set('-h -o -u -g -p -d'),
    // `-d allUsers` deletes the grant: the fix, not an opening.
    isPublic: (option, value) => option !== '-d' && grantsPublic(value),
    isPublicOperand: grantsPublic,
    opens: (call) => {
      // `allUsers:objectViewer[,objectCreator]`; `-u AllUsers:R`, `public-read` on a bucket or objects.
      if (call.words[1] === 'iam') {
        const roles = (value: string) => value.slice(value.indexOf(':') + 1).split(',');
        return grant(call, 'iam', (_, value) => accessOf(roles(value).map(roleAccess)));
      }
      // A default object ACL is every new object's.
      if (call.words[1] === 'defacl')
        return grant(call, 'acl', (_, value) => aclAccess(aclPermission(value), 'objects'));
      const target = aclTarget(call, ['-r', '-R']);
      return grant(
        call,
        'acl',
        (_, value) => aclAccess(aclPermission(value), target),
        objectKeys(call, ['-r', '-R']),
      );
    },
  },
  {
    // `gsutil pap set unspecified gs://b`: public access prevention off.
    name: 'gsutil pap',
    words: [/^gsutil$/, /^pap$/, /^set$/],
    writes: 'all',
    valued: set(''),
    opens: ({ operands }) =>
      PREVENTION_OFF.test(operands[0] ?? '') ? { kind: 'public-access-prevention-off' } : undefined,
  },
  {
    // `gsutil ubla set off gs://b` (formerly `bucketpolicyonly`): object ACLs apply again.
    name: 'gsutil ubla',
    words: [/^gsutil$/, /^(?:ubla|bucketpolicyonly)$/, /^set$/],
    writes: 'all',
    valued: set(''),
    opens: ({ operands }) =>
      /^off$/i.test(operands[0] ?? '') ? { kind: 'acls-enabled' } : undefined,
  },
  {
    name: 'gcloud storage',
    words: [/^gcloud$/, /^storage$/, /^(?:cp|rsync|mv)$/],
    track: GCLOUD_TRACK,
    writes: 'last',
    flags: set(
      '--recursive -r -R --no-clobber -n --continue-on-error -c --daisy-chain -D --do-not-decompress --ignore-symlinks --preserve-posix -P --print-created-message --skip-unsupported -U --delete-unmatched-destination-objects --dry-run --quiet -q --preserve-acl -p --gzip-in-flight-all -J --gzip-local-all -Z --no-ignore-symlinks --checksums-only --exclude-symlinks -e --skip-if-dest-has-newer-mtime -u --include-managed-folders --all-versions -A',
    ),
    isPublic: (option, value) =>
      ['--predefined-acl', '--canned-acl', '-a'].includes(option) && PREDEFINED_PUBLIC.test(value),
  },
  {
    name: 'gcloud storage iam',
    words: [
      /^gcloud$/,
      /^storage$/,
      /^(?:buckets|objects)$/,
      /^(?:add-iam-policy-binding|update)$/,
    ],
    track: GCLOUD_TRACK,
    writes: 'all',
    flags: set('--quiet -q --recursive -r -R'),
    isPublic: (option, value) =>
      grantsPublic(value) ||
      (['--predefined-acl', '--predefined-default-object-acl'].includes(option) &&
        PREDEFINED_PUBLIC.test(value)),
    isPublicOperand: grantsPublic,
    opens: (call) => {
      if (
        call.options.has('--no-public-access-prevention') ||
        PREVENTION_OFF.test(call.options.get('--public-access-prevention') ?? '')
      )
        return { kind: 'public-access-prevention-off' };
      if (call.options.has('--no-uniform-bucket-level-access')) return { kind: 'acls-enabled' };
      if (call.words[3] === 'add-iam-policy-binding')
        return grant(call, 'iam', () => roleAccess(call.options.get('--role') ?? ''));
      // `--predefined-acl` and `--add-acl-grant` on a bucket are its own ACL; the default object
      // ACL's options, and either on objects, theirs.
      const objects = call.words[2] === 'objects';
      return grant(
        call,
        'acl',
        (option, value) => {
          const target = !objects && !/default-object/.test(option);
          return aclAccess(aclPermission(value), target ? 'bucket' : 'objects');
        },
        objects ? objectKeys(call, ['--recursive', '-r', '-R']) : undefined,
      );
    },
  },
  {
    name: 's3cmd',
    words: [/^s3cmd$/, /^(?:put|sync|cp|mv)$/],
    writes: 'last',
    flags: S3CMD_FLAGS,
    isPublic: S3CMD_PUBLIC,
    endpointOption: '--host',
  },
  {
    // `s3cmd setacl --acl-public [--recursive] s3://b[/key]`: what it names readable by anyone.
    name: 's3cmd setacl',
    words: [/^s3cmd$/, /^setacl$/],
    writes: 'all',
    flags: S3CMD_FLAGS,
    isPublic: S3CMD_PUBLIC,
    endpointOption: '--host',
    opens: (call) => {
      const target = aclTarget(call, ['--recursive', '-r']);
      return grant(
        call,
        'acl',
        () => aclAccess('public-read', target),
        objectKeys(call, ['--recursive', '-r']),
      );
    },
  },
  {
    name: 's5cmd',
    words: [/^s5cmd$/, /^(?:cp|sync|mv)$/],
    writes: 'last',
    flags: set(
      '--flatten --no-clobber -n --if-size-differ -s --if-source-newer -u --raw --force-glacier-transfer --ignore-glacier-warnings --no-follow-symlinks --dry-run --stat --json --no-verify-ssl --no-sign-request --use-list-objects-v1 --delete --size-only --exit-on-error --install-completion',
    ),
    isPublic: (option, value) => option === '--acl' && CANNED_PUBLIC.test(value),
    endpointOption: '--endpoint-url',
  },
  {
    name: 'rclone',
    words: [/^rclone$/, /^(?:copy|copyto|sync|move|moveto)$/],
    writes: 'last',
    flags: set(
      '-P --progress -v -vv -vvv --verbose -q --quiet --dry-run -n --checksum -c --update -u --no-traverse --fast-list --create-empty-src-dirs --delete-excluded --ignore-existing --size-only --immutable --no-check-dest --no-update-modtime -i --interactive --ignore-times -I --copy-links -L --links -l --metadata -M',
    ),
    isPublic: (option, value) =>
      (option === '--s3-acl' && CANNED_PUBLIC.test(value)) ||
      (option === '--gcs-object-acl' && PREDEFINED_PUBLIC.test(value)),
    endpointOption: '--s3-endpoint',
  },
  {
    // `buildkite-agent artifact upload <glob> s3://b/…`: the agent writes to S3 with the canned ACL
    // of BUILDKITE_S3_ACL or AWS_S3_ACL, public-read when neither is set (`agentUploadUsage`). Only
    // the step's or pipeline's `env:` is in sight (agent hooks are not): without one there, an S3
    // destination is public.
    name: 'buildkite-agent artifact',
    words: [/^buildkite-agent$/, /^artifact$/, /^upload$/],
    writes: 'last',
    valued: set(
      '--job --content-type --delimiter --agent-access-token --endpoint --profile --log-format --log-level --experiment --redacted-vars',
    ),
    isPublicOperand: (arg, environment) =>
      /^(?:s3|gs):\/\//i.test(arg) && agentUploadUsage(arg, environment) === 'public-upload',
  },
  {
    name: 'curl',
    words: [/^curl$/],
    writes: 'upload-flag',
    uploads: (arg, next) =>
      arg === '-T' ||
      arg === '--upload-file' ||
      /^-XPUT$|^--request=PUT$/i.test(arg) ||
      ((arg === '-X' || arg === '--request') && next?.toUpperCase() === 'PUT'),
    isPublic: httpAclIsPublic,
  },
  {
    // Amazon's curl wrapper, `s3curl.pl --id=x [--acl public-read] --put=file -- [curl's options]
    // URL`: it signs the request, sends `--acl` as the `x-amz-acl` header, and passes on the rest.
    name: 's3curl',
    words: [/^s3curl(?:\.pl)?$/],
    writes: 'upload-flag',
    uploads: (arg) => /^--(?:put|copySrc)(?:=|$)/.test(arg),
    isPublic: (option, value) =>
      (option === '--acl' && CANNED_PUBLIC.test(value)) || httpAclIsPublic(option, value),
  },
  {
    name: 'aws s3api',
    words: [/^aws$/, /^s3api$/, /^(?:put-object|copy-object|create-multipart-upload)$/],
    writes: 'bucket-option',
    flags: AWS_FLAGS,
    isPublic: S3API_PUBLIC,
    endpointOption: '--endpoint-url',
  },
  {
    name: 'aws s3api access',
    words: [
      /^aws$/,
      /^s3api$/,
      /^(?:put-object-acl|put-bucket-acl|put-bucket-policy|delete-public-access-block|put-public-access-block|put-bucket-website|put-bucket-ownership-controls|delete-bucket-ownership-controls)$/,
    ],
    writes: 'bucket-option',
    flags: AWS_FLAGS,
    isPublic: S3API_PUBLIC,
    endpointOption: '--endpoint-url',
    opens: (call) => {
      switch (call.words[2]) {
        case 'put-bucket-policy':
          return { kind: 'policy', policy: call.options.get('--policy') ?? '' };
        case 'delete-public-access-block':
          return { kind: 'access-block-removed' };
        case 'put-public-access-block':
          // `BlockPublicAcls=false,…` or its JSON form: any protection turned off.
          return /false/i.test(call.options.get('--public-access-block-configuration') ?? '')
            ? { kind: 'access-block-removed' }
            : undefined;
        case 'put-bucket-website':
          return { kind: 'website' };
        case 'put-bucket-ownership-controls':
          // Any ownership but BucketOwnerEnforced lets ACLs apply again.
          return /BucketOwnerEnforced/.test(call.options.get('--ownership-controls') ?? '')
            ? undefined
            : { kind: 'acls-enabled' };
        case 'delete-bucket-ownership-controls':
          return { kind: 'acls-enabled' };
        case 'put-bucket-acl':
          return grant(call, 'acl', (option, value) => s3apiAccess(option, value, 'bucket'));
        default:
          return grant(
            call,
            'acl',
            (option, value) => s3apiAccess(option, value, 'objects'),
            call.options.get('--key'),
          );
      }
    },
  },
  {
    // `aws s3control put-public-access-block --account-id … BlockPublicPolicy=false,…`: the
    // account-wide block that guards every bucket of the account.
    name: 'aws s3control',
    words: [/^aws$/, /^s3control$/, /^(?:put|delete)-public-access-block$/],
    writes: 'account-option',
    flags: AWS_FLAGS,
    opens: (call) =>
      call.words[2] === 'delete-public-access-block' ||
      /false/i.test(call.options.get('--public-access-block-configuration') ?? '')
        ? { kind: 'account-access-block-removed' }
        : undefined,
  },
  {
    name: 'aws s3 website',
    words: [/^aws$/, /^s3$/, /^website$/],
    writes: 'all',
    flags: AWS_FLAGS,
    opens: () => ({ kind: 'website' }),
  },
  {
    // `wrangler r2 bucket dev-url enable b`, `wrangler r2 bucket domain add b --domain …`.
    name: 'wrangler r2 bucket',
    words: [/^wrangler$/, /^r2$/, /^bucket$/, /^(?:dev-url|domain)$/, /^(?:enable|add)$/],
    writes: 'all',
    flags: set('-y --force -h --help'),
    opens: ({ words }) => r2Opening(words[3] ?? ''),
  },
];

const S3_URI = /^s3:\/\//i;

/**
 * The environment a command runs in, as far as the file states it (Buildkite's `env:`): some tools
 * read their settings there. A variable it does not state is `undefined`.
 */
export type Environment = (name: string) => unknown;

const UNSTATED: Environment = () => undefined;

/**
 * The usage of the Buildkite agent's upload to `destination`, with the environment variables
 * `variable` gives: to S3 with BUILDKITE_S3_ACL's or AWS_S3_ACL's canned ACL, public-read when
 * neither is set; to GCS with BUILDKITE_GS_ACL's predefined ACL, or the bucket's default.
 */
export function agentUploadUsage(destination: string, variable: Environment): UploadUsage {
  const set = (name: string) => {
    const value = variable(name);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  if (!S3_URI.test(destination)) return aclUsage(set('BUILDKITE_GS_ACL'));
  return aclUsage(set('BUILDKITE_S3_ACL') ?? set('AWS_S3_ACL') ?? 'public-read');
}

/** Whether a canned or predefined ACL value is public: `public-read`, `publicRead`, … */
export function isPublicAcl(value: unknown): boolean {
  return typeof value === 'string' && PREDEFINED_PUBLIC.test(value);
}

export type UploadUsage = 'upload' | 'public-upload';

/** An upload's usage by the ACL it sets: public for a public canned or predefined ACL. */
export function aclUsage(acl: unknown): UploadUsage {
  return isPublicAcl(acl) ? 'public-upload' : 'upload';
}

/** The opening of `wrangler r2 bucket dev-url enable` (r2.dev on) or `domain add` (a custom domain). */
export function r2Opening(subcommand: string): Opening {
  return { kind: subcommand.startsWith('dev-url') ? 'r2-dev' : 'custom-domain' };
}

/**
 * Whether extra `aws s3 sync` arguments make the upload public. The s3-sync-action and the aws-s3
 * orb pass theirs to `aws s3 sync`, so they are read as that command's.
 */
export function awsSyncArgsArePublic(extra: unknown): boolean {
  if (typeof extra !== 'string') return false;
  const args = [
    'aws',
    's3',
    'sync',
    '.',
    's3://bucket',
    ...tokenize(extra, 0, extra.length).map((t) => t.text),
  ];
  return commandFacts(args, 4)?.publicAcl ?? false;
}

/**
 * The aws command line that a CI step builds from its settings, each written without the word
 * `aws` (`s3`, `cp`, `dist s3://b/ --acl public-read`): its words, as the shell would split them.
 */
export function awsCommandWords(parts: readonly unknown[]): string[] {
  const line = parts.filter((part) => typeof part === 'string').join(' ');
  return ['aws', ...tokenize(line, 0, line.length).map((token) => token.text)];
}

/**
 * What the command around argument `index` does with it, if the command is a known CLI, run in
 * `environment`.
 */
export function commandFacts(
  args: readonly string[],
  index: number,
  environment: Environment = UNSTATED,
): CommandFacts | undefined {
  const command = parseCommand(args, index, environment);
  if (!command) return undefined;
  // A CLI that changes access writes no objects: its bucket is a destination only when opened.
  const access = command.cli.opens !== undefined;
  return {
    destination: writes(command, args, index) && (!access || command.opening !== undefined),
    publicAcl: command.publicAcl,
    ...(command.service !== undefined && { service: command.service }),
    ...(command.opening && { opening: command.opening }),
  };
}

/** The first known CLI whose program comes before argument `before`, the reference it is read for. */
export function parseCommand(
  args: readonly string[],
  before: number,
  environment: Environment = UNSTATED,
): ParsedCommand | undefined {
  for (let i = 0; i < before; i++) {
    for (const cli of CLIS) {
      if (!cli.words[0]!.test(programName(args[i]!))) continue;
      const parsed = parseArgs(cli, args, i + 1, environment, args[before]);
      if (parsed) return parsed;
    }
  }
  return undefined;
}

function writes(command: ParsedCommand, args: readonly string[], index: number): boolean {
  switch (command.cli.writes) {
    case 'last':
      return lastOperand(args, command.operands) === index;
    case 'all':
      return command.operands.includes(index);
    case 'upload-flag':
      return args.some((arg, i) => command.cli.uploads?.(arg, args[i + 1]) === true);
    case 'bucket-option':
      return isOptionValue(args, index, '--bucket');
    case 'account-option':
      return isOptionValue(args, index, '--account-id');
  }
}

/**
 * A word that is only a variable the file does not resolve (`$EXTRA_ARGS`, `${ARGS[@]}`, make's
 * `$(S3_FLAGS)`, `"$@"`, a CI's `${{ inputs.args }}`, cmd's `%ARGS%`): it may be options, or nothing.
 */
const UNRESOLVED_WORD =
  /^(?:\$[\w@*]+|\$\{\{[^{}]*\}\}|\$\{[^{}]*\}|\$\([\w.-]+\)|%\w+%|\$env:\w+)$/i;

/**
 * The operand a copy writes: its last, not counting unresolved words after a source and a
 * destination (`aws s3 sync dist s3://b --acl public-read $EXTRA_ARGS`), which may be options.
 */
function lastOperand(args: readonly string[], operands: readonly number[]): number | undefined {
  let end = operands.length;
  while (end > 2 && UNRESOLVED_WORD.test(args[operands[end - 1]!]!)) end--;
  return operands[end - 1];
}

function isOptionValue(args: readonly string[], index: number, option: string): boolean {
  return args[index - 1] === option || args[index]?.startsWith(`${option}=`) === true;
}

/**
 * Operands, public ACL, endpoint and opening of `cli` in `args` from `from` on, read for the
 * reference `at`; undefined if a word differs.
 */
function parseArgs(
  cli: Cli,
  args: readonly string[],
  from: number,
  environment: Environment,
  at: string | undefined,
): ParsedCommand | undefined {
  const operands: number[] = [];
  const words = [args[from - 1]!];
  const options = new Map<string, string>();
  const grants: [string, string][] = [];
  let service: Service | undefined;
  let local = false;
  for (let i = from; i < args.length; i++) {
    const arg = args[i]!;
    // A redirection or a comment ends the arguments.
    if (/^\d*[<>]|^#/.test(arg)) break;
    if (isOption(arg)) {
      const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
      const option = eq > 0 ? arg.slice(0, eq) : arg;
      const next = args[i + 1];
      const consumes = eq < 0 && takesValue(cli, option) && next !== undefined && isValue(next);
      const value = eq > 0 ? arg.slice(eq + 1) : consumes ? next! : '';
      if (consumes) i++;
      options.set(option, value);
      if (cli.isPublic?.(option, value)) grants.push([option, value]);
      if (option === cli.endpointOption) {
        service = endpointService(value);
        local = isLocalEndpoint(value);
      }
    } else if (words.length === 1 && cli.track?.test(arg)) {
      continue;
    } else if (words.length === 1 && cli.aliases?.has(arg)) {
      words.push(...cli.aliases.get(arg)!);
    } else if (words.length < cli.words.length) {
      if (!cli.words[words.length]!.test(arg)) return undefined;
      words.push(arg);
    } else {
      operands.push(i);
      if (cli.isPublicOperand?.(arg, environment)) grants.push(['', arg]);
    }
  }
  if (words.length < cli.words.length) return undefined;
  // A store on the build machine is public to no one, whatever the command grants.
  const publicAcl = grants.length > 0 && !local;
  const opening = local
    ? undefined
    : cli.opens?.({
        words,
        options,
        operands: operands.map((i) => args[i]!),
        publicAcl,
        grants,
        ...(at !== undefined && { at }),
      });
  return {
    cli,
    operands,
    publicAcl,
    ...(service !== undefined && { service }),
    ...(opening && { opening }),
  };
}

function isOption(arg: string): boolean {
  return arg.length > 1 && arg.startsWith('-');
}

function takesValue(cli: Cli, option: string): boolean {
  return cli.valued ? cli.valued.has(option) : !cli.flags?.has(option);
}

/** A word that can be an option's value: not an option and not a storage URI (always an operand). */
function isValue(arg: string): boolean {
  return !isOption(arg) && !/^(?:s3[an]?|gs|r2):\/\//i.test(arg);
}

/** `/usr/local/bin/aws` → `aws`. */
function programName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}
