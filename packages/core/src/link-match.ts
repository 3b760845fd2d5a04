import type { CustomDomain } from '@posture/buildconfig';
import { addTo } from '@posture/model';
import type { Bucket, BucketService, StorageLink } from '@posture/model';

/**
 * Resolves build links to Terraform buckets: by name, among the buckets of the services the link
 * can address (`servicesNamedBy`); failing that by the shape of a name known only in part (a link
 * to `acme-prod-releases` is one to the bucket named `"acme-${var.env}-releases"`, when no other
 * bucket's shape fits it); and by declared endpoint host (custom domains, r2.dev).
 */
export class LinkMatcher {
  private readonly byName = new Map<string, Bucket[]>();
  private readonly byHost = new Map<string, Bucket>();
  private readonly byShape = new Shapes();

  constructor(
    buckets: readonly Bucket[],
    /** The policy's `release.buckets` glob naming a bucket release-use (see `policyBucketGlob`). */
    private readonly releaseGlob: (name: string) => string | undefined = () => undefined,
  ) {
    for (const bucket of buckets) {
      if (bucket.name !== undefined) addTo(this.byName, bucket.name, bucket);
      for (const e of bucket.endpoints) {
        if (e.form === 'r2-dev' || e.form === 'custom-domain') this.byHost.set(e.host, bucket);
      }
      if (bucket.nameParts) this.byShape.add(bucket, bucket.nameParts);
    }
  }

  /**
   * The Terraform bucket a link names; failing one, the link carries the policy glob that names its
   * bucket release-use, if any (`StorageLink.releaseGlob`).
   */
  resolve(link: StorageLink): { link: StorageLink; bucket?: Bucket } {
    const bucket = this.match(link);
    if (bucket) return { link, bucket };
    const glob = link.bucket === undefined ? undefined : this.releaseGlob(link.bucket);
    return { link: glob === undefined ? link : { ...link, releaseGlob: glob } };
  }

  match(link: StorageLink): Bucket | undefined {
    return this.byNameOf(link) ?? this.byHostOf(link);
  }

  private byNameOf(link: StorageLink): Bucket | undefined {
    if (link.bucket === undefined) return undefined;
    const services = servicesNamedBy(link);
    const named = this.byName.get(link.bucket) ?? [];
    for (const service of services) {
      const bucket = named.find((b) => b.service === service);
      if (bucket) return bucket;
    }
    const name = link.bucket;
    const fitting = this.byShape
      .near(name)
      .filter(({ bucket, fits }) => services.includes(bucket.service) && fits.test(name));
    return fitting.length === 1 ? fitting[0]?.bucket : undefined;
  }

  /** By the host, or the wildcard one it is on (`*.acme.io`, a CloudFront alias). */
  private byHostOf(link: StorageLink): Bucket | undefined {
    const host = link.host?.toLowerCase();
    if (host === undefined) return undefined;
    const dot = host.indexOf('.');
    return this.byHost.get(host) ?? (dot < 0 ? undefined : this.byHost.get(`*${host.slice(dot)}`));
  }
}

/**
 * The services whose buckets a link's name can stand for, the likelier first. A link names a
 * bucket of its own service: an amazonaws.com URL an AWS bucket, `gs://` a GCS one, an R2 endpoint
 * or `wrangler` an R2 one (AWS-provider buckets on R2 included: they are R2 buckets). An `s3://` URI
 * or S3 upload setting with no endpoint Posture can read goes to whatever S3 API the client is
 * pointed at, which is AWS's or, as often, R2's through a templated endpoint
 * (`--endpoint-url ${{ secrets.R2_ENDPOINT }}`, `AWS_ENDPOINT_URL` set outside the file). A link
 * whose endpoint is another S3-compatible store (`unknown`: Spaces, MinIO) names none of the
 * buckets Posture knows, whatever their names.
 */
function servicesNamedBy(link: StorageLink): readonly BucketService[] {
  if (link.service === 'unknown') return [];
  if (link.service === 's3' && link.form === 's3-uri') return ['s3', 'r2'];
  return [link.service];
}

/** Known text a shape must hold to stand for one bucket: `-logs` alone would fit too many. */
const MIN_KNOWN_TEXT = 6;

/** A pattern of the names a bucket known only in part can have; none for too little known. */
function shapeOf(parts: readonly (string | null)[]): RegExp | undefined {
  const known = parts.filter((part) => part !== null).join('');
  if (known.length < MIN_KNOWN_TEXT) return undefined;
  const pattern = parts
    .map((part) => (part === null ? '[a-z0-9._-]*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`, 'i');
}

interface Shape {
  readonly bucket: Bucket;
  readonly fits: RegExp;
}

const PRINTABLE_ASCII = /^[ -~]*$/;

/**
 * The shapes of names known in part, by the known text they start and end with, so that a name is
 * tested only against those it may fit: thousands of links to buckets the scan does not declare
 * would each be tested against thousands of shapes. Edges are compared in lower case, as shapes
 * match, which is exact for printable ASCII: a shape with other text at an edge, and a name with
 * other text, are tested against every shape.
 */
class Shapes {
  private readonly all: Shape[] = [];
  private readonly byEdges = new Map<string, Shape[]>();
  /** The lengths of the edges indexed, `start:end`. */
  private readonly lengths = new Map<string, readonly [number, number]>();
  private readonly unindexed: Shape[] = [];

  add(bucket: Bucket, parts: readonly (string | null)[]): void {
    const fits = shapeOf(parts);
    if (!fits) return;
    const shape = { bucket, fits };
    this.all.push(shape);
    // A name fully known is all start: it fits only itself.
    const start = parts[0] ?? '';
    const end = parts.length > 1 ? (parts.at(-1) ?? '') : '';
    if (!PRINTABLE_ASCII.test(start + end)) {
      this.unindexed.push(shape);
      return;
    }
    this.lengths.set(`${start.length}:${end.length}`, [start.length, end.length]);
    addTo(this.byEdges, edges(start, end), shape);
  }

  /** The shapes `name` may fit: every one that does, and some that do not. */
  near(name: string): readonly Shape[] {
    if (!PRINTABLE_ASCII.test(name)) return this.all;
    const edged = [...this.lengths.values()].flatMap(([start, end]) =>
      start + end > name.length
        ? []
        : (this.byEdges.get(edges(name.slice(0, start), name.slice(name.length - end))) ?? []),
    );
    return [...this.unindexed, ...edged];
  }
}

const edges = (start: string, end: string) => `${start.toLowerCase()}\n${end.toLowerCase()}`;

/** Hosts Terraform declares in front of buckets: any URL on them is a storage link. */
export function customDomains(buckets: readonly Bucket[]): CustomDomain[] {
  return buckets.flatMap((b) =>
    b.endpoints
      .filter((e) => e.form === 'custom-domain')
      .map((e) => ({ host: e.host, bucket: b.name, service: b.service })),
  );
}
