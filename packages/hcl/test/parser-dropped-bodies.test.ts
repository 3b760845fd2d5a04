/**
 * `keepBody`: a top-level body the option refuses is dropped after parsing and parsed again when
 * first read. What a reader sees must not change: the same tree, the same diagnostics.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, ConfigFile } from '../src/ast.js';
import { parseHcl } from '../src/parser/index.js';
import { SHARED_DIR, sharedAvailable, terraformFiles } from './support/corpus.js';
import { INVALID_SNIPPETS, VALID_SNIPPETS } from './support/snippets.js';
import { GUARD_TIMEOUT_MS } from '../../../test/support/cpu-time.js';

const dropAll = { keepBody: () => false };

/** A dropped block holds no body of its own: reading `body` parses it again. */
function dropped(block: Block): boolean {
  return !Object.hasOwn(block, 'body');
}

function blocks(file: ConfigFile): Block[] {
  return file.body.items.filter((item): item is Block => item.kind === 'block');
}

/** The whole tree as plain data; reading it reads (and so parses again) every dropped body. */
function plain(file: ConfigFile): unknown {
  return JSON.parse(JSON.stringify(file));
}

const SAMPLES: Record<string, string> = {
  'templates with braces and strings inside': `
resource "aws_s3_bucket" "b" {
  bucket = "\${var.prefix}-\${lookup({ a = "}" }, "a", "{")}"
  policy = <<-EOT
    { "Statement": [ { "Resource": "\${aws_s3_bucket.b.arn}/*" } ] }
  EOT
  tags = { for k, v in var.tags : k => "%{ if v != "" }\${v}%{ else }none%{ endif }" }
}
output "o" { value = "}" }
`,
  'comments that hold braces': `
variable "v" {
  # }
  // {
  /* } */
  default = 1
}
`,
  'nested blocks and one-line blocks': `
resource "x" "y" {
  lifecycle { prevent_destroy = true }
  dynamic "rule" {
    for_each = var.rules
    content {
      id = rule.value.id
    }
  }
}
moved {
  from = a.b
  to   = a.c
}
`,
};

describe('dropped bodies', () => {
  it.each(Object.entries(SAMPLES))('are parsed again into the same tree: %s', (_name, text) => {
    const kept = parseHcl(text, 'main.tf');
    const lazy = parseHcl(text, 'main.tf', dropAll);
    expect(lazy.diagnostics).toEqual([]);
    expect(blocks(lazy).every(dropped)).toBe(true);
    expect(plain(lazy)).toEqual(plain(kept));
  });

  it('are parsed again once: every read gives the same objects', () => {
    const [block] = blocks(
      parseHcl(SAMPLES['nested blocks and one-line blocks'] ?? '', 'main.tf', dropAll),
    );
    expect(block?.body).toBe(block?.body);
    expect(block?.body.items[0]).toBe(block?.body.items[0]);
  });

  it('are only those the option refuses, asked with each block type and labels', () => {
    const asked: string[] = [];
    const file = parseHcl(SAMPLES['nested blocks and one-line blocks'] ?? '', 'main.tf', {
      keepBody: (type, labels) => {
        asked.push([type, ...labels.map((l) => l.value)].join(' '));
        return type === 'resource';
      },
    });
    expect(asked).toEqual(['resource x y', 'moved']);
    expect(blocks(file).map(dropped)).toEqual([false, true]);
  });

  it('are kept once the file has an error, so recovery is never repeated', () => {
    const file = parseHcl('a {\n  x = \n}\nb {\n  y = 1\n}\n', 'main.tf', dropAll);
    expect(file.diagnostics).toHaveLength(1);
    expect(blocks(file).map(dropped)).toEqual([false, false]);
  });

  it.each(INVALID_SNIPPETS)('leave errors and tree as they were in %j', (text) => {
    const kept = parseHcl(text, 'main.tf');
    const lazy = parseHcl(text, 'main.tf', dropAll);
    expect(lazy.diagnostics).toEqual(kept.diagnostics);
    expect(plain(lazy)).toEqual(plain(kept));
  });

  it.each(VALID_SNIPPETS)('give the same tree for %j', (text) => {
    expect(plain(parseHcl(text, 'main.tf', dropAll))).toEqual(plain(parseHcl(text, 'main.tf')));
  });
});

describe.skipIf(!sharedAvailable())('dropped bodies over ../shared', () => {
  // Parsing every file twice takes a long while on a busy machine.
  it(
    'give the same tree and diagnostics for every corpus and peer-case file',
    { timeout: GUARD_TIMEOUT_MS },
    () => {
      const files = terraformFiles('corpus', 'peer-cases').filter((f) => !f.endsWith('.json'));
      let droppedBlocks = 0;
      for (const file of files) {
        const text = readFileSync(join(SHARED_DIR, file), 'utf8');
        const lazy = parseHcl(text, file, dropAll);
        droppedBlocks += blocks(lazy).filter(dropped).length;
        expect(plain(lazy), file).toEqual(plain(parseHcl(text, file)));
      }
      expect(droppedBlocks).toBeGreaterThan(10_000);
    },
  );
});
