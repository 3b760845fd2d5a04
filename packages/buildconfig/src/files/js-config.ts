/**
 * Bundler configurations (webpack, Vite, Rollup, esbuild, tsup, Next.js, Vue CLI, and Nuxt's,
 * Astro's and Storybook's, which set up Vite or webpack) and Gatsby's, read as text and never
 * imported or run, for their links and the deploy plugins they set up (see deploy-plugins.ts). The
 * field is the property a string is the value of (`publicPath: 'https://…'`). A link sets where
 * source maps are fetched from when it is the value of a source-map field (`sourceMapBaseURL`,
 * `sourcemapBaseUrl`, `sourceRoot`, `mapRoot`) or of a property or variable named for their
 * address (`sourceMapPublicUrl`), of `publicPath`/`append` in a `SourceMapDevToolPlugin(…)` call,
 * or of a public base (`publicPath`, `base`, `assetPrefix`, Nuxt's `app.cdnURL`, Astro's
 * `build.assetsPrefix`) in a configuration that emits source maps. What it emits is read from the
 * settings that decide it (webpack's `devtool` and `SourceMapDevToolPlugin`, the `sourcemap` of
 * Vite, Rollup, esbuild and tsup, wherever a framework nests Vite's (Astro's and Nuxt's `vite`,
 * Storybook's `viteFinal`), Nuxt's `sourcemap.client`, Next.js's `productionBrowserSourceMaps`, Vue
 * CLI's `productionSourceMap`), never from a loader's or minimizer's `sourceMap` option, which
 * writes no map file of its own.
 */
import { isSourceMapField, namesSourceMapUrl } from '../names.js';
import {
  formatPath,
  isRecord,
  isWithin,
  recordsIn,
  type Span,
  type StructuredDoc,
} from '../structured/doc.js';
import { parseJsLiterals } from '../structured/js-literals.js';
import { strongestMaps, type Analyzer, type RefContext, type SourceMapKind } from './analysis.js';
import { deployPlugins } from './deploy-plugins.js';

const BASE_FIELDS = new Set(['publicPath', 'base', 'assetPrefix', 'cdnURL', 'assetsPrefix']);
const PLUGIN_FIELDS = new Set(['publicPath', 'append']);
const PLUGIN_CALL = /\bSourceMapDevToolPlugin\s*\(/g;
/** How far back from a string its property name, or forward from a call its argument, may be. */
const KEY_REACH = 200;
const CALL_REACH = 4096;

export const analyzeJsConfig: Analyzer = ({ file }) => {
  const text = file.text;
  const literals = parseJsLiterals(text);
  const pluginCalls = [...text.matchAll(PLUGIN_CALL)].map((m) =>
    callSpan(text, m.index + m[0].length - 1),
  );
  const emitted = emittedMaps(file.fileType, literals, text, pluginCalls);
  const deploys = deployPlugins(literals);
  return {
    context: (offset): RefContext => {
      const at = { start: offset, end: offset };
      if (deploys.settings.some((span) => isWithin(at, span))) {
        const field =
          deploys.fields.get(offset) ?? formatPath(literals.pathAt(offset)?.slice(1) ?? []);
        return { field, releaseStep: 'release' };
      }
      const key = propertyBefore(text, offset);
      if (key === undefined) return {};
      const pointsAtMaps =
        isSourceMapField(key) ||
        namesSourceMapUrl(key) ||
        (PLUGIN_FIELDS.has(key) && pluginCalls.some((call) => isWithin(at, call)));
      return { field: key, sourceMap: pointsAtMaps ? 'linked' : BASE_FIELDS.has(key) && emitted };
    },
    refs: deploys.refs,
  };
};

/**
 * The source maps a configuration writes beside its bundles: `linked` when a `sourceMappingURL`
 * comment points at them, `hidden` when none does (webpack's `hidden-*` devtools, `sourcemap:
 * 'hidden'`, esbuild's `external`, a `SourceMapDevToolPlugin` whose comment points elsewhere), or none
 * (`devtool: false`, an `eval` or `inline` devtool, whose maps live inside the bundle). A
 * configuration that says both, one per mode, is read as linking them.
 */
function emittedMaps(
  fileType: string,
  literals: StructuredDoc,
  text: string,
  pluginCalls: readonly Span[],
): SourceMapKind | false {
  const records = recordsIn(literals.data).map(([, record]) => record);
  const kinds = records.flatMap((record): (SourceMapKind | false)[] => [
    devtoolMaps(record.devtool),
    sourcemapMaps(record.sourcemap),
    record.productionBrowserSourceMaps === true && 'linked',
  ]);
  for (const call of pluginCalls) kinds.push(pluginMaps(text.slice(call.start, call.end)));
  // Vue CLI builds with `devtool: 'source-map'` unless `productionSourceMap: false`.
  if (fileType === 'vue-config' && !records.some((record) => record.productionSourceMap === false))
    kinds.push('linked');
  return strongestMaps(kinds);
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
function devtoolMaps(devtool: unknown): SourceMapKind | false {
  if (typeof devtool !== 'string' || !devtool.endsWith('source-map')) return false;
  if (/eval|inline/.test(devtool)) return false;
  return devtool.startsWith('hidden') ? 'hidden' : 'linked';
}

/**
 * `sourcemap` of Vite and Rollup (`true`, `'hidden'`, `'inline'`), esbuild (`true`, `'linked'`,
 * `'external'`, `'both'`, `'inline'`) and tsup (`true`, `'inline'`). esbuild's `external` writes
 * the map file without the comment, and `both` adds it only to the inline copy. Nuxt's takes
 * `{ client, server }` too: the client's maps are the public ones (the server's stay on it).
 */
function sourcemapMaps(sourcemap: unknown): SourceMapKind | false {
  if (isRecord(sourcemap)) return sourcemapMaps(sourcemap.client);
  if (sourcemap === true || sourcemap === 'linked') return 'linked';
  return (sourcemap === 'hidden' || sourcemap === 'external' || sourcemap === 'both') && 'hidden';
}

/**
 * The property whose value is the string holding `offset`: `key: '…'`, `'key': "…"`,
 * `obj.key = \`…\``. The string's opening quote is looked for back on the same line.
 */
function propertyBefore(text: string, offset: number): string | undefined {
  let i = offset - 1;
  while (i >= 0 && offset - i < KEY_REACH && !/['"`\n]/.test(text[i]!)) i--;
  if (!/['"`]/.test(text[i] ?? '')) return undefined;
  i--;
  while (i >= 0 && offset - i < KEY_REACH && /\s/.test(text[i]!)) i--;
  if (text[i] !== ':' && text[i] !== '=') return undefined;
  i--;
  while (i >= 0 && offset - i < KEY_REACH && /\s/.test(text[i]!)) i--;
  if (/['"]/.test(text[i] ?? '')) i--;
  const end = i + 1;
  while (i >= 0 && end - i < KEY_REACH && /[\w$]/.test(text[i]!)) i--;
  const key = text.slice(i + 1, end);
  return key === '' ? undefined : key;
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
