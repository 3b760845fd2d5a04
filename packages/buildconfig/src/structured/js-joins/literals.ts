import { pushAll } from '@posture/model';
import { afterComments, elementEnd } from '../js-element-end.js';
import { skipBlanks } from './characters.js';
import { afterAssertion, endsAt, expressionAt, MAX_NESTING } from './expressions.js';
import { MAX_CHAIN, type Join } from './join.js';
import { ANY_ELEMENT } from './operands.js';

/** A key of an object literal and its colon: `bucket:`, `"bucket":`. */
const KEY = /\s{0,64}(?:([A-Za-z_$][\w$]{0,63})|(["'])([A-Za-z_$][\w$]{0,63})\2)[ \t]{0,16}:/y;
/** A property's value that is no string: a number, a word, `!0`. */
const SCALAR = /!?-?[\w$.]{1,64}/y;
const MAX_MEMBERS = 64;
/** An element that is a number (`3`, `-1.5`, `0x1f`, `1e3`), up to the `,` or `]` after it. */
const NUMBER = /-?\.?\d[\w.]{0,63}(?=[ \t]{0,16}[,\]])/y;

/**
 * What an object or array literal was read as: the values of its members (`bucket`, `0`, `list.0`)
 * and where it ends, past its closing bracket, when read through to it; `lost` when where one of
 * its members ends is unknown, or past the characters read, which a literal around it (or a walk
 * over it, `elementEnd`) could not tell either.
 */
interface Literal {
  readonly members: [string, Join[]][];
  readonly end: number | undefined;
  readonly lost?: true;
}

/**
 * The members of the object or array literal whose bracket is at `at`, all before `stop`. Of an
 * object, its properties, each read or passed over (see `elementEnd`), those of an object or array
 * in it too (`{ a: { bucket: "x" } }` gives `a.bucket`, `{ buckets: ["a"] }` gives `buckets.0`,
 * `buckets.*`). Of an array, its elements, each named by its index (an object's or array's members
 * by it too: `[["x", "y"]]` gives `0.1`), and those of them all named `*` (`list[i]`,
 * `list[i].bucket` may be each element's: `*`, `*.bucket`). `bounded` is called when a bound cut
 * them (more than MAX_MEMBERS, or than MAX_CHAIN characters) or where one not read ends is
 * unknown, which leaves those after it unread, and with the member's name when a bound cut the
 * members of that member alone.
 */
export function literalAt(
  text: string,
  at: number,
  bounded: (member?: string) => void,
  stop = at + MAX_CHAIN,
  depth = 0,
): Literal {
  const literal = itemsAt(text, at, bounded, stop, depth);
  if (text[at] !== '[') return literal;
  return { ...literal, members: [...literal.members, ...anyElement(literal.members)] };
}

/**
 * The properties or elements of the literal whose bracket is at `at` (see `literalAt`): a property
 * named by its key, an element by its index. An element that is no string (`!0`, `null`) is not
 * kept, a property is: both are dropped where names are given values, but a kept one places the
 * `*.name` of an array around it where it stands.
 */
function itemsAt(
  text: string,
  at: number,
  bounded: (member?: string) => void,
  stop: number,
  depth: number,
): Literal {
  const array = text[at] === '[';
  const members: [string, Join[]][] = [];
  for (let pos = at + 1, index = 0; ; index++) {
    if (index >= MAX_MEMBERS || pos > stop) {
      bounded();
      return { members, end: undefined, ...(pos > stop && LOST) };
    }
    let key: string | undefined;
    let start: number;
    let end: number | undefined;
    if (array) {
      start = afterComments(text, pos, stop);
      NUMBER.lastIndex = start;
      // A number, passed over at once: a bundle's arrays of numbers are long.
      if (NUMBER.test(text)) end = NUMBER.lastIndex;
      else if (text[start] !== ']') key = String(index);
    } else {
      KEY.lastIndex = afterComments(text, pos, stop);
      const property = KEY.exec(text);
      key = property?.[1] ?? property?.[3];
      start = property ? skipBlanks(text, KEY.lastIndex) : pos;
    }
    if (key !== undefined && isLiteral(text, start)) {
      const nested = nestedAt(text, start, key, bounded, stop, depth);
      pushAll(members, nested.members);
      if (nested.lost) return { members, end: undefined, ...LOST };
      end = nested.end;
    } else if (key !== undefined) {
      const value = valueAt(text, start, stop, bounded);
      if (value && (!array || value.joins.length > 0)) members.push([key, value.joins]);
      end = value?.end;
    }
    end ??= elementEnd(text, start, stop);
    if (end === undefined) {
      bounded();
      return { members, end, ...LOST };
    }
    const next = skipBlanks(text, end);
    const close = array ? ']' : '}';
    if (text[next] !== ',') return { members, end: text[next] === close ? next + 1 : undefined };
    pos = next + 1;
  }
}

const LOST = { lost: true } as const;

/** Whether an object or array literal opens at `at`. */
export function isLiteral(text: string, at: number): boolean {
  return text[at] === '{' || text[at] === '[';
}

/**
 * The members of the object or array literal at `at` that is the member `key` of another, named
 * under it (`a.bucket`, `0.1`), read as a value (see `valueLiteral`) before the other's `stop`;
 * `bounded` is the other's. At most MAX_NESTING deep: one deeper is passed over, and cut.
 */
function nestedAt(
  text: string,
  at: number,
  key: string,
  bounded: (member?: string) => void,
  stop: number,
  depth: number,
): Literal {
  const cut = (member?: string): void => bounded(member === undefined ? key : `${key}.${member}`);
  if (depth >= MAX_NESTING) {
    cut();
    return { members: [], end: undefined };
  }
  const literal = valueLiteral(text, literalAt(text, at, cut, stop, depth + 1));
  const members = literal.members.map(([member, joins]): [string, Join[]] => [
    `${key}.${member}`,
    joins,
  ]);
  return { ...literal, members };
}

/**
 * The members an element at a name reads (`list[i]` as `*`, `list[i].bucket` as `*.bucket`): each
 * element's, or each element's member of that name. One index at a name is read in a member's
 * path (`list[i][0]`, not `list[i][j]`): each would double the members of each array around it.
 */
function anyElement(elements: readonly [string, Join[]][]): [string, Join[]][] {
  const any = new Map<string, Join[]>([[ANY_ELEMENT, []]]);
  for (const [key, joins] of elements) {
    const dot = key.indexOf('.');
    if (key.includes(`.${ANY_ELEMENT}`)) continue;
    const member = dot < 0 ? ANY_ELEMENT : ANY_ELEMENT + key.slice(dot);
    const seen = any.get(member);
    if (seen) pushAll(seen, joins);
    else any.set(member, [...joins]);
  }
  return [...any];
}

/**
 * A literal read as a value: none of its members, and no end, when it goes on past its closing
 * bracket (`["a", "b"].join(",")`, `{…}[key]`), which makes it another value, passed over whole.
 */
export function valueLiteral(text: string, literal: Literal): Literal {
  if (literal.end === undefined) return literal;
  const end = afterAssertion(text, literal.end);
  return endsAt(text, end) ? { members: literal.members, end } : { members: [], end: undefined };
}

/**
 * The value of a property or element from `start` of a literal, when it is read whole before
 * `stop`: its joins (none for a number or a word, `3`, `!0`) and its end.
 */
function valueAt(
  text: string,
  start: number,
  stop: number,
  bounded: () => void,
): { joins: Join[]; end: number } | undefined {
  const value = expressionAt(text, start, stop, 0, bounded);
  SCALAR.lastIndex = start;
  const scalar = SCALAR.test(text) ? SCALAR.lastIndex : undefined;
  const end = value ? afterAssertion(text, value.end) : scalar;
  if (end === undefined || !endsAt(text, end)) return undefined;
  return { joins: value ? [...value.joins] : [], end };
}
