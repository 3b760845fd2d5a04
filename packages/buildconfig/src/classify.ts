/**
 * The one place that decides a reference's usage and service. In order: a signed URL is
 * `presigned`; a usage fixed by how the reference is written (a wrangler verb, an upload field) or by
 * the field holding it (an upload action's destination input) comes next; then the command around
 * it (the destination of `aws s3 cp`, `gsutil cp`, …, public when the command sets a public ACL;
 * the bucket an access change such as `gsutil iam ch allUsers:…` or `put-bucket-policy` opens);
 * last, the form's own meaning: public URL forms download, identifiers and API endpoints need
 * credentials.
 */
import type { LinkForm, LinkUsage } from '@posture/model';
import type { CommandFacts } from './commands.js';
import type { RawRef } from './find-refs.js';
import { isPresigned } from '@posture/model';
import type { Service } from './url-patterns.js';

export interface FieldFacts {
  /** Usage implied by the field that holds the reference. */
  readonly usage?: 'upload' | 'public-upload';
  /** Service implied by the configuration around it (an R2 endpoint for `s3://` URIs). */
  readonly service?: Service;
}

const DOWNLOAD_FORMS: ReadonlySet<LinkForm> = new Set([
  's3-virtual-hosted',
  's3-path',
  's3-website',
  's3-accelerate',
  'gcs-path',
  'gcs-virtual-hosted',
  'r2-dev',
  'custom-domain',
]);

/**
 * The browser endpoint of GCS needs a Google login even for public objects (§4.3, pitfall 9): Google
 * documents that every request to it requires authentication, even when allUsers may read.
 */
const AUTHENTICATED_HOSTS: ReadonlySet<string> = new Set(['storage.cloud.google.com']);

/**
 * A JSON API URL of an object's data, which anyone may fetch when the object is public: the object
 * path on the `download/` path or with `alt=media` (the `mediaLink` the API gives every object).
 * Its other URLs (metadata, uploads, bucket calls) are API calls.
 */
const JSON_API_OBJECT = /^[a-z]+:\/\/[^/]+\/(download\/)?storage\/v1\/b\/[^/?#]+\/o\/[^?#]/i;
const ALT_MEDIA = /[?&]alt=media(?:[&#]|$)/i;

export function classify(
  ref: RawRef,
  field: FieldFacts,
  command: CommandFacts | undefined,
): { usage: LinkUsage; service: Service } {
  return { usage: usageOf(ref, field, command), service: serviceOf(ref, field, command) };
}

function usageOf(ref: RawRef, field: FieldFacts, command: CommandFacts | undefined): LinkUsage {
  if (isPresigned(ref.text)) return 'presigned';
  if (ref.usage) return ref.usage;
  if (field.usage) return field.usage;
  if (command?.destination) {
    if (command.opening) return 'opens';
    return command.publicAcl ? 'public-upload' : 'upload';
  }
  return downloads(ref) ? 'download' : 'api';
}

function downloads(ref: RawRef): boolean {
  if (AUTHENTICATED_HOSTS.has(ref.host ?? '')) return false;
  if (ref.form !== 'gcs-json-api') return DOWNLOAD_FORMS.has(ref.form);
  const object = JSON_API_OBJECT.exec(ref.text);
  return object !== null && (object[1] !== undefined || ALT_MEDIA.test(ref.text));
}

/** An `s3://` URI is S3 unless an endpoint around it says it is R2 or another S3-compatible store. */
function serviceOf(ref: RawRef, field: FieldFacts, command: CommandFacts | undefined): Service {
  if (ref.form !== 's3-uri' || ref.service !== 's3') return ref.service;
  return command?.service ?? field.service ?? ref.service;
}
