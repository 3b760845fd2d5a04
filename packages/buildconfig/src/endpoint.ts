import { entriesAt, valueAt, type Path } from './structured/doc.js';
import { hasPlaceholder, isR2S3Endpoint } from '@posture/model';
import type { Service } from './url-patterns.js';

/**
 * The storage service an S3-compatible endpoint setting points at. An `s3://` URI written next to
 * an R2 endpoint names an R2 bucket; next to any other non-AWS endpoint (MinIO, Spaces), an
 * unknown store.
 */
export function endpointService(endpoint: unknown): Service | undefined {
  if (typeof endpoint !== 'string') return undefined;
  if (isR2S3Endpoint(endpoint)) return 'r2';
  // Any other templated endpoint (`${{ secrets.S3_ENDPOINT }}`) says nothing about the service.
  if (endpoint.trim() === '' || hasPlaceholder(endpoint)) return undefined;
  const host = endpoint.toLowerCase();
  if (host.includes('amazonaws.com')) return 's3';
  if (host.includes('googleapis.com')) return 'gcs';
  return 'unknown';
}

/**
 * The host of a store on the machine that runs the build: loopback (`localhost`, `127.0.0.1`,
 * `[::1]`, `0.0.0.0`) and LocalStack's `localhost.localstack.cloud`, which resolves to it.
 */
const LOCAL_HOST =
  /^(?:[a-z][\w+.-]*:\/\/)?(?:(?:[\w-]+\.)*localhost(?:\.localstack\.cloud)?|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\])(?:[:/]|$)/i;

/**
 * Whether an endpoint is a store on the machine that runs the build (LocalStack, or MinIO as a CI
 * service): what is uploaded there, or opened, with a public ACL or policy is public to no one.
 */
export function isLocalEndpoint(endpoint: unknown): boolean {
  return typeof endpoint === 'string' && LOCAL_HOST.test(endpoint.trim());
}

/**
 * The service of the innermost endpoint setting (a key containing `endpoint`, e.g.
 * `AWS_ENDPOINT_URL`) among the `keys` maps (`env`, `variables`, …) of each scope, outermost first.
 */
export function endpointServiceIn(
  data: unknown,
  scopes: readonly Path[],
  keys: readonly string[],
): { service?: Service } {
  let service: Service | undefined;
  for (const scope of scopes) {
    for (const key of keys) service = serviceOf(valueAt(data, [...scope, key])) ?? service;
  }
  return service === undefined ? {} : { service };
}

/**
 * The service of the last endpoint setting of a map of settings, found once for each: every place
 * a file's references are asks of the global ones (all of a GitLab configuration's).
 */
function serviceOf(settings: unknown): Service | undefined {
  if (typeof settings !== 'object' || settings === null) return undefined;
  if (!services.has(settings)) {
    let service: Service | undefined;
    for (const [path, value] of entriesAt(settings, [])) {
      if (/endpoint/i.test(String(path[path.length - 1])))
        service = endpointService(value) ?? service;
    }
    services.set(settings, service);
  }
  return services.get(settings);
}

const services = new WeakMap<object, Service | undefined>();
