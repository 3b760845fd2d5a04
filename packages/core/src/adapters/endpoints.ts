import { asString, type Endpoint, type ProviderConfig, type Value } from '@posture/model';

/**
 * The region a bucket is in, when known: the one it is given itself (`own`: the `region` argument
 * the AWS provider takes on each resource since 6.0, which a plan also reports, or a registry
 * module's `region` input, which it passes there), else its provider configuration's. A plan
 * leaves a new bucket's `region` unknown until apply on providers before 6.0, where it is the
 * provider's.
 */
export function regionOf(provider: ProviderConfig | undefined, own?: Value): string | undefined {
  return asString(own) ?? (provider ? asString(provider.values.region) : undefined);
}

/** The public hostnames of an S3 bucket: what a build link to it can look like. */
export function s3Endpoints(
  name: string,
  region: string | undefined,
  website: boolean,
): Endpoint[] {
  const endpoints: Endpoint[] = [
    { host: `${name}.s3.amazonaws.com`, form: 's3-virtual-hosted', publicForm: true },
    { host: 's3.amazonaws.com', path: `/${name}`, form: 's3-path', publicForm: true },
  ];
  if (region) {
    endpoints.push({
      host: `${name}.s3.${region}.amazonaws.com`,
      form: 's3-virtual-hosted',
      publicForm: true,
    });
    if (website) {
      endpoints.push({
        host: `${name}.s3-website-${region}.amazonaws.com`,
        form: 's3-website',
        publicForm: true,
      });
      endpoints.push({
        host: `${name}.s3-website.${region}.amazonaws.com`,
        form: 's3-website',
        publicForm: true,
      });
    }
  }
  return endpoints;
}

export function gcsEndpoints(name: string): Endpoint[] {
  return [
    { host: 'storage.googleapis.com', path: `/${name}`, form: 'gcs-path', publicForm: true },
    { host: `${name}.storage.googleapis.com`, form: 'gcs-virtual-hosted', publicForm: true },
  ];
}
