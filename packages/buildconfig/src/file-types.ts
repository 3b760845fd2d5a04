/**
 * The build files Posture reads, by path: their file type (reported in every link), how they are
 * parsed, and the extractor that knows their fields. Discovery and extraction share this table.
 */
import { posix } from 'node:path';
import type { Analyzer } from './files/analysis.js';
import { analyzeAngular } from './files/angular.js';
import { analyzeCircleci } from './files/circleci.js';
import { analyzeCloudbuild } from './files/cloudbuild.js';
import { analyzeCompose } from './files/compose.js';
import { analyzeDockerfile } from './files/dockerfile.js';
import { analyzeEarthfile } from './files/earthfile.js';
import { analyzeAppUpdate, analyzeElectronBuilder } from './files/electron-builder.js';
import { analyzeAction, analyzeWorkflow } from './files/github-actions.js';
import { analyzeGitlabCi } from './files/gitlab-ci.js';
import { analyzeGoreleaser } from './files/goreleaser.js';
import { analyzeHomebrew } from './files/homebrew.js';
import { analyzeJenkinsfile } from './files/jenkinsfile.js';
import { analyzeJsConfig } from './files/js-config.js';
import { analyzeJustfile } from './files/justfile.js';
import { analyzeGradle, analyzeMaven } from './files/jvm.js';
import { analyzeMakefile } from './files/makefile.js';
import { analyzeNpmrc } from './files/npmrc.js';
import { analyzePackageJson } from './files/package-json.js';
import {
  analyzeAppveyor,
  analyzeAzurePipelines,
  analyzeBitbucket,
  analyzeBuildkite,
  analyzeDrone,
  analyzeDroneStarlark,
  analyzeTaskfile,
  analyzeTravis,
} from './files/pipelines.js';
import { analyzeServerless } from './files/serverless.js';
import { analyzeShell } from './files/shell.js';
import { analyzeWrangler } from './files/wrangler.js';
import { NODE_SCRIPT, NODE_SOURCE_PATH } from './node-scripts.js';

export type Format = 'yaml' | 'json' | 'toml' | 'text';

export interface FileType {
  readonly type: string;
  readonly format: Format;
  readonly analyze?: Analyzer;
  /** What links found in the file say it is, when not its type (see `Rule.label`). */
  readonly label?: string;
}

interface Rule {
  readonly type: string | ((path: string) => string);
  /** Tested against the `/`-separated path relative to the scan root. */
  readonly path: RegExp;
  readonly analyze?: Analyzer;
  /** Found by discovery on its own; shell scripts are found only when a build file runs them. */
  readonly discovered: boolean;
  /**
   * What the text must declare to be a file of this rule, for a path that says too little on its
   * own; a file that does not goes on to the next rule. Only files whose path fits are read for it.
   */
  readonly declares?: RegExp;
  /** The types a file named by another file may be read as with this rule, when `type` computes its own. */
  readonly as?: RegExp;
  /**
   * What links found in a file at `path` say it is, when not its type: a file of another tool
   * that takes this one's syntax, and is read by its reader.
   */
  readonly label?: (path: string) => string | undefined;
}

/** Bundlers' configurations, and those of the frameworks that set Vite up (Nuxt, Astro, SvelteKit). */
const BUNDLER =
  /(?:^|\/)(webpack|vite|rollup|esbuild|tsup|next|vue|nuxt|astro|svelte)(?:\.[\w-]+)*\.config(?:\.[\w-]+)*\.[cm]?[jt]s$/;
/**
 * webpack's production guide splits its configuration into `webpack.common.js`,
 * `webpack.dev.js` and `webpack.prod.js`, and Rollup projects name theirs so too
 * (`rollup.umd.js`); no type declarations (`webpack.d.ts`).
 */
const BUNDLER_PART = /(?:^|\/)(webpack|rollup)(?:\.(?!d\.ts$)[\w-]+)+\.[cm]?[jt]s$/;
/** The type of a bundler's configuration, as `--config` names it too (`webpack-config`). */
const BUNDLER_TYPE = /^(?:webpack|vite|rollup|esbuild|tsup|next|bundler)-config$/;

/** A workflow of GitHub Actions, or of Gitea's or Forgejo's, which run them (`forge`). */
const WORKFLOW = /(?:^|\/)\.(?<forge>github|gitea|forgejo)\/workflows\/[^/]+\.ya?ml$/;

