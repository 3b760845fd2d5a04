import {
  assembledLinks,
  findAssemblies,
  holdsHost,
  JsConstants,
  namesPattern,
  type Assembly,
  type CustomDomain,
  type TextLink,
} from '@posture/buildconfig';
import type { Span } from './scanner.js';
import type { Window } from './windows.js';

/** The strings kept for the end of the file; past this many, one is read with what is known then. */
const MAX_PENDING = 1000;
/** The names declared a storage host that are sought where they are used. */
const MAX_HOST_NAMES = 256;

interface Pending {
  readonly assembly: Assembly;
  readonly span: Span;
  /** The links the URL patterns found written within it, which it does not report again. */
  readonly written: readonly Written[];
}

interface Written {
  readonly identity: string;
  /** Where it starts in the file. */
  readonly offset: number;
  /** The host it names when it names no bucket (`https://${acct}.r2.cloudflarestorage.com/${B}`). */
  readonly bucketless?: string;
}

/**
 * Storage links a shipped script assembles (`` `https://${BUCKET}.s3.amazonaws.com/${key}` ``,
 * `"https://" + BUCKET + …`, `{ Bucket: BUCKET }`), found as its windows stream past. A function
 * may use a name the file declares further down, so a string with a name not declared yet is kept
 * (bounded) and read at the end, when all of the file's declarations are known. A link is placed
 * on the whole expression that assembles it.
 */
export class AssembledLinks {
  private readonly constants = new JsConstants();
  private readonly pending: Pending[] = [];
  /** The starts (file offsets) of the strings of this window and the one before, read once. */
  private seen = { before: new Set<number>(), now: new Set<number>() };
  /**
   * The file offsets of links found written without a bucket that an assembled link names the
   * bucket of, at the same host: the assembled one is reported instead.
   */
  readonly superseded = new Set<number>();
  /** A string was read before the end with a name not declared yet, past MAX_PENDING kept. */
  private early = false;
  /**
   * The names declared a host without a bucket (`const HOST = ".s3.amazonaws.com"`), whose uses
   * are read as an anchor is, and whether more were declared than are kept.
   */
  private readonly hostNames: string[] = [];
  private hostPattern: RegExp | undefined;
  /**
   * The names whose value waits for a host name and for another name not declared yet (`HOST = H +
   * P`, P further down), read again as each window is learnt: a host name once P is declared. Each
   * window starts where the one before learnt its last declaration, so H and P may be a few
   * characters apart.
   */
  private readonly waitingHosts = new Set<string>();
  /** A string's names had more values, or the file more host names, than are read. */
  private truncated = false;
  /** The window before and its written links, read again for the host names the next declares. */
  private previous?: { readonly w: Window; readonly written: readonly TextLink[] };

  constructor(
    private readonly customDomains: readonly CustomDomain[],
    private readonly found: (hit: { span: Span; link: TextLink }) => void,
  ) {}

  /**
   * Reads a window, given the links the URL patterns found in it. A host name it declares may be
   * used just above its start (`"https://" + B + HOST`, HOST a few lines below, across the
   * windows' edge): the window before is read again for it. A use further up is not.
   */
  scan(w: Window, written: readonly TextLink[]): void {
    const hostNames = this.hostNames.length;
    this.learn(w);
    if (this.previous && this.hostNames.length > hostNames)
      this.find(this.previous.w, this.previous.written);
    this.seen = { before: this.seen.now, now: new Set() };
    this.find(w, written);
    this.previous = { w, written };
  }

  /** Reads the strings of a window that assemble links, each once (see `seen`). */
  private find(w: Window, written: readonly TextLink[]): void {
    const assemblies = findAssemblies(
      w.text,
      w.from,
      w.limit,
      this.customDomains,
      this.hostPattern,
      () => (this.truncated = true),
    );
    for (const assembly of assemblies) {
      const at = w.base + assembly.start;
      if (this.seen.before.has(at) || this.seen.now.has(at)) continue;
      this.seen.now.add(at);
      const place = (): Omit<Pending, 'assembly'> => ({
        span: { start: w.position(assembly.start), end: w.position(assembly.end) },
        written: written
          .filter((l) => l.start >= assembly.start && l.start < assembly.end)
          .map((l) => ({
            identity: identity(l),
            offset: w.base + l.start,
            ...(l.bucket === undefined && l.host !== undefined && { bucketless: l.host }),
          })),
      });
      const parts = [...assembly.parts, ...(assembly.base ?? []).flatMap((b) => b.parts)];
      const later = parts.some(
        (p) => typeof p !== 'string' && !p.values && !this.constants.declares(p.name),
      );
      // Copied, so that a kept string does not hold its whole window in memory.
      if (later && this.pending.length < MAX_PENDING)
        this.pending.push({ assembly: structuredClone(assembly), ...place() });
      else {
        this.early ||= later;
        this.read(assembly, place);
      }
    }
  }

