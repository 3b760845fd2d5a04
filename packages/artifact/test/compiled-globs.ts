/**
 * The globs `boundedMinimatch` compiles, for the tests that count how often one is: such a file
 * mocks bounded-glob with what this makes of the original, its factory importing this module,
 * the one place the spy is written (`vi.mock` is hoisted above the file's imports):
 *
 *   vi.mock('../src/bounded-glob.js', async (importOriginal) =>
 *     (await import('./compiled-globs.js')).countingCompiles(await importOriginal()),
 *   );
 */
import type * as BoundedGlob from '../src/bounded-glob.js';

/** Each glob compiled since the test last emptied this, in order. */
export const compiledGlobs: string[] = [];

/** `original`, with each glob `boundedMinimatch` compiles noted in `compiledGlobs`. */
export function countingCompiles(original: typeof BoundedGlob): typeof BoundedGlob {
  return {
    ...original,
    boundedMinimatch: (...args) => {
      compiledGlobs.push(args[0]);
      return original.boundedMinimatch(...args);
    },
  };
}
