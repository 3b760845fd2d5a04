/**
 * A shell script's functions read again as each call runs them: with the call's words as `$1` to
 * `$9`, and the variables in force where it is called.
 */
import type { Diagnostic, Range } from '@posture/model';
import { commandAround } from '../command-words.js';
import {
  functionCalls,
  MAX_CALLS,
  MAX_FUNCTIONS,
  shellFunctions,
  type FunctionCall,
} from '../shell-functions.js';
import { shellUses, type Given } from '../variables/common.js';
import { environmentsAlong, isShellScript } from '../variables/index.js';
import { commandArguments } from '../variables/shell.js';
import { commandSpan, readingOf, type AnalyzedFile, type DocumentPart } from './analyze.js';
import { MAX_CALLING_TEXT } from './local-calls.js';
import { ReadingKeys } from './reading-keys.js';

/** A reading lists at most this many of the calls that run it, the first found. */
const MAX_CALLED_FROM = 100;
/**
 * At most this many calls are read in all the readings of a script: each of 1,024 calls read again
 * in each of the 1,024 environments a script may be run with would be a million commands.
 */
const MAX_CALLS_READ = 64 * MAX_CALLS;

/**
 * The script with each of its functions read again for each call that gives it values of its own
 * (`upload acme-releases dist/x.tgz`), in each reading of the whole script (as written, and with
 * each environment it is run with): the call's words, as the script's variables there resolve
 * them, are the body's positional parameters, and the script's variables in force at the call are
 * the body's, as the body runs in the script's shell then, its own assignments deciding from where
 * they are made. A word that may stand for several (`"$@"`) leaves it and those after it unknown.
 * Calls that give the same values are one reading, called from each. Past `MAX_FUNCTIONS`
 * functions, `MAX_CALLS` readings, `MAX_CALLS_READ` calls read or `MAX_CALLING_TEXT` of the bodies
 * called, an error says the others were not read.
 */
export function withFunctionCalls(analyzed: AnalyzedFile, diagnostics: Diagnostic[]): AnalyzedFile {
  const { file, sourcings, inComment } = analyzed;
  // A PowerShell script's functions take named parameters, not `$1`.
  if (!isShellScript(file)) return analyzed;
  let cut = false;
  const cutting = () => void (cut = true);
  const usedBy = new Map<number, Set<string>>();
  let bodies = 0;
  // The variables each called function uses, up to a bound on the text of their bodies (nested
  // functions each span the others).
  const reads = ({ called }: FunctionCall) => {
    const { start, end } = called.body;
    if (usedBy.has(start)) return true;
    if (bodies + end - start > MAX_CALLING_TEXT) {
      cut = true;
      return false;
    }
    bodies += end - start;
    usedBy.set(start, new Set(shellUses(file.text.slice(start, end)).map((u) => u.name)));
    return true;
  };
  const calls = functionCalls(file.text, shellFunctions(file.text, cutting), cutting).filter(
    (call) => !inComment(call.at) && reads(call),
  );
  if (calls.length === 0) return cutAt(analyzed, cut, diagnostics);
  const used = new Set([...usedBy.values()].flatMap((names) => [...names]));
  const wanted = (name: string) => used.has(name);
  const whole = { start: 0, end: file.text.length };
  const scripts = [
    ...analyzed.parts,
    ...analyzed.inherited.filter(({ span }) => span.start === 0 && span.end === whole.end),
  ];
  const keys = new ReadingKeys();
  const readings = new Map<string, { part: DocumentPart; calledFrom: Range[] }>();
  let callsRead = 0;
  for (const script of scripts) {
    if (callsRead + calls.length > MAX_CALLS_READ) {
      cut = true;
      break;
    }
    callsRead += calls.length;
    const { doc, given } = script;
    const passes = environmentsAlong({ file, doc, span: whole, given, sourcings }, wanted);
    for (const call of calls) {
      const uses = usedBy.get(call.called.body.start)!;
      const values = callValues(file.text, script, call, passes(call.at, true), uses);
      if (values.size === 0) continue;
      const key = `${call.called.body.start}:${keys.ofGiven(values)}`;
      const site = file.lines.range(file.path, call.at, call.at + call.called.name.length);
      const seen = readings.get(key);
      if (seen) {
        if (seen.calledFrom.length < MAX_CALLED_FROM) seen.calledFrom.push(site);
        continue;
      }
      if (readings.size === MAX_CALLS) {
        cut = true;
        continue;
      }
      const calledFrom = [site];
      const body = { span: call.called.body, analysis: script.analysis, comments: script.comments };
      const part = readingOf(file, { ...body, calledFrom, ...(doc && { doc }) }, values, sourcings);
      readings.set(key, { part, calledFrom });
    }
  }
  const read = [...readings.values()].map(({ part }) => part);
  return cutAt(
    read.length === 0 ? analyzed : { ...analyzed, inherited: [...analyzed.inherited, ...read] },
    cut,
    diagnostics,
  );
}

/**
 * What a call gives the body it runs, of the variables the body `uses`: those of the script in
 * force there (`inForce`), and the call's words as its positional parameters.
 */
function callValues(
  text: string,
  script: DocumentPart,
  { at, called }: FunctionCall,
  inForce: Given,
  uses: ReadonlySet<string>,
): Given {
  const whole = { start: 0, end: text.length };
  const name = { start: at, end: at + called.name.length };
  const command = commandAround(text, commandSpan(script, at, whole), name, script.substitutions);
  const words = command?.tokens.map((token) => token.text) ?? [];
  const values = new Map([...inForce].filter(([variable]) => uses.has(variable)));
  for (const [position, value] of command ? commandArguments(words, command.index) : []) {
    if (value !== undefined && uses.has(position)) values.set(position, value);
  }
  return values;
}

function cutAt(analyzed: AnalyzedFile, cut: boolean, diagnostics: Diagnostic[]): AnalyzedFile {
  if (!cut) return analyzed;
  const { file } = analyzed;
  diagnostics.push({
    severity: 'error',
    code: 'build-links-truncated',
    message: `${file.path} declares more than ${MAX_FUNCTIONS} functions, or calls them with more than ${MAX_CALLS} sets of values or more than ${MAX_CALLING_TEXT / 1024 / 1024} MB of their text: the others were not read with the values their calls give, and the links those name were not checked`,
    range: file.lines.range(file.path, 0, 0),
  });
  return analyzed;
}
