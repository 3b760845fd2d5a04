/**
 * Bundler configurations (webpack, Vite, Rollup, esbuild, tsup, Next.js, Vue CLI, and Nuxt's,
 * Astro's, SvelteKit's and Storybook's, which set up Vite or webpack) and Gatsby's, read as text
 * and never imported or run, for their links and the deploy plugins they set up (see
 * deploy-plugins.ts). The field is the property a string is the value of (`publicPath:
 * 'https://…'`). A link sets where source maps are fetched from when it is the value of a
 * source-map field (`sourceMapBaseURL`, `sourcemapBaseUrl`, `sourceRoot`, `mapRoot`) or of a
 * property or variable named for their address (`sourceMapPublicUrl`), of `publicPath`/`append` in
 * a `SourceMapDevToolPlugin(…)` call, or of a public base (`publicPath`, `base`, `assetPrefix`,
 * Nuxt's `app.cdnURL`, Astro's `build.assetsPrefix`, SvelteKit's `kit.paths.assets`) in a
 * configuration that emits source maps. What it emits is read from the settings that decide it
 * (webpack's `devtool` and `SourceMapDevToolPlugin`, the `sourcemap` of Vite, Rollup, esbuild and
 * tsup, wherever a framework nests Vite's (Astro's and Nuxt's `vite`, Storybook's `viteFinal`) or
 * keeps it in a file of its own (SvelteKit's, see built-with.ts), Nuxt's `sourcemap.client`,
 * Next.js's `productionBrowserSourceMaps`, Vue CLI's `productionSourceMap`), never from a loader's
 * or minimizer's `sourceMap` option, which writes no map file of its own. A setting is each value
 * it may take (see js-values.ts): a `devtool: isProd ? 'source-map' : …` writes maps in the builds
 * that choose so, and a `base: CDN` is the string `CDN` is assigned; the link says when a condition
 * chose (`sourceMapConditional`).
 */
import { isSourceMapField, namesSourceMapUrl } from '../names.js';
import {
  isRecord,
  isWithin,
  recordsIn,
  formatPath,
  type Span,
  type StructuredDoc,
} from '../structured/doc.js';
import { jsTokens, parseJsLiterals, type Token } from '../structured/js-literals.js';
import { readJsValues, type JsValues, type Setting } from '../structured/js-values.js';
import { UNKNOWN, type JsValue, type Possible } from '../structured/possible.js';
import {
  spanHolding,
  strongestMaps,
  type Analyzer,
  type RefContext,
  type SourceFile,
  type SourceMapKind,
} from './analysis.js';
import { codeOf } from './code-fields.js';
import { deployPlugins } from './deploy-plugins.js';
import { pushAll } from '@posture/model';

const BASE_FIELDS = new Set(['publicPath', 'base', 'assetPrefix', 'cdnURL', 'assetsPrefix']);
/**
 * SvelteKit's: its `kit.paths.assets`, where the app's bundles are fetched from (its `paths.base` is
 * a path on the site's own host).
 */
