/**
 * The environments scripts are run with, passed on from each place that runs them, and each
 * script read again with each of its environments.
 */
import type { Diagnostic } from '@posture/model';
import { commandAround } from '../command-words.js';
import type { SourceFile } from '../files/analysis.js';
import { writtenAt, type ScriptRun } from '../script-refs.js';
import { isWithin } from '../structured/doc.js';
import type { Given } from '../variables/common.js';
import { environmentNamesRead, environmentsAlong, takesArguments } from '../variables/index.js';
import { commandArguments, commandEnvironment, MAX_PASSED } from '../variables/shell.js';
import { commandSpan, readingOf, type AnalyzedFile } from './analyze.js';
import { MAX_CALLING_TEXT } from './local-calls.js';
import { ReadingKeys } from './reading-keys.js';

/**
 * A script is read again for at most this many environments that the places running it give; the
 * first place that gives it one more is an error, as the links that one names were not checked.
 */
const MAX_ENVIRONMENTS = 1024;
/**
 * At most this much is read again in a scan for the environments scripts are run with: a script's
 * text and what the scripts it sources assign, once per environment. Scripts that each source and
 * run the next several times pass 1,024 environments to each of them, each read with thousands of
 * sourced assignments: minutes of reading, where this cuts it in a second.
 */
const MAX_ENVIRONMENT_TEXT = MAX_CALLING_TEXT;

/**
 * The environments that scripts are run with: for each script, the variables each place that runs
 * it passes (a CI job's `env:`, `variables:`, `environment:`, a Jenkinsfile's `environment {}`, a
 * Dockerfile's `ARG` and `ENV`, what make exports, what a script exports, what the command sets
 * for itself, `BUCKET=x ./upload.sh`), and the words after its path as `$1`, `$2`, … (see
 * `commandArguments`, `takesArguments`), as each reading of the place sees them; those that give
 * no variable left out. A script run with an environment passes it on, with what it
 * exports, to the scripts it runs in turn. Each script is read for a bounded number of
 * environments, each of the variables the scripts read use.
 */
export function scriptEnvironments(
  analyzed: readonly AnalyzedFile[],
  diagnostics: Diagnostic[],
): Map<string, Given[]> {
  const byPath = new Map(analyzed.map((file) => [file.file.path, file]));
  const used = new Set(analyzed.flatMap(({ file }) => environmentNamesRead(file)));
  // PowerShell reads the environment whatever the case of a name.
  const wanted = (name: string) => used.has(name) || used.has(name.toLowerCase());
  const found = new Map<string, Map<string, Given>>();
  const full = new Set<string>();
  // A script that was not read, or was given more environments than it is read for, takes no more.
  const takes = (path: string) => byPath.has(path) && !full.has(path);
  const argumentsTaken = new Map<string, boolean>();
  const takesWords = (path: string) => {
    let taken = argumentsTaken.get(path);
    if (taken === undefined)
      argumentsTaken.set(path, (taken = takesArguments(byPath.get(path)!.file)));
    return taken;
  };
  const keys = new ReadingKeys();
  // The files said to give a script more variables than are passed: once each.
  const overfull = new Set<string>();
  let readAgain = 0;
  const queue: [AnalyzedFile, Given | undefined][] = analyzed.map((file) => [file, undefined]);
  for (let next = 0; next < queue.length; next++) {
    const [file, environment] = queue[next]!;
    for (const { run, passed, cut } of passedByRuns(file, environment, wanted, takes, takesWords)) {
      if (cut && !overfull.has(file.file.path)) {
        overfull.add(file.file.path);
        diagnostics.push(variablesCut(file.file, run));
      }
      const byValues = found.get(run.path) ?? new Map<string, Given>();
      found.set(run.path, byValues);
      const key = keys.ofGiven(passed);
      if (passed.size === 0 || byValues.has(key)) continue;
      const script = byPath.get(run.path)!;
      const size = readingSize(script);
      if (byValues.size === MAX_ENVIRONMENTS || readAgain + size > MAX_ENVIRONMENT_TEXT) {
        full.add(run.path);
        diagnostics.push(environmentsCut(file.file, run, byValues.size === MAX_ENVIRONMENTS));
        continue;
      }
      readAgain += size;
      byValues.set(key, passed);
      queue.push([script, passed]);
    }
  }
  return new Map([...found].map(([path, byValues]) => [path, [...byValues.values()]]));
}

/** What reading a script again reads: its text, and each assignment the scripts it sources make. */
function readingSize({ file, sourcings }: AnalyzedFile): number {
  let size = file.text.length;
  for (const { assignments } of sourcings)
    for (const { name, value } of assignments) size += name.length + (value?.length ?? 0);
  return size;
}

/**
 * A script given one more environment than it is read for (`many`), or than the text read again
 * for them in a scan allows: an error where that run is.
 */
