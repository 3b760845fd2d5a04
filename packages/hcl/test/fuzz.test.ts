/**
 * Robustness: seeded mutations of corpus files and pathological inputs. The parser must always
 * return a file (with diagnostics when the input is broken), never throw, never hang, and every
 * range it returns must be a real range of the text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex } from '@posture/model';
import { describe, expect, it } from 'vitest';
import type { ConfigFile } from '../src/ast.js';
import { parseHcl, parseTfJson } from '../src/parser/index.js';
import { SHARED_DIR, sharedAvailable, terraformFiles } from './support/corpus.js';
import { MUTATIONS, mutate, random } from './support/mutate.js';
import { threadCpuMs } from '../../../test/support/cpu-time.js';

interface Pos {
  line: number;
  column: number;
  offset: number;
}

function isPosition(value: unknown): value is Pos {
  return typeof value === 'object' && value !== null && 'offset' in value && 'line' in value;
}

/** Checks every span of the tree against the text; returns the number of nodes seen. */
function checkRanges(file: ConfigFile, text: string): number {
  const index = new LineIndex(text);
  let nodes = 0;
  const stack: unknown[] = [file];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const { start, end } = node as { start?: unknown; end?: unknown };
    if (isPosition(start) && isPosition(end)) {
      nodes++;
      if (
        start.offset < 0 ||
        end.offset > text.length ||
        start.offset > end.offset ||
        index.position(start.offset).line !== start.line ||
        index.position(start.offset).column !== start.column ||
        index.position(end.offset).line !== end.line ||
        index.position(end.offset).column !== end.column
      ) {
        throw new Error(
          `bad range ${JSON.stringify({ start, end })} in a ${text.length}-char text`,
        );
      }
    }
    for (const value of Object.values(node)) {
      if (typeof value === 'object' && value !== null && !isPosition(value)) stack.push(value);
    }
  }
  return nodes;
}

function parseChecked(text: string, json = false): ConfigFile {
  const started = threadCpuMs();
  const file = json ? parseTfJson(text, 'fuzz.tf.json') : parseHcl(text, 'fuzz.tf');
  const elapsed = threadCpuMs() - started;
  expect(elapsed, 'parse CPU time in ms').toBeLessThan(2_000);
  expect(file.body).toBeDefined();
  checkRanges(file, text);
  return file;
}

describe.skipIf(!sharedAvailable())('mutated corpus files', () => {
  if (!sharedAvailable()) {
    it.skip(`needs ${SHARED_DIR}corpus, which is missing`, () => {});
    return;
  }

  it('never throws and always returns sound ranges', { timeout: 120_000 }, () => {
    const files = terraformFiles('corpus', 'peer-cases').filter((f) => !f.endsWith('.json'));
    const rnd = random(4273);
    let rejected = 0;
    const iterations = 600;
    for (let i = 0; i < iterations; i++) {
      const file = files[Math.floor(rnd() * files.length)] as string;
      let text = readFileSync(join(SHARED_DIR, file), 'utf8');
      // Several mutations on some inputs, so that errors pile up in one file.
      const rounds = 1 + Math.floor(rnd() * 3);
      for (let r = 0; r < rounds; r++) {
        const kind = MUTATIONS[Math.floor(rnd() * MUTATIONS.length)] as (typeof MUTATIONS)[number];
        text = mutate(text, rnd, kind);
      }
      if (parseChecked(text).diagnostics.length > 0) rejected++;
    }
    // The mutations must actually break files, or this test proves nothing.
    expect(rejected).toBeGreaterThan(iterations / 4);
  });

  it('never throws on mutated JSON', () => {
    const files = terraformFiles('corpus').filter((f) => f.endsWith('.json'));
    const rnd = random(77);
    for (const file of files) {
      const original = readFileSync(join(SHARED_DIR, file), 'utf8');
      for (let i = 0; i < 100; i++) {
        const kind = MUTATIONS[Math.floor(rnd() * MUTATIONS.length)] as (typeof MUTATIONS)[number];
        parseChecked(mutate(original, rnd, kind), true);
      }
    }
  });
});

describe('pathological inputs', () => {
  const n = 10_000;
  const cases: [string, string][] = [
    ['nested brackets', `a = ${'['.repeat(n)}${']'.repeat(n)}\n`],
    ['unclosed brackets', `a = ${'['.repeat(n)}\n`],
    ['nested parentheses', `a = ${'('.repeat(n)}1${')'.repeat(n)}\n`],
    ['nested objects', `a = ${'{a = '.repeat(n)}1${'}'.repeat(n)}\n`],
    ['nested blocks', `${'a {\n'.repeat(n)}${'}\n'.repeat(n)}`],
    ['unclosed blocks', 'a {\n'.repeat(n)],
    ['nested calls', `a = ${'f('.repeat(n)}${')'.repeat(n)}\n`],
    ['nested interpolations', `a = ${'"${'.repeat(n)}x${'}"'.repeat(n)}\n`],
    ['nested template ifs', `a = "${'%{if x}'.repeat(n)}${'%{endif}'.repeat(n)}"\n`],
    ['nested conditionals', `a = ${'x ? y : '.repeat(n)}z\n`],
    ['a long run of unary operators', `a = ${'!-'.repeat(n)}x\n`],
    ['a long chain of operators', `a = ${'x + '.repeat(n)}y\n`],
    ['a long traversal', `a = x${'.y[0]'.repeat(n)}\n`],
    ['nested full splats', `a = x${'[*]'.repeat(n)}\n`],
    ['nested attribute splats', `a = x${'.*.y'.repeat(n)}\n`],
    ['unclosed template directives', `a = "${'%{for x in y}'.repeat(n)}"\n`],
    ['a very long line', `a = "${'x'.repeat(1_000_000)}"\n`],
    ['a very long identifier', `${'a'.repeat(100_000)} = 1\n`],
    ['many attributes on one line', 'a = 1 '.repeat(n)],
    ['many stray braces', '}'.repeat(n)],
    ['many quotes', '"'.repeat(n)],
    ['an unterminated heredoc', `a = <<EOT\n${'line\n'.repeat(n)}`],
    ['an unterminated block comment', `/*${'x\n'.repeat(n)}`],
    [
      'binary noise',
      Array.from({ length: 50_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join(''),
    ],
    ['only newlines', '\n'.repeat(100_000)],
  ];
  it.each(cases)('%s', (_name, text) => {
    const file = parseChecked(text);
    expect(Array.isArray(file.diagnostics)).toBe(true);
  });

  it('caps nesting depth with a diagnostic', () => {
    const file = parseChecked(`a = ${'['.repeat(n)}${']'.repeat(n)}\nb = 2\n`);
    expect(file.diagnostics.map((d) => d.message)).toEqual([
      'nesting is too deep (more than 200 levels)',
    ]);
    expect(file.body.items.map((i) => i.kind === 'attribute' && i.name)).toEqual(['a', 'b']);
  });

  it('reads deep but reasonable nesting without complaint', () => {
    const file = parseChecked(`a = ${'['.repeat(60)}${']'.repeat(60)}\n`);
    expect(file.diagnostics).toEqual([]);
  });

  it('survives pathological JSON', () => {
    parseChecked(`${'['.repeat(n)}${']'.repeat(n)}`, true);
    parseChecked(`{"locals": {"a": "${'${'.repeat(n)}"}}`, true);
    parseChecked(`{"resource": ${'{"a": '.repeat(n)}1${'}'.repeat(n)}}`, true);
  });
});
