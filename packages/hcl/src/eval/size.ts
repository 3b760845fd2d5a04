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
  if (typeof value === 'string') return { elements: 0, characters: value.length, known: true };
  if (value === null || typeof value !== 'object') return SCALAR;
  let size = sizes.get(value);
  if (size === undefined) {
    size = measure(value);
    sizes.set(value, size);
  }
  return size;
}

function measure(value: object): Size {
  const size = new Tally();
  if (isUnknown(value)) {
    // What is known of an unknown is kept, and walked, as a known value is.
    size.add(value.encodes);
    size.add(value.entries);
    for (const piece of value.pieces ?? []) size.add(piece);
    size.known = false;
  } else if (Array.isArray(value)) {
    size.elements = value.length;
    for (const item of value as Value[]) size.add(item);
  } else {
    const object = value as Record<string, Value>;
    for (const key of Object.keys(object)) {
      size.elements++;
      size.characters += key.length;
      size.add(object[key]);
    }
  }
  return size;
}

/**
 * Sizes added up one value at a time: a string's length is added as it is, with no `Size` made
 * for it (measuring made one for every string, and an array of them for every list).
 */
class Tally implements Size {
  elements = 0;
  characters = 0;
  known = true;

  add(value: Value | undefined): void {
    if (typeof value === 'string') this.characters += value.length;
    else if (value !== null && typeof value === 'object') {
      const size = sizeOf(value);
      this.elements += size.elements;
      this.characters += size.characters;
      this.known &&= size.known;
    }
  }
}

/** The sizes of `values` together. */
export function sizeOfAll(values: readonly Value[]): Size {
  const size = new Tally();
  for (const value of values) size.add(value);
  return size;
}