function environmentsCut(file: SourceFile, run: ScriptRun, many: boolean): Diagnostic {
  const bound = many
    ? `one more set of values of the variables it uses than the ${MAX_ENVIRONMENTS} it is read with`
    : `a set of values of the variables it uses past the ${MAX_ENVIRONMENT_TEXT / 1024 / 1024} MB of scripts read again in a scan for the values they are run with`;
  return {
    severity: 'error',
    code: 'build-environments-truncated',
    message: `${file.path} runs ${run.path} with ${bound}: it was not read with this one, and the links those values name in it were not checked`,
    range: file.lines.range(file.path, run.at, run.at),
  };
}

/**
 * A script run where more of the variables the scripts use are given than the `MAX_PASSED` that
 * are passed to one: an error where that run is, once for the file.
 */
function variablesCut(file: SourceFile, run: ScriptRun): Diagnostic {
  return {
    severity: 'error',
    code: 'build-environments-truncated',
    message: `${file.path} runs ${run.path} where it gives more of the variables its scripts use than the ${MAX_PASSED} passed to a script: the others were not passed, and the links they name in it were not checked`,
    range: file.lines.range(file.path, run.at, run.at),
  };
}

/**
 * What each reading of a file passes to each script it runs (not in a comment), in order, to the
 * scripts that take an environment (`takes` when it is asked for); a script read with an
 * `environment` is read once, with it. `cut` once a bound left a variable of the file's out.
 */
function* passedByRuns(
  analyzed: AnalyzedFile,
  environment: Given | undefined,
  wanted: (name: string) => boolean,
  takes: (path: string) => boolean,
  takesWords: (path: string) => boolean,
): Generator<{ run: ScriptRun; passed: Given; cut: boolean }> {
  const { file, scripts, inComment, sourcings } = analyzed;
  const runs = scripts
    .filter(({ path, at }) => takes(path) && !inComment(at))
    .sort((a, b) => a.at - b.at);
  const readings = environment
    ? analyzed.parts.map((part) => readingOf(file, part, environment, sourcings))
    : [...analyzed.parts, ...analyzed.inherited];
  const whole = { start: 0, end: file.text.length };
  let cut = false;
  const cutting = () => void (cut = true);
  for (const part of readings) {
    const { doc, span, given } = part;
    const within = runs.filter(({ at }) => isWithin({ start: at, end: at }, span));
    if (within.length === 0) continue;
    const passes = environmentsAlong({ file, doc, span, given, sourcings, cut: cutting }, wanted);
    for (const run of within) {
      if (!takes(run.path)) continue;
      // The word that ends the script's name is its path: `$(dirname "$0")/x.sh` is two words.
      const end = run.at + Math.max(1, writtenAt(file.text, run.at).length);
      const at = { start: end - 1, end };
      const command = commandAround(
        file.text,
        commandSpan(part, run.at, whole),
        at,
        part.substitutions,
      );
      const passed = passes(run.at, run.sourced ?? false);
      const words = command?.tokens.map((token) => token.text) ?? [];
      const index = command?.index ?? 0;
      // A script run is given its words; one sourced, none (the shell's own, left unknown).
      const given =
        run.sourced || !command || !takesWords(run.path) ? [] : [...commandArguments(words, index)];
      const own = [...commandEnvironment(words, index), ...given].filter(([name]) => wanted(name));
      if (own.length === 0) {
        yield { run, passed, cut };
        continue;
      }
      const set = new Map(passed);
      for (const [name, value] of own) {
        if (value === undefined) set.delete(name);
        else set.set(name, value);
      }
      yield { run, passed: set, cut };
    }
  }
}

/**
 * A script read again with each environment it is run with, as a place that runs it as its own:
 * only where the variables change what the script's placeholders resolve to, its own assignments
 * deciding from where they are made.
 */
export function withEnvironments(
  analyzed: AnalyzedFile,
  environments: readonly Given[] = [],
): AnalyzedFile {
  const [part] = analyzed.parts;
  // Not even the key of its own substitutions when nothing runs it with variables: a Dockerfile
  // using a 2 KB value 320,000 times made a key longer than any string can be.
  if (!part || analyzed.parts.length > 1 || environments.length === 0) return analyzed;
  const keys = new ReadingKeys();
  const seen = new Set([keys.ofSubstitutions(part.substitutions)]);
  const runs = environments.flatMap((environment) => {
    const reading = readingOf(analyzed.file, part, environment, analyzed.sourcings);
    const key = keys.ofSubstitutions(reading.substitutions);
    if (seen.has(key)) return [];
    seen.add(key);
    return [reading];
  });
  return runs.length === 0
    ? analyzed
    : { ...analyzed, inherited: [...analyzed.inherited, ...runs] };
}
