import { describe, expect, it } from 'vitest';
import type { Comment } from '../src/ast.js';
import { annotationsFor } from '../src/inventory/annotations.js';
import { parseHcl } from '../src/parser/index.js';
import { loadFixture, resource } from './support/fixtures.js';

/** More than a spread call takes in vitest's workers, whose stack is larger than the CLI's. */
const COMMENTS = 700_000;

describe('annotations', () => {
  const inventory = loadFixture('annotations');
  const texts = (address: string) => resource(inventory, address).annotations.map((a) => a.text);

  it.each([
    ['aws_s3_bucket.above', ['release']],
    ['aws_s3_bucket.gap', []],
    ['aws_s3_bucket.first_line', ['release']],
    ['aws_s3_bucket.inside', ['ignore s3-website reason="docs site"', 'release']],
    ['aws_s3_bucket.trailing', []],
    ['aws_s3_bucket.one_line', ['release']],
    ['aws_s3_bucket.next', []],
  ])('%s has %j', (address, expected) => {
    expect(texts(address)).toEqual(expected);
  });

  it.each([
    '# POSTURE:RELEASE',
    '# posture: release',
    '//Posture :Release',
    '/* posture:release */',
  ])('read %s as the marker it means', (comment) => {
    const file = parseHcl(`${comment}\nresource "aws_s3_bucket" "b" {}\n`, 'main.tf');
    const [block] = file.body.items.filter((item) => item.kind === 'block');
    expect(annotationsFor(file, block!).map((a) => a.text.toLowerCase())).toEqual(['release']);
  });

  it.each([
    [
      'one line of more comments than a call takes arguments, then the marker',
      `${'/**/'.repeat(COMMENTS)}\n# posture:release\n`,
    ],
    ['the marker, then a line of as many', `# posture:release\n${'/**/'.repeat(COMMENTS)}\n`],
  ])('read the run above a block whatever a line holds: %s', (_what, above) => {
    const file = parseHcl(`${above}resource "aws_s3_bucket" "b" {}\n`, 'main.tf');
    const [block] = file.body.items.filter((item) => item.kind === 'block');
    const texts = annotationsFor(file, block!).map((a) => a.text);
    expect(texts).toEqual(['release']);
  });

  it('carry the comment range', () => {
    expect(resource(inventory, 'aws_s3_bucket.above').annotations[0]?.range).toMatchObject({
      file: 'main.tf',
      start: { line: 1, column: 1 },
      end: { line: 1, column: 18 },
    });
  });

  it('attach to module calls too', () => {
    expect(inventory.moduleCalls[0]?.annotations.map((a) => a.text)).toEqual(['release']);
    expect(resource(inventory, 'module.m.aws_s3_bucket.in_module').annotations).toEqual([]);
  });
});

describe('finding the annotations of each block', () => {
  it('reads the comments of a block and those around it, not every comment of the file', () => {
    const count = 200;
    const text = Array.from(
      { length: count },
      (_, i) =>
        `# posture:release\nresource "aws_s3_bucket" "b${i}" {\n  # posture:ignore s3-website reason="r${i}"\n}\n`,
    ).join('');
    const parsed = parseHcl(text, 'main.tf');
    let reads = 0;
    const counted = parsed.comments.map((comment) => {
      const { start, ...rest } = comment;
      return Object.defineProperty({ ...rest }, 'start', {
        get: () => (reads++, start),
        enumerable: true,
      }) as Comment;
    });
    const file = { ...parsed, comments: counted };
    const blocks = file.body.items.filter((item) => item.kind === 'block');
    const found = blocks.map((block) => annotationsFor(file, block).map((a) => a.text));
    expect(found).toEqual(
      Array.from({ length: count }, (_, i) => ['release', `ignore s3-website reason="r${i}"`]),
    );
    expect(reads).toBeLessThan(50 * count);
  });
});
