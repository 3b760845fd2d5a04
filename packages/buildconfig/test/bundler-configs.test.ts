/**
 * Bundler configurations, read as text: a bucket that serves the bundles (`publicPath`, `base`,
 * `assetPrefix`) is where source maps are fetched from when the settings that decide it write map
 * files beside the bundles, and hidden maps are told from linked ones. The deploy plugins they set
 * up upload the build.
 */
import { describe, expect, it } from 'vitest';
import { repo, scan, scanText } from './helpers.js';

const BASE = "'https://acme-assets.s3.amazonaws.com/app/'";

describe('source maps beside the bundles a bucket serves', () => {
  it.each([
    ['webpack devtool source-map', 'webpack.config.js', `devtool: 'source-map'`, 'linked'],
    ['a cheap module map', 'webpack.config.js', 'devtool: `cheap-module-source-map`', 'linked'],
    ['hidden-source-map', 'webpack.config.js', `devtool: 'hidden-source-map'`, 'hidden'],
    ['hidden-nosources', 'webpack.config.js', `devtool: 'hidden-nosources-source-map'`, 'hidden'],
    [
      'an eval devtool: maps inside the bundle',
      'webpack.config.js',
      `devtool: 'eval-source-map'`,
      'none',
    ],
    ['an inline devtool', 'webpack.config.js', `devtool: 'inline-source-map'`, 'none'],
    ['devtool false', 'webpack.config.js', 'devtool: false', 'none'],
    [
      "devtool false and a loader's sourceMap option, which writes no map file",
      'webpack.config.js',
      "devtool: false, module: { rules: [{ use: [{ loader: 'css-loader', options: { sourceMap: true } }] }] }",
      'none',
    ],
    [
      "a minimizer's sourceMap option",
      'webpack.config.js',
      'optimization: { minimizer: [new UglifyJsPlugin({ sourceMap: true })] }',
      'none',
    ],
    [
      'SourceMapDevToolPlugin writing a file',
      'webpack.config.js',
      "devtool: false, plugins: [new webpack.SourceMapDevToolPlugin({ filename: '[file].map' })]",
      'linked',
    ],
    [
      'SourceMapDevToolPlugin with append false',
      'webpack.config.js',
      "devtool: false, plugins: [new webpack.SourceMapDevToolPlugin({ filename: '[file].map', append: false })]",
      'hidden',
    ],
    [
      'SourceMapDevToolPlugin whose comment points elsewhere',
      'webpack.config.js',
      "plugins: [new SourceMapDevToolPlugin({ filename: '[file].map', publicPath: 'https://maps.acme.example/' })]",
      'hidden',
    ],
    [
      'SourceMapDevToolPlugin without a filename: inlined',
      'webpack.config.js',
      'devtool: false, plugins: [new webpack.SourceMapDevToolPlugin({ module: true })]',
      'none',
    ],
    [
      'one devtool per mode, one linked',
      'webpack.prod.js',
      `devtool: 'hidden-source-map', x: { devtool: 'source-map' }`,
      'linked',
    ],
    ['Vite build.sourcemap true', 'vite.config.ts', 'build: { sourcemap: true }', 'linked'],
    ["Vite build.sourcemap 'hidden'", 'vite.config.ts', "build: { sourcemap: 'hidden' }", 'hidden'],
    ["Vite build.sourcemap 'inline'", 'vite.config.ts', "build: { sourcemap: 'inline' }", 'none'],
    [
      "esbuild sourcemap 'external': no comment",
      'esbuild.config.mjs',
      "sourcemap: 'external'",
      'hidden',
    ],
    ["esbuild sourcemap 'linked'", 'esbuild.config.mjs', "sourcemap: 'linked'", 'linked'],
    [
      'Next.js productionBrowserSourceMaps',
      'next.config.js',
      'productionBrowserSourceMaps: true',
      'linked',
    ],
    ['no source-map setting', 'vite.config.ts', 'build: { outDir: "dist" }', 'none'],
    [
      'Vue CLI, which writes linked maps by default',
      'vue.config.js',
      'lintOnSave: false',
      'linked',
    ],
    [
      'Vue CLI with productionSourceMap false',
      'vue.config.js',
      'productionSourceMap: false',
      'none',
    ],
  ])('%s', (_name, path, settings, maps) => {
    const key = path.startsWith('vite')
      ? 'base'
      : path.startsWith('next')
        ? 'assetPrefix'
        : 'publicPath';
    const text = `module.exports = {\n  ${settings},\n  output: { ${key}: ${BASE} },\n};\n`;
    const [link] = scanText(path, text).links;
    expect(link).toMatchObject({ bucket: 'acme-assets', sourceMap: maps !== 'none' });
    expect(link?.sourceMapHidden).toBe(maps === 'hidden' || undefined);
  });

  it('reads a field that names where maps are as linked, whatever the bundles', () => {
    const text = `export default { output: { sourcemap: 'hidden', sourcemapBaseUrl: ${BASE} } };\n`;
    const [link] = scanText('rollup.config.mjs', text).links;
    expect(link).toMatchObject({ field: 'sourcemapBaseUrl', sourceMap: true });
    expect(link?.sourceMapHidden).toBeUndefined();
  });
});

