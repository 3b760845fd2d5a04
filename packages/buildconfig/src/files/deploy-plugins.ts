/**
 * Deploy plugins set up in a JavaScript configuration, read for their literals and never run. Each
 * uploads the whole build to its bucket, which is all it does, so its settings are a release step;
 * most upload with a public ACL unless told otherwise.
 *
 * - webpack-s3-plugin and its fork webpack-s3-uploader (`new S3Plugin({ s3UploadOptions: { Bucket,
 *   ACL } })`, in a webpack configuration) upload every file the build emits with the putObject
 *   parameters merged over their defaults, `{ ACL: 'public-read' }` (`DEFAULT_UPLOAD_OPTIONS`).
 * - vue-cli-plugin-s3-deploy (`pluginOptions.s3Deploy` in vue.config.js): 3.x uploads to `bucket`
 *   with the `acl` written (its generator writes the one chosen, public-read by default; none is no
 *   ACL) and turns on website hosting with `staticHosting`; 4.x names them `s3BucketName`, `s3ACL`
 *   (public-read by default) and `s3StaticHosting`.
 * - gatsby-plugin-s3 (`{ resolve: 'gatsby-plugin-s3', options: { bucketName } }` in
 *   gatsby-config.js) uploads with `acl`, public-read by default and none when null, and turns on
 *   website hosting unless `enableS3StaticWebsiteHosting: false`.
 * - Electron Forge's S3 and Cloud Storage publishers (`{ name: '@electron-forge/publisher-s3',
 *   config: { bucket, public } }` in forge.config.js) upload the release privately unless
 *   `public: true`, with which they make every file public-read.
 */
import { aclUsage, isPublicAcl } from '../commands.js';
import type { RawRef } from '../find-refs.js';
import type { Service } from '../url-patterns.js';
import {
  formatPath,
  isRecord,
  recordsIn,
  type Path,
  type Span,
  type StructuredDoc,
} from '../structured/doc.js';
import { fieldRef, isDefined } from './analysis.js';
import { computedFieldRefs, type Code } from './code-fields.js';

export interface DeployPlugins {
  readonly refs: readonly RawRef[];
  /**
   * The field of each reference, by where it starts (`s3UploadOptions.Bucket`): a plugin set up
   * inside a call (`new S3Plugin({ … })`) is a literal of its own.
   */
  readonly fields: ReadonlyMap<number, string>;
  /** Where each plugin's settings are written: what is written there is a release step. */
  readonly settings: readonly Span[];
}

/** The settings of a plugin in the record at `path`; undefined when the record is none of its. */
type Plugin = (path: Path, record: Record<string, unknown>) => Settings | undefined;

interface Settings {
  /** The path of the bucket's name. */
  readonly bucket: Path;
  readonly usage: 'upload' | 'public-upload';
  /** The bucket's service, S3 unless said. */
  readonly service?: Service;
  /** Where website hosting is turned on, when it is: the setting, or what sets the plugin up. */
  readonly website?: Path;
}

const webpackS3: Plugin = (path, record) => {
  const options = record.s3UploadOptions;
  if (!isRecord(options) || !('Bucket' in options)) return undefined;
  return { bucket: [...path, 's3UploadOptions', 'Bucket'], usage: publicUnlessSet(options, 'ACL') };
};

const vueS3Deploy: Plugin = (path, record) => {
  const options = record.s3Deploy;
  if (path[path.length - 1] !== 'pluginOptions' || !isRecord(options)) return undefined;
  const at = [...path, 's3Deploy'];
  const v4 = 's3BucketName' in options;
  const hosting = v4 ? 's3StaticHosting' : 'staticHosting';
  return {
    bucket: [...at, v4 ? 's3BucketName' : 'bucket'],
    usage: v4 ? publicUnlessSet(options, 's3ACL') : aclUsage(options.acl),
    ...(options[hosting] === true && { website: [...at, hosting] }),
  };
};

const gatsbyS3: Plugin = (path, record) => {
  const options = record.options;
  if (record.resolve !== 'gatsby-plugin-s3' || !isRecord(options)) return undefined;
  const hosting = options.enableS3StaticWebsiteHosting;
  const website =
    hosting === undefined
      ? [...path, 'resolve']
      : [...path, 'options', 'enableS3StaticWebsiteHosting'];
  return {
    bucket: [...path, 'options', 'bucketName'],
    usage: publicUnlessSet(options, 'acl'),
    ...(hosting !== false && { website }),
  };
};

/** Forge's publishers by package name, as its configuration names them, with their service. */
const FORGE_PUBLISHERS: ReadonlyMap<unknown, Service> = new Map([
  ['@electron-forge/publisher-s3', 's3'],
  ['@electron-forge/publisher-gcs', 'gcs'],
]);

const forgePublisher: Plugin = (path, record) => {
  const service = FORGE_PUBLISHERS.get(record.name);
  if (service === undefined || !isRecord(record.config)) return undefined;
  const usage = record.config.public === true ? 'public-upload' : 'upload';
  return { bucket: [...path, 'config', 'bucket'], usage, service };
};

const PLUGINS: readonly Plugin[] = [webpackS3, vueS3Deploy, gatsbyS3, forgePublisher];

export function deployPlugins(literals: StructuredDoc, code: Code): DeployPlugins {
  const found = recordsIn(literals.data).flatMap(([path, record]) =>
    PLUGINS.flatMap((plugin) => plugin(path, record) ?? []).map((settings) => ({ path, settings })),
  );
  const refs = found.flatMap(({ settings }) => {
    const buckets = bucketRefs(literals, settings, code);
    const website = websiteRefs(literals, settings, buckets);
    return [
      ...buckets.map((ref) => ({ path: settings.bucket, ref })),
      ...website.map((ref) => ({ path: settings.website, ref })),
    ];
  });
  return {
    refs: refs.map(({ ref }) => ref),
    fields: new Map(
      refs.flatMap(({ path, ref }) => (path ? [[ref.start, formatPath(path.slice(1))]] : [])),
    ),
    settings: found.map(({ path }) => literals.valueSpan(path)).filter(isDefined),
  };
}

/** The bucket a plugin uploads to, written there or computed by the code (`Bucket: BUCKET`). */
function bucketRefs(literals: StructuredDoc, settings: Settings, code: Code): RawRef[] {
  const service = settings.service ?? 's3';
  const ref = fieldRef(literals, settings.bucket, service, settings.usage);
  return ref ? [ref] : computedFieldRefs(literals, settings.bucket, service, settings.usage, code);
}

/** Website hosting turned on for the plugin's buckets, where the setting (or the plugin) is written. */
function websiteRefs(
  literals: StructuredDoc,
  settings: Settings,
  buckets: readonly RawRef[],
): RawRef[] {
  const span = settings.website && literals.valueSpan(settings.website);
  if (!span) return [];
  const opening = { kind: 'website' } as const;
  return buckets.map((ref) => ({
    ...ref,
    start: span.start,
    end: span.end,
    usage: 'opens',
    opening,
  }));
}

/** An ACL a plugin defaults to public-read: public unless set otherwise (`null` is none). */
function publicUnlessSet(
  options: Record<string, unknown>,
  key: string,
): 'upload' | 'public-upload' {
  return !(key in options) || isPublicAcl(options[key]) ? 'public-upload' : 'upload';
}
