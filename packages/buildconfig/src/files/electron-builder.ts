/**
 * electron-builder publish settings, in `electron-builder.*` (JavaScript and JSON5 read for their
 * literals), a file `--config` names, or package.json `build`: `publish` at the top or per platform
 * (`mac.publish`), an object or a list. S3 and DigitalOcean Spaces uploads are public unless `acl`
 * is null or private — electron-builder's default ACL is `public-read`. R2 has no ACL. Every
 * publish setting is a release step.
 *
 * electron-updater's `app-update.yml` (which electron-builder writes into the packaged app from
 * those settings) and `dev-app-update.yml` name the bucket the installed app downloads its updates
 * from, without credentials: a download link shipped with the app. So when the app updates itself
 * with electron-updater, an upload of the publish settings, public or not, is `downloaded` too.
 */
import type { LinkUsage } from '@posture/model';
import { isPublicAcl } from '../commands.js';
import { endpointService, isLocalEndpoint } from '../endpoint.js';
import type { RawRef } from '../find-refs.js';
import {
  entriesAt,
  formatPath,
  isRecord,
  recordsIn,
  valueAt,
  type Path,
  type StructuredDoc,
} from '../structured/doc.js';
import { jsTokens, parseJsLiterals } from '../structured/js-literals.js';
import type { Service } from '../url-patterns.js';
import { fieldRef, type Analyzer } from './analysis.js';
import { codeOf, computedFieldRefs, type Code } from './code-fields.js';

export const analyzeElectronBuilder: Analyzer = ({ file, doc, appUpdates }) => {
  const downloaded = appUpdates && { downloaded: true as const };
  if (doc) {
    return {
      context: (_offset, path) => {
        const publish = isPublishPath(path, []);
        return { releaseStep: publish && 'release', ...(publish && downloaded) };
      },
      refs: electronBuilderRefs(doc, []),
    };
  }
  // A configuration in code or JSON5 (`--config builder.config.js`) is read for its literals,
  // never run. Code may build the publish settings anywhere (a variable, a function's result), and
  // only they have a `provider`: each object literal that names one is a publish setting.
  const tokens = jsTokens(file.text);
  const literals = parseJsLiterals(file.text, tokens);
  const code = codeOf(file.text, tokens);
  return {
    context: (offset) => {
      const path = literals.pathAt(offset)?.slice(1) ?? [];
      const publish = path.includes('publish');
      return {
        releaseStep: publish && 'release',
        ...(publish && downloaded),
        ...(path.length > 0 && { field: formatPath(path) }),
      };
    },
    refs: recordsIn(literals.data).flatMap(([path, options]) =>
      publishRef(literals, path, options, code),
    ),
  };
};

export const analyzeAppUpdate: Analyzer = ({ doc }) => {
  const settings = doc?.data;
  if (!doc || !isRecord(settings)) return {};
  return { refs: providerRef(doc, [], settings, 'download') };
};

/**
 * The bundlers that build an Electron app's main process, whatever list names it: they pack what
 * it imports into its code, electron-vite the `devDependencies` too (only `dependencies` stay
 * external), as electron-webpack and webpack (electron-react-boilerplate) do all of them.
 */
const MAIN_BUNDLERS = ['electron-vite', 'vite-plugin-electron', 'electron-webpack', 'webpack'];

/**
 * Whether the app updates itself with electron-updater, which it needs at run time: in the
 * `dependencies` of the app's package.json (`app` is the project's but in the two-package.json
 * layout), which electron-builder packs, or, in either list of the project's, when a bundler of
 * the main process packs it (`MAIN_BUNDLERS`).
 */
export function installsUpdates(project: unknown, app: unknown): boolean {
  const has = (pkg: unknown, list: string, name: string) => {
    const named = valueAt(pkg, [list]);
    return isRecord(named) && name in named;
  };
  const lists = ['dependencies', 'devDependencies'];
  const bundled = MAIN_BUNDLERS.some((name) => lists.some((list) => has(project, list, name)));
  if (has(app, 'dependencies', 'electron-updater')) return true;
  return bundled && lists.some((list) => has(project, list, 'electron-updater'));
}

/** Whether `path` is inside a publish setting of the configuration at `base`. */
export function isPublishPath(path: Path | undefined, base: Path): boolean {
  if (!path || base.some((segment, i) => path[i] !== segment)) return false;
  return path[base.length] === 'publish' || path[base.length + 1] === 'publish';
}

export function electronBuilderRefs(doc: StructuredDoc, base: Path): RawRef[] {
  const config = valueAt(doc.data, base);
  if (!isRecord(config)) return [];
  const publishPaths = Object.keys(config).flatMap((key) =>
    key === 'publish' ? [[...base, key]] : isRecord(config[key]) ? [[...base, key, 'publish']] : [],
  );
  return publishPaths.flatMap((path) => {
    const value = valueAt(doc.data, path);
    const entries: [Path, unknown][] = Array.isArray(value)
      ? entriesAt(doc.data, path)
      : [[path, value]];
    return entries.flatMap(([entry, options]) => publishRef(doc, entry, options));
  });
}

/** `code`, of a configuration in code, is the file's, which may compute the bucket. */
function publishRef(doc: StructuredDoc, path: Path, options: unknown, code?: Code): RawRef[] {
  if (!isRecord(options)) return [];
  // R2 has no ACL, and a store on the build machine (MinIO on localhost) is public to no one.
  const aclless = options.provider === 'r2' || isLocalEndpoint(options.endpoint);
  const usage = aclIsPublic(options) && !aclless ? 'public-upload' : 'upload';
  return providerRef(doc, path, options, usage, code);
}

/** The bucket of an S3, Spaces or R2 provider's settings at `path`. */
function providerRef(
  doc: StructuredDoc,
  path: Path,
  options: Record<string, unknown>,
  usage: LinkUsage,
  code?: Code,
): RawRef[] {
  const bucket = bucketField(options);
  if (!bucket) return [];
  const [key, service] = bucket;
  const field = [...path, key];
  const ref = fieldRef(doc, field, service, usage);
  if (ref) return [ref];
  return code ? computedFieldRefs(doc, field, service, usage, code) : [];
}

/** The field naming the bucket of an S3, Spaces or R2 provider's settings, and its service. */
function bucketField(options: Record<string, unknown>): readonly [string, Service] | undefined {
  if (options.provider === 's3') return ['bucket', endpointService(options.endpoint) ?? 's3'];
  if (options.provider === 'spaces') return ['name', 'unknown'];
  return options.provider === 'r2' ? ['bucket', 'r2'] : undefined;
}

/** Absent means electron-builder's default, `public-read`; `null` omits the ACL. */
function aclIsPublic(options: Record<string, unknown>): boolean {
  return !('acl' in options) || isPublicAcl(options.acl);
}
