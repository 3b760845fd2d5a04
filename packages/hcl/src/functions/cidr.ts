/**
 * `cidrhost`, `cidrnetmask`, `cidrsubnet` and `cidrsubnets` as Terraform computes them: prefixes
 * read as Go 1.16's `net.ParseCIDR` reads them (Terraform keeps that parser, which takes leading
 * zeros in IPv4 octets as decimal), arithmetic as `github.com/apparentlymart/go-cidr` does it,
 * and Terraform's error messages. Where that library's result is an accident of Go's integer
 * conversions (a negative `newbits` or `netnum`, a subnet number past 64 bits) or of Go printing
 * IPv4-mapped IPv6 addresses as IPv4 ones, the result is unknown rather than guessed.
 */
import { parseIpAddress, unknown, type Value } from '@posture/model';
import { fail, fn, int, str, type FunctionTable } from './function.js';

interface Network {
  /** The address with its host bits cleared, as `net.ParseCIDR` returns it. */
  readonly address: bigint;
  readonly length: number;
  readonly bits: 32 | 128;
}

export const cidrFunctions: FunctionTable = {
  cidrhost: fn(([prefix, hostnum]) => cidrhost(parseCidr(str(prefix)), BigInt(int(hostnum)))),
  cidrnetmask: fn(([prefix]) => {
    const text = str(prefix);
    const network = parseCidr(text);
    if (network.bits === 128) fail(`IPv6 addresses cannot have a netmask: ${text}`);
    return formatAddress(hostMask(network.bits, network.length) ^ allOnes(32), 32);
  }),
  cidrsubnet: fn(([prefix, newbits, netnum]) =>
    cidrsubnet(parseCidr(str(prefix)), int(newbits), BigInt(int(netnum))),
  ),
  cidrsubnets: fn(([prefix, ...newbits]) => cidrsubnets(parseCidr(str(prefix)), newbits)),
};

function cidrhost(network: Network, hostnum: bigint): Value {
  if (isMapped(network)) return notEvaluated('cidrhost', 'an IPv4-mapped IPv6 prefix');
  const max = hostMask(network.bits, network.length);
  // go-cidr counts a negative host number back from the end, -1 being the last address.
  const [host, magnitude] = hostnum < 0n ? [max + hostnum + 1n, -hostnum - 1n] : [hostnum, hostnum];
  if (magnitude > max) {
    fail(`prefix of ${network.length} does not accommodate a host numbered ${host}`);
  }
  return formatAddress(network.address | host, network.bits);
}

