import { describe, expect, it } from 'vitest';
import { loadFixture, resource } from './support/fixtures.js';

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
