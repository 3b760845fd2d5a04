import { parseTree, type Node } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { eachMember, skipSpace, valueEnd } from '../src/json-text.js';

/** Every member's key, start, value start and end, as `eachMember` reads them, depth first. */
function walked(text: string, at: number, out: string[] = []): number {
  return eachMember(text, at, (key, member, value) => {
    const end = walked(text, value, out);
    out.push(`${key}@${member}:${value}-${end}`);
    return end;
  });
}

/** The same from jsonc-parser's position tree: a property spans its key to its value's end. */
function fromTree(node: Node, out: string[] = []): string[] {
  const children = node.children ?? [];
  children.forEach((child, i) => {
    const [key, value] = node.type === 'object' ? (child.children as Node[]) : [undefined, child];
    fromTree(value!, out);
    const name = key ? String(key.value) : i;
    out.push(`${name}@${child.offset}:${value!.offset}-${value!.offset + value!.length}`);
  });
  return out;
}

describe('JSON offsets without a tokenizer', () => {
  it.each([
    ['scalars', '[1, -2.5e+10, true, false, null, "x"]'],
    ['escaped quotes and backslashes', '{"a\\"b": "c\\\\", "d": "\\\\\\"", "e": ["\\"]\\\\"]}'],
    ['escaped keys', '{"\\u0061": {"\\/": 1}, "~": [[], {}]}'],
    ['brackets and braces inside strings', '{"a": "}]{[", "b": ["{", "]"], "c": {"d": "\\"}"}}'],
    ['whitespace everywhere', ' \r\n\t{ "a" :\n [ 1 ,\t{ "b" : [ ] } ] , "c" : { } }\n'],
    ['empty containers', '{"a": {}, "b": [], "c": [{}, []]}'],
    ['non-ASCII text', '{"ключ": "значение ✓", "😀": ["\\ud83d\\ude00"]}'],
  ])('reads %s as jsonc-parser does', (_name, text) => {
    const at = skipSpace(text, 0);
    const tree = parseTree(text)!;
    const members: string[] = [];
    expect(walked(text, at, members)).toBe(tree.offset + tree.length);
    expect(members).toEqual(fromTree(tree));
    expect(valueEnd(text, at)).toBe(tree.offset + tree.length);
  });

  it('steps over a scalar, which has no members', () => {
    expect(eachMember('123 ', 0, () => 0)).toBe(3);
    expect(valueEnd('"a\\\\"]', 0)).toBe(5);
    expect(valueEnd('true}', 0)).toBe(4);
  });
});
