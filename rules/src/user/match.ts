import { isUnknown } from '@posture/model';
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

/** Compiles a rule's conditions once, so a bad regular expression is an error of the file, not of the scan. */
export function compileMatch(conditions: readonly Condition[]): (root: unknown) => Outcome {
  const predicates = conditions.map((condition) => ({ path: condition.path, test: compile(condition) }));
  return (root) => {
    const results = predicates.map(({ path, test }) => ({ path, truth: test(root) }));
    return {
      truth: all(results.map((result) => result.truth)),
      undecided: results.filter((result) => result.truth === 'unknown').map((result) => result.path),
    };
  };
}

function compile(condition: Condition): (root: unknown) => Truth {
  const test = operator(condition);
  return (root) => test(resolvePath(root, condition.path));
}

/** An unknown value decides no operator but `exists`: it is written, its value is not known. */
function operator(condition: Condition): (value: unknown) => Truth {
  const { exists, matches, some } = condition;
  if (exists !== undefined) return (value) => (value !== undefined && value !== null) === exists;
  const known = (test: (value: unknown) => boolean) => (value: unknown) =>
    isUnknown(value) ? 'unknown' : test(value);
  if ('equals' in condition) return known((value) => value === condition.equals);
  if ('notEquals' in condition) return known((value) => value !== condition.notEquals);
  if (matches !== undefined) {
    const pattern = new RegExp(matches);
    return known((value) => typeof value === 'string' && pattern.test(value));
  }
  const items = conditionList(some).map(compile);
  const item = (element: unknown) => all(items.map((test) => test(element)));
  return (value) => {
    if (isUnknown(value)) return 'unknown';
    return Array.isArray(value) ? any(value.map(item)) : false;
  };
}

/** `some` takes one condition or a list. */
function conditionList(some: Condition['some']): readonly Condition[] {
  if (some === undefined) return [];
  return isList(some) ? some : [some];
}

function isList(some: Condition | readonly Condition[]): some is readonly Condition[] {
  return Array.isArray(some);
}

export interface BadPattern {
  /** Path of the `matches` key in the file. */
  readonly path: string[];
  readonly message: string;
}

/** Regular expressions that do not compile, found before any rule runs. */
export function badPatterns(conditions: readonly Condition[], path: readonly string[]): BadPattern[] {
  return conditions.flatMap((condition, i) => conditionPatterns(condition, [...path, String(i)]));
}

function conditionPatterns(condition: Condition, at: readonly string[]): BadPattern[] {
  const { some, matches } = condition;
  if (some !== undefined) {
    return isList(some)
      ? badPatterns(some, [...at, 'some'])
      : conditionPatterns(some, [...at, 'some']);
  }
  if (matches === undefined) return [];
  const path = [...at, 'matches'];
  try {
    new RegExp(matches);
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [{ path, message: `${path.join('.')} is not a valid regular expression: ${message}` }];
  }
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