describe('settings chosen by the mode or the environment, and names the file assigns', () => {
  const URL = BASE.slice(1, -1);
  const WEBPACK = (settings: string, base = BASE) =>
    `const isProd = process.env.NODE_ENV === 'production';\nmodule.exports = {\n  ${settings},\n  output: { publicPath: ${base} },\n};\n`;
  const VITE = (settings: string, base = BASE) =>
    `import { defineConfig } from 'vite';\nexport default defineConfig(({ mode }) => ({\n  base: ${base},\n  build: { ${settings} },\n}));\n`;
  // [name, path, text, the field the link is read as, the maps, whether some builds only]
  it.each([
    [
      'a devtool one branch of which writes linked maps',
      'webpack.config.js',
      WEBPACK(`devtool: isProd ? 'source-map' : 'eval-cheap-module-source-map'`),
      'publicPath',
      'linked',
      true,
    ],
    [
      'the map in the other branch',
      'webpack.config.js',
      WEBPACK(`devtool: argv.mode === 'development' ? 'eval-source-map' : 'source-map'`),
      'publicPath',
      'linked',
      true,
    ],
    [
      'hidden maps in one branch',
      'webpack.config.js',
      WEBPACK(`devtool: isProd ? 'hidden-source-map' : false`),
      'publicPath',
      'hidden',
      true,
    ],
    [
      'no branch writing a map file',
      'webpack.config.js',
      WEBPACK(`devtool: isProd ? false : 'eval-cheap-module-source-map'`),
      'publicPath',
      'none',
      false,
    ],
    [
      'a devtool the file does not say',
      'webpack.config.js',
      WEBPACK('devtool: pickDevtool(argv)'),
      'publicPath',
      'none',
      false,
    ],
    [
      "an environment variable's default",
      'webpack.config.js',
      WEBPACK(`devtool: process.env.DEVTOOL || 'source-map'`),
      'publicPath',
      'linked',
      true,
    ],
    [
      'maps in production only, written with &&',
      'webpack.config.js',
      WEBPACK(`devtool: isProd && 'source-map'`),
      'publicPath',
      'linked',
      true,
    ],
    [
      'a condition the file decides',
      'webpack.config.js',
      WEBPACK(`devtool: DEBUG ? 'source-map' : false`).replace(
        'module.exports',
        'const DEBUG = true;\nmodule.exports',
      ),
      'publicPath',
      'linked',
      false,
    ],
    [
      'a devtool assigned to a name, set by shorthand',
      'webpack.config.js',
      WEBPACK('devtool').replace(
        'module.exports',
        "const devtool = isProd ? 'source-map' : false;\nmodule.exports",
      ),
      'publicPath',
      'linked',
      true,
    ],
    [
      "a pattern's default, which the caller may change",
      'webpack.config.js',
      `module.exports = ({ devtool = 'source-map' } = {}) => ({ devtool, output: { publicPath: ${BASE} } });\n`,
      'publicPath',
      'linked',
      true,
    ],
    [
      'a devtool assigned to the configuration',
      'webpack.config.js',
      `module.exports = (env, argv) => {\n  const config = { output: { publicPath: ${BASE} } };\n  if (argv.mode === 'production') config.devtool = 'source-map';\n  return config;\n};\n`,
      'publicPath',
      'linked',
      false,
    ],
    [
      'a spread of a shared object',
      'webpack.prod.js',
      `const common = { devtool: 'source-map' };\nmodule.exports = { ...common, output: { publicPath: ${BASE} } };\n`,
      'publicPath',
      'linked',
      false,
    ],
    [
      'a publicPath one branch of which is the bucket',
      'webpack.config.js',
      WEBPACK(`devtool: 'source-map'`, `isProd ? ${BASE} : '/'`),
      'publicPath',
      'linked',
      true,
    ],
    [
      'the bucket in the other branch, the key quoted',
      'webpack.config.js',
      WEBPACK(`devtool: 'source-map'`, `isDev ? '/' : ${BASE}`).replace(
        'publicPath:',
        "'publicPath':",
      ),
      'publicPath',
      'linked',
      true,
    ],
    [
      "a publicPath's default",
      'webpack.config.js',
      WEBPACK(`devtool: 'source-map'`, `process.env.PUBLIC_PATH ?? ${BASE}`),
      'publicPath',
      'linked',
      true,
    ],
    [
      'a publicPath that only ends with the bucket',
      'webpack.config.js',
      WEBPACK(`devtool: 'source-map'`, `'/' + CDN`).replace(
        'module.exports',
        `const CDN = ${BASE};\nmodule.exports`,
      ),
      'CDN',
      'none',
      false,
    ],
    [
      'a base a constant holds',
      'vite.config.ts',
      `import { defineConfig } from 'vite';\nconst CDN = ${BASE};\nexport default defineConfig({\n  base: CDN,\n  build: { sourcemap: true },\n});\n`,
      'base',
      'linked',
      false,
    ],
    [
      'a typed constant, without semicolons',
      'vite.config.ts',
      `const CDN: string = ${BASE}\nexport default { base: CDN, build: { sourcemap: true } }\n`,
      'base',
      'linked',
      false,
    ],
    [
      'a template of a constant',
      'vite.config.mts',
      `const CDN = 'https://acme-assets.s3.amazonaws.com'\nexport default { base: \`\${CDN}/app/\`, build: { sourcemap: 'hidden' as const } }\n`,
      'base',
      'hidden',
      false,
    ],
    [
      'a template naming the bucket a constant holds',
      'vite.config.js',
      "const BUCKET = 'acme-assets';\nexport default { base: `https://${BUCKET}.s3.amazonaws.com/app/`, build: { sourcemap: true } };\n",
      'base',
      'linked',
      false,
    ],
    [
      'a constant joined with a path',
      'vite.config.js',
      `const CDN = 'https://acme-assets.s3.amazonaws.com';\nexport default { base: CDN + '/app/', build: { sourcemap: true } };\n`,
      'base',
      'linked',
      false,
    ],
    [
      'a constant chosen by the mode',
      'vite.config.js',
      `const CDN = process.env.CI ? ${BASE} : '/';\nexport default { base: CDN, build: { sourcemap: true } };\n`,
      'base',
      'linked',
      true,
    ],
    [
      'a constant used as no base',
      'vite.config.js',
      `const CDN = ${BASE};\nexport default { define: { cdn: CDN }, build: { sourcemap: true } };\n`,
      'CDN',
      'none',
      false,
    ],
    [
      "Vite's sourcemap off in development",
      'vite.config.ts',
      VITE(`sourcemap: mode !== 'development'`),
      'base',
      'linked',
      true,
    ],
    [
      "Vite's sourcemap from the environment",
      'vite.config.ts',
      VITE(`sourcemap: process.env.SOURCEMAP === 'true'`),
      'base',
      'linked',
      true,
    ],
    [
      "Vite's sourcemap hidden in production",
      'vite.config.ts',
      VITE(`sourcemap: mode === 'production' ? 'hidden' : false`),
      'base',
      'hidden',
      true,
    ],
    [
      "Vite's sourcemap provably off",
      'vite.config.ts',
      VITE(`sourcemap: mode === 'production' && false`),
      'base',
      'none',
      false,
    ],
    [
      "esbuild's external maps in one mode",
      'esbuild.config.mjs',
      `const watch = process.argv.includes('--watch');\nexport default { sourcemap: watch ? 'inline' : 'external', publicPath: ${BASE} };\n`,
      'publicPath',
      'hidden',
      true,
    ],
    [
      "Rollup's map address in production",
      'rollup.config.mjs',
      `export default { output: { sourcemap: true, sourcemapBaseUrl: production ? ${BASE} : undefined } };\n`,
      'sourcemapBaseUrl',
      'linked',
      true,
    ],
    [
      "Next.js's assetPrefix in production",
      'next.config.js',
      `const isProd = process.env.NODE_ENV === 'production';\nmodule.exports = { productionBrowserSourceMaps: true, assetPrefix: isProd ? ${BASE} : undefined };\n`,
      'assetPrefix',
      'linked',
      true,
    ],
    [
      "Next.js's maps from the environment",
      'next.config.mjs',
      `export default { productionBrowserSourceMaps: process.env.ANALYZE === 'true', assetPrefix: ${BASE} };\n`,
      'assetPrefix',
      'linked',
      true,
    ],
    [
      "Vue CLI's maps off in production",
      'vue.config.js',
      `module.exports = { productionSourceMap: process.env.NODE_ENV !== 'production', publicPath: ${BASE} };\n`,
      'publicPath',
      'linked',
      true,
    ],
    [
      "Nuxt's client maps in one mode",
      'nuxt.config.ts',
      `export default defineNuxtConfig({ sourcemap: { client: process.env.MAPS === '1' }, app: { cdnURL: ${BASE} } });\n`,
      'cdnURL',
      'linked',
      true,
    ],
  ])('%s', (_name, path, text, field, maps, conditional) => {
    const [link] = scanText(path, text).links;
    expect(link).toMatchObject({ bucket: 'acme-assets', field, sourceMap: maps !== 'none' });
    expect(link?.sourceMapHidden).toBe(maps === 'hidden' || undefined);
    expect(link?.sourceMapConditional).toBe(conditional || undefined);
    expect(link?.url.startsWith(URL.slice(0, 20))).toBe(true);
  });
});

