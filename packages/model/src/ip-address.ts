/**
 * IPv4 and IPv6 addresses and CIDR prefixes as numbers, read as Go 1.16's `net.ParseIP` reads
 * them (Terraform keeps that parser, which takes leading zeros in IPv4 octets as decimal).
 */
export interface IpAddress {
  readonly address: bigint;
  readonly bits: 32 | 128;
}

/** An IPv4 address in dotted decimal, or an IPv6 one; undefined for anything else. */
export function parseIpAddress(text: string): IpAddress | undefined {
  const ipv4 = parseIpv4(text);
  if (ipv4 !== undefined) return { address: ipv4, bits: 32 };
  const ipv6 = parseIpv6(text);
  return ipv6 === undefined ? undefined : { address: ipv6, bits: 128 };
}

/**
 * Whether a list of CIDR prefixes (or single addresses) together holds every IPv4 address or
 * every IPv6 one: `0.0.0.0/1` with `128.0.0.0/1` is the whole IPv4 internet as surely as
 * `0.0.0.0/0` is, and so is `10.0.0.0/0`, whose host part counts for nothing. Text that is no
 * prefix covers nothing.
 */
export function coversAddressFamily(prefixes: readonly string[]): boolean {
  const ranges = prefixes.flatMap((text) => {
    const range = prefixRange(text.trim());
    return range === undefined ? [] : [range];
  });
  return ([32, 128] as const).some((bits) =>
    coversAll(
      ranges.filter((range) => range.bits === bits),
      1n << BigInt(bits),
    ),
  );
}

interface Range {
  readonly bits: 32 | 128;
  readonly start: bigint;
  /** One past the last address. */
  readonly end: bigint;
}

function prefixRange(text: string): Range | undefined {
  const [address = '', length, ...rest] = text.split('/');
  const ip = parseIpAddress(address);
  if (ip === undefined || rest.length > 0) return undefined;
  const prefix =
    length === undefined ? ip.bits : /^[0-9]{1,3}$/.test(length) ? Number(length) : NaN;
  if (!(prefix <= ip.bits)) return undefined;
  const size = 1n << BigInt(ip.bits - prefix);
  const start = ip.address - (ip.address % size);
  return { bits: ip.bits, start, end: start + size };
}

/** Whether the ranges, merged in order, leave no gap from zero to `end`. */
function coversAll(ranges: readonly Range[], end: bigint): boolean {
  let reached = 0n;
  for (const range of [...ranges].sort((a, b) => (a.start < b.start ? -1 : 1))) {
    if (range.start > reached) return false;
    if (range.end > reached) reached = range.end;
  }
  return reached >= end;
}

function parseIpv4(text: string): bigint | undefined {
  const octets = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)?.slice(1).map(Number);
  if (octets === undefined || octets.some((octet) => octet > 255)) return undefined;
  return octets.reduce((sum, octet) => (sum << 8n) | BigInt(octet), 0n);
}

/**
 * Groups of hex digits joined by colons, one `::` for a run of zero groups (at least one), and
 * optionally an IPv4 address for the last 32 bits.
 */
function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  const parsed = groups.map((part, index) => parseGroups(part, index === groups.length - 1));
  if (parsed.some((part) => part === undefined)) return undefined;
  const [head = [], tail = []] = parsed as number[][];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  return all.reduce((sum, group) => (sum << 16n) | BigInt(group), 0n);
}

/** 16-bit groups; the last part may end in an IPv4 address, which counts as two groups. */
function parseGroups(parts: string[], last: boolean): number[] | undefined {
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    const ipv4 = last && index === parts.length - 1 ? parseIpv4(part) : undefined;
    if (ipv4 !== undefined) {
      groups.push(Number(ipv4 >> 16n), Number(ipv4 & 0xffffn));
    } else if (/^[0-9a-f]+$/i.test(part) && parseInt(part, 16) <= 0xffff) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}
