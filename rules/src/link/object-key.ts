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
};

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
  // A gs:// URI writes the name as it is; a URL escapes it and may add a query.
  const address = link.form === 'gcs-uri' ? rest : decoded(rest.split(/[?#]/, 1)[0] ?? '');
  return address.split('/').slice(before).join('/');
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