// Seen: cookiecutter-django's webpack/prod.config.js, whose publicPath is `${staticUrl}…`, staticUrl
// `https://${awsS3Domain}/static/`, and awsS3Domain the environment's custom domain or the bucket's.
describe('a base whose host is a name the file assigns', () => {
  const config = (domain: string) =>
    `const B = 'acme-assets';\nconst DOMAIN = ${domain};\nconst STATIC = \`https://\${DOMAIN}/static/\`;\nmodule.exports = { devtool: 'source-map', output: { publicPath: \`\${STATIC}bundles/\` } };\n`;
  it.each([
    [
      'chosen by the environment: the bucket is where the host is written',
      'process.env.CUSTOM_DOMAIN ? process.env.CUSTOM_DOMAIN : `${B}.s3.amazonaws.com`',
      [['acme-assets.s3.amazonaws.com', 'publicPath', true, true]],
    ],
    [
      'known: there too, and where each URL it is part of is',
      '`${B}.s3.amazonaws.com`',
      [
        ['acme-assets.s3.amazonaws.com', 'publicPath', true, undefined],
        ['https://acme-assets.s3.amazonaws.com/static/', 'publicPath', true, undefined],
        ['https://acme-assets.s3.amazonaws.com/static/bundles/', 'publicPath', true, undefined],
      ],
    ],
  ])('%s', (_name, domain, expected) => {
    const { links } = scanText('webpack.config.js', config(domain));
    expect(links.map((l) => [l.url, l.field, l.sourceMap, l.sourceMapConditional])).toEqual(
      expected,
    );
  });
});

