import type { Bucket, Diagnostic, Inventory, ModuleCall, ResourceInstance } from '@posture/model';
import type { AdapterContext, BucketKey } from '../context.js';
import { ModuleTree } from '../module-tree.js';
import { namedByItself } from './cycles.js';
import type { ModuleBucket } from './inputs.js';
import { s3BucketModule } from './terraform-aws-s3-bucket.js';
import {
  accountPublicAccessResources,
  s3ObjectResources,
} from './terraform-aws-s3-bucket-submodules.js';
import { cloudStorageModule, simpleBucketModule } from './terraform-google-cloud-storage.js';
import { storageBucketsIamResources } from './terraform-google-iam.js';

type Mapper = (
  ctx: AdapterContext,
  call: ModuleCall,
  version: string | undefined,
) => ModuleBucket[];
type Maker = (
  tree: ModuleTree,
  call: ModuleCall,
  version: string | undefined,
) => ResourceInstance[];

/**
 * Known modules by registry address, with the `//subpath` of a submodule. Submodules not listed
 * here or in `MAKERS` are not read by their inputs: those that make no bucket are `BUCKETLESS`.
 */
const MAPPERS: Readonly<Record<string, Mapper>> = {
  'terraform-aws-modules/s3-bucket/aws': s3BucketModule,
  'terraform-google-modules/cloud-storage/google': cloudStorageModule,
  'terraform-google-modules/cloud-storage/google//modules/simple_bucket': simpleBucketModule,
};

/**
 * Known modules that make no bucket but set something on buckets made elsewhere, by registry
 * address: they stand for the resources they would make, which the adapters join to buckets as
 * they join any other resource.
 */
const MAKERS: Readonly<Record<string, Maker>> = {
  'terraform-aws-modules/s3-bucket/aws//modules/account-public-access':
    accountPublicAccessResources,
  'terraform-aws-modules/s3-bucket/aws//modules/object': s3ObjectResources,
  'terraform-google-modules/iam/google//modules/storage_buckets_iam': storageBucketsIamResources,
};

/**
 * Whether an adapter reads the inputs of a call to this source (a module that is not installed).
 * Derived from the same tables the adapters use, so a scan cannot leave out inputs they read.
 */
export function readsModuleSource(source: string): boolean {
  const module = normaliseSource(source)?.module;
  return module !== undefined && (Object.hasOwn(MAPPERS, module) || Object.hasOwn(MAKERS, module));
}

/**
 * Registry modules that make no storage bucket, object or bucket access setting (their submodules
 * included, but for `BUCKET_SUBMODULES`), and submodules (`//subpath`) of modules that do make
 * one that make none themselves; checked against their code as published. Not installed, they
 * hide nothing the rules judge, so a call to one is not reported as a module left unread.
 * Modules that can make one (the lambda module's package upload, project-factory's bucket,
 * log-export's storage sink) are not listed. The iam module is: its storage_buckets_iam submodule
 * is read by its inputs, and the others grant on projects, folders, organisations and other
 * services, whose policies refuse allUsers and allAuthenticatedUsers (Resource Manager's
 * `setIamPolicy`), so none makes a bucket public. The s3-bucket module's `notification` sets a
 * bucket's event notifications and lets S3 reach the queues, topics and functions they go to.
 */
const BUCKETLESS: ReadonlySet<string> = new Set([
  'terraform-aws-modules/acm/aws',
  'terraform-aws-modules/autoscaling/aws',
  'terraform-aws-modules/dynamodb-table/aws',
  'terraform-aws-modules/ec2-instance/aws',
  'terraform-aws-modules/eks/aws',
  'terraform-aws-modules/eks-pod-identity/aws',
  'terraform-aws-modules/iam/aws',
  'terraform-aws-modules/key-pair/aws',
  'terraform-aws-modules/kms/aws',
  'terraform-aws-modules/rds/aws',
  'terraform-aws-modules/rds-aurora/aws',
  'terraform-aws-modules/route53/aws',
  'terraform-aws-modules/s3-bucket/aws//modules/notification',
  'terraform-aws-modules/security-group/aws',
  'terraform-aws-modules/sns/aws',
  'terraform-aws-modules/sqs/aws',
  'terraform-aws-modules/vpc/aws',
  'terraform-google-modules/address/google',
  'terraform-google-modules/cloud-dns/google',
  'terraform-google-modules/cloud-nat/google',
  'terraform-google-modules/cloud-router/google',
  'terraform-google-modules/iam/google',
  'terraform-google-modules/kms/google',
  'terraform-google-modules/kubernetes-engine/google',
  'terraform-google-modules/network/google',
  'terraform-google-modules/org-policy/google',
  'terraform-google-modules/service-accounts/google',
  'terraform-google-modules/vpc-service-controls/google',
  'terraform-google-modules/vpn/google',
]);

