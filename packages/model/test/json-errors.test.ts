import { describe, expect, it } from 'vitest';
import { jsonRefusal } from '../src/json-errors.js';

/** What `jsonRefusal` makes of what `JSON.parse` threw on `text`. */
function refusal(text: string) {
  try {
    JSON.parse(text);
  } catch (error) {
    return jsonRefusal(text, error);
  }
  throw new Error(`JSON.parse accepted ${text}`);
}

const SECRET = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';

describe('jsonRefusal', () => {
  it.each([
    ['a bare word', `{\n  "token": ${SECRET}\n}`, 2, 12, 'invalid symbol', false],
    ['the text is the word', SECRET, 1, 1, 'invalid symbol', false],
    ['a missing comma', `{"a": "${SECRET}" "b": 1}`, 1, 50, "expected ','", false],
    ['a trailing comma', `[\n  "${SECRET}",\n]`, 3, 1, 'expected a value', false],
    ['a string cut short', `{"a": "${SECRET}`, 1, 7, 'unterminated string', true],
    [
      'an object cut short',
      `{"a": "${SECRET}",\n`,
      2,
      1,
      'expected a property name in double quotes',
      true,
    ],
    [
      'a mistake past 512 levels',
      `{"a": ${'['.repeat(600)}${SECRET}`,
      1,
      518,
      'nested more than 512 levels deep, too deep to say where it breaks',
      false,
    ],
    [
      'a mistake above 512 levels',
      `{"a": x, "b": ${'['.repeat(600)}`,
      1,
      7,
      'invalid symbol',
      false,
    ],
  ])('%s', (_, text, line, column, message, cutShort) => {
    const refused = refusal(text);
    expect(refused).toMatchObject({ line, column, message, cutShort });
    expect(JSON.stringify(refused)).not.toContain('ghp_');
  });

  it("takes only the position from Node's message where jsonc-parser finds nothing wrong", () => {
    const error = new SyntaxError(`Unexpected token in JSON at position 3: "${SECRET}"`);
    expect(jsonRefusal('[1]\n', error)).toEqual({
      offset: 3,
      line: 1,
      column: 4,
      message: 'not valid JSON',
      cutShort: false,
    });
  });
});