describe('templates naming what the file assigns', () => {
  it.each([
    ['one string', "const B = 'acme-assets';", [['acme-assets', undefined]]],
    ['a string per mode', "const B = isProd ? 'acme-assets' : 'acme-dev';", []],
    ['nothing the file says', 'const B = process.env.BUCKET;', []],
    [
      'a fallback of the environment',
      "const B = process.env.BUCKET || 'acme-assets';",
      [['acme-assets', undefined]],
    ],
    ['a fallback of a credential', "const B = process.env.API_TOKEN ?? 'acme-assets';", []],
    ['a name that says it holds a credential', "const SECRET = 'acme-assets';", []],
  ])('resolves a name assigned %s only', (_name, binding, expected: unknown[]) => {
    const name = binding.includes('SECRET') ? 'SECRET' : 'B';
    const text = `${binding}\nexport default { base: \`https://\${${name}}.s3.amazonaws.com/\` };\n`;
    const { links } = scanText('vite.config.js', text);
    expect(links.map((l) => [l.bucket, l.bucketUnresolved])).toEqual(expected);
  });

  it.each([
    ['a fallback of the environment', "process.env.BUCKET ?? 'acme-assets'", ['acme-assets']],
    ['a string per mode', "isProd ? 'acme-assets' : 'acme-dev'", []],
  ])('resolves an expression in the template that is %s only', (_name, expression, expected) => {
    const text = `export default { base: \`https://\${${expression}}.s3.amazonaws.com/\` };\n`;
    expect(scanText('vite.config.js', text).links.map((l) => l.bucket)).toEqual(expected);
  });
});

describe('strings joined with names', () => {
  it.each([
    [
      'vite.config.js',
      "const B = 'acme-assets';\nexport default { base: 'https://' + B + '.s3.amazonaws.com/', build: { sourcemap: true } };\n",
      'base',
    ],
    [
      'webpack.config.js',
      "const B = 'acme-assets';\nconst url = 'https://' + B + '.s3.amazonaws.com/';\nmodule.exports = { devtool: 'source-map', output: { publicPath: url } };\n",
      'publicPath',
    ],
  ])('in %s are the link they make', (path, text, field) => {
    const { links } = scanText(path, text);
    expect(links.map((l) => [l.url, l.field, l.sourceMap])).toEqual([
      ['https://acme-assets.s3.amazonaws.com/', field, true],
    ]);
  });
});

