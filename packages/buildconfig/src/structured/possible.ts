/**
 * What a value read from a configuration's text may be (`Possible`): each of its choices, where the
 * strings among them are written, and whether a condition the file does not decide picks it; and
 * how the operators of JavaScript combine them. Bounded: a value has at most MAX_CHOICES choices and
 * a string MAX_LENGTH characters, and past a bound it is `UNKNOWN`.
 */
import type { Span } from './doc.js';
import { pushAll } from '@posture/model';

export const UNKNOWN = Symbol('unknown');
export const COMPOUND = Symbol('object or array');
export type JsValue =
  string | number | boolean | null | undefined | typeof UNKNOWN | typeof COMPOUND;

export interface Possible {
  /** Each value it may have. */
  readonly values: readonly JsValue[];
  /**
   * Where the strings are written that it may be or begin with (a URL's place, when the setting is
   * a base the bundles are served from).
   */
  readonly origins: readonly Span[];
  /** A condition the file does not decide chooses it (`isProd ? … : …`, `env.X || …`). */
  readonly conditional: boolean;
}

export const MAX_CHOICES = 16;
const MAX_LENGTH = 4096;

const UNKNOWNS: readonly Possible[] = [false, true].map((conditional) => ({
  values: [UNKNOWN],
  origins: [],
  conditional,
}));
export const unknown = (conditional = false): Possible => UNKNOWNS[Number(conditional)]!;
export const known = (value: JsValue): Possible => ({
  values: [value],
  origins: [],
  conditional: false,
});
/** A value read up to something the reader does not follow: where it begins, not what it is. */
export const unread = (value: Possible): Possible => ({ ...value, values: [UNKNOWN] });
const EITHER: Possible = { values: [true, false], origins: [], conditional: true };

/** Whether a known value is truthy (callers tell `UNKNOWN` apart first). */
export function truthy(value: JsValue): boolean {
  return value === COMPOUND || (value !== UNKNOWN && Boolean(value));
}

/** Any of the choices, which a condition the file does not decide picks. */
export function choose(...choices: Possible[]): Possible {
  const values: JsValue[] = [];
  const origins: Span[] = [];
  for (const choice of choices) {
    pushAll(values, choice.values);
    if (origins.length < MAX_CHOICES) origins.push(...choice.origins.slice(0, MAX_CHOICES));
  }
  return { values: unique(values), origins: origins.slice(0, MAX_CHOICES), conditional: true };
}

/** `test ? then : otherwise`: the branch the test decides, or either. */
export function decided(test: Possible, then: Possible, otherwise: Possible): Possible {
  const may = (pass: boolean) => test.values.some((v) => v === UNKNOWN || truthy(v) === pass);
  if (!may(false)) return { ...then, conditional: then.conditional || test.conditional };
  if (!may(true)) return { ...otherwise, conditional: otherwise.conditional || test.conditional };
  return choose(then, otherwise);
}

/** `left || right`, `left ?? right`: what `keeps` keeps of the left, else the right. */
export function orElse(left: Possible, right: Possible, keeps: (v: JsValue) => boolean): Possible {
  const kept = left.values.filter((v) => v === UNKNOWN || keeps(v));
  if (kept.length === left.values.length && !kept.includes(UNKNOWN)) return left;
  if (kept.length === 0) return { ...right, conditional: right.conditional || left.conditional };
  return choose({ ...left, values: kept }, right);
}

export function comparison(op: string, left: Possible, right: Possible): Possible {
  const [a, b] = [left.values, right.values];
  const decidable = a.length === 1 && b.length === 1 && !isSymbol(a[0]) && !isSymbol(b[0]);
  if (!decidable || !['===', '!==', '==', '!='].includes(op)) return EITHER;
  const equal = a[0] === b[0] || (op.length === 2 && a[0] == b[0]);
  return known(op.startsWith('=') ? equal : !equal);
}

export function negated(value: Possible): Possible {
  if (value.values.includes(UNKNOWN)) return EITHER;
  const values = unique(value.values.map((v) => !truthy(v)));
  return { values, origins: [], conditional: value.conditional || values.length > 1 };
}

/** `left + right`, each choice with each: strings joined, numbers added. */
export function joined(left: Possible, right: Possible): Possible {
  const values: JsValue[] = [];
  for (const a of left.values) {
    for (const b of right.values) values.push(plus(a, b));
  }
  return {
    values: unique(values),
    origins: left.origins,
    conditional: left.conditional || right.conditional,
  };
}

function plus(a: JsValue, b: JsValue): JsValue {
  if (isSymbol(a) || isSymbol(b)) return UNKNOWN;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  const text = String(a) + String(b);
  return text.length > MAX_LENGTH ? UNKNOWN : text;
}

function isSymbol(value: JsValue): value is typeof UNKNOWN | typeof COMPOUND {
  return typeof value === 'symbol';
}

/** The values without repeats; past the bound of choices, unknown among them. */
function unique(values: readonly JsValue[]): JsValue[] {
  const out = values.length < 2 ? [...values] : [...new Set(values)];
  return out.length > MAX_CHOICES ? [...out.slice(0, MAX_CHOICES - 1), UNKNOWN] : out;
}
