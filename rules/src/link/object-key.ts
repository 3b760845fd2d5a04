import type { LinkForm, StorageLink } from '@posture/model';

/** How many `/`-separated parts of an address (after its scheme) come before the object's name. */
const BEFORE_KEY: Partial<Record<LinkForm, number>> = {
  // gs://acme-releases/nightly/app.tgz
  'gcs-uri': 1,
  // https://acme-releases.storage.googleapis.com/nightly/app.tgz
  'gcs-virtual-hosted': 1,
  // https://downloads.acme.dev/nightly/app.tgz
  'custom-domain': 1,
  // https://storage.googleapis.com/acme-releases/nightly/app.tgz
  'gcs-path': 2,
  // s3://acme-releases/nightly/app.tgz
  's3-uri': 1,
  // https://acme-releases.s3.us-east-1.amazonaws.com/nightly/app.tgz
  's3-virtual-hosted': 1,
  // http://acme-releases.s3-website-us-east-1.amazonaws.com/nightly/app.tgz
  's3-website': 1,
  // https://acme-releases.s3-accelerate.amazonaws.com/nightly/app.tgz
  's3-accelerate': 1,
  // https://s3.us-east-1.amazonaws.com/acme-releases/nightly/app.tgz
  's3-path': 2,
};

/** Forms that write an object's name as it is; the others are URLs, which escape it. */
const AS_WRITTEN: ReadonlySet<LinkForm> = new Set(['gcs-uri', 's3-uri']);

/** https://storage.googleapis.com/storage/v1/b/acme-releases/o/nightly%2Fapp.tgz?alt=media */
const JSON_API_OBJECT = /\/b\/[^/]+\/o\/([^?#]*)/;

/**
 * The name of the object a link points at in its bucket, as the link writes it (`nightly/app.tgz`):
 * `''` for the bucket itself, undefined for a form whose object names are not read here.
 */
export function objectKey(link: StorageLink): string | undefined {
  const rest = link.url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  if (link.form === 'gcs-json-api') {
    const name = JSON_API_OBJECT.exec(rest)?.[1];
    return name === undefined ? '' : decoded(name);
  }
  const before = BEFORE_KEY[link.form];
  if (before === undefined) return undefined;
  // A URL escapes the name and may add a query.
  const address = AS_WRITTEN.has(link.form) ? rest : decoded(rest.split(/[?#]/, 1)[0] ?? '');
  return address.split('/').slice(before).join('/');
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