describe('the other configurations read as JavaScript', () => {
  it.each([
    [
      'svelte.config.js',
      "const B = 'acme-assets';\nexport default { kit: { paths: { assets: 'https://' + B + '.s3.amazonaws.com/site' } } };\n",
      'assets',
    ],
    [
      'svelte.config.js',
      "const B = 'acme-assets';\nexport default { kit: { paths: { assets: `https://${B}.s3.amazonaws.com/site` } } };\n",
      'assets',
    ],
    [
      'electron-builder.config.js',
      "const B = 'acme-assets';\nmodule.exports = { publish: [{ provider: 'generic', url: 'https://' + B + '.s3.amazonaws.com/site' }] };\n",
      'publish[0].url',
    ],
    [
      'app.config.ts',
      "const B = 'acme-assets';\nexport default { expo: { slug: 'a', updates: { url: `https://${B}.s3.amazonaws.com/site` } } };\n",
      'url',
    ],
  ])('%s joins and templates are the link they make', (path, text, field) => {
    const { links } = scanText(path, text);
    expect(links.map((l) => [l.url, l.field])).toEqual([
      ['https://acme-assets.s3.amazonaws.com/site', field],
    ]);
  });
});

describe('a name made of one that says it holds a credential', () => {
  it.each([
    [
      'in a template',
      "const SECRET_KEY = 'acme-assets';\nconst B = SECRET_KEY;\nexport default { base: `https://${B}.s3.amazonaws.com/`, build: { sourcemap: true } };\n",
    ],
    [
      'joined',
      "const SECRET_KEY = 'acme-assets';\nconst B = SECRET_KEY;\nexport default { base: 'https://' + B + '.s3.amazonaws.com/', build: { sourcemap: true } };\n",
    ],
  ])('is never read into a link, %s', (_name, text) => {
    expect(scanText('vite.config.js', text).links).toEqual([]);
  });
});

describe('source maps of the frameworks that set up the bundler, read from their configuration', () => {
  it.each([
    [
      "Nuxt's client maps, its assets on a CDN",
      'nuxt.config.ts',
      `export default defineNuxtConfig({ sourcemap: { server: true, client: true }, app: { cdnURL: ${BASE} } });`,
      'linked',
    ],
    [
      "Nuxt's hidden client maps",
      'nuxt.config.ts',
      `export default defineNuxtConfig({ sourcemap: { client: 'hidden' }, app: { cdnURL: ${BASE} } });`,
      'hidden',
    ],
    [
      "Nuxt's server maps alone, its default",
      'nuxt.config.ts',
      `export default defineNuxtConfig({ sourcemap: { server: true }, app: { cdnURL: ${BASE} } });`,
      'none',
    ],
    [
      "Nuxt's Vite build maps",
      'nuxt.config.mjs',
      `export default defineNuxtConfig({ vite: { build: { sourcemap: true } }, app: { cdnURL: ${BASE} } });`,
      'linked',
    ],
    [
      "Astro's vite.build.sourcemap, its assets under a prefix",
      'astro.config.mjs',
      `export default defineConfig({ vite: { build: { sourcemap: true } }, build: { assetsPrefix: ${BASE} } });`,
      'linked',
    ],
    [
      'Astro without maps',
      'astro.config.mjs',
      `export default defineConfig({ build: { assetsPrefix: ${BASE} } });`,
      'none',
    ],
    [
      "SvelteKit's kit.paths.assets, with the maps of the Vite its kit.vite set up (before 1.0)",
      'svelte.config.js',
      `const config = { kit: { paths: { assets: ${BASE} }, vite: { build: { sourcemap: true } } } };\nexport default config;`,
      'linked',
    ],
    [
      "SvelteKit's kit.paths.assets chosen by the mode, with hidden maps",
      'svelte.config.ts',
      `const CDN = ${BASE};\nexport default { kit: { paths: { assets: dev ? '' : CDN }, vite: { build: { sourcemap: 'hidden' } } } };`,
      'hidden',
    ],
    [
      'SvelteKit without maps',
      'svelte.config.js',
      `export default { kit: { paths: { assets: ${BASE} } } };`,
      'none',
    ],
    [
      'an assets field where no SvelteKit sets its base',
      'vite.config.js',
      `export default { build: { sourcemap: true }, assets: ${BASE} };`,
      'none',
    ],
    [
      "Storybook's viteFinal",
      '.storybook/main.ts',
      `const config = {\n  viteFinal: async (config) => mergeConfig(config, { base: ${BASE}, build: { sourcemap: true } }),\n};\nexport default config;`,
      'linked',
    ],
    [
      "Storybook's webpackFinal, hidden maps",
      '.storybook/main.js',
      `module.exports = {\n  webpackFinal: async (config) => ({ ...config, devtool: 'hidden-source-map', output: { ...config.output, publicPath: ${BASE} } }),\n};`,
      'hidden',
    ],
  ])('%s', (_name, path, text, maps) => {
    const [link] = scanText(path, `${text}\n`).links;
    expect(link).toMatchObject({ bucket: 'acme-assets', sourceMap: maps !== 'none' });
    expect(link?.sourceMapHidden).toBe(maps === 'hidden' || undefined);
  });
});

