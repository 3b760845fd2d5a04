/**
 * A shell script's functions, and a CI script's (a step's `run:`), read again as each call runs
 * them: with the call's words as `$1` to `$9`, and the variables in force where it is called. A
 * function of a script it sources is read in that script, where its commands are written.
 */
import type { Diagnostic, Range } from '@posture/model';
import { commandAround } from '../command-words.js';
import type { SourceFile } from '../files/analysis.js';
import {
  functionCalls,
  MAX_CALLS,
  MAX_FUNCTIONS,
  shellFunctions,
  type FunctionCall,
  type ShellFunction,
} from '../shell-functions.js';
import { shellUses, type Given } from '../variables/common.js';
import { CI_VARIABLES, environmentsAlong, isShellScript } from '../variables/index.js';
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

/** A call of a function, and the script that declares it: the caller, or one it sources. */
interface Call extends FunctionCall {
  readonly declaredIn: AnalyzedFile;
}

/**
 * The scripts with each of their functions read again for each call that gives it values of its
 * own (`upload acme-releases dist/x.tgz`), in each reading of the whole calling script (as written,
 * and with each environment it is run with): the call's words, as the caller's variables there
 * resolve them, are the body's positional parameters, and the caller's variables in force at the
 * call are the body's, as the body runs in the caller's shell then, its own assignments deciding
 * from where they are made. A word that may stand for several (`"$@"`) leaves it and those after it
 * unknown. A script calls its own functions and, after it sources a script (`source ./lib.sh`), that
 * script's and those it sources in turn; its own win over theirs of the same name. A CI file's
 * scripts each do so within themselves. Calls that give
 * the same values are one reading, called from each. Past `MAX_FUNCTIONS` functions or sourced
 * scripts, `MAX_CALLS` readings, `MAX_CALLS_READ` calls read or `MAX_CALLING_TEXT` of the bodies
 * called, in one calling script, an error there says the others were not read.
 */
export function withFunctionCalls(
  files: readonly AnalyzedFile[],
  diagnostics: Diagnostic[],
): AnalyzedFile[] {
  // A PowerShell script's functions take named parameters, not `$1`.
  const scripts = new Map(
    files.filter(({ file }) => isShellScript(file)).map((script) => [script.file.path, script]),
  );
  const callers = files.filter(
    (analyzed) => scripts.has(analyzed.file.path) || CI_VARIABLES[analyzed.file.fileType],
  );
  const declared = new Map<string, { functions: ShellFunction[]; cut: boolean }>();
  const functionsOf = (script: AnalyzedFile) => {
    let found = declared.get(script.file.path);
    if (!found) {
      let cut = false;
      const functions = shellFunctions(script.file.text, () => void (cut = true));
      declared.set(script.file.path, (found = { functions, cut }));
    }
    return found;
  };
  const readings: Readings = { keys: new ReadingKeys(), found: new Map() };
  for (const caller of callers) callReadings(caller, scripts, functionsOf, readings, diagnostics);
  const read = new Map<string, DocumentPart[]>();
  for (const { path, part } of readings.found.values()) {
    const parts = read.get(path);
    if (parts) parts.push(part);
    else read.set(path, [part]);
  }
  return files.map((analyzed) => {
    const readings = read.get(analyzed.file.path);
    return readings ? { ...analyzed, inherited: [...analyzed.inherited, ...readings] } : analyzed;
  });
}

/**
 * The readings of function bodies made for the calls of all scripts, by the body and the values
 * given (see `ReadingKeys`): scripts that call one library function alike make one reading of it,
 * called from each.
 */
interface Readings {
  readonly keys: ReadingKeys;
  readonly found: Map<string, { path: string; part: DocumentPart; calledFrom: Range[] }>;
}

/** The readings of the functions `caller` calls, added to `readings`. */
function callReadings(
  caller: AnalyzedFile,
  scripts: ReadonlyMap<string, AnalyzedFile>,
  functionsOf: (script: AnalyzedFile) => { functions: ShellFunction[]; cut: boolean },
  { keys, found }: Readings,
  diagnostics: Diagnostic[],
): void {
  const { file, sourcings, inComment } = caller;
  let cut = false;
  const cutting = () => void (cut = true);
  const usedBy = new Map<string, Set<string>>();
  const bodyKey = ({ called, declaredIn }: Call) => `${declaredIn.file.path}:${called.body.start}`;
  let bodies = 0;
  // The variables each called function uses, up to a bound on the text of their bodies (nested
  // functions each span the others).
  const reads = (call: Call) => {
    const { start, end } = call.called.body;
    const key = bodyKey(call);
    if (usedBy.has(key)) return true;
    if (bodies + end - start > MAX_CALLING_TEXT) {
      cut = true;
      return false;
    }
    bodies += end - start;
    const text = call.declaredIn.file.text.slice(start, end);
    usedBy.set(key, new Set(shellUses(text).map((u) => u.name)));
    return true;
  };
  const calls = callsOf(caller, scripts, functionsOf, cutting).filter(
    (call) => !inComment(call.at) && reads(call),
  );
  if (calls.length === 0) {
    if (cut) diagnostics.push(functionsCut(file));
    return;
  }
  const used = new Set([...usedBy.values()].flatMap((names) => [...names]));
  const wanted = (name: string) => used.has(name);
  const whole = { start: 0, end: file.text.length };
  const readings = [
    ...caller.parts,
    ...caller.inherited.filter(({ span }) => span.start === 0 && span.end === whole.end),
  ];
  let made = 0;
  let callsRead = 0;
  for (const script of readings) {
    if (callsRead + calls.length > MAX_CALLS_READ) {
      cut = true;
      break;
    }
    callsRead += calls.length;
    const { doc, given } = script;
    const passes = environmentsAlong({ file, doc, span: whole, given, sourcings }, wanted);
    for (const call of calls) {
      const uses = usedBy.get(bodyKey(call))!;
      const values = callValues(file.text, script, call, passes(call.at, true), uses);
      if (values.size === 0) continue;
      const key = `${bodyKey(call)}:${keys.ofGiven(values)}`;
      const site = file.lines.range(file.path, call.at, call.at + call.called.name.length);
      const seen = found.get(key);
      if (seen) {
        if (seen.calledFrom.length < MAX_CALLED_FROM) seen.calledFrom.push(site);
        continue;
      }
      if (made === MAX_CALLS) {
        cut = true;
        continue;
      }
      made++;
      const calledFrom = [site];
      const { declaredIn } = call;
      const span = call.called.body;
      const { analysis, comments, doc: declaredDoc } = declaredIn.partAt(span.start);
      const body = {
        span,
        analysis,
        comments,
        calledFrom,
        ...(declaredDoc && { doc: declaredDoc }),
      };
      const part = readingOf(declaredIn.file, body, values, declaredIn.sourcings);
      found.set(key, { path: declaredIn.file.path, part, calledFrom });
    }
  }
  if (cut) diagnostics.push(functionsCut(file));
}