const RULES: readonly Rule[] = [
  {
    type: 'package.json',
    path: /(?:^|\/)package\.json$/,
    analyze: analyzePackageJson,
    discovered: true,
  },
  { type: 'npmrc', path: /(?:^|\/)\.npmrc$/, analyze: analyzeNpmrc, discovered: true },
  {
    // Gitea and Forgejo Actions run GitHub Actions workflows from their own directories: read as
    // GitHub's, and said to be theirs.
    type: 'github-workflow',
    path: WORKFLOW,
    analyze: analyzeWorkflow,
    discovered: true,
    label: (path) => {
      const forge = WORKFLOW.exec(path)?.groups?.forge ?? 'github';
      return forge === 'github' ? undefined : `${forge}-workflow`;
    },
  },
  {
    type: 'github-action',
    path: /(?:^|\/)action\.ya?ml$/,
    analyze: analyzeAction,
    discovered: true,
  },
  {
    type: 'gitlab-ci',
    path: /(?:^|\/|\.)gitlab-ci\.ya?ml$/,
    analyze: analyzeGitlabCi,
    discovered: true,
  },
  {
    type: 'circleci',
    path: /(?:^|\/)\.circleci\/config\.ya?ml$/,
    analyze: analyzeCircleci,
    discovered: true,
  },
  {
    type: 'jenkinsfile',
    path: /(?:^|\/)(?:Jenkinsfile[^/]*|[^/]+\.jenkinsfile)$/,
    analyze: analyzeJenkinsfile,
    discovered: true,
  },
  {
    type: 'bitbucket-pipelines',
    path: /(?:^|\/)bitbucket-pipelines\.ya?ml$/,
    analyze: analyzeBitbucket,
    discovered: true,
  },
  // The pipeline's settings choose its YAML file: projects name it for Azure, or keep it (and the
  // templates it includes) in a directory named so (`build/azure-pipelines/`, `.azuredevops/`).
  {
    type: 'azure-pipelines',
    path: /(?:^|\/)(?:[^/]*azure-pipelines[^/]*|(?:\.?azure-pipelines|\.azuredevops)\/(?:[^/]+\/)*[^/]+)\.ya?ml$/,
    analyze: analyzeAzurePipelines,
    discovered: true,
  },
  { type: 'travis', path: /(?:^|\/)\.travis\.ya?ml$/, analyze: analyzeTravis, discovered: true },
  {
    type: 'appveyor',
    path: /(?:^|\/)\.?appveyor\.ya?ml$/,
    analyze: analyzeAppveyor,
    discovered: true,
  },
  { type: 'drone', path: /(?:^|\/)\.drone\.ya?ml$/, analyze: analyzeDrone, discovered: true },
  {
    type: 'drone-starlark',
    path: /(?:^|\/)\.drone\.star$/,
    analyze: analyzeDroneStarlark,
    discovered: true,
  },
  // Woodpecker CI, Drone's fork, keeps Drone's pipeline syntax.
  {
    type: 'woodpecker',
    path: /(?:^|\/)\.woodpecker(?:\.ya?ml|\/[^/]+\.ya?ml)$/,
    analyze: analyzeDrone,
    discovered: true,
  },
  {
    type: 'buildkite',
    path: /(?:^|\/)(?:\.buildkite\/[^/]*pipeline[^/]*|buildkite)\.ya?ml$/,
    analyze: analyzeBuildkite,
    discovered: true,
  },
  // `buildkite-agent pipeline upload` takes any file: another YAML file under `.buildkite/` is a
  // pipeline when it lists steps (the directory also keeps docker-compose files and the like).
  {
    type: 'buildkite',
    path: /(?:^|\/)\.buildkite\/(?:[^/]+\/)*[^/]+\.ya?ml$/,
    analyze: analyzeBuildkite,
    declares: /^steps:/m,
    discovered: true,
  },
  // Task's own names, in either case.
  {
    type: 'taskfile',
    path: /(?:^|\/)[Tt]askfile(?:\.dist)?\.ya?ml$/,
    analyze: analyzeTaskfile,
    discovered: true,
  },
  {
    type: 'makefile',
    path: /(?:^|\/)(?:[Mm]akefile|GNUmakefile|[^/]+\.mk)$/,
    analyze: analyzeMakefile,
    discovered: true,
  },
  // just looks for its file in any case.
  {
    type: 'justfile',
    path: /(?:^|\/)\.?justfile$/i,
    analyze: analyzeJustfile,
    discovered: true,
  },
  {
    type: 'dockerfile',
    path: /(?:^|\/)(?:(?:Dockerfile|Containerfile)[^/]*|[^/]+\.(?:[Dd]ockerfile|[Cc]ontainerfile))$/,
    analyze: analyzeDockerfile,
    discovered: true,
  },
  { type: 'earthfile', path: /(?:^|\/)Earthfile$/, analyze: analyzeEarthfile, discovered: true },
  // Compose's default names and their overrides (`docker-compose.override.yml`,
  // `compose.prod.yaml`).
  {
    type: 'docker-compose',
    path: /(?:^|\/)(?:docker-)?compose(?:\.[\w-]+)*\.ya?ml$/,
    analyze: analyzeCompose,
    discovered: true,
  },
  {
    type: 'cloudbuild',
    path: /(?:^|\/)cloudbuild[^/]*\.(?:ya?ml|json)$/,
    analyze: analyzeCloudbuild,
    discovered: true,
  },
  // `gcloud builds submit --config` and a CodeBuild project's buildspec override take any file:
  // one whose name merely holds the word, or that a `buildspecs/` directory keeps, is one when it
  // declares the steps or phases each requires.
  {
    type: 'cloudbuild',
    path: /(?:^|\/)[^/]*cloudbuild[^/]*\.(?:ya?ml|json)$/,
    analyze: analyzeCloudbuild,
    declares: /^(?:steps:|\s*"steps"\s*:)/m,
    discovered: true,
  },
  { type: 'buildspec', path: /(?:^|\/)buildspec[^/]*\.ya?ml$/, discovered: true },
  {
    type: 'buildspec',
    path: /(?:^|\/)(?:buildspecs\/(?:[^/]+\/)*[^/]+|[^/]*buildspec[^/]*)\.ya?ml$/,
    declares: /^phases:/m,
    discovered: true,
  },
  // Configurations that `--config` passes are named so too (`.goreleaser.nightly.yml`,
  // `goreleaser-linux.yaml`, `electron-builder.config.js`); those under other names are read when
  // a build command names them.
  {
    type: 'goreleaser',
    path: /(?:^|\/)\.?goreleaser(?:[.-][\w.-]+)?\.ya?ml$/,
    analyze: analyzeGoreleaser,
    discovered: true,
  },
  {
    type: 'electron-builder',
    path: /(?:^|\/)electron-builder(?:\.[\w-]+)?\.(?:ya?ml|json5?|toml|[cm]?[jt]s)$/,
    analyze: analyzeElectronBuilder,
    discovered: true,
  },
  {
    type: 'serverless',
    path: /(?:^|\/)serverless\.ya?ml$/,
    analyze: analyzeServerless,
    discovered: true,
  },
  {
    type: 'wrangler',
    path: /(?:^|\/)wrangler\.(?:toml|jsonc?)$/,
    analyze: analyzeWrangler,
    discovered: true,
  },
  {
    type: (path) => `${BUNDLER.exec(path)?.[1] ?? 'bundler'}-config`,
    path: BUNDLER,
    analyze: analyzeJsConfig,
    discovered: true,
    as: BUNDLER_TYPE,
  },
  {
    type: (path) => `${BUNDLER_PART.exec(path)?.[1] ?? 'bundler'}-config`,
    path: BUNDLER_PART,
    analyze: analyzeJsConfig,
    discovered: true,
  },
  // Angular CLI's workspace, and an Nx project built by Angular's builders: build and deploy targets.
  { type: 'angular', path: /(?:^|\/)angular\.json$/, analyze: analyzeAngular, discovered: true },
  {
    type: 'angular',
    path: /(?:^|\/)project\.json$/,
    declares: /"executor"\s*:\s*"[^"]*(?:angular|ngx-aws-deploy)[^"]*"/,
    analyze: analyzeAngular,
    discovered: true,
  },
  // Storybook's: the bundler settings its viteFinal or webpackFinal writes for its static build.
  {
    type: 'storybook-config',
    path: /(?:^|\/)\.storybook\/main\.[cm]?[jt]s$/,
    analyze: analyzeJsConfig,
    discovered: true,
  },
  // Electron Forge's: its makers' update URLs ship in the app, its publishers upload the release.
  {
    type: 'forge-config',
    path: /(?:^|\/)forge\.config\.[cm]?[jt]s$/,
    analyze: analyzeJsConfig,
    discovered: true,
  },
  // Where gatsby-plugin-s3 is set up.
  {
    type: 'gatsby-config',
    path: /(?:^|\/)gatsby-config\.[cm]?[jt]s$/,
    analyze: analyzeJsConfig,
    discovered: true,
  },
  { type: 'tsconfig', path: /(?:^|\/)tsconfig[^/]*\.json$/, discovered: true },
  // Bundlers inline the VITE_/NEXT_PUBLIC_/REACT_APP_ values of these into what they build; no
  // bundler loads the templates (`.env.example`) written for people to copy.
  {
    type: 'dotenv',
    path: /(?:^|\/)\.env(?:\.(?![\w.-]*\b(?:example|sample|template)\b)[\w.-]+)?$/,
    discovered: true,
  },
  { type: 'gradle', path: /\.gradle(?:\.kts)?$/, analyze: analyzeGradle, discovered: true },
  { type: 'maven', path: /(?:^|\/)pom\.xml$/, analyze: analyzeMaven, discovered: true },
  // What users run to install a release: its download links ship with it. Homebrew loads every
  // `*.rb` below a tap's `Formula/`, `HomebrewFormula/` and `Casks/`, and homebrew-core and
  // homebrew-cask keep theirs in shards (`Formula/f/foo.rb`, `Formula/lib/libfoo.rb`).
  {
    type: 'homebrew',
    path: /(?:^|\/)(?:Formula|HomebrewFormula|Casks)\/(?:[^/]+\/)*[^/]+\.rb$/,
    analyze: analyzeHomebrew,
    discovered: true,
  },
  // A tap may keep its formulae at its root instead: a root `*.rb` is one when it declares a
  // formula class. Homebrew loads casks from `Casks/` only.
  {
    type: 'homebrew',
    path: /^[^/]+\.rb$/,
    analyze: analyzeHomebrew,
    declares: /^[ \t]*class[ \t]+\w+[ \t]*<[ \t]*Formula\b/m,
    discovered: true,
  },
  { type: 'scoop', path: /(?:^|\/)(?:bucket|scoop)\/[^/]+\.json$/, discovered: true },
  { type: 'winget', path: /(?:^|\/)[^/]+\.installer\.ya?ml$/, discovered: true },
  {
    type: 'chocolatey',
    path: /(?:^|\/)chocolatey(?:install|beforemodify|uninstall)\.ps1$/i,
    discovered: true,
  },
  // Where an installed app fetches its updates: the endpoints ship inside the app.
  {
    type: 'tauri',
    path: /(?:^|\/)(?:tauri(?:\.[\w-]+)?\.conf\.json5?|Tauri(?:\.[\w-]+)?\.toml)$/,
    discovered: true,
  },
  {
    type: 'electron-updater',
    path: /(?:^|\/)(?:dev-)?app-update\.ya?ml$/,
    analyze: analyzeAppUpdate,
    discovered: true,
  },
  { type: 'sparkle', path: /(?:^|\/)Info\.plist$/, discovered: true },
  // Expo's app config, embedded in the app and served as its update manifest: `updates.url`, where
  // expo-updates fetches updates, and `extra` ship. Its settings are under `expo` or at the top
  // (@expo/config); other tools name their settings `app.json` too (Heroku's), so it must say so.
  {
    type: 'expo',
    path: /(?:^|\/)app(?:\.config)?\.json$/,
    declares: /"(?:expo|slug)"\s*:/,
    discovered: true,
  },
  // The same config written in JavaScript or TypeScript, read as text and never run.
  {
    type: 'expo',
    path: /(?:^|\/)app\.config\.[cm]?[jt]s$/,
    analyze: analyzeJsConfig,
    declares: /\b(?:expo|slug)['"]?\s*:/,
    discovered: true,
  },
  // Package metadata that ships with the package: its download and project links.
  {
    type: 'pyproject',
    path: /(?:^|\/)(?:pyproject\.toml|setup\.cfg|setup\.py)$/,
    discovered: true,
  },
  { type: 'helm-chart', path: /(?:^|\/)Chart\.ya?ml$/, discovered: true },
  // Hosting and proxy settings that serve a bucket under the site's own address.
  {
    type: 'site-config',
    path: /(?:^|\/)(?:netlify\.toml|vercel\.json|_redirects|nginx\.conf|Caddyfile)$/,
    discovered: true,
  },
  {
    type: 'install-script',
    // In any case, as PowerShell capitalises its verbs (`Install-Tool.ps1`).
    path: /(?:^|\/)install[^/]*\.(?:sh|bash|ps1)$/i,
    analyze: analyzeShell,
    discovered: true,
  },
  // A script named for releasing is part of the release whoever runs it (a person at a terminal,
  // a CI job kept elsewhere): found on its own. Other scripts are read when a build file runs them.
  {
    type: scriptType,
    path: /(?:^|\/)[^/]*(?:release|publish|deploy|upload)[^/]*\.(?:sh|bash|ps1|bat|cmd)$/i,
    analyze: analyzeShell,
    discovered: true,
  },
  { type: 'shell', path: /\.(?:sh|bash)$/, analyze: analyzeShell, discovered: false },
  { type: 'powershell', path: /\.ps1$/, analyze: analyzeShell, discovered: false },
  // cmd's batch files, whose extensions Windows reads in any case.
  { type: 'batch', path: /\.(?:bat|cmd)$/i, analyze: analyzeShell, discovered: false },
  // What build steps run with Node, tsx, Bun or Deno (see node-scripts.ts), read as text.
  { type: NODE_SCRIPT, path: NODE_SOURCE_PATH, analyze: analyzeJsConfig, discovered: false },
];

/** A script's type by its extension: a PowerShell script, a batch file, else a shell script. */
function scriptType(path: string): string {
  if (/\.ps1$/i.test(path)) return 'powershell';
  return /\.(?:bat|cmd)$/i.test(path) ? 'batch' : 'shell';
}

/** The type of a build file; `undefined` for a file that is none (scanned as plain text if asked). */
export function fileTypeOf(path: string, text: string): FileType | undefined {
  const rule = ruleOf(path, () => text);
  if (!rule) return undefined;
  return typeOf(rule, typeof rule.type === 'string' ? rule.type : rule.type(path), path);
}

/** A file at `path` of `type`, read with `rule`. */
function typeOf(rule: Rule, type: string, path: string): FileType {
  const label = rule.label?.(path);
  return {
    type,
    format: formatOf(path),
    ...(rule.analyze && { analyze: rule.analyze }),
    ...(label !== undefined && { label }),
  };
}

/**
 * Whether the path may be of one of `types`, by the path alone: a file read only if it may be
 * saves reading every other build file.
 */
export function mayBeOfType(path: string, types: ReadonlySet<string>): boolean {
  return RULES.some((r) => typeof r.type === 'string' && types.has(r.type) && r.path.test(path));
}

/** The file read as a file of `type` (a file a GitLab or Azure pipeline includes). */
export function fileTypeAs(type: string, path: string): FileType | undefined {
  const rule = RULES.find((r) => r.type === type || r.as?.test(type));
  return rule && typeOf(rule, type, path);
}

/**
 * Whether discovery reports the file on its own (not only when another build file runs it);
 * `text` is read only for a path that does not say enough, and is undefined for a file that is
 * not read (see `ruleOf`).
 */
export function isDiscoveredBuildFile(path: string, text: () => string | undefined): boolean {
  return ruleOf(path, text)?.discovered ?? false;
}

/**
 * The first rule whose path fits, and whose declaration the text makes if it asks for one. A file
 * whose text is not read (undefined) may be of the first rule its path fits: it is listed, and
 * reading it says why it is not read, rather than it being left out without a word.
 */
function ruleOf(path: string, text: () => string | undefined): Rule | undefined {
  let read: { text: string | undefined } | undefined;
  return RULES.find((r) => {
    if (!r.path.test(path)) return false;
    if (r.declares === undefined) return true;
    read ??= { text: text() };
    return read.text === undefined || r.declares.test(read.text);
  });
}

/** YAML, JSON and TOML are parsed; JSON5, JavaScript and the rest are read as text. */
export function formatOf(path: string): Format {
  const ext = posix.extname(path).toLowerCase();
  if (ext === '.yml' || ext === '.yaml') return 'yaml';
  if (ext === '.json' || ext === '.jsonc') return 'json';
  if (ext === '.toml') return 'toml';
  return 'text';
}
