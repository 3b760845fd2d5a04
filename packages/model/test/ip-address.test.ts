import { describe, expect, it } from 'vitest';
import { coversAddressFamily, parseIpAddress } from '../src/index.js';

describe('CIDR prefixes that hold a whole address family', () => {
  it.each([
    [['0.0.0.0/0'], true],
    [['::/0'], true],
    [[' 0.0.0.0/0 '], true],
    [['10.0.0.0/0'], true],
    [['0.0.0.0/1', '128.0.0.0/1'], true],
    [['128.0.0.0/1', '0.0.0.0/1'], true],
    [['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/1'], true],
    [['0.0.0.0/1', '0.0.0.0/2', '128.0.0.0/1'], true],
    [['::/1', '8000::/1'], true],
    [['8000::/1', '::/1', '203.0.113.0/24'], true],
    [['0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/2'], true],
    [['0.0.0.0/1'], false],
    [['0.0.0.0/1', '192.0.0.0/2'], false],
    [['0.0.0.0/1', '::/1', '8000::/2'], false],
    [['0.0.0.0/1', '128.0.0.0/1x'], false],
    [['0.0.0.0/1', '128.0.0.0'], false],
    [['203.0.113.0/24', '198.51.100.7'], false],
    [['0.0.0.0/33'], false],
    [['0.0.0.0/0/0'], false],
    [['*'], false],
    [[], false],
  ])('%j: %s', (prefixes, covers) => {
    expect(coversAddressFamily(prefixes)).toBe(covers);
  });
});

describe('IP addresses', () => {
  it.each([
    ['203.0.113.7', { address: 0xcb007107n, bits: 32 }],
    ['::ffff:203.0.113.7', { address: 0xffffcb007107n, bits: 128 }],
    ['8000::1', { address: (0x8000n << 112n) | 1n, bits: 128 }],
    ['203.0.113.256', undefined],
    ['1::2::3', undefined],
    ['', undefined],
  ])('%s', (text, address) => {
    expect(parseIpAddress(text)).toEqual(address);
  });
});
