import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import yaml from 'js-yaml';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import {
  decodeText,
  duplicateJsonKeys,
  isEntry,
  jsonTooDeepAt,
  LineIndex,
  readRegularFile,
  resolvesInside,
  SEVERITIES,
  severityRank,
  unreadableReason,
  type Severity,
} from '@posture/model';
import { findRule } from '@posture/rules';
import { findBaseDir } from '../base-dir.js';
import { failsClosed } from '../gate.js';
import { expiryProblem } from './dates.js';
import { lineLocator, MAX_JSON_DEPTH, type LineOfPath } from './locate.js';
import { DEFAULT_POLICY, type Policy, type PolicyException } from './policy.js';
// A JSON module, not a file read beside this one: the CLI's bundle inlines it, dist/ gets a copy.
import schema from './posture-config.schema.json' with { type: 'json' };

export const POLICY_FILE_NAMES = [
  'posture.config.yaml',
  'posture.config.yml',
  'posture.config.json',
];

/** One thing wrong with a policy file: its line (when known) and what, naming the field. */
export interface PolicyProblem {
  readonly line?: number;
  readonly detail: string;
}

/**
 * A policy file that cannot be used, with every problem found in it, one `file:line: detail` line
 * each. The CLI exits 2: a bad policy is never silently ignored.
 */
export class PolicyError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly PolicyProblem[],
  ) {
    super(problemLines(file, problems));
  }

  /** The problems with the file named `name`: as the user typed it, not by its absolute path. */
  naming(name: string): string {
    return problemLines(name, this.problems);
  }
}

function problemLines(file: string, problems: readonly PolicyProblem[]): string {
  return problems
    .map(({ line, detail }) => `${file}${line === undefined ? '' : `:${line}`}: ${detail}`)
    .join('\n');
}

export interface LoadedPolicy {
  readonly policy: Policy;
  readonly path: string;
  readonly sha256: string;
  /** The line of a setting in the file (`['rules', id, 'enabled']`), for messages about it. */
  readonly lineOf: LineOfPath;
}

/**
 * The nearest policy file at or above the scan root, up to the repository's top level and never
 * above it: the directories around a checkout (a runner's work directory, `$HOME`, `/tmp`) are not
 * the repository's to govern. Outside a git checkout, the scan root only. A symlink counts as a
 * policy file, dangling or not: the repository has one, and reading it says what is wrong.
 */
export function findPolicyFile(root: string): string | undefined {
  const top = findBaseDir(resolve(root));
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    const hit = POLICY_FILE_NAMES.map((n) => join(dir, n)).find(isEntry);
    if (hit) return insideRepository(hit, top);
    if (dir === top) return undefined;
  }
}

/**
 * A policy file found in the repository, which governs it only from inside it: one that is a
 * symlink out of it (to a file of the machine, or a device) is a policy error, and is not read.
 */
function insideRepository(file: string, top: string): string {
  let inside: boolean;
  try {
    inside = resolvesInside(realpathSync.native(top), file);
  } catch {
    return file;
  }
  if (inside) return file;
  throw new PolicyError(file, [
    {
      detail:
        'is a symlink leading out of the repository: a policy file found there is not read (name a policy file with --config)',
    },
  ]);
}

/**
 * Reads, validates and resolves a policy file. Every problem names the file, the line where it can
 * be known, the field and what is expected; all of them are reported at once, but for a syntax
 * error, after which nothing else can be read. `knownRules` makes an unknown rule id an error.
 */
export function loadPolicyFile(path: string, knownRules: ReadonlySet<string>): LoadedPolicy {
  const bytes = readText(path);
  const json = path.endsWith('.json');
  const raw = (json ? parseJsonText(path, bytes) : parseYamlText(path, bytes)) ?? {};
  const problems = [...schemaProblems(raw), ...meaningProblems(raw, knownRules)];
  if (problems.length > 0) throw new PolicyError(path, located(problems, bytes, json));
  const lineOf = lineLocator(bytes, json);
  return {
    policy: toPolicy(raw as PolicyFileShape, path, lineOf),
    path,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    lineOf,
  };
}

type PolicyFileShape = Partial<Omit<Policy, 'release' | 'exceptions' | 'artifact'>> & {
  release?: Partial<Policy['release']>;
  artifact?: Partial<Policy['artifact']>;
  exceptions?: Omit<PolicyException, 'line' | 'file'>[];
};

function readText(path: string): string {
  try {
    return decodeText(readRegularFile(path));
  } catch (error) {
    throw new PolicyError(path, [
      { detail: `cannot read the policy file (${unreadableReason(error)})` },
    ]);
  }
}

function parseYamlText(path: string, text: string): unknown {
  try {
    return yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: path });
  } catch (error) {
    const e = error as yaml.YAMLException;
    throw new PolicyError(path, [
      {
        line: e.mark ? e.mark.line + 1 : undefined,
        detail: `YAML syntax error: ${e.reason ?? e.message}`,
      },
    ]);
  }
}

function parseJsonText(path: string, text: string): unknown {
  const lines = new LineIndex(text);
  // jsonc-parser recurses once per level: 200,000 levels ended the scan as an internal error.
  const deep = jsonTooDeepAt(text, MAX_JSON_DEPTH);
  if (deep >= 0)
    throw new PolicyError(path, [
      {
        line: lines.position(deep).line,
        detail: `JSON nested deeper than ${MAX_JSON_DEPTH} levels, which no policy file is`,
      },
    ]);
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first)
    throw new PolicyError(path, [
      { line: lines.position(first.offset).line, detail: 'JSON syntax error' },
    ]);
  const duplicates = duplicateJsonKeys(text).map(({ key, offset }) => ({
    line: lines.position(offset).line,
    detail: `JSON syntax error: "${key}" is given twice in one object (a reader takes the first, a JSON parser the last)`,
  }));
  if (duplicates.length > 0) throw new PolicyError(path, duplicates);
  // jsonc-parser finds the errors with their offsets, but builds objects by assignment: a
  // "__proto__" key became the object's prototype, its settings read as if written one level up
  // or lost. JSON.parse keeps every key its own, so the schema refuses it as YAML's reader does.
  return JSON.parse(text) as unknown;
}