function cidrsubnet(network: Network, newbits: number, netnum: bigint): Value {
  const length = network.length + newbits;
  if (length > network.bits) {
    fail(`insufficient address space to extend prefix of ${network.length} by ${newbits}`);
  }
  if (newbits < 0 || netnum < 0n || netnum >= 1n << 64n || isMapped(network)) {
    return notEvaluated('cidrsubnet', 'a negative or oversized argument or a mapped prefix');
  }
  if (newbits < 64 && netnum >= 1n << BigInt(newbits)) {
    fail(`prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
  }
  const subnet = {
    ...network,
    length,
    address: network.address | (netnum << shift(network, length)),
  };
  return isMapped(subnet)
    ? notEvaluated('cidrsubnet', 'an IPv4-mapped result')
    : formatNetwork(subnet);
}

/**
 * Consecutive subnets packed from the start of the prefix, as Terraform's implementation walks
 * them: from the subnet just before the prefix, each next one aligned to its own length. A walk
 * that wraps past the last address fails, which is why Terraform cannot pack `0.0.0.0/1`: the
 * subnet before it is the last one of the address space.
 */
function cidrsubnets(network: Network, newbits: Value[]): Value {
  if (newbits.length === 0) return [];
  if (isMapped(network)) return notEvaluated('cidrsubnets', 'an IPv4-mapped IPv6 prefix');
  let current: Network | undefined;
  return newbits.map(int).map((extension) => {
    if (extension < 1) invalidNewbits('must extend prefix by at least one bit');
    // Terraform's own limit, kept for 32-bit platforms.
    if (extension > 32) invalidNewbits('may not extend prefix by more than 32 bits');
    const length = network.length + extension;
    if (length > network.bits) {
      invalidNewbits(
        `would extend prefix to ${length} bits, which is too long for an IPv${network.bits === 32 ? 4 : 6} address`,
      );
    }
    // The walk starts from the subnet just before the prefix, at the first length.
    const from = current ?? previousSubnet(network, length);
    const next = nextSubnet(from, length);
    if (next === undefined || !contains(network, next.address)) {
      invalidNewbits(
        `not enough remaining address space for a subnet with a prefix of ${length} bits after ${formatNetwork(from)}`,
      );
    }
    current = next;
    return isMapped(next)
      ? notEvaluated('cidrsubnets', 'an IPv4-mapped result')
      : formatNetwork(next);
  });
}

function invalidNewbits(why: string): never {
  return fail(`Invalid value for "newbits" parameter: ${why}`);
}

function previousSubnet(network: Network, length: number): Network {
  const before = (network.address - 1n) & allOnes(network.bits);
  return aligned({ ...network, length, address: before });
}

/** The subnet of the given length after the one holding `current`'s last address; none past the end. */
function nextSubnet(current: Network, length: number): Network | undefined {
  const last = lastAddress(aligned({ ...current, address: lastAddress(current), length }));
  const after = (last + 1n) & allOnes(current.bits);
  return after === 0n ? undefined : aligned({ ...current, address: after, length });
}

function aligned(network: Network): Network {
  const mask = allOnes(network.bits) ^ hostMask(network.bits, network.length);
  return { ...network, address: network.address & mask };
}

function lastAddress(network: Network): bigint {
  return network.address | hostMask(network.bits, network.length);
}

function contains(network: Network, address: bigint): boolean {
  return aligned({ ...network, address }).address === network.address;
}

function shift(network: Network, length: number): bigint {
  return BigInt(network.bits - length);
}

function hostMask(bits: number, length: number): bigint {
  return allOnes(bits - length);
}

function allOnes(bits: number): bigint {
  return (1n << BigInt(bits)) - 1n;
}

/** Within `::ffff:0:0/96`, where Go reads and prints addresses as IPv4 ones. */
function isMapped(network: Network): boolean {
  return network.bits === 128 && network.address >> 32n === 0xffffn;
}

function notEvaluated(name: string, what: string): Value {
  return unknown([], `${name}() of ${what} is not evaluated`);
}

/** `net.ParseCIDR` of Go 1.16: an IPv4 or IPv6 address, a slash, a decimal prefix length. */
export function parseCidr(text: string): Network {
  const slash = text.indexOf('/');
  const found = slash < 0 ? undefined : parseIpAddress(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  const length = /^[0-9]+$/.test(lengthText) ? Number(lengthText) : NaN;
  if (found === undefined || !(length <= found.bits)) {
    fail(`invalid CIDR expression: invalid CIDR address: ${text}`);
  }
  return aligned({ ...found, length });
}

function formatNetwork(network: Network): string {
  return `${formatAddress(network.address, network.bits)}/${network.length}`;
}

/** Dotted decimal, or RFC 5952 text as Go prints it: the first longest run of zero groups as `::`. */
function formatAddress(address: bigint, bits: 32 | 128): string {
  if (bits === 32) {
    return [24n, 16n, 8n, 0n].map((at) => String((address >> at) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) =>
    Number((address >> BigInt(112 - 16 * i)) & 0xffffn),
  );
  const run = longestZeroRun(groups);
  const hex = (part: number[]) => part.map((group) => group.toString(16)).join(':');
  return run === undefined
    ? hex(groups)
    : `${hex(groups.slice(0, run.start))}::${hex(groups.slice(run.end))}`;
}

function longestZeroRun(groups: number[]): { start: number; end: number } | undefined {
  let best: { start: number; end: number } | undefined;
  for (let start = 0; start < groups.length; start++) {
    let end = start;
    while (end < groups.length && groups[end] === 0) end++;
    if (end - start >= 2 && end - start > (best ? best.end - best.start : 0)) best = { start, end };
  }
  return best;
}
