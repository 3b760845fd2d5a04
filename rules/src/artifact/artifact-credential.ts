import type { ArtifactRule, CredentialType } from '@posture/model';
import { sentences } from '../messages.js';
import { atContent, contentName } from './place.js';

const NAME: Record<CredentialType, string> = {
  'aws-access-key-id': 'an AWS access key id',
  'private-key': 'a private key',
  'npm-token': 'an npm access token',
  'npmrc-auth': 'an npm registry credential (_authToken, _auth or _password)',
  'github-token': 'a GitHub token',
  'cloudflare-r2-key': 'a Cloudflare R2 access key (an S3 access key id or secret access key)',
  'cloudflare-api-token': 'a Cloudflare API token or key',
};

const rule: ArtifactRule = {
  kind: 'artifact',
  meta: {
    id: 'artifact-credential',
    title: 'A shipped file holds a credential',
    severity: 'critical',
    why: 'A credential in a published package is public the moment the package is: registries are mirrored and scraped for keys within minutes, and unpublishing does not recall the copies. Only high-confidence forms are matched — AWS access key ids, PEM private keys with key material, npm and GitHub tokens, npm registry auth settings with a literal value (a registry-scoped //host/:_authToken= setting wherever it is written; an unscoped _auth=, _authToken= or _password= line only in an .npmrc or beside a scoped one, since code such as this._password = options.password has the same shape), Cloudflare R2 S3 keys (32 or 64 hex digits, as common as any hash, so only in a setting named for R2 such as R2_SECRET_ACCESS_KEY, or in an S3 setting such as aws_secret_access_key or accessKeyId within 1,000 characters of an r2.cloudflarestorage.com endpoint or an rclone provider = Cloudflare line), and Cloudflare API tokens (the self-identifying cfut_ and cfat_ tokens and Origin CA keys anywhere; an older 40-character token or a 37-hex-digit Global API Key in a setting named for Cloudflare) — and the finding names the type and place, never the value.',
    fix: 'Revoke and rotate the credential first: it must be treated as leaked. Then remove it from the file (read it from the environment or a secret store at run time) and keep the file out of the package if it is configuration.',
    bad: {
      language: 'js',
      code: `// dist/config.js
export const npmToken = 'npm_…'; // a real token, published`,
    },
    good: {
      language: 'js',
      code: `// dist/config.js
export const npmToken = process.env.NPM_TOKEN;`,
    },
    tags: ['security', 'artifact', 'npm', 'secrets', 'credentials'],
    cwe: ['CWE-798', 'CWE-312'],
    precision: 'high',
  },
  check(observation) {
    if (observation.kind !== 'credential') return [];
    const { entry, at, credential } = observation;
    return [
      {
        ...atContent(entry, at),
        message: sentences(
          `${contentName(entry, at)} holds ${NAME[credential]}`,
          'Whatever ships is public: treat the credential as leaked (its value is not shown here)',
          'Revoke and rotate it, then read it from the environment at run time instead of shipping it',
        ),
      },
    ];
  },
};

export default rule;