let compiled: ValidateFunction | undefined;

/**
 * Ajv is loaded and the schema compiled on first use, not at every start: most scans have no
 * policy file. `require` keeps reading a policy file synchronous.
 */
function policyValidator(): ValidateFunction {
  if (!compiled) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
    compiled = new Ajv({ allErrors: true, strict: true }).compile(schema);
  }
  return compiled;
}

/** A problem at a field, given as its path in the file (`['exceptions', 0, 'expires']`). */
interface FieldProblem {
  readonly field: (string | number)[];
  readonly detail: string;
}

/** The problems with their lines and field names, in the order they appear in the file. */
function located(problems: readonly FieldProblem[], text: string, json: boolean): PolicyProblem[] {
  const lineOf = lineLocator(text, json);
  return problems
    .map(({ field, detail }) => ({
      line: lineOf(field),
      detail: `${field.length > 0 ? field.join('.') : '(top level)'}: ${detail}`,
    }))
    .sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
}

/** The schema has no alternatives (`anyOf`, `oneOf`), so every error Ajv reports is one to fix. */
function schemaProblems(value: unknown): FieldProblem[] {
  const validator = policyValidator();
  if (validator(value)) return [];
  return (validator.errors ?? []).map((error) => {
    const field = error.instancePath.split('/').slice(1).map(decodePointer);
    // An unknown key is reported on its parent; point at the key itself.
    if (error.keyword === 'additionalProperties')
      field.push(String(error.params.additionalProperty));
    return { field, detail: describe(error) };
  });
}

function describe(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return 'unknown setting';
    case 'required':
      return `missing required "${String(p.missingProperty)}"`;
    case 'enum':
      return `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return error.message ?? 'invalid';
  }
}

function decodePointer(segment: string): string | number {
  const text = segment.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(text) ? Number(text) : text;
}

/**
 * What the schema cannot say: rule ids this scan knows, the rules that fail closed left on at
 * their severity, real expiry dates, reasons that say something. Read from the file as it is, not
 * as the schema wants it, so that these are reported beside the schema's problems: a value of the
 * wrong type is the schema's to report.
 */
function meaningProblems(value: unknown, known: ReadonlySet<string>): FieldProblem[] {
  const file = isRecord(value) ? value : {};
  const problems: FieldProblem[] = [];
  for (const [id, setting] of Object.entries(isRecord(file.rules) ? file.rules : {}))
    if (!known.has(id)) problems.push({ field: ['rules', id], detail: 'unknown rule id' });
    else problems.push(...failClosedProblems(id, setting));
  (Array.isArray(file.exceptions) ? file.exceptions : []).forEach((e: unknown, i) => {
    if (!isRecord(e)) return;
    const at = (field: string, detail: string) =>
      problems.push({ field: ['exceptions', i, field], detail });
    if (typeof e.rule === 'string' && !known.has(e.rule)) at('rule', `unknown rule id "${e.rule}"`);
    // An empty reason is the schema's (minLength).
    if (typeof e.reason === 'string' && /^\s+$/.test(e.reason))
      at('reason', 'only blanks; every exception must say why');
    const date = typeof e.expires === 'string' ? expiryProblem(e.expires) : undefined;
    if (date !== undefined) at('expires', `${e.expires} ${date}`);
  });
  return problems;
}

/**
 * A rule that reports input the scan could not check fails the gate closed (`failsClosed`). Turned
 * off, a file that could not be read passes unseen; graded below its severity, it reads as a
 * matter of taste in the reports. Neither is a policy file's to say: outside a checkout the package
 * under test may ship its own. Its findings are waived one at a time, with a reason, by exceptions.
 */
function failClosedProblems(id: string, setting: unknown): FieldProblem[] {
  const rule = findRule(id);
  if (!rule || !failsClosed({ ruleId: id }) || !isRecord(setting)) return [];
  const why = `${id} reports input that was not checked and fails the gate closed`;
  const instead = 'waive one of its findings with an exception that says why';
  const problems: FieldProblem[] = [];
  if (setting.enabled === false)
    problems.push({
      field: ['rules', id, 'enabled'],
      detail: `${why}: a policy file cannot turn it off (${instead})`,
    });
  const { severity } = setting;
  const lowered =
    SEVERITIES.includes(severity as Severity) &&
    severityRank(severity as Severity) < severityRank(rule.meta.severity);
  if (lowered)
    problems.push({
      field: ['rules', id, 'severity'],
      detail: `${why}: a policy file cannot grade it below ${rule.meta.severity} (${instead})`,
    });
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toPolicy(file: PolicyFileShape, path: string, lineOf: LineOfPath): Policy {
  return {
    ...DEFAULT_POLICY,
    ...file,
    release: { ...DEFAULT_POLICY.release, ...file.release },
    artifact: { ...DEFAULT_POLICY.artifact, ...file.artifact },
    exceptions: (file.exceptions ?? []).map((e, i) => ({
      ...e,
      file: path,
      line: lineOf(['exceptions', i]),
    })),
  };
}
