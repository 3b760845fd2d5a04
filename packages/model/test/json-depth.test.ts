import { describe, expect, it } from 'vitest';
import { closingQuote, jsonTooDeepAt } from '../src/json-depth.js';

describe('jsonTooDeepAt', () => {
  it.each([
    ['[[1], {"a": 1}]', 2, -1],
    ['[[1], {"a": {}}]', 2, 12],
    ['[[[1]]]', 2, 2],
    ['{"a": [{"b": []}]}', 3, 13],
    // Brackets in strings are not nesting, whatever escapes come before the closing quote.
    ['["[[[", "\\"[[[", "\\\\", [[]]]', 2, 24],
    ['["\\\\\\"[[[", {}]', 1, 12],
    // A string left open (a truncated file) nests nothing more; the parser reports it.
    ['[[1], "[[[[', 2, -1],
    // Closers with nothing open leave no level: what opens after them is as deep as it looks.
    ['}}}}[[[', 2, 6],
    ['{"a": 1}]]]][[[', 2, 14],
  ])('%s nested deeper than %d at %d', (text, max, offset) => {
    expect(jsonTooDeepAt(text, max)).toBe(offset);
  });
});

describe('closingQuote', () => {
  it.each([
    ['"abc"', 4],
    ['"a\\"b"', 5],
    ['"a\\\\"b"', 4],
    ['"a\\\\\\"b"', 7],
    ['"abc', -1],
    ['"a\\"', -1],
  ])('%s closes at %d', (text, at) => {
    expect(closingQuote(text, 0)).toBe(at);
  });
});
