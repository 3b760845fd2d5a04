import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const pkg = (name: string) =>
  fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

// Tests import workspace packages from source, so `vitest run` needs no build step.
export default defineConfig({
  resolve: {
    alias: {
      '@posture/model': pkg('model'),
      '@posture/hcl': pkg('hcl'),
      '@posture/plan': pkg('plan'),
      '@posture/buildconfig': pkg('buildconfig'),
      '@posture/artifact': pkg('artifact'),
      '@posture/core': pkg('core'),
      '@posture/report': pkg('report'),
      '@posture/cli': pkg('cli'),
      '@posture/rules': fileURLToPath(new URL('./rules/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'rules/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'threads',
    // A worker a core, where vitest's default leaves one core to itself: on the 2-core machines
    // that meant one worker, and the suite took 537 s instead of 298 s (24 November, idle).
    maxWorkers: availableParallelism(),
  },
});