describe("SvelteKit's maps, written by the Vite configuration beside it (1.0 and later)", () => {
  const SVELTE = `export default { kit: { paths: { assets: ${BASE} } } };\n`;
  it.each([
    ['vite.config.ts beside it', '', 'vite.config.ts', 'sourcemap: true', 'linked'],
    ['hidden maps, in a package', 'web/', 'web/vite.config.js', "sourcemap: 'hidden'", 'hidden'],
    ['maps chosen by the mode', '', 'vite.config.mjs', "sourcemap: mode !== 'dev'", 'some builds'],
    ['inline maps', '', 'vite.config.ts', "sourcemap: 'inline'", 'none'],
    ['no maps', '', 'vite.config.ts', "outDir: 'build'", 'none'],
    ['maps in another package', '', 'other/vite.config.ts', 'sourcemap: true', 'none'],
    [
      'maps in a file vite build does not read',
      '',
      'vite.lib.config.ts',
      'sourcemap: true',
      'none',
    ],
  ])('%s', (_name, dir, vitePath, build, maps) => {
    const root = repo({
      [vitePath]: `export default { build: { ${build} } };\n`,
      [`${dir}svelte.config.js`]: SVELTE,
    });
    const link = scan(root).links.find((l) => l.range.file === `${dir}svelte.config.js`);
    expect(link).toMatchObject({ bucket: 'acme-assets', sourceMap: maps !== 'none' });
    expect(link?.sourceMapHidden).toBe(maps === 'hidden' || undefined);
    expect(link?.sourceMapConditional).toBe(maps === 'some builds' || undefined);
  });

  // SvelteKit loads svelte.config.js from where Vite runs, whichever configuration it reads there.
  const MAPS = 'export default { build: { sourcemap: true } };\n';
  const build = (command: string) => JSON.stringify({ scripts: { build: command } });
  it.each([
    [
      'named by --config',
      { 'package.json': build('vite build --config config/vite.config.ts') },
      'config/vite.config.ts',
      '',
      true,
    ],
    [
      'named by -c, under another name',
      { 'package.json': build('vite build -c build/site.ts') },
      'build/site.ts',
      '',
      true,
    ],
    [
      'named by a package',
      { 'web/package.json': build('vite build -c config/vite.config.ts') },
      'web/config/vite.config.ts',
      'web/',
      true,
    ],
    [
      'named by a build run in another directory',
      { 'other/package.json': build('vite build -c ../config/vite.config.ts') },
      'config/vite.config.ts',
      '',
      false,
    ],
    ['not named', { 'package.json': build('vite build') }, 'config/vite.config.ts', '', false],
    // Vite reads the configuration in the root it builds; SvelteKit, where it runs.
    [
      'in the root built',
      { 'package.json': build('vite build site') },
      'site/vite.config.ts',
      '',
      true,
    ],
    [
      'in the root built, after options',
      { 'package.json': build('vite build --mode production --watch site') },
      'site/vite.config.mjs',
      '',
      true,
    ],
    [
      'in a root not built, --config naming another',
      { 'package.json': build('vite build site --config config/x.ts') },
      'site/vite.config.ts',
      '',
      false,
    ],
    [
      'in a directory an option names',
      { 'package.json': build('vite build --outDir site') },
      'site/vite.config.ts',
      '',
      false,
    ],
  ])('maps of a configuration %s', (_name, files, vitePath, dir, maps) => {
    const root = repo({ ...files, [vitePath]: MAPS, [`${dir}svelte.config.js`]: SVELTE });
    const link = scan(root).links.find((l) => l.range.file === `${dir}svelte.config.js`);
    expect(link).toMatchObject({ bucket: 'acme-assets', sourceMap: maps });
  });
});

