/**
 * Bundler configurations (webpack, Vite, Rollup, esbuild, tsup, Next.js), read as text and never
 * imported or run. The field is the property a string is the value of (`publicPath: 'https://…'`).
 * A link sets where source maps are fetched from when it is the value of a source-map field
 * (`sourceMapBaseURL`, `sourcemapBaseUrl`, `sourceRoot`, `mapRoot`), of `publicPath`/`append` in a
 * `SourceMapDevToolPlugin(…)` call, or of a public base (`publicPath`, `base`, `assetPrefix`) in a
 * configuration that emits source maps.
 */
import { isSourceMapField } from '../names.js';
import type { Analyzer, RefContext } from './analysis.js';

const BASE_FIELDS = new Set(['publicPath', 'base', 'assetPrefix']);
const PLUGIN_FIELDS = new Set(['publicPath', 'append']);
const PLUGIN_CALL = /\bSourceMapDevToolPlugin\s*\(/g;
/** How far back from a string its property name, or forward from a call its argument, may be. */
const KEY_REACH = 200;
const CALL_REACH = 4096;

/** webpack `devtool` with a separate map file, Rollup/Vite/esbuild/tsup `sourcemap`, Next.js. */
const EMITS_SOURCE_MAPS = [
  /\bdevtool\s*:\s*['"`](?![^'"`]*(?:eval|inline))[^'"`]*source-map/,
  /\bsourcemap\s*:\s*(?:true\b|['"`](?:hidden|external|linked|both)['"`])/i,
  /\bproductionBrowserSourceMaps\s*:\s*true\b/,
];

export const analyzeJsConfig: Analyzer = ({ file }) => {
  const text = file.text;
  const emitsMaps = EMITS_SOURCE_MAPS.some((pattern) => pattern.test(text));
  const pluginCalls = [...text.matchAll(PLUGIN_CALL)].map((m) => m.index + m[0].length - 1);
  return {
    context: (offset): RefContext => {
      const key = propertyBefore(text, offset);
      if (key === undefined) return {};
      const sourceMap =
        isSourceMapField(key) ||
        (PLUGIN_FIELDS.has(key) && insideCall(text, pluginCalls, offset)) ||
        (BASE_FIELDS.has(key) && emitsMaps);
      return { field: key, sourceMap };
    },
  };
};

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

/** Whether `offset` is inside the arguments of one of the calls opened at `opens`. */
function insideCall(text: string, opens: readonly number[], offset: number): boolean {
  return opens.some(
    (open) => open < offset && offset - open < CALL_REACH && depthBetween(text, open, offset) > 0,
  );
}

function depthBetween(text: string, from: number, to: number): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    if (depth === 0) return 0;
  }
  return depth;
}
