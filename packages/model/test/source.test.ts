import { describe, expect, it } from 'vitest';
import { LineIndex, refResource, splitAddress } from '@posture/model';

describe('LineIndex', () => {
  const index = new LineIndex('ab\ncd\r\n\nx');
  it.each([
    [0, 1, 1],
    [2, 1, 3],
    [3, 2, 1],
    [7, 3, 1],
    [8, 4, 1],
    [99, 4, 2],
  ])('offset %i is line %i column %i', (offset, line, column) => {
    expect(index.position(offset)).toMatchObject({ line, column });
  });
  it('returns line text without the line break', () => {
    expect(index.lineText(2)).toBe('cd');
    expect(index.lineText(4)).toBe('x');
  });
});

describe('addresses', () => {
  it('splits on dots outside brackets and quotes', () => {
    expect(splitAddress('module.a["x.y"].aws_s3_bucket.b[0].id')).toEqual([
      'module',
      'a["x.y"]',
      'aws_s3_bucket',
      'b[0]',
      'id',
    ]);
  });
  it.each([
    ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'],
    ['data.aws_iam_policy_document.p.json', 'data.aws_iam_policy_document.p'],
    ['module.a["k"].aws_s3_bucket.b[0].arn', 'module.a["k"].aws_s3_bucket.b[0]'],
  ])('%s names resource %s', (ref, resource) => {
    expect(refResource(ref)).toBe(resource);
  });
});