describe("source maps' address", () => {
  const MAPS = 'https://acme-maps.s3.amazonaws.com';
  it.each([
    [
      "SourceMapDevToolPlugin's publicPath",
      'webpack.config.mjs',
      `export default { devtool: false, plugins: [new webpack.SourceMapDevToolPlugin({ filename: '[file].map', publicPath: '${MAPS}/maps/' })] };\n`,
      true,
    ],
    [
      'a variable named for it, handed to the plugin',
      'webpack.config.mjs',
      `const sourceMapPublicUrl = '${MAPS}/maps/';\nexport default { plugins: [new webpack.SourceMapDevToolPlugin({ publicPath: sourceMapPublicUrl })] };\n`,
      true,
    ],
    [
      "a release workflow's env, which the bundler reads from the environment",
      '.github/workflows/release.yaml',
      `on: { push: { branches: ["release/**"] } }\njobs:\n  build:\n    env:\n      SOURCE_MAP_URL_BASE: ${MAPS}\n    steps:\n      - run: npm run build\n`,
      true,
    ],
    [
      'GitLab CI variables',
      '.gitlab-ci.yml',
      `variables:\n  SOURCEMAP_BASE_URL: ${MAPS}/maps\nbuild:\n  script: npm run build\n`,
      true,
    ],
    [
      'a variable named for maps that holds no address',
      '.github/workflows/release.yaml',
      `on: push\njobs:\n  build:\n    env:\n      SOURCEMAP_MIRROR: ${MAPS}\n    steps:\n      - run: npm run build\n`,
      false,
    ],
    [
      'an upload destination named for maps, which clients do not fetch',
      '.github/workflows/release.yaml',
      `on: push\njobs:\n  build:\n    env:\n      SOURCEMAP_UPLOAD_URL: s3://acme-maps/maps\n    steps:\n      - run: npm run build\n`,
      false,
    ],
  ])('%s', (_name, path, text, sourceMap) => {
    const { links } = scanText(path, text);
    expect(links.map((l) => [l.bucket, l.sourceMap])).toEqual([['acme-maps', sourceMap]]);
  });
});

describe('deploy plugins', () => {
  const S3_PLUGIN = (upload: string) =>
    `const S3Plugin = require('webpack-s3-plugin');\nmodule.exports = {\n  plugins: [\n    new S3Plugin({\n      s3Options: { region: 'us-east-1' },\n      s3UploadOptions: { Bucket: 'acme-site'${upload} },\n    }),\n  ],\n};\n`;
  const VUE = (options: string) =>
    `module.exports = {\n  pluginOptions: {\n    s3Deploy: {\n      region: 'us-east-1',\n${options}\n    },\n  },\n};\n`;
  const GATSBY = (options: string) =>
    `module.exports = {\n  plugins: [\n    'gatsby-plugin-sass',\n    {\n      resolve: 'gatsby-plugin-s3',\n      options: {\n        bucketName: 'acme-site',${options}\n      },\n    },\n  ],\n};\n`;
  it.each([
    [
      'webpack-s3-plugin without an ACL: its default, public-read',
      'webpack.config.js',
      S3_PLUGIN(''),
      [['6:35', 's3UploadOptions.Bucket', 'public-upload']],
    ],
    [
      'an ACL of its own',
      'webpack.config.js',
      S3_PLUGIN(", ACL: 'private'"),
      [['6:35', 's3UploadOptions.Bucket', 'upload']],
    ],
    [
      'ACL null, which sets none',
      'webpack.config.js',
      S3_PLUGIN(', ACL: null'),
      [['6:35', 's3UploadOptions.Bucket', 'upload']],
    ],
    [
      'webpack-s3-uploader in a webpack.prod.js merged over the common one',
      'webpack.prod.js',
      "module.exports = merge(common, {\n  plugins: [new S3Uploader({ s3UploadOptions: { Bucket: 'acme-site' } })],\n});\n",
      [['2:58', 's3UploadOptions.Bucket', 'public-upload']],
    ],
    [
      'vue-cli-plugin-s3-deploy 3.x: the ACL written, website hosting on',
      'vue.config.js',
      VUE("      bucket: 'acme-site',\n      staticHosting: true,\n      acl: 'public-read',"),
      [
        ['5:16', 'pluginOptions.s3Deploy.bucket', 'public-upload'],
        ['6:22', 'pluginOptions.s3Deploy.staticHosting', 'opens'],
      ],
    ],
    [
      'vue-cli-plugin-s3-deploy 3.x with no ACL, which it leaves unset',
      'vue.config.js',
      VUE("      bucket: 'acme-site',\n      staticHosting: false,"),
      [['5:16', 'pluginOptions.s3Deploy.bucket', 'upload']],
    ],
    [
      'vue-cli-plugin-s3-deploy 4.x: s3ACL public-read by default, no hosting by default',
      'vue.config.js',
      VUE("      s3BucketName: 'acme-site',"),
      [['5:22', 'pluginOptions.s3Deploy.s3BucketName', 'public-upload']],
    ],
    [
      'gatsby-plugin-s3: public-read and website hosting by default',
      'gatsby-config.js',
      GATSBY(''),
      [
        ['5:17', 'plugins[1].resolve', 'opens'],
        ['7:22', 'plugins[1].options.bucketName', 'public-upload'],
      ],
    ],
    [
      'acl null: no ACL, hosting still on',
      'gatsby-config.ts',
      GATSBY('\n        acl: null,'),
      [
        ['5:17', 'plugins[1].resolve', 'opens'],
        ['7:22', 'plugins[1].options.bucketName', 'upload'],
      ],
    ],
    [
      'hosting turned off, a private ACL',
      'gatsby-config.mjs',
      GATSBY("\n        acl: 'private',\n        enableS3StaticWebsiteHosting: false,"),
      [['7:22', 'plugins[1].options.bucketName', 'upload']],
    ],
    [
      'hosting turned on where it is written',
      'gatsby-config.js',
      GATSBY('\n        enableS3StaticWebsiteHosting: true,'),
      [
        ['7:22', 'plugins[1].options.bucketName', 'public-upload'],
        ['8:39', 'plugins[1].options.enableS3StaticWebsiteHosting', 'opens'],
      ],
    ],
    [
      'a bucket name written with JavaScript escapes',
      'gatsby-config.js',
      "module.exports = { plugins: [{ resolve: 'gatsby-plugin-s3', options: { bucketName: '\\u0061cme-\\x73\\u{69}te' } }] };\n",
      [
        ['1:42', 'plugins[0].resolve', 'opens'],
        ['1:85', 'plugins[0].options.bucketName', 'public-upload'],
      ],
    ],
    [
      's3Deploy settings outside pluginOptions',
      'vue.config.js',
      "module.exports = { s3Deploy: { bucket: 'acme-site', acl: 'public-read' } };\n",
      [],
    ],
  ])('%s', (_name, path, text, expected) => {
    const { links } = scanText(path, text);
    expect(
      links.map((l) => [
        `${l.range.start.line}:${l.range.start.column}`,
        l.field,
        l.usage,
        l.bucket,
        l.releaseStep,
      ]),
    ).toEqual(expected.map((link) => [...link, 'acme-site', 'release']));
    const opening = links.find((l) => l.usage === 'opens')?.opening;
    expect(opening).toEqual(
      expected.some(([, , usage]) => usage === 'opens') ? { kind: 'website' } : undefined,
    );
  });
});