const SVELTE_BASE_FIELDS = new Set([...BASE_FIELDS, 'assets']);
const PLUGIN_FIELDS = new Set(['publicPath', 'append']);
const PLUGIN_CALL = /\bSourceMapDevToolPlugin\s*\(/g;
/** How far forward from a call its argument may be. */
const CALL_REACH = 4096;

/**
 * What settings make of source maps: the strongest kind they may write, and whether only some
 * builds write it (the setting is chosen by the mode or the environment).
 */
interface Maps {
  readonly kind: SourceMapKind | false;
  readonly conditional: boolean;
}

/** The setting whose value a string is, or begins, as it bears on source maps. */
interface Place extends Maps {
  readonly key: string;
  readonly at: number;
}

export const analyzeJsConfig: Analyzer = ({ file, builtWith = [] }) => {
  const { tokens, literals, values, pluginCalls, emitted: own } = readConfig(file);
  // The maps are written by the bundler the framework builds with, set up here or in its own file.
  const emitted = strongest([own, ...builtWith.map((other) => readConfig(other).emitted)]);
  const bases = file.fileType === 'svelte-config' ? SVELTE_BASE_FIELDS : BASE_FIELDS;
  const places = settingPlaces(values.settings, emitted, pluginCalls, bases);
  const deploys = deployPlugins(literals, codeOf(file.text, tokens));
  return {
    context: (offset): RefContext => {
      const at = { start: offset, end: offset };
      if (deploys.settings.some((span) => isWithin(at, span))) {
        const field =
          deploys.fields.get(offset) ?? formatPath(literals.pathAt(offset)?.slice(1) ?? []);
        return { field, releaseStep: 'release' };
      }
      const place = spanHolding(places, offset)?.place;
      if (!place) return {};
      return {
        field: place.key,
        sourceMap: place.kind,
        ...(place.conditional && { sourceMapConditional: true }),
      };
    },
    refs: deploys.refs,
  };
};

/**
 * A configuration's tokens, literals, settings and `SourceMapDevToolPlugin` calls, and the maps it
 * writes.
 */
function readConfig(file: SourceFile): {
  readonly tokens: readonly Token[];
  readonly literals: StructuredDoc;
  readonly values: JsValues;
  readonly pluginCalls: readonly Span[];
  readonly emitted: Maps;
} {
  const text = file.text;
  const tokens = jsTokens(text);
  const literals = parseJsLiterals(text, tokens);
  const values = readJsValues(text, tokens);
  const pluginCalls = [...text.matchAll(PLUGIN_CALL)].map((m) =>
    callSpan(text, m.index + m[0].length - 1),
  );
  const emitted = emittedMaps(file.fileType, literals, values, text, pluginCalls);
  return { tokens, literals, values, pluginCalls, emitted };
}

/**
 * The source maps a configuration writes beside its bundles: `linked` when a `sourceMappingURL`
 * comment points at them, `hidden` when none does (webpack's `hidden-*` devtools, `sourcemap:
 * 'hidden'`, esbuild's `external`, a `SourceMapDevToolPlugin` whose comment points elsewhere), or none
 * (`devtool: false`, an `eval` or `inline` devtool, whose maps live inside the bundle). A
 * configuration that says both, one per mode, is read as linking them; so is a setting chosen by
 * the mode (`devtool: isProd ? 'source-map' : 'eval'`), and a `sourcemap` the file does not say is
 * false (`mode !== 'development'`), which only some builds may link: `conditional`.
 */
function emittedMaps(
  fileType: string,
  literals: StructuredDoc,
  values: JsValues,
  text: string,
  pluginCalls: readonly Span[],
): Maps {
  const maps: Maps[] = [];
  const productionSourceMap: Maps[] = [];
  for (const { key, possible } of values.settings) {
    if (key === 'devtool') maps.push(mapsOf(possible, devtoolMaps));
    else if (key === 'sourcemap') maps.push(mapsOf(possible, sourcemapMaps));
    else if (key === 'productionBrowserSourceMaps') maps.push(mapsOf(possible, turnsOn));
    else if (key === 'productionSourceMap') {
      productionSourceMap.push(mapsOf(possible, (v) => v !== false && 'linked'));
    }
  }
  // Nuxt's `sourcemap: { server, client }`: the client's maps are the public ones.
  for (const [path, record] of recordsIn(literals.data)) {
    if (isRecord(record.sourcemap) && 'client' in record.sourcemap) {
      const client = literals.valueSpan([...path, 'sourcemap', 'client']);
      if (client) maps.push(mapsOf(values.valueAt(client.start), sourcemapMaps));
    }
  }
  for (const call of pluginCalls) {
    maps.push({ kind: pluginMaps(text.slice(call.start, call.end)), conditional: false });
  }
  // Vue CLI builds with `devtool: 'source-map'` unless `productionSourceMap: false`.
  if (fileType === 'vue-config') {
    pushAll(maps, productionSourceMap);
    if (productionSourceMap.length === 0) maps.push({ kind: 'linked', conditional: false });
  }
  return strongest(maps);
}

/** What a setting that may take each of its values writes. */
function mapsOf(possible: Possible, read: (value: JsValue) => SourceMapKind | false): Maps {
  const kinds = possible.values.map(read);
  const kind = strongestMaps(kinds);
  const varies = possible.conditional || possible.values.includes(UNKNOWN);
  return { kind, conditional: kind !== false && (varies || kinds.some((k) => k !== kind)) };
}

/** The strongest maps of several settings: conditional when each that writes them is. */
function strongest(maps: readonly Maps[]): Maps {
  const kind = strongestMaps(maps.map((m) => m.kind));
  const writing = maps.filter((m) => m.kind === kind);
  return { kind, conditional: kind !== false && writing.every((m) => m.conditional) };
}

/**
 * Each string the settings' values may be or begin with, and the setting it is best read as the
 * value of: a source-map field, a base of a configuration that writes maps, or the first written.
 * A name's string (`const CDN = '…'`) is the value of each setting given that name (`base: CDN`).
 */
function settingPlaces(
  settings: readonly Setting[],
  emitted: Maps,
  pluginCalls: readonly Span[],
  bases: ReadonlySet<string>,
): (Span & { readonly place: Place })[] {
  const best = new Map<number, Span & { readonly place: Place }>();
  for (const setting of settings) {
    const place = placeOf(setting, emitted, pluginCalls, bases);
    for (const origin of setting.possible.origins) {
      const seen = best.get(origin.start);
      if (!seen || outranks(place, seen.place)) best.set(origin.start, { ...origin, place });
    }
  }
  return [...best.values()].sort((a, b) => a.start - b.start);
}

/** What a setting is to source maps; `bases` the fields that set the configuration's public base. */
function placeOf(
  setting: Setting,
  emitted: Maps,
  pluginCalls: readonly Span[],
  bases: ReadonlySet<string>,
): Place {
  const { key, at, possible } = setting;
  const inPlugin = pluginCalls.some((call) => isWithin({ start: at, end: at }, call));
  const pointsAtMaps =
    isSourceMapField(key) || namesSourceMapUrl(key) || (PLUGIN_FIELDS.has(key) && inPlugin);
  const kind = pointsAtMaps ? 'linked' : bases.has(key) && emitted.kind;
  const conditional = possible.conditional || (!pointsAtMaps && emitted.conditional);
  return { key, at, kind, conditional: kind !== false && conditional };
}

/** Stronger maps first, then those every build writes, then the first written. */
function outranks(a: Place, b: Place): boolean {
  const rank = (place: Place) => (place.kind === 'linked' ? 2 : place.kind === 'hidden' ? 1 : 0);
  if (rank(a) !== rank(b)) return rank(a) > rank(b);
  if (a.conditional !== b.conditional) return !a.conditional;
  return a.at < b.at;
}

/** Next.js's `productionBrowserSourceMaps`: on when `true`, or what the file does not say. */
function turnsOn(value: JsValue): SourceMapKind | false {
  return (value === true || value === UNKNOWN) && 'linked';
}
/**
 * `SourceMapDevToolPlugin`'s options: a map file when they name one (without a `filename` the map
 * is inlined), which its comment finds beside the bundle unless `append` or `publicPath` points it
 * elsewhere (read as a link of its own) or `append: false` leaves the comment out.
 */
function pluginMaps(options: string): SourceMapKind | false {
  if (!/\bfilename\s*:/.test(options)) return false;
  return /\b(?:append|publicPath)\s*:/.test(options) ? 'hidden' : 'linked';
}

/** webpack's `devtool`: a map file unless `eval` or `inline`, linked unless `hidden`. */
function devtoolMaps(devtool: JsValue): SourceMapKind | false {
  if (typeof devtool !== 'string' || !devtool.endsWith('source-map')) return false;
  if (/eval|inline/.test(devtool)) return false;
  return devtool.startsWith('hidden') ? 'hidden' : 'linked';
}

/**
 * `sourcemap` of Vite and Rollup (`true`, `'hidden'`, `'inline'`), esbuild (`true`, `'linked'`,
 * `'external'`, `'both'`, `'inline'`) and tsup (`true`, `'inline'`), and Nuxt's `sourcemap.client`.
 * esbuild's `external` writes the map file without the comment, and `both` adds it only to the
 * inline copy. One the file does not say may be `true`.
 */
function sourcemapMaps(sourcemap: JsValue): SourceMapKind | false {
  if (sourcemap === true || sourcemap === 'linked' || sourcemap === UNKNOWN) return 'linked';
  return (sourcemap === 'hidden' || sourcemap === 'external' || sourcemap === 'both') && 'hidden';
}

/**
 * The arguments of the call whose `(` is at `open`, up to its `)`; an unclosed call's reach as far
 * as a call's arguments may.
 */
function callSpan(text: string, open: number): Span {
  const end = Math.min(text.length, open + CALL_REACH);
  let depth = 0;
  for (let i = open; i < end; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    if (depth === 0) return { start: open + 1, end: i };
  }
  return { start: open + 1, end };
}
