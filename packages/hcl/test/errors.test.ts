import { describe, expect, it } from 'vitest';
import type { ConfigFile } from '../src/ast.js';
import { parseHcl, parseTfJson } from '../src/parser/index.js';

function names(file: ConfigFile): string[] {
  return file.body.items.map((i) =>
    i.kind === 'block' ? [i.type, ...i.labels.map((l) => l.value)].join('.') : i.name,
  );
}

function diagnostics(file: ConfigFile): string[] {
  return file.diagnostics.map((d) => `${d.start.line}:${d.start.column} ${d.message}`);
}

describe('diagnostics', () => {
  const cases: [string, string, RegExp][] = [
    ['resource\n', '1:9', /^expected '=' or '\{' after a name, found newline$/],
    [
      'resource "a" "b"\n{\n}\n',
      '1:17',
      /^expected '\{' after the labels of block type 'resource'/,
    ],
    ['a = "abc\nb = 1\n', '1:5', /^unterminated string/],
    ['a = "abc', '1:5', /^unterminated string/],
    ['a = "\\q"\n', '1:6', /^invalid escape sequence in string/],
    ['a = \n', '1:5', /^expected an expression, found newline$/],
    ['a = 1 2\n', '1:7', /^expected a newline after the value of 'a', found number '2'$/],
    ['a {\n  x = 1 }\n', '2:9', /^expected a newline after the value of 'x', found '\}'$/],
    ['a = 1\n}\n', '2:1', /^unexpected '\}' with no '\{' to close$/],
    ['resource "a" "b" {\n  x = 1\n', '1:18', /^unclosed '\{' opened at line 1$/],
    ['a = [1 2]\n', '1:8', /^expected ',' or '\]' after a list item, found number '2'$/],
    ['a = [1, 2\n', '1:5', /^unclosed '\[' opened at line 1$/],
    ['a = f(1\n', '1:6', /^unclosed '\(' opened at line 1$/],
    ['a = {b = 1 c = 2}\n', '1:12', /^expected ',' or a newline after the object item/],
    ['a = {b 1}\n', '1:8', /^expected '=' or ':' after the object key, found number '1'$/],
    ['a = f(x..., y)\n', '1:11', /^'\.\.\.' may only follow the last argument/],
    ['a = x.0.1\n', '1:7', /^legacy indexes cannot be chained/],
    ['a = x.\n', '1:7', /^expected an attribute name after '\.', found newline$/],
    ['a = x ? y\n', '1:10', /^expected ':' in the conditional expression/],
    ['a = <<EOT\nx\n', '1:5', /^unterminated heredoc: no line with the closing marker 'EOT'/],
    ['a = "${x y}"\n', '1:10', /^expected '\}' to close the interpolation, found identifier 'y'/],
    ['a = "%{if x}y"\n', '1:6', /^'%\{if\}' has no matching '%\{endif\}'$/],
    ['a = "%{endif}"\n', '1:6', /^'%\{endif\}' without a matching '%\{if\}'$/],
    ['a = "%{bogus}"\n', '1:8', /^expected 'if', 'else', 'endif', 'for' or 'endfor' after '%\{'/],
    ['a = [for x in y x]\n', '1:17', /^expected ':' after the 'for' collection/],
    ['a = {for x in y : x}\n', '1:20', /^expected '=>' after the key of an object 'for'/],
    ['a = 1\na = 2\n', '2:1', /^attribute 'a' is set twice; it was first set at line 1$/],
    ['a "${x}" {}\n', '1:4', /^block labels must be plain strings/],
    [
      'a { b {} }\n',
      '1:5',
      /^a block on one line \('a \{ \.\.\. \}'\) may hold a single attribute only$/,
    ],
    ['a { b = 1, c = 2 }\n', '1:10', /^expected '\}' to close the one-line block 'a', found ','$/],
    ['/* open\na = 1\n', '1:1', /^unterminated comment/],
    ['a = 1 ; b = 2\n', '1:7', /^expected a newline after the value of 'a', found ';'$/],
    ['a =\u00a01\n', '1:4', /^expected an expression, found '\u00a0'$/],
    ['a = 1\rb = 2\n', '1:6', /^expected a newline after the value of 'a'/],
    ['= 1\n', '1:1', /^expected an attribute or block name, found '='$/],
  ];
  it.each(cases)('%j', (text, position, message) => {
    const file = parseHcl(text, 'main.tf');
    const first = file.diagnostics[0];
    expect(first, 'a diagnostic').toBeDefined();
    expect(`${first?.start.line}:${first?.start.column}`).toBe(position);
    expect(first?.message).toMatch(message);
    expect(first?.start.offset).toBeLessThanOrEqual(first?.end.offset ?? -1);
  });
});

