import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import yaml from 'js-yaml';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { findBaseDir } from '../base-dir.js';
import { expiryProblem } from './dates.js';
import { lineOfPath } from './locate.js';
import { DEFAULT_POLICY, type Policy, type PolicyException } from './policy.js';
// A JSON module, not a file read beside this one: the CLI's bundle inlines it, dist/ gets a copy.
import schema from './posture-config.schema.json' with { type: 'json' };

export const POLICY_FILE_NAMES = [
  'posture.config.yaml',
  'posture.config.yml',
  'posture.config.json',
];

/** A policy file that cannot be used. The CLI exits 2: a bad policy is never silently ignored. */
export class PolicyError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${detail}`);
  }
}

export interface LoadedPolicy {
  readonly policy: Policy;
  readonly path: string;
  readonly sha256: string;
}

/**
 * The nearest policy file at or above the scan root, up to the repository's top level and never
 * above it: the directories around a checkout (a runner's work directory, `$HOME`, `/tmp`) are not
 * the repository's to govern. Outside a git checkout, the scan root only.
 */
export function findPolicyFile(root: string): string | undefined {
  const top = findBaseDir(resolve(root));
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    const hit = POLICY_FILE_NAMES.map((n) => join(dir, n)).find((p) => existsSync(p));
    if (hit) return hit;
    if (dir === top) return undefined;
  }
}

/**
 * Reads, validates and resolves a policy file. Every problem names the file, the line where it can
 * be known, the field and what is expected. `knownRules` makes an unknown rule id an error.
 */
export function loadPolicyFile(path: string, knownRules: ReadonlySet<string>): LoadedPolicy {
  const bytes = readText(path);
  const json = path.endsWith('.json');
  const raw = json ? parseJsonText(path, bytes) : parseYamlText(path, bytes);
  validate(path, bytes, json, raw ?? {});
  const file = (raw ?? {}) as PolicyFileShape;
  checkMeaning(path, bytes, json, file, knownRules);
  return {
    policy: toPolicy(file, path, bytes, json),
    path,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

type PolicyFileShape = Partial<Omit<Policy, 'release' | 'exceptions' | 'artifact'>> & {
  release?: Partial<Policy['release']>;
  artifact?: Partial<Policy['artifact']>;
  exceptions?: Omit<PolicyException, 'line' | 'file'>[];
};

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new PolicyError(
      path,
      undefined,
      `cannot read the policy file (${(error as Error).message})`,
    );
  }
}

function parseYamlText(path: string, text: string): unknown {
  try {
    return yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: path });
  } catch (error) {
    const e = error as yaml.YAMLException;
    throw new PolicyError(
      path,
      e.mark ? e.mark.line + 1 : undefined,
      `YAML syntax error: ${e.reason ?? e.message}`,
    );
  }
}

function parseJsonText(path: string, text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, {
    allowTrailingComma: false,
    disallowComments: true,
  });
  const first = errors[0];
  if (first) {
    const line = text.slice(0, first.offset).split('\n').length;
    throw new PolicyError(path, line, 'JSON syntax error');
  }
  return value;
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

function validate(path: string, text: string, json: boolean, value: unknown): void {
  const validator = policyValidator();
  if (validator(value)) return;
  const error = mostSpecific(validator.errors ?? []);
  const segments = error.instancePath.split('/').slice(1).map(decodePointer);
  // An unknown key is reported on its parent; point at the key itself.
  if (error.keyword === 'additionalProperties')
    segments.push(String(error.params.additionalProperty));
  const field = segments.length > 0 ? segments.join('.') : '(top level)';
  throw new PolicyError(path, lineOfPath(text, segments, json), `${field}: ${describe(error)}`);
}

/** Ajv reports every branch; the deepest error is the one a person can act on. */
function mostSpecific(errors: readonly ErrorObject[]): ErrorObject {
  return [...errors].sort(
    (a, b) => b.instancePath.length - a.instancePath.length,
  )[0] as ErrorObject;
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

/** What the schema cannot say: rule ids this scan knows, real expiry dates, reasons that say something. */
function checkMeaning(
  path: string,
  text: string,
  json: boolean,
  file: PolicyFileShape,
  known: ReadonlySet<string>,
): void {
  for (const id of Object.keys(file.rules ?? {})) {
    if (!known.has(id))
      throw new PolicyError(
        path,
        lineOfPath(text, ['rules', id], json),
        `rules.${id}: unknown rule id`,
      );
  }
  (file.exceptions ?? []).forEach((e, i) => {
    const fail = (field: string, detail: string) => {
      throw new PolicyError(
        path,
        lineOfPath(text, ['exceptions', i, field], json),
        `exceptions.${i}.${field}: ${detail}`,
      );
    };
    if (!known.has(e.rule)) fail('rule', `unknown rule id "${e.rule}"`);
    if (e.reason.trim() === '') fail('reason', 'only blanks; every exception must say why');
    const date = e.expires === undefined ? undefined : expiryProblem(e.expires);
    if (date !== undefined) fail('expires', `${e.expires} ${date}`);
  });
}

function toPolicy(file: PolicyFileShape, path: string, text: string, json: boolean): Policy {
  return {
    ...DEFAULT_POLICY,
    ...file,
    release: { ...DEFAULT_POLICY.release, ...file.release },
    artifact: { ...DEFAULT_POLICY.artifact, ...file.artifact },
    exceptions: (file.exceptions ?? []).map((e, i) => ({
      ...e,
      file: path,
      line: lineOfPath(text, ['exceptions', i], json),
    })),
  };
}