/**
 * Where `caller` calls its own functions, and those of the scripts it sources (from where it
 * sources each), up to `MAX_FUNCTIONS` of them and of the scripts sourced; `cut` past that.
 */
function callsOf(
  caller: AnalyzedFile,
  scripts: ReadonlyMap<string, AnalyzedFile>,
  functionsOf: (script: AnalyzedFile) => { functions: ShellFunction[]; cut: boolean },
  cut: () => void,
): Call[] {
  const { text } = caller.file;
  const own = functionsOf(caller);
  if (own.cut) cut();
  // A CI file's script (a step's `run:`) runs in a shell of its own: a function it declares, or
  // one of a script it sources, is called only there. A shell script is one script.
  const whole = { start: 0, end: text.length };
  const scriptAt = (at: number) => commandSpan(caller.partAt(at), at, whole);
  const sameScript = (at: number, from: number) => scriptAt(at).start === scriptAt(from).start;
  const declared = own.functions.filter(({ body }) => body.end <= scriptAt(body.start).end);
  const calls: Call[] = functionCalls(text, declared, cut)
    .filter(({ at, called }) => sameScript(at, called.body.start))
    .map((call) => ({ ...call, declaredIn: caller }));
  const names = new Set(declared.map((f) => f.name));
  let count = declared.length;
  for (const { script, at } of sourcedScripts(caller, scripts, cut)) {
    const { functions, cut: theirsCut } = functionsOf(script);
    const theirs = functions.filter((f) => !names.has(f.name));
    if (theirsCut || count + theirs.length > MAX_FUNCTIONS) cut();
    const callable = theirs.slice(0, Math.max(0, MAX_FUNCTIONS - count));
    count += callable.length;
    for (const f of callable) names.add(f.name);
    for (const call of functionCalls(text, callable, cut, true))
      if (call.at > at && sameScript(call.at, at)) calls.push({ ...call, declaredIn: script });
  }
  if (calls.length > MAX_CALLS) cut();
  return calls.sort((a, b) => a.at - b.at).slice(0, MAX_CALLS);
}

/**
 * The shell scripts `caller` sources, each with where it sources it (or sources the script that
 * sources it in turn), each once, in order: of the paths one place may name, the first read.
 */
function sourcedScripts(
  caller: AnalyzedFile,
  scripts: ReadonlyMap<string, AnalyzedFile>,
  cut: () => void,
): { script: AnalyzedFile; at: number }[] {
  const found: { script: AnalyzedFile; at: number }[] = [];
  const seen = new Set([caller.file.path]);
  const visit = (sourcing: AnalyzedFile, at?: number) => {
    const placed = new Map<number, AnalyzedFile>();
    for (const run of sourcing.scripts) {
      const script = scripts.get(run.path);
      if (run.sourced && script && !placed.has(run.at) && !sourcing.inComment(run.at))
        placed.set(run.at, script);
    }
    for (const [place, script] of [...placed].sort(([a], [b]) => a - b)) {
      if (seen.has(script.file.path)) continue;
      if (found.length === MAX_FUNCTIONS) {
        cut();
        return;
      }
      seen.add(script.file.path);
      found.push({ script, at: at ?? place });
      visit(script, at ?? place);
    }
  };
  visit(caller);
  return found;
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

/** A script whose calls were read up to a bound: an error, as the others were not. */
function functionsCut(file: SourceFile): Diagnostic {
  return {
    severity: 'error',
    code: 'build-links-truncated',
    message: `${file.path} declares more than ${MAX_FUNCTIONS} functions (with those of the scripts it sources, or sources more than ${MAX_FUNCTIONS} scripts), or calls them with more than ${MAX_CALLS} sets of values or more than ${MAX_CALLING_TEXT / 1024 / 1024} MB of their text: the others were not read with the values their calls give, and the links those name were not checked`,
    range: file.lines.range(file.path, 0, 0),
  };
}
