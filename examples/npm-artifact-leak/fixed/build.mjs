// The fixed build: an external source map without sources (uploaded to the error tracker, never
// shipped), no comment pointing at it, and no storage URL compiled in.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
  bundle: true,
  platform: 'node',
  outdir: 'lib',
  sourcemap: 'external',
  sourcesContent: false,
});
