/**
 * Angular CLI's workspace file, `angular.json`, and an Nx `project.json` that builds with Angular's
 * builders. A project's build target (`architect.build`, or a target an Angular browser or
 * application builder runs) serves its bundles from `deployUrl`, or from `baseHref` when that is a
 * URL, and writes source maps beside them when `sourceMap` is on: `true`, or an object whose
 * `scripts` or `styles` stays on (both default on), hidden when `hidden: true` leaves the comment
 * out. A configuration (`configurations.production`) overrides the target's `options`; an absent
 * `sourceMap` is read as off, the default since Angular 12. The development configurations are
 * left out: `ng serve` serves their maps locally.
 *
 * ngx-aws-deploy's deploy target uploads the build to its `bucket`, a release step.
 */
import type { RawRef } from '../find-refs.js';
import { isRecord, type Path, type StructuredDoc } from '../structured/doc.js';
import {
  fieldRef,
  isDefined,
  strongestMaps,
  type Analyzer,
  type SourceMapKind,
} from './analysis.js';

type Maps = SourceMapKind | false;

const BASE_FIELDS = ['deployUrl', 'baseHref'];
/** Angular's own builders and Nx's wrappers of them: `@angular-devkit/build-angular:browser`, … */
const BUILDER = /:(?:browser|application|browser-esbuild|webpack-browser)$/;
const AWS_DEPLOY = /ngx-aws-deploy:deploy$/;
const DEVELOPMENT = /^(?:dev|development|local|serve|test)$/i;

interface Target {
  readonly path: Path;
  readonly builder: string;
  readonly options: Record<string, unknown>;
  readonly configurations: [string, Record<string, unknown>][];
}

export const analyzeAngular: Analyzer = ({ doc }) => {
  if (!doc) return {};
  const targets = targetsOf(doc.data);
  const bases = new Map(targets.filter(isBuild).flatMap(baseMaps));
  const deploys = targets.filter((target) => AWS_DEPLOY.test(target.builder));
  return {
    context: (_offset, path) => {
      const maps = path && bases.get(pathKey(path));
      if (maps !== undefined) return { field: `${path?.at(-1)}`, sourceMap: maps };
      return { releaseStep: deploys.some((target) => isUnder(path, target.path)) && 'release' };
    },
    refs: deploys.flatMap((target) => deployRefs(doc, target)),
  };
};

/**
 * Every project's targets: angular.json's `projects.<name>.architect` (or `targets`, as newer
 * workspaces may call it), or an Nx `project.json`'s own `targets`, whose `executor` is the builder.
 */
function targetsOf(data: unknown): Target[] {
  if (!isRecord(data)) return [];
  if (isRecord(data.targets)) return projectTargets([], data);
  const projects = isRecord(data.projects) ? data.projects : {};
  return Object.entries(projects).flatMap(([name, project]) =>
    isRecord(project) ? projectTargets(['projects', name], project) : [],
  );
}

function projectTargets(path: Path, project: Record<string, unknown>): Target[] {
  const key = isRecord(project.architect) ? 'architect' : 'targets';
  const targets = isRecord(project[key]) ? project[key] : {};
  return Object.entries(targets).flatMap(([name, target]): Target[] => {
    if (!isRecord(target)) return [];
    const builder = target.builder ?? target.executor;
    const configurations = isRecord(target.configurations) ? target.configurations : {};
    return [
      {
        path: [...path, key, name],
        builder: typeof builder === 'string' ? builder : '',
        options: isRecord(target.options) ? target.options : {},
        configurations: Object.entries(configurations).filter(
          (entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]),
        ),
      },
    ];
  });
}

function isBuild(target: Target): boolean {
  return BUILDER.test(target.builder) || target.path.at(-1) === 'build';
}

/**
 * The maps each base field of a build target serves: a configuration's own field those of its
 * own settings; a field of `options` those of the options alone and of every configuration that
 * does not set its own.
 */
function baseMaps(target: Target): [string, Maps][] {
  const released = target.configurations.filter(([name]) => !DEVELOPMENT.test(name));
  const mapsOf = (settings: Record<string, unknown>) =>
    sourceMapMaps(settings.sourceMap ?? target.options.sourceMap);
  return BASE_FIELDS.flatMap((field) => [
    [
      pathKey([...target.path, 'options', field]),
      strongestMaps([
        sourceMapMaps(target.options.sourceMap),
        ...released.filter(([, settings]) => !(field in settings)).map(([, s]) => mapsOf(s)),
      ]),
    ],
    ...released.map(([name, settings]): [string, Maps] => [
      pathKey([...target.path, 'configurations', name, field]),
      mapsOf(settings),
    ]),
  ]);
}

/** `sourceMap`: a boolean, or `{ scripts, styles, hidden, vendor }`. */
function sourceMapMaps(sourceMap: unknown): Maps {
  if (sourceMap === true) return 'linked';
  if (!isRecord(sourceMap) || (sourceMap.scripts === false && sourceMap.styles === false))
    return false;
  return sourceMap.hidden === true ? 'hidden' : 'linked';
}

/** The `bucket` of ngx-aws-deploy's options and of each of its configurations. */
function deployRefs(doc: StructuredDoc, target: Target): RawRef[] {
  const places = [
    [...target.path, 'options'],
    ...target.configurations.map(([name]) => [...target.path, 'configurations', name]),
  ];
  return places
    .map((place) => fieldRef(doc, [...place, 'bucket'], 's3', 'upload'))
    .filter(isDefined);
}

function isUnder(path: Path | undefined, base: Path): boolean {
  return path !== undefined && base.every((segment, i) => path[i] === segment);
}

function pathKey(path: Path): string {
  return path.join('\0');
}
