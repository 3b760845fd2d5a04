/**
 * Deploy plugins set up in a JavaScript configuration, read for their literals and never run. Each
 * uploads the whole build to its bucket, which is all it does, so its settings are a release step;
 * most upload with a public ACL unless told otherwise.
 *
 * - webpack-s3-plugin and its fork webpack-s3-uploader (`new S3Plugin({ s3UploadOptions: { Bucket,
 *   ACL } })`, in a webpack configuration) upload every file the build emits with the putObject
 *   parameters merged over their defaults, `{ ACL: 'public-read' }` (`DEFAULT_UPLOAD_OPTIONS`).
 */
import { isPublicAcl } from '../commands.js';
import type { RawRef } from '../find-refs.js';
import {
  formatPath,
  isRecord,
  recordsIn,
  type Path,
  type Span,
  type StructuredDoc,
} from '../structured/doc.js';
import { fieldRef, isDefined } from './analysis.js';

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
}

const webpackS3: Plugin = (path, record) => {
  const options = record.s3UploadOptions;
  if (!isRecord(options) || !('Bucket' in options)) return undefined;
  return { bucket: [...path, 's3UploadOptions', 'Bucket'], usage: publicUnlessSet(options, 'ACL') };
};

const PLUGINS: readonly Plugin[] = [webpackS3];

export function deployPlugins(literals: StructuredDoc): DeployPlugins {
  const found = recordsIn(literals.data).flatMap(([path, record]) =>
    PLUGINS.flatMap((plugin) => plugin(path, record) ?? []).map((settings) => ({ path, settings })),
  );
  const refs = found.flatMap(({ settings }) => [
    { path: settings.bucket, ref: fieldRef(literals, settings.bucket, 's3', settings.usage) },
  ]);
  return {
    refs: refs.map(({ ref }) => ref).filter(isDefined),
    fields: new Map(
      refs.flatMap(({ path, ref }) => (ref ? [[ref.start, formatPath(path.slice(1))]] : [])),
    ),
    settings: found.map(({ path }) => literals.valueSpan(path)).filter(isDefined),
  };
}

/** An ACL a plugin defaults to public-read: public unless set otherwise (`null` is none). */
function publicUnlessSet(
  options: Record<string, unknown>,
  key: string,
): 'upload' | 'public-upload' {
  return !(key in options) || isPublicAcl(options[key]) ? 'public-upload' : 'upload';
}
