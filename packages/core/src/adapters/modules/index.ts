import type { Bucket, ModuleCall } from '@posture/model';
import type { AdapterContext } from '../context.js';
import { s3BucketModule } from './terraform-aws-s3-bucket.js';
import { cloudStorageModule, simpleBucketModule } from './terraform-google-cloud-storage.js';

type Mapper = (ctx: AdapterContext, call: ModuleCall, version: string | undefined) => Bucket[];

/**
 * Known modules by registry address, with the `//subpath` of a submodule. Submodules not listed
 * (the s3-bucket module's `notification`, `object`, `account-public-access`…) create no bucket
 * that a rule could judge, and are skipped.
 */
const MAPPERS: Readonly<Record<string, Mapper>> = {
  'terraform-aws-modules/s3-bucket/aws': s3BucketModule,
  'terraform-google-modules/cloud-storage/google': cloudStorageModule,
  'terraform-google-modules/cloud-storage/google//modules/simple_bucket': simpleBucketModule,
};

/**
 * Whether an adapter reads the inputs of a call to this source (a module that is not installed).
 * Derived from the same table the adapters use, so a scan cannot leave out inputs they read.
 */
export function readsModuleSource(source: string): boolean {
  const module = normaliseSource(source)?.module;
  return module !== undefined && Object.hasOwn(MAPPERS, module);
}

/**
 * Buckets made by well-known registry modules that are not installed, read from their inputs as
 * the module's code would use them. Installed modules are read as code by the loader instead.
 */
export function adaptRegistryModules(ctx: AdapterContext): Bucket[] {
  return ctx.inventory.moduleCalls
    .filter((call) => call.status === 'unresolved')
    .flatMap((call) => {
      const source = normaliseSource(call.source);
      const mapper = source && MAPPERS[source.module];
      return mapper ? mapper(ctx, call, call.version ?? source.ref) : [];
    });
}

export interface NormalisedSource {
  /** `namespace/name/provider`, followed by `//subpath` for a submodule; lower case. */
  readonly module: string;
  /** The `?ref=` of a git source, which pins a version as `version` does for the registry. */
  readonly ref?: string;
}

const REGISTRY = /^(?:[\w-]+(?:\.[\w-]+)+\/)?([\w-]+\/[\w-]+\/[\w-]+)$/;
/** Registry modules are published from GitHub repositories named `terraform-<provider>-<name>`. */
const GITHUB = /^(?:git@)?github\.com[/:]([\w-]+)\/terraform-([a-z0-9]+)-([\w-]+?)(?:\.git)?$/;

/**
 * The registry address of a module source, whether written for the registry
 * (`terraform-aws-modules/s3-bucket/aws`, with an optional registry host) or as the module's
 * GitHub repository (`github.com/…`, `git::https://github.com/….git`, `git@github.com:…`).
 */
export function normaliseSource(source: string): NormalisedSource | undefined {
  const [location = '', query = ''] = source.trim().split('?', 2);
  const ref = /(?:^|&)ref=([^&]+)/.exec(query)?.[1];
  // The subpath follows the first `//` that is not the one of a URL scheme.
  const bare = location.replace(/^git::/, '').replace(/^[a-z+]+:\/\//i, '');
  const [base = '', ...subpath] = bare.split('//');
  const sub = subpath.join('//').replace(/\/+$/, '');
  const module = registryAddress(base.toLowerCase());
  if (module === undefined) return undefined;
  return { module: sub ? `${module}//${sub}` : module, ref };
}

function registryAddress(base: string): string | undefined {
  const github = GITHUB.exec(base);
  if (github) return `${github[1]}/${github[3]}/${github[2]}`;
  return REGISTRY.exec(base)?.[1];
}