// Electron Forge's configuration (seen: electron/forge's publisher-s3 docs; a maker-zip's
// macUpdateManifestBaseUrl on S3 in an app's forge.config.cjs): read as a JavaScript configuration.
describe('Electron Forge', () => {
  const PUBLISHER = (name: string, config: string) =>
    `module.exports = {\n  publishers: [\n    {\n      name: '${name}',\n      config: { bucket: 'acme-desktop'${config} },\n    },\n  ],\n};\n`;
  it.each([
    [
      'publisher-s3: private by default',
      'forge.config.js',
      PUBLISHER('@electron-forge/publisher-s3', ''),
      [['5:26', 's3', 'upload', 'release']],
    ],
    [
      'publisher-s3 with public: true',
      'forge.config.js',
      PUBLISHER('@electron-forge/publisher-s3', ', public: true'),
      [['5:26', 's3', 'public-upload', 'release']],
    ],
    [
      'publisher-gcs with public: true',
      'forge.config.ts',
      PUBLISHER('@electron-forge/publisher-gcs', ', public: true'),
      [['5:26', 'gcs', 'public-upload', 'release']],
    ],
    [
      'another publisher',
      'forge.config.mjs',
      PUBLISHER('@electron-forge/publisher-github', ''),
      [],
    ],
    [
      "a maker's update URL, which ships in the app",
      'forge.config.cjs',
      "module.exports = {\n  makers: [{ name: '@electron-forge/maker-zip', config: (arch) => ({\n    macUpdateManifestBaseUrl: `https://acme-desktop.s3.amazonaws.com/updates/darwin/${arch}`,\n  }) }],\n};\n",
      [['3:32', 's3', 'download', false]],
    ],
  ])('%s', (_name, path, text, expected) => {
    // Found by discovery, as a scan finds it.
    const { links } = scan(repo({ [path]: text }));
    expect(
      links.map((l) => [
        `${l.range.start.line}:${l.range.start.column}`,
        l.service,
        l.usage,
        l.releaseStep,
        l.bucket,
      ]),
    ).toEqual(expected.map((link) => [...link, 'acme-desktop']));
  });
});