/**
 * A message quotes a name or the token the parser stopped at, at most 40 characters of it, and
 * never a string's contents nor a word it could not read as a name: a secret there of no shape that
 * `redactText` knows (`hunter2hunter2` is none) would be shown in every report.
 */
describe('what a message quotes', () => {
  const secret = 'hunter2hunter2';
  const long = `a${'b'.repeat(60)}`;
  it.each([
    [`pw = "${secret}" x\n`, "expected a newline after the value of 'pw', found identifier 'x'"],
    [`pw = "${secret}" "y"\n`, "expected a newline after the value of 'pw', found string"],
    [`pw = "${secret}\n`, 'unterminated string: a quoted string must end on the line it starts'],
    [`pw = <<EOT\n${secret}\n`, "unterminated heredoc: no line with the closing marker 'EOT'"],
    [`pw = "${secret}\\q"\n`, 'invalid escape sequence in string'],
    [`pw = "%{${secret}}"\n`, "expected 'if', 'else', 'endif', 'for' or 'endfor' after '%{'"],
    [`pw = "\${${secret}`, "expected '}' to close the interpolation, found end of file"],
    // A word alone on a line, as a secret pasted by mistake.
    [`${secret}\n`, "expected '=' or '{' after a name, found newline"],
    [`resource "a" "${secret}" x\n`, "expected '{' after the labels of block type 'resource'"],
    [`x = 1 ${long}\n`, `found identifier '${long.slice(0, 40)}'`],
    [`${long} = 1 2\n`, `after the value of '${long.slice(0, 40)}', found number '2'`],
  ])('%j', (text, message) => {
    const messages = parseHcl(text, 'main.tf').diagnostics.map((d) => d.message);
    expect(messages[0]).toContain(message);
    for (const m of messages) expect(m).not.toMatch(/hunter2|b{40}/);
  });

  it.each([
    [`{"resource": {"a": {"${secret}": 1}}}`, "expected an object for the block 'resource'"],
    [`{"locals": {"a": "%{${secret}}"}}`, "after '%{'"],
    [`{"locals": {"${long}": 1, "${long}": 2}}`, `attribute '${long.slice(0, 40)}' is set twice`],
  ])('%j in JSON syntax', (text, message) => {
    const messages = parseTfJson(text, 'main.tf.json').diagnostics.map((d) => d.message);
    expect(messages[0]).toContain(message);
    for (const m of messages) expect(m).not.toMatch(/hunter2|b{40}/);
  });
});

/** A file of more stray tokens than are worth reporting: one error for each would be a finding. */
describe('a file this broken', () => {
  it.each([
    ['native syntax', 'main.tf', `locals {\n${'a = = \n'.repeat(2000)}}\n`],
    ['JSON syntax', 'main.tf.json', `{"x": "y",\na = [${'1,'.repeat(2000)}]}`],
    [
      'JSON syntax, in its expressions',
      'main.tf.json',
      `{"locals": {${Array.from({ length: 2000 }, (_, i) => `"a${i}": "\${=}"`).join(', ')}}}`,
    ],
  ])('in %s reports its first thousand errors, then that it stops', (_what, path, text) => {
    const parse = path.endsWith('.json') ? parseTfJson : parseHcl;
    const messages = parse(text, path).diagnostics.map((d) => d.message);
    expect(messages).toHaveLength(1001);
    expect(messages.at(-1)).toBe('too many errors; the rest of the file is not checked');
  });
});

