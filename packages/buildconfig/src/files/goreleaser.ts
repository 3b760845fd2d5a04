/**
 * GoReleaser: the whole file is release tooling. `blobs[]` (older `blob`) uploads release
 * artifacts to `bucket` with `provider: s3 | gs` (an S3 `endpoint` on R2 makes it R2); `acl:
 * public-read` makes them public. Azure blobs are not storage Posture knows.
 */
import { aclUsage } from '../commands.js';
import { endpointService, isLocalEndpoint } from '../endpoint.js';
import type { RawRef } from '../find-refs.js';
import { entriesAt, valueAt, type Path, type StructuredDoc } from '../structured/doc.js';
import type { Service } from '../url-patterns.js';
import { fieldRef, type Analyzer } from './analysis.js';

export const analyzeGoreleaser: Analyzer = ({ doc }) => ({
  context: () => ({ releaseStep: 'release' }),
  refs: doc
    ? ['blobs', 'blob']
        .flatMap((key) => entriesAt(doc.data, [key]))
        .flatMap(([blob]) => blobRef(doc, blob))
    : [],
});

function blobRef(doc: StructuredDoc, blob: Path): RawRef[] {
  const service = blobService(
    valueAt(doc.data, [...blob, 'provider']),
    valueAt(doc.data, [...blob, 'endpoint']),
  );
  if (!service) return [];
  // A store on the build machine (MinIO on localhost) is public to no one.
  const local = isLocalEndpoint(valueAt(doc.data, [...blob, 'endpoint']));
  const usage = local ? 'upload' : aclUsage(valueAt(doc.data, [...blob, 'acl']));
  const ref = fieldRef(doc, [...blob, 'bucket'], service, usage);
  return ref ? [ref] : [];
}

function blobService(provider: unknown, endpoint: unknown): Service | undefined {
  if (provider === 'gs' || provider === 'gcs') return 'gcs';
  if (provider === 's3') return endpointService(endpoint) ?? 's3';
  return undefined;
}
