/**
 * A workflow run by hand (`on: workflow_dispatch`) runs with the value chosen for each of its
 * inputs: a `type: choice` input's one of its `options`. Read alone, the workflow has each input's
 * `default` (see `callInputs`); each job that uses its inputs is read again for each other
 * combination of the options of its choice inputs, as `inputs.name` and `github.event.inputs.name`.
 */
import { entriesAt, isRecord } from '../structured/doc.js';
import { known, type Given } from '../variables/common.js';
import { DISPATCH_INPUTS } from '../variables/ci.js';
import { boundedReadings, MAX_READINGS, type Inherited, type Readings } from './analysis.js';
import { eachValue } from './combinations.js';

/** At most this many combinations of options are read, as many as GitHub runs of a matrix. */
const MAX_COMBINATIONS = 256;

const USES_INPUTS = /\binputs\./;

/** Each job that uses the inputs, read again for each combination of options but the defaults'. */
export function dispatchReadings(data: unknown): Readings {
  const { combinations, cut } = optionCombinations(data);
  const readings = boundedReadings(
    dispatchRuns(data, combinations),
    `runs its jobs for more combinations of the options of its inputs than the ${MAX_READINGS} that are read again in one file`,
  );
  if (!cut || readings.notReadAgain !== undefined) return readings;
  return {
    ...readings,
    notReadAgain: `can be run by hand with more combinations of the options of its inputs than the ${MAX_COMBINATIONS} that are made`,
  };
}

function* dispatchRuns(data: unknown, combinations: readonly Given[]): Generator<Inherited> {
  if (combinations.length === 0) return;
  for (const [job, value] of entriesAt(data, ['jobs'])) {
    if (!USES_INPUTS.test(JSON.stringify(value))) continue;
    for (const variables of combinations) yield { from: job, to: job, variables };
  }
}

/**
 * The values of the choice inputs in each combination of their options, but the one of their
 * defaults, which the workflow read alone has; and whether there were more than are made (`cut`).
 */
function optionCombinations(data: unknown): { combinations: Given[]; cut: boolean } {
  let found: ReadonlyMap<string, string>[] = [new Map()];
  let cut = false;
  const defaults = new Map<string, string>();
  for (const [path, input] of entriesAt(data, DISPATCH_INPUTS)) {
    if (!isRecord(input) || input.type !== 'choice' || !Array.isArray(input.options)) continue;
    const name = String(path[path.length - 1]);
    const options = input.options
      .filter((o) => typeof o === 'string' || typeof o === 'number' || typeof o === 'boolean')
      .map(String)
      .filter((o) => known(`inputs.${name}`, o) !== undefined);
    if (options.length === 0) continue;
    const made = eachValue(found, name, options, MAX_COMBINATIONS);
    [found, cut] = [made.found, cut || made.cut];
    defaults.set(name, String(input.default));
  }
  const id = JSON.stringify([...defaults]);
  const combinations = found
    .filter((combination) => combination.size > 0 && JSON.stringify([...combination]) !== id)
    .map(
      (combination) =>
        new Map(
          [...combination].flatMap(([name, o]) => [
            [`inputs.${name}`, o],
            [`github.event.inputs.${name}`, o],
          ]),
        ),
    );
  return { combinations, cut };
}