  end(): void {
    for (const { assembly, ...place } of this.pending) this.read(assembly, () => place);
  }

  /**
   * Whether a bound left a name unknown that the file may declare: more names declared than are
   * kept, more strings waiting for their names than are kept, or more strings a value made of
   * names may be than are read.
   */
  get bounded(): boolean {
    return this.early || this.truncated || this.constants.capped || this.constants.bounded;
  }

  /**
   * Learns the window's declarations, and the names among them that hold a storage host, with
   * those whose value waited for one of them (`const HOST = H` above, `H = ".s3.amazonaws.com"`),
   * or for one of them and a name declared in a later window (`HOST = H + P`).
   */
  private learn(w: Window): void {
    const holdsAHost = ([, values]: [string, readonly string[]]): boolean =>
      values.some((value) => holdsHost(value, this.customDomains));
    const learnt = this.constants.learn(w.text, w.from, w.limit, w.base);
    // A value waiting for a host name of a window before (`HOST = H + P`, H above, P here or below).
    if (this.hostNames.length > 0) {
      for (const [name, values] of learnt) {
        const parts = values.length === 0 ? this.constants.waitsFor(name) : [];
        if (parts.some((part) => this.hostNames.includes(part))) this.wait(name);
      }
    }
    const hosts = [...learnt, ...this.doneWaiting()].filter(holdsAHost);
    // Grows as it is read: each new host name's dependents are read after it.
    for (const [name] of hosts) {
      // A name given a host again (`H = "…"` in two places) is sought once.
      if (this.hostNames.includes(name)) continue;
      if (this.hostNames.length >= MAX_HOST_NAMES) {
        this.truncated = true;
        continue;
      }
      this.hostNames.push(name);
      for (const dependent of this.constants.dependentsOf(name)) {
        if (dependent[1].length === 0) this.wait(dependent[0]);
        else if (holdsAHost(dependent)) hosts.push(dependent);
      }
    }
    if (hosts.length > 0) this.hostPattern = namesPattern(this.hostNames);
  }

  /** Keeps a name whose value waits for a host name and another name, within MAX_HOST_NAMES. */
  private wait(name: string): void {
    if (this.waitingHosts.size < MAX_HOST_NAMES) this.waitingHosts.add(name);
    else this.truncated = true;
  }

  /** The names kept waiting (see `waitingHosts`) that have values now, with them, no longer kept. */
  private doneWaiting(): [string, readonly string[]][] {
    const found: [string, readonly string[]][] = [];
    for (const name of this.waitingHosts) {
      const values = this.constants.valuesNow(name);
      if (values.length === 0) continue;
      this.waitingHosts.delete(name);
      found.push([name, values]);
    }
    return found;
  }

  /** Reports the links of `assembly`, placed (only when it has one) by `place`. */
  private read(assembly: Assembly, place: () => Omit<Pending, 'assembly'>): void {
    const { links, bounded } = assembledLinks(
      assembly,
      this.constants.valuesOf,
      this.customDomains,
    );
    this.truncated ||= bounded;
    if (links.length === 0) return;
    const { span, written } = place();
    const reported = new Set(written.map((w) => w.identity));
    for (const link of links) {
      if (reported.has(identity(link))) continue;
      reported.add(identity(link));
      for (const w of written) {
        if (link.bucket !== undefined && w.bucketless === link.host) this.superseded.add(w.offset);
      }
      this.found({ span, link });
    }
  }
}

/** What a link names, for telling one found written from the same assembled. */
function identity(link: TextLink): string {
  return `${link.service}:${link.bucket ?? link.r2DevId ?? link.host ?? link.url}`;
}