describe('recovery', () => {
  it('keeps the blocks after a broken attribute', () => {
    const file = parseHcl(
      'resource "a" "one" {\n  x = = 1\n  y = 2\n}\nresource "a" "two" {\n  z = 3\n}\n',
      'main.tf',
    );
    expect(diagnostics(file)).toEqual(["2:7 expected an expression, found '='"]);
    expect(names(file)).toEqual(['resource.a.one', 'resource.a.two']);
    const one = file.body.items[0];
    expect(
      one?.kind === 'block' && one.body.items.map((i) => i.kind === 'attribute' && i.name),
    ).toEqual(['x', 'y']);
  });

  it('keeps the blocks after an unterminated string', () => {
    const file = parseHcl('a "x" {\n  b = "open\n  c = 1\n}\nd "y" {}\n', 'main.tf');
    expect(diagnostics(file)).toHaveLength(1);
    expect(names(file)).toEqual(['a.x', 'd.y']);
  });

  it('hands the following blocks back when a block is never closed', () => {
    const file = parseHcl(
      'resource "a" "one" {\n  x = 1\n\nresource "a" "two" {\n  y = 2\n}\noutput "o" {\n  value = 1\n}\n',
      'main.tf',
    );
    expect(diagnostics(file)).toEqual(["1:20 unclosed '{' opened at line 1"]);
    expect(names(file)).toEqual(['resource.a.one', 'resource.a.two', 'output.o']);
    expect(file.body.items[0]?.end.line).toBe(2);
  });

  it('stops an unclosed bracket at the next attribute or block', () => {
    const file = parseHcl(
      'locals {\n  a = [1, 2\n  b = f(3,\n  c = (4 +\n  d = 5\n}\nresource "x" "y" {}\n',
      'main.tf',
    );
    expect(diagnostics(file)).toEqual([
      "2:7 unclosed '[' opened at line 2",
      "3:8 unclosed '(' opened at line 3",
      "4:7 unclosed '(' opened at line 4",
    ]);
    const locals = file.body.items[0];
    expect(
      locals?.kind === 'block' && locals.body.items.map((i) => i.kind === 'attribute' && i.name),
    ).toEqual(['a', 'b', 'c', 'd']);
    expect(names(file)).toEqual(['locals', 'resource.x.y']);
  });

  it('skips a stray closing brace and goes on', () => {
    const file = parseHcl('a = 1\n}\n}\nb = 2\n', 'main.tf');
    expect(diagnostics(file)).toEqual([
      "2:1 unexpected '}' with no '{' to close",
      "3:1 unexpected '}' with no '{' to close",
    ]);
    expect(names(file)).toEqual(['a', 'b']);
  });

  it('skips the rest of a line with extra tokens, brackets included', () => {
    const file = parseHcl('a = 1 x [\n  2\n]\nb = 2\n', 'main.tf');
    expect(diagnostics(file)).toEqual([
      "1:7 expected a newline after the value of 'a', found identifier 'x'",
    ]);
    expect(names(file)).toEqual(['a', 'b']);
  });

  it('marks where it recovered with invalid expressions', () => {
    const file = parseHcl('a = [1, *, 3]\n', 'main.tf');
    const a = file.body.items[0];
    expect(a?.kind === 'attribute' && a.expr.type).toBe('tuple');
    if (a?.kind === 'attribute' && a.expr.type === 'tuple') {
      expect(a.expr.items.map((i) => i.type)).toEqual(['literal', 'invalid', 'literal']);
    }
  });

  it('reports an invalid interpolation once and keeps the rest of the string', () => {
    const file = parseHcl('a = "x ${y z} w"\nb = 1\n', 'main.tf');
    expect(diagnostics(file)).toHaveLength(1);
    expect(names(file)).toEqual(['a', 'b']);
  });
});