/**
 * Whether a scan can do without a module that is not installed: the adapters read its buckets by
 * its inputs, or it makes none.
 */
export function moduleNotNeeded(source: string): boolean {
  const module = normaliseSource(source)?.module;
  if (module === undefined) return false;
  if (readsModuleSource(source)) return true;
  const bucketless = BUCKETLESS.has(module) || BUCKETLESS.has(module.split('//')[0] ?? '');
  return bucketless && !BUCKET_SUBMODULES.has(module);
}

/**
 * Submodules of `BUCKETLESS` modules that do make a bucket: service-accounts' key-distributor
 * keeps its Cloud Function's source in a bucket of its own (`modules/key-distributor/main.tf`).
 */
const BUCKET_SUBMODULES: ReadonlySet<string> = new Set([
  'terraform-google-modules/service-accounts/google//modules/key-distributor',
]);

/**
 * Buckets made by well-known registry modules that are not installed, read from their inputs as
 * the module's code would use them. Installed modules are read as code by the loader instead.
 */
export function adaptRegistryModules(ctx: AdapterContext): Bucket[] {
  return made(ctx).buckets.map(({ bucket }) => bucket);
}

/** What calls to registry modules that are not installed hold that Terraform would reject. */
export function registryModuleDiagnostics(ctx: AdapterContext): readonly Diagnostic[] {
  return made(ctx).diagnostics;
}

/**
 * The buckets of a service that registry modules (not installed) make, as settings resources join
 * them: by name, or through the outputs of the call that hold it. Each is of the call's module,
 * where the resources that configure it are written; the module's own are not read.
 */
export function registryModuleKeys(ctx: AdapterContext, service: Bucket['service']): BucketKey[] {
  return made(ctx)
    .buckets.filter(({ bucket }) => bucket.service === service)
    .map(({ key }) => key);
}

interface Made {
  readonly buckets: readonly { bucket: Bucket; key: BucketKey }[];
  readonly diagnostics: readonly Diagnostic[];
}

const madeByScan = new WeakMap<AdapterContext, Made>();

/** Read once per scan: the adapters join settings resources to them before `adapt` lists them. */
function made(ctx: AdapterContext): Made {
  let found = madeByScan.get(ctx);
  if (!found) {
    const calls = unresolvedCalls(ctx.inventory).map(({ call, module, ref }) => {
      const mapper = MAPPERS[module];
      return { call, buckets: mapper ? mapper(ctx, call, call.version ?? ref) : [] };
    });
    found = {
      buckets: calls.flatMap(({ call, buckets }) =>
        buckets.map(({ bucket, outputs }) => ({
          bucket,
          key: {
            address: bucket.address,
            name: bucket.name,
            module: call.module,
            rootModule: call.rootModule,
            aliases: outputs,
          },
        })),
      ),
      diagnostics: calls.flatMap(({ call, buckets }) => namedByItself(call, buckets)),
    };
    madeByScan.set(ctx, found);
  }
  return found;
}

/**
 * The inventory with the resources that well-known modules that are not installed would make,
 * read from their inputs as the module's code would use them.
 */
export function withRegistryModuleResources(inventory: Inventory): Inventory {
  const calls = unresolvedCalls(inventory).flatMap(({ call, module, ref }) => {
    const maker = MAKERS[module];
    return maker ? [{ call, maker, version: call.version ?? ref }] : [];
  });
  // Most scans call none of these modules: the tree is built only for those that do.
  if (calls.length === 0) return inventory;
  const tree = new ModuleTree(inventory);
  const made = calls.flatMap(({ call, maker, version }) => maker(tree, call, version));
  return made.length === 0
    ? inventory
    : { ...inventory, resources: [...inventory.resources, ...made] };
}

function unresolvedCalls(
  inventory: Inventory,
): { call: ModuleCall; module: string; ref?: string }[] {
  return inventory.moduleCalls.flatMap((call) => {
    const source = call.status === 'unresolved' ? normaliseSource(call.source) : undefined;
    return source ? [{ call, ...source }] : [];
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
  // `//.` and trailing slashes name the package's root, as no subpath does (Terragrunt writes both);
  // `tfr:///` leaves a leading one.
  const sub = subpath
    .join('/')
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
  const module = registryAddress(base.replace(/^\/+|\/+$/g, '').toLowerCase());
  if (module === undefined) return undefined;
  return { module: sub ? `${module}//${sub}` : module, ref };
}

function registryAddress(base: string): string | undefined {
  const github = GITHUB.exec(base);
  if (github) return `${github[1]}/${github[3]}/${github[2]}`;
  return REGISTRY.exec(base)?.[1];
}
