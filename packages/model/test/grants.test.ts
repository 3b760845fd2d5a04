import { describe, expect, it } from 'vitest';
import { aclAccess, roleAccess } from '../src/index.js';

describe('what a grant lets everyone do', () => {
  it.each([
    ['roles/storage.objectViewer', ['read', 'list']],
    ['legacyBucketReader', ['list']],
    ['roles/acme.custom', undefined],
    // The table's prototype holds no roles: these were its function and object.
    ['roles/storage.constructor', undefined],
    ['roles/storage.__proto__', undefined],
    ['toString', undefined],
  ])('role %s: %j', (role, access) => {
    expect(roleAccess(role)).toEqual(access);
  });

  it.each([
    ['publicRead', 'objects', ['read']],
    ['READER', 'bucket', ['list']],
    ['constructor', 'objects', undefined],
    ['__proto__', 'bucket', undefined],
  ] as const)('ACL %s on %s: %j', (permission, target, access) => {
    expect(aclAccess(permission, target)).toEqual(access);
  });
});
