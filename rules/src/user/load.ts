import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { YAMLException } from 'js-yaml';
import {
  pushAll,
  decodeText,
  readRegularFile,
  unreadableReason,
  type Rule,
  type RuleMeta,
} from '@posture/model';
import { builtinRules } from '../catalogue.js';
import type { LocatedDocument } from './locate.js';
import { parseLocated } from './locate.js';
import type { Condition } from './match.js';
import { userRule } from './rule.js';
// A JSON module, not a file read beside this one: the CLI's bundle inlines it, dist/ gets a copy.
import schema from './rule.schema.json' with { type: 'json' };

/** A user rule file as the JSON schema (rule.schema.json, beside this module) allows it. */
export interface UserRuleSpec extends RuleMeta {
  readonly match: {
    readonly kind: 'bucket' | 'link';
    readonly services?: readonly ('s3' | 'r2' | 'gcs' | 'unknown')[];
    readonly when: readonly Condition[];
  };
  readonly location?: string;
  readonly message: string;
  readonly helpUri?: string;
}

export interface UserRuleError {
  readonly file: string;
  /** 1-based line, when the error is inside the file. */
  readonly line?: number;
  readonly message: string;
}

export const USER_RULE_FILE = /\.rule\.(ya?ml|json)$/;

/**
 * Loads the `*.rule.yaml`, `*.rule.yml` and `*.rule.json` files of a directory (not its
 * subdirectories), in name order. Rules are data: they are parsed, validated against the schema
 * and compiled, never executed. A bad file is reported with its line and skipped; the others load.
 * The user names the directory, so a rule file that is a symlink is read wherever it leads, as a
 * named `--var-file` is, but where `leavesTrees` says it leads out of the trees a pull request may
 * have written (the repository, the working directory): that is a bad file, not read. So is one
 * that leads to nothing, or to no regular file.
 */
export function loadUserRules(
  dir: string,
  leavesTrees: (file: string) => boolean = () => false,
): { rules: Rule[]; errors: UserRuleError[] } {
  const rules: Rule[] = [];
  const errors: UserRuleError[] = [];
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => !entry.isDirectory() && USER_RULE_FILE.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    return {
      rules,
      errors: [{ file: dir, message: `cannot read the directory: ${unreadableReason(error)}` }],
    };
  }
  const ids = new Set(builtinRules.map((rule) => rule.meta.id));
  for (const name of names) {
    const file = join(dir, name);
    const loaded = leavesTrees(file) ? { errors: [leaving(file)] } : loadFile(file, ids);
    if ('rule' in loaded) {
      rules.push(loaded.rule);
      ids.add(loaded.rule.meta.id);
    } else pushAll(errors, loaded.errors);
  }
  return { rules, errors };
}

function loadFile(
  file: string,
  taken: ReadonlySet<string>,
): { rule: Rule } | { errors: UserRuleError[] } {
  let doc: LocatedDocument;
  let text = '';
  try {
    text = decodeText(readRegularFile(file));
    doc = parseLocated(text, file);
  } catch (error) {
    // An unexpected end of the file is marked past its last line; a second document (`---`) is
    // refused with no mark at all.
    const lines = text.split('\n').length;
    const mark = error instanceof YAMLException ? error.mark : undefined;
    const line = mark ? Math.min(mark.line + 1, lines) : undefined;
    const message = error instanceof YAMLException ? error.reason : unreadableReason(error);
    return { errors: [{ file, line, message }] };
  }
  const crowded = valueBeyond(doc.data, MAX_VALUES);
  if (crowded) {
    const message = `a rule file holds at most ${MAX_VALUES} values (a condition is three: itself, its path and its operator), and this one has more`;
    return { errors: [{ file, line: doc.lineOf(crowded), message }] };
  }
  const validate = validator();
  if (!validate(doc.data)) {
    return { errors: (validate.errors ?? []).filter(shown).map((e) => schemaError(file, doc, e)) };
  }
  const spec = doc.data as UserRuleSpec;
  if (taken.has(spec.id)) {
    const message = `rule id "${spec.id}" is already used by another rule`;
    return { errors: [{ file, line: doc.lineOf(['id']), message }] };
  }
  const { rule, errors } = userRule(spec);
  if (errors.length === 0) return { rule };
  return { errors: errors.map(({ path, message }) => ({ file, line: doc.lineOf(path), message })) };
}

/**
 * Ajv, reporting all errors, copies the errors found so far each time a condition adds its own, so
 * the time it takes grows with the square of the conditions: 150,000 wrong ones (3 MB) took 51 s.
 * A rule is a handful of conditions; 20,000 values load in well under a second, wrong or not.
 */
const MAX_VALUES = 20_000;

/**
 * The path of the value that is the `limit + 1`th, in document order, or undefined when there are
 * no more than `limit`. A value is a scalar, a list or a mapping; a list or mapping is counted
 * before its contents.
 */
function valueBeyond(data: unknown, limit: number): string[] | undefined {
  let count = 0;
  const visit = (value: unknown, path: string[]): string[] | undefined => {
    if (++count > limit) return path;
    if (typeof value !== 'object' || value === null) return undefined;
    for (const [key, item] of Object.entries(value)) {
      const beyond = visit(item, [...path, key]);
      if (beyond) return beyond;
    }
    return undefined;
  };
  return visit(data, []);
}

let compiled: ValidateFunction | undefined;

/**
 * Ajv is loaded and the schema compiled on first use, not when the package is imported: most scans
 * have no user rules. `require` keeps loading rules synchronous.
 */
function validator(): ValidateFunction {
  if (!compiled) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
    compiled = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);
  }
  return compiled;
}

/** `if` only says which `then` failed; the failure itself is reported. */
function shown(error: ErrorObject): boolean {
  return error.keyword !== 'if';
}

function schemaError(file: string, doc: LocatedDocument, error: ErrorObject): UserRuleError {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra =
    error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : undefined;
  const at = extra === undefined ? path : [...path, extra];
  const where = path.length === 0 ? 'the rule' : path.join('.');
  const allowed =
    error.keyword === 'enum' ? `: ${(error.params.allowedValues as unknown[]).join(', ')}` : '';
  return {
    file,
    line: doc.lineOf(at),
    message: `${where} ${error.message ?? 'is invalid'}${extra === undefined ? '' : ` (${extra})`}${allowed}`,
  };
}

function leaving(file: string): UserRuleError {
  const message =
    'leads out of the repository or the working directory through a symbolic link: not read';
  return { file, message };
}
