import { realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leadsOutOf, resolvesInside } from '@posture/model';
import { tempTree } from '../../../test/support/temp-dirs.js';

/**
 * Both ask where a path's links lead against a tree; they part where it is outside the tree by
 * name (`leadsOutOf`: not out, as a link into the tree is no escape; `resolvesInside`: not inside)
 * and where it cannot be resolved (`leadsOutOf`: not out, left to the reading; `resolvesInside`:
 * throws, for the caller to report).
 */
describe('leadsOutOf and resolvesInside', () => {
  const top = tempTree('paths', { 'tree/a.txt': '', 'tree/sub/b.txt': '', 'other/c.txt': '' });
  const tree = join(top, 'tree');
  symlinkSync(join(top, 'other'), join(tree, 'out'));
  symlinkSync('missing', join(tree, 'dangling'));
  symlinkSync(join(tree, 'sub'), join(top, 'in'));
  symlinkSync(tree, join(top, 'tree-link'));

  const resolved = (path: string): boolean | 'throws' => {
    try {
      return resolvesInside(realpathSync.native(tree), path);
    } catch {
      return 'throws';
    }
  };

  it.each([
    ['a file inside', 'tree/a.txt', false, true],
    ['a folder inside', 'tree/sub', false, true],
    ['the tree itself', 'tree', false, true],
    ['inside by name, linked out', 'tree/out/c.txt', true, false],
    ['a link inside that leads out', 'tree/out', true, false],
    ['outside by name, and where it leads', 'other/c.txt', false, false],
    ['outside by name, linked into the tree', 'in/b.txt', false, true],
    ['inside by name, dangling', 'tree/dangling', false, 'throws'],
    ['outside by name, missing', 'other/missing', false, 'throws'],
  ] as const)('%s', (_name, path, out, inside) => {
    expect(leadsOutOf(tree, join(top, path))).toBe(out);
    expect(resolved(join(top, path))).toBe(inside);
  });

  it('takes the tree by any name, through links, for leadsOutOf', () => {
    expect(leadsOutOf(join(top, 'tree-link'), join(top, 'tree-link/a.txt'))).toBe(false);
    expect(leadsOutOf(join(top, 'tree-link'), join(top, 'tree-link/out/c.txt'))).toBe(true);
  });
});
