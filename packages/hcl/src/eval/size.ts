/**
 * How large a value is as written out: a value held twice counts twice. Values share their parts
 * (`{ a = local.o, b = local.o }`), so thirty lines that each double the last can stand for
 * billions of elements built from sixty objects, and whatever walks them — a function, an encoder,
 * the rules — takes that long. The size of each list and object is remembered, so measuring what
 * an expression built costs no more than building it did.
 */
import { isUnknown, type Value } from '@posture/model';

export interface Size {
  /** The elements of every list and object inside, nested ones included. */
  readonly elements: number;
  /** The characters of every string and object key inside. */
  readonly characters: number;
  /** No unknown inside: the walks that look for one can skip it. */
  readonly known: boolean;
}

const SCALAR: Size = { elements: 0, characters: 0, known: true };
const sizes = new WeakMap<object, Size>();

export function sizeOf(value: Value): Size {
  if (typeof value === 'string') return { ...SCALAR, characters: value.length };
  if (value === null || typeof value !== 'object') return SCALAR;
  const remembered = sizes.get(value);
  if (remembered) return remembered;
  const size = measure(value);
  sizes.set(value, size);
  return size;
}

function measure(value: object): Size {
  if (isUnknown(value)) {
    // What is known of an unknown is kept, and walked, as a known value is.
    const parts = [value.encodes, value.entries, ...(value.pieces ?? [])];
    const known = parts.map((part) => (part === undefined ? SCALAR : sizeOf(part)));
    return { ...sum(known), known: false };
  }
  if (Array.isArray(value)) return sum((value as Value[]).map(sizeOf), value.length);
  const entries = Object.entries(value as Record<string, Value>);
  const inner = sum(
    entries.map(([, item]) => sizeOf(item)),
    entries.length,
  );
  const keys = entries.reduce((n, [key]) => n + key.length, 0);
  return { ...inner, characters: inner.characters + keys };
}

/** The sizes together, with `elements` more. */
export function sum(sizes: readonly Size[], elements = 0): Size {
  let characters = 0;
  let known = true;
  for (const size of sizes) {
    elements += size.elements;
    characters += size.characters;
    known &&= size.known;
  }
  return { elements, characters, known };
}
