import { EngineUnavailable, isUnknown, re2js } from '@posture/model';
import type { Range } from '@posture/model';

/** A user rule condition, as the JSON schema allows it: a path and exactly one operator. */
export interface Condition {
  readonly path: string;
  readonly exists?: boolean;
  readonly equals?: Scalar;
  readonly notEquals?: Scalar;
  readonly matches?: string;
  readonly some?: Condition | readonly Condition[];
}

export type Scalar = string | number | boolean | null;

/** True, false, or undecidable because a value is unknown before apply. */
export type Truth = boolean | 'unknown';

export interface Outcome {
  readonly truth: Truth;
  /** The paths of the conditions that could not be decided. */
  readonly undecided: readonly string[];
}

/** A regular expression that does not compile, with the path of its `matches` key in the file. */
export interface BadPattern {
  readonly path: string[];
  readonly message: string;
}

export interface CompiledMatch {
  readonly test: (root: unknown) => Outcome;
  /** Empty unless a `matches` pattern does not compile; the rule must not run then. */
  readonly errors: readonly BadPattern[];
}

/**
 * Compiles a rule's conditions once, so that a bad regular expression is an error of the file
 * (found at load, with its path) and not of the scan. `at` is the path of the list in the file.
 */
export function compileMatch(
  conditions: readonly Condition[],
  at: readonly string[],
): CompiledMatch {
  const errors: BadPattern[] = [];
  const predicates = conditions.map((condition, i) => ({
    path: condition.path,
    test: compile(condition, [...at, String(i)], errors),
  }));
  const test = (root: unknown): Outcome => {
    const results = predicates.map(({ path, test }) => ({ path, truth: test(root) }));
    return {
      truth: all(results.map((result) => result.truth)),
      undecided: results
        .filter((result) => result.truth === 'unknown')
        .map((result) => result.path),
    };
  };
  return { test, errors };
}

function compile(
  condition: Condition,
  at: readonly string[],
  errors: BadPattern[],
): (root: unknown) => Truth {
  const test = operator(condition, at, errors);
  return (root) => test(resolvePath(root, condition.path));
}

/** An unknown value decides no operator but `exists`: it is written, its value is not known. */
function operator(
  condition: Condition,
  at: readonly string[],
  errors: BadPattern[],
): (value: unknown) => Truth {
  const { exists, matches, some } = condition;
  if (exists !== undefined) return (value) => (value !== undefined && value !== null) === exists;
  const known = (test: (value: unknown) => boolean) => (value: unknown) =>
    isUnknown(value) ? 'unknown' : test(value);
  if ('equals' in condition) return known((value) => value === condition.equals);
  if ('notEquals' in condition) return known((value) => value !== condition.notEquals);
  if (matches !== undefined) {
    const pattern = regExp(matches, [...at, 'matches'], errors);
    return known((value) => typeof value === 'string' && pattern.test(value));
  }
  const items = isList(some)
    ? some.map((item, i) => compile(item, [...at, 'some', String(i)], errors))
    : some === undefined
      ? []
      : [compile(some, [...at, 'some'], errors)];
  const item = (element: unknown) => all(items.map((test) => test(element)));
  return (value) => {
    if (isUnknown(value)) return 'unknown';
    return Array.isArray(value) ? any(value.map(item)) : false;
  };
}

/**
 * A pattern compiled by RE2, which matches in time linear in the text: a rule file sits in the
 * repository a change can edit, and a backtracking RegExp (`^([a-z0-9]+-?)+$`) hangs on a crafted
 * bucket name. One that does not compile (lookaround, backreferences), or that re2js is not there
 * to compile, is recorded, and the rule does not run. re2js is loaded on first use: most scans have
 * no user rules.
 */
function regExp(
  source: string,
  path: string[],
  errors: BadPattern[],
): { test(s: string): boolean } {
  try {
    return re2js().compile(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message =
      error instanceof EngineUnavailable
        ? `${path.join('.')} cannot be matched: ${reason}`
        : `${path.join('.')} is not a valid regular expression: ${reason}`;
    errors.push({ path, message });
    return { test: () => false };
  }
}

/** `some` takes one condition or a list. */
function isList(some: Condition['some']): some is readonly Condition[] {
  return Array.isArray(some);
}

function all(values: readonly Truth[]): Truth {
  if (values.includes(false)) return false;
  return values.includes('unknown') ? 'unknown' : true;
}

function any(values: readonly Truth[]): Truth {
  if (values.includes(true)) return true;
  return values.includes('unknown') ? 'unknown' : false;
}

/**
 * The value at a dot path: own properties only, array items by index, and an unknown value stops
 * the walk (what lies below it is unknown too). `''` is the root itself.
 */
export function resolvePath(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path === '' ? [] : path.split('.')) {
    if (isUnknown(value)) return value;
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The range at a path: the path names a range, or an `Attr`/`Source` that has one. */
export function rangeAt(root: unknown, path: string): Range | undefined {
  const value = resolvePath(root, path);
  if (isRange(value)) return value;
  const range = resolvePath(value, 'range');
  return isRange(range) ? range : undefined;
}

function isRange(value: unknown): value is Range {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Range).file === 'string' &&
    typeof (value as Range).start?.line === 'number'
  );
}

/** Fills `{path}` placeholders with the facts' values. */
export function renderTemplate(template: string, root: unknown): string {
  return template.replace(/\{([A-Za-z0-9_.]*)\}/g, (_match, path: string) => {
    const value = resolvePath(root, path);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      return String(value);
    }
    return isUnknown(value) || value === undefined ? '(unknown)' : '(…)';
  });
}
