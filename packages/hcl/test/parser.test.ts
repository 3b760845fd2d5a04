import { describe, expect, it } from 'vitest';
import type { Attribute, Block, ConfigFile, Expression, TemplateExpr } from '../src/ast.js';
import { parseHcl } from '../src/parser/index.js';
import { at, show, showPart } from './support/show.js';

function parseOk(text: string): ConfigFile {
  const file = parseHcl(text, 'main.tf');
  expect(file.diagnostics).toEqual([]);
  return file;
}

function attr(file: ConfigFile, index = 0): Attribute {
  const item = file.body.items[index];
  if (item?.kind !== 'attribute') throw new Error(`item ${index} is not an attribute`);
  return item;
}

function block(file: ConfigFile, index = 0): Block {
  const item = file.body.items[index];
  if (item?.kind !== 'block') throw new Error(`item ${index} is not a block`);
  return item;
}

function expr(source: string): Expression {
  return attr(parseOk(`a = ${source}\n`)).expr;
}

describe('expressions', () => {
  const cases: [string, string][] = [
    ['42', '42'],
    ['1.5', '1.5'],
    ['1e3', '1000'],
    ['1.5e-3', '0.0015'],
    ['1E+2', '100'],
    ['true', 'true'],
    ['false', 'false'],
    ['null', 'null'],
    ['""', 'tpl[]'],
    ['"plain"', 'tpl["plain"]'],
    ['"a\\nb\\t\\"q\\" \\\\ \\u00e9 \\U0001F600"', 'tpl["a\\nb\\t\\"q\\" \\\\ é 😀"]'],
    ['"$${x} %%{y} $ % $$"', 'tpl["${x} %{y} $ % $$"]'],
    ['"x${var.y}z"', 'tpl["x" ${var.y} "z"]'],
    ['"${a}${b}"', 'tpl[${a} ${b}]'],
    ['"${"${a}"}"', 'tpl[${tpl[${a}]}]'],
    ['"%{if a}yes%{else}no%{endif}"', 'tpl[%if(a)["yes"]else["no"]]'],
    ['"%{if a}yes%{endif}"', 'tpl[%if(a)["yes"]]'],
    ['"%{for k, v in m}${k}=${v},%{endfor}"', 'tpl[%for(k, v in m)[${k} "=" ${v} ","]]'],
    ['"%{for x in xs}[${x}]%{endfor}"', 'tpl[%for(x in xs)["[" ${x} "]"]]'],
    ['"%{if a}%{for x in y}${x}%{endfor}%{endif}"', 'tpl[%if(a)[%for(x in y)[${x}]]]'],
    ['"  ${~ a ~}  b"', 'tpl[${a} "b"]'],
    ['"x %{~ if c ~} y %{~ else ~} z %{~ endif ~} w"', 'tpl["x" %if(c)["y"]else["z"] "w"]'],
    ['[]', '[]'],
    ['[1, "two", three]', '[1, tpl["two"], three]'],
    ['[1,]', '[1]'],
    ['[\n  1,\n  2\n]', '[1, 2]'],
    ['{}', '{}'],
    ['{a = 1, "b" = 2, (c) = 3, "${d}" = 4}', '{a=1, tpl["b"]=2, (paren c)=3, tpl[${d}]=4}'],
    ['{a: 1, b: 2}', '{a=1, b=2}'],
    ['{\n  a = 1\n  b = 2,\n  c = 3\n}', '{a=1, b=2, c=3}'],
    ['{ a = { b = [ { c = 1 } ] } }', '{a={b=[{c=1}]}}'],
    ['f()', 'f()'],
    ['f(1, 2,)', 'f(1, 2)'],
    ['f(\n  1,\n  2\n)', 'f(1, 2)'],
    ['f(xs...)', 'f(xs...)'],
    ['provider::aws::arn_parse(x)', 'provider::aws::arn_parse(x)'],
    ['a.b.c', 'a.b.c'],
    ['a[0]', 'a[0]'],
    ['a["k"]', 'a[tpl["k"]]'],
    ['a.0', 'a[0]'],
    ['a.0.b', 'a[0].b'],
    ['a.b[c.d].e', 'a.b[c.d].e'],
    ['f(a)[0].b', 'f(a)[0].b'],
    ['a.*.id', 'splat.attr(a; @.id)'],
    ['a[*].id', 'splat.full(a; @.id)'],
    ['a[*]', 'splat.full(a; @)'],
    ['a.*', 'splat.attr(a; @)'],
    ['a[*].b[0]', 'splat.full(a; @.b[0])'],
    ['a.*.b[0]', 'splat.attr(a; @.b)[0]'],
    ['a[*].b[*].c', 'splat.full(a; splat.full(@.b; @.c))'],
    ['a ? b : c', '(a ? b : c)'],
    ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
    ['(a ?\n b : c)', '(paren (a ? b : c))'],
    ['a || b && c', '(a || (b && c))'],
    ['a == b != c', '((a == b) != c)'],
    ['a < b + c * d', '(a < (b + (c * d)))'],
    ['a >= 1 && b <= 2 || c > 3', '(((a >= 1) && (b <= 2)) || (c > 3))'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['a + b * c % d / e - f', '((a + (((b * c) % d) / e)) - f)'],
    ['!a && -b', '((!a) && (-b))'],
    ['-a.b * 2', '((-a.b) * 2)'],
    ['--1', '(-(-1))'],
    ['!!x', '(!(!x))'],
    ['(a + b) * c', '((paren (a + b)) * c)'],
    ['x-y', 'x-y'],
    ['x - y', '(x - y)'],
    ['a /* inline */ + b', '(a + b)'],
    ['[for x in xs : upper(x)]', 'for.tuple(x in xs: upper(x))'],
    ['[for i, x in xs : x if i > 0]', 'for.tuple(i, x in xs: x if (i > 0))'],
    ['{for k, v in m : k => v}', 'for.object(k, v in m: k => v)'],
    ['{for k, v in m : v => k...}', 'for.object(k, v in m: v => k...)'],
    [
      '{\n  for k, v in m :\n  k => v...\n  if v != null\n}',
      'for.object(k, v in m: k => v... if (v != null))',
    ],
  ];
  it.each(cases)('%s', (source, expected) => {
    expect(show(expr(source))).toBe(expected);
  });
});

describe('heredocs', () => {
  const cases: [string, string][] = [
    ['<<EOT\nhello\nEOT', 'heredoc(EOT)["hello\\n"]'],
    ['<<EOT\nhello ${name}\n  bye\nEOT', 'heredoc(EOT)["hello " ${name} "\\n  bye\\n"]'],
    ['<<-EOT\n    x\n      y\n    EOT', 'heredoc(EOT,-)["x\\n  y\\n"]'],
    ['<<-EOT\n  x\n\n   ${y}\n  z\n  EOT', 'heredoc(EOT,-)["x\\n\\n " ${y} "\\nz\\n"]'],
    ['<<-EOF\n\tindented\n\tEOF', 'heredoc(EOF,-)["indented\\n"]'],
    ['<<EOT\n$${x} %%{y} \\n\nEOT', 'heredoc(EOT)["${x} %{y} \\\\n\\n"]'],
    ['<<EOT\n  x\n  ${~y}\nEOT', 'heredoc(EOT)["  x\\n" ${y} "\\n"]'],
    [
      '<<EOT\n%{ for x in xs ~}\n- ${x}\n%{ endfor ~}\nEOT',
      'heredoc(EOT)[%for(x in xs)["- " ${x} "\\n"]]',
    ],
    ['<<EOT\nx\n   EOT  ', 'heredoc(EOT)["x\\n"]'],
    ['<<EOT\nEOT', 'heredoc(EOT)[]'],
    ['<<EOT\nEOTX\nEOT', 'heredoc(EOT)["EOTX\\n"]'],
  ];
  it.each(cases)('%s', (source, expected) => {
    expect(show(expr(source))).toBe(expected);
  });

  it('keeps CRLF line ends in the content and ends the attribute after the marker', () => {
    const file = parseOk('a = <<EOT\r\nx\r\nEOT\r\nb = 1\r\n');
    expect(show(attr(file).expr)).toBe('heredoc(EOT)["x\\r\\n"]');
    expect(show(attr(file, 1).expr)).toBe('1');
  });

  it('can be an argument or a list item', () => {
    expect(show(expr('jsonencode(<<EOT\nz\nEOT\n)'))).toBe('jsonencode(heredoc(EOT)["z\\n"])');
    expect(show(expr('[<<EOT\nx\nEOT\n, "y"]'))).toBe('[heredoc(EOT)["x\\n"], tpl["y"]]');
    expect(show(expr('"${<<EOT\nx\nEOT\n}"'))).toBe('tpl[${heredoc(EOT)["x\\n"]}]');
  });
});

describe('bodies', () => {
  it('reads attributes, blocks with quoted and bare labels, and one-line blocks', () => {
    const file = parseOk(
      [
        'resource "aws_s3_bucket" "b" {',
        '  bucket = "x"',
        '  lifecycle { prevent_destroy = true }',
        '  versioning {}',
        '  dynamic "rule" {',
        '    for_each = var.rules',
        '    content {',
        '      id = rule.value',
        '    }',
        '  }',
        '}',
        'locals {',
        '}',
        'a b c {}',
        'x = 1',
      ].join('\n'),
    );
    const items = file.body.items;
    expect(
      items.map((i) =>
        i.kind === 'block' ? `${i.type}(${i.labels.map((l) => l.value)})` : i.name,
      ),
    ).toEqual(['resource(aws_s3_bucket,b)', 'locals()', 'a(b,c)', 'x']);
    const resource = block(file);
    const inner = resource.body.items.map((i) => (i.kind === 'block' ? `block ${i.type}` : i.name));
    expect(inner).toEqual(['bucket', 'block lifecycle', 'block versioning', 'block dynamic']);
    const lifecycle = resource.body.items[1] as Block;
    expect(lifecycle.body.items.map((i) => (i.kind === 'attribute' ? show(i.expr) : ''))).toEqual([
      'true',
    ]);
    const dynamic = resource.body.items[3] as Block;
    const content = dynamic.body.items[1] as Block;
    expect(content.type).toBe('content');
    expect(show((content.body.items[0] as Attribute).expr)).toBe('rule.value');
  });

  it('accepts empty files, comments only, a BOM and a last line without a newline', () => {
    expect(parseOk('').body.items).toEqual([]);
    expect(parseOk('# only a comment').body.items).toEqual([]);
    expect(attr(parseOk('\ufeffa = 1')).name).toBe('a');
    expect(show(attr(parseOk('a = "x"')).expr)).toBe('tpl["x"]');
  });

  it('reads identifiers with dashes and non-ASCII letters', () => {
    const file = parseOk('é-1 = "héllo"\nb = x-1\n');
    expect(attr(file).name).toBe('é-1');
    expect(show(attr(file, 1).expr)).toBe('x-1');
  });
});

describe('comments', () => {
  it('collects every comment in order, without its markers', () => {
    const file = parseOk(
      '# one\n// two\n/* three\n   lines */\na = 1 # four\nb = [ // five\n  1 /* six */\n]\n',
    );
    expect(file.comments.map((c) => [c.style, c.text, at(c)])).toEqual([
      ['#', ' one', '1:1-1:6'],
      ['//', ' two', '2:1-2:7'],
      ['/*', ' three\n   lines ', '3:1-4:12'],
      ['#', ' four', '5:7-5:13'],
      ['//', ' five', '6:7-6:14'],
      ['/*', ' six ', '7:5-7:14'],
    ]);
  });

  it('keeps annotation comments next to the blocks they annotate', () => {
    const file = parseOk('# posture:release\nresource "aws_s3_bucket" "r" {\n}\n');
    expect(file.comments[0]?.text.trim()).toBe('posture:release');
    expect(file.comments[0]?.end.line).toBe(block(file).start.line - 1);
  });
});

describe('positions', () => {
  const text = [
    'resource "aws_s3_bucket" "b" {', // line 1 starts at offset 0
    '  bucket = "pre-${var.env}"', // 31
    '  tags = {', // 59
    '    Name = local.name', // 70
    '  }', // 92
    '}', // 96
    'x = a.b[0] + f(1)', // 98
  ].join('\n');
  const file = parseOk(text);
  const resource = block(file);

  it('gives blocks, labels and bodies exact ranges', () => {
    expect(resource.start).toEqual({ line: 1, column: 1, offset: 0 });
    expect(resource.end).toEqual({ line: 6, column: 2, offset: 97 });
    expect(at(resource.typeSpan)).toBe('1:1-1:9');
    expect(resource.labels.map(at)).toEqual(['1:10-1:25', '1:26-1:29']);
    expect(at(resource.body)).toBe('1:30-6:2');
    expect(file.body.start.offset).toBe(0);
    expect(file.body.end.offset).toBe(text.length);
  });

  it('gives attributes, names and values exact ranges', () => {
    const bucket = resource.body.items[0] as Attribute;
    expect(bucket.start).toEqual({ line: 2, column: 3, offset: 33 });
    expect(bucket.end).toEqual({ line: 2, column: 28, offset: 58 });
    expect(at(bucket.nameSpan)).toBe('2:3-2:9');
    const template = bucket.expr as TemplateExpr;
    expect(at(template)).toBe('2:12-2:28');
    expect(template.parts.map(at)).toEqual(['2:13-2:17', '2:17-2:27']);
    const interpolation = template.parts[1];
    if (interpolation?.type !== 'interpolation') throw new Error('expected an interpolation');
    expect(interpolation.expr.start).toEqual({ line: 2, column: 19, offset: 49 });
    expect(at(interpolation.expr)).toBe('2:19-2:26');
  });

  it('gives object items and nested expressions exact ranges', () => {
    const tags = resource.body.items[1] as Attribute;
    expect(at(tags)).toBe('3:3-5:4');
    if (tags.expr.type !== 'object') throw new Error('expected an object');
    const item = tags.expr.items[0];
    expect(item && at(item)).toBe('4:5-4:22');
    expect(item && at(item.key)).toBe('4:5-4:9');
    expect(item && at(item.value)).toBe('4:12-4:22');
  });

  it('gives operators, traversals and calls exact ranges', () => {
    const x = attr(file, 1);
    expect(x.expr.type).toBe('binary');
    if (x.expr.type !== 'binary') return;
    expect(x.expr.start).toEqual({ line: 7, column: 5, offset: 102 });
    expect(x.expr.end).toEqual({ line: 7, column: 18, offset: 115 });
    expect(at(x.expr.left)).toBe('7:5-7:11');
    expect(at(x.expr.right)).toBe('7:14-7:18');
  });

  it('counts columns in UTF-16 units and treats CRLF as one line break', () => {
    const f = parseOk('a = "😀${x}"\r\nb = 1\r\n');
    const tpl = attr(f).expr as TemplateExpr;
    expect(tpl.parts.map(at)).toEqual(['1:6-1:8', '1:8-1:12']);
    expect(attr(f, 1).start).toEqual({ line: 2, column: 1, offset: 14 });
  });

  it('covers a heredoc from its marker to its closing marker', () => {
    const f = parseOk('p = <<-EOT\n    {"a": 1}\n    EOT\nq = 2\n');
    const heredoc = attr(f).expr as TemplateExpr;
    expect(at(heredoc)).toBe('1:5-3:8');
    // Indentation removal moves the literal's start past the removed spaces.
    expect(heredoc.parts.map(at)).toEqual(['2:5-3:1']);
    expect(heredoc.parts.map(showPart)).toEqual(['"{\\"a\\": 1}\\n"']);
  });

  it('gives splats, indexes and for expressions exact ranges', () => {
    const f = parseOk('s = a[*].b\nf = [for x in y : x]\n');
    const splat = attr(f).expr;
    expect(at(splat)).toBe('1:5-1:11');
    if (splat.type !== 'splat') throw new Error('expected a splat');
    expect(at(splat.each)).toBe('1:6-1:11');
    expect(at(attr(f, 1).expr)).toBe('2:5-2:21');
  });
});
