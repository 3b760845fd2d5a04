/**
 * Jenkinsfiles (Groovy, read as text). A reference inside `stage('Release') { … }` is in that stage;
 * a stage named release/publish/deploy/upload is a release step. The string a `sh`, `bat`,
 * `powershell` or `pwsh` step runs (`sh 'cmd'`, `sh "cmd"`, `sh '''…'''`, `sh(script: '…')`) is
 * its script, where commands are read. pipeline-aws's
 * `s3Upload(bucket: 'b', …)` names the bucket it writes (public with `acl: 'PublicRead'`), and the
 * Google Storage plugin's `googleStorageUpload(bucket: 'gs://…', sharedPublicly: true)` makes what
 * it uploads public.
 */
import type { RawRef } from '../find-refs.js';
import { releaseName, releaseStepOf } from '../names.js';
import { hasPlaceholder } from '@posture/model';
import { isBucketName } from '../url-patterns.js';
import { spanHolding, type Analyzer, type RefContext } from './analysis.js';
import {
  closers,
  firstAt,
  groovyComments,
  innermostAt,
  stagesOf,
  stringAt,
  type Region,
  type Stage,
} from './groovy.js';

const MAX_CALL = 4096;
/** A step that runs a script, up to where its string (or its first argument) starts. */
const SCRIPT_STEP = /(?<![\w.$-])(?<step>sh|bat|powershell|pwsh)\b[ \t]*(?:\(\s*)?/g;
/** The named argument `script:`, when the step's first argument is another one (`returnStdout:`). */
const SCRIPT_ARGUMENT = /\bscript\s*:\s*/;

export const analyzeJenkinsfile: Analyzer = ({ file }) => {
  const text = file.text;
  const parens = closers(text, '(', ')');
  const stageAt = innermostAt(stagesOf(text, closers(text, '{', '}')));
  const gcsUploadAt = firstAt(calls(text, 'googleStorageUpload', parens));
  const scripts = scriptsOf(text, parens);
  return {
    context: (offset) => stageContext(stageAt(offset), gcsUploadAt(offset), text),
    refs: calls(text, 's3Upload', parens).flatMap((call) => s3UploadRef(text, call)),
    scriptAt: (offset) => spanHolding(scripts, offset),
    comments: groovyComments(text),
  };
};

/**
 * The scripts that `bat`, `powershell` and `pwsh` steps run, in order: cmd and PowerShell read
 * them, where a backslash in a path separates directories.
 */
export function windowsScriptsOf(text: string): Region[] {
  return scriptsOf(text, closers(text, '(', ')')).filter(({ step }) => step !== 'sh');
}

/** A step's script, and the step that runs it (`sh`, `bat`, `powershell`, `pwsh`). */
interface StepScript extends Region {
  readonly step: string;
}

/**
 * The scripts that steps run, in order. A step written inside another's arguments (or script) is
 * their text, not a step. Skipping it keeps the search linear: a string that does not close has no
 * unescaped quote of its kind after it (on its line), so no later step's string starts there.
 */
function scriptsOf(text: string, parens: ReadonlyMap<number, number>): StepScript[] {
  const scripts: StepScript[] = [];
  let next = 0;
  for (const step of text.matchAll(SCRIPT_STEP)) {
    if (step.index < next) continue;
    const args = argumentsOf(text, step, parens);
    const script = stringAt(text, args.start) ?? namedScript(text, args);
    if (script) scripts.push({ ...script, step: step.groups?.step ?? '' });
    next = script?.end ?? args.end;
  }
  return scripts;
}

/** Where a step's arguments are written: up to its closing parenthesis, or without one, its line's end. */
function argumentsOf(
  text: string,
  step: RegExpMatchArray & { index: number },
  parens: ReadonlyMap<number, number>,
): Region {
  const start = step.index + step[0].length;
  const bound = Math.min(text.length, start + MAX_CALL);
  const open = step[0].indexOf('(');
  if (open >= 0) return { start, end: Math.min(parens.get(step.index + open) ?? bound, bound) };
  const newline = text.slice(start, bound).indexOf('\n');
  return { start, end: newline < 0 ? bound : start + newline };
}

/** The string of the argument `script:` among a step's arguments. */
function namedScript(text: string, args: Region): Region | undefined {
  const m = SCRIPT_ARGUMENT.exec(text.slice(args.start, args.end));
  return m ? stringAt(text, args.start + m.index + m[0].length) : undefined;
}

/** The facts of a place in the innermost `stage` and the first `upload` call around it. */
function stageContext(
  stage: Stage | undefined,
  upload: Region | undefined,
  text: string,
): RefContext {
  const shared = upload && /sharedPublicly\s*:\s*true/.test(text.slice(upload.start, upload.end));
  return {
    ...(stage && {
      field: `stage(${stage.name})`,
      releaseStep: releaseStepOf(releaseName(stage.name)),
    }),
    ...(upload && { usage: shared ? 'public-upload' : 'upload' }),
  };
}

/** The argument lists `name( … )` of every call of `name`, up to a limit. */
function calls(text: string, name: string, parens: ReadonlyMap<number, number>): Region[] {
  return [...text.matchAll(new RegExp(String.raw`\b${name}\s*\(`, 'g'))].map((m) => {
    const open = m.index + m[0].length - 1;
    return { start: open, end: Math.min(parens.get(open) ?? text.length, open + MAX_CALL) };
  });
}

function s3UploadRef(text: string, call: Region): RawRef[] {
  const args = text.slice(call.start, call.end);
  const m = /\bbucket\s*:\s*(['"])([^'"\n]{1,300})\1/d.exec(args);
  const value = m?.[2];
  const span = m?.indices?.[2];
  if (!value || !span) return [];
  // `bucket: "${BUCKET}"`: the variables of `environment {}` or `withEnv` resolve it, else it is
  // a placeholder, which names no bucket but keeps a public upload.
  const placeholder = hasPlaceholder(value);
  if (!placeholder && !isBucketName(value, 's3')) return [];
  const publicAcl = /\bacl\s*:\s*['"]?(?:PublicRead|PublicReadWrite)\b/.test(args);
  return [
    {
      start: call.start + span[0],
      end: call.start + span[1],
      text: value,
      form: 's3-uri',
      service: 's3',
      ...(placeholder ? { placeholder: true } : { bucket: value }),
      usage: publicAcl ? 'public-upload' : 'upload',
    },
  ];
}
