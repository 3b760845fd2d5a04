import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scan, type Finding, type Range, type ScanReport } from '@posture/core';
import { tempDir } from './temp-dirs.js';

/**
 * The peer corpus beside the repository: KICS and Checkov test fixtures with each tool's own labels
 * (see its README for the layout and caveats). It is not part of the repository, so tests skip
 * without it.
 */
export const PEER_ROOT = fileURLToPath(new URL('../../../shared/peer-cases', import.meta.url));

export type Tool = 'kics' | 'checkov';
export type Outcome = 'flagged' | 'clean';

/** How a peer check corresponds to Posture: which findings count as the check's verdict. */
export interface Mapping {
  /** Posture rules whose findings count. */
  readonly rules: readonly string[];
  /** Narrows the findings that count when the rule covers more than the check does. */
  readonly counts?: (finding: Finding) => boolean;
  /**
   * Checkov labels resources: `bucket` when the check judges the bucket (the finding's `address`),
   * `resource` (the default) when it judges the resource that holds the cause (the finding's
   * location lies in it).
   */
  readonly blame?: 'bucket' | 'resource';
}

/** A peer check Posture has no counterpart for: its cases are listed, not scored. */
export interface Unmapped {
  readonly unmapped: string;
}

export interface PeerCheck {
  readonly tool: Tool;
  /** The KICS query folder, or the Checkov check id. */
  readonly check: string;
  readonly dir: string;
}

/** One labelled verdict of a peer tool. */
export interface PeerCase {
  /** `kics/<folder>/<file>:<line>`, `kics/<folder>/<file>` (a negative file), `checkov/<id>/<file>#<address>`. */
  readonly id: string;
  readonly tool: Tool;
  readonly check: string;
  /** Absolute path of the fixture file. */
  readonly fixture: string;
  readonly expected: Outcome;
  /** KICS positives: the line KICS blames (the attribute, or the block header when it is missing). */
  readonly line?: number;
  /** Checkov: the resource the label is about. */
  readonly address?: string;
}

export function peerChecks(): PeerCheck[] {
  const kics = subdirs(join(PEER_ROOT, 'kics')).map((dir) => ({
    tool: 'kics' as const,
    check: basename(dir),
    dir,
  }));
  const checkov = subdirs(join(PEER_ROOT, 'checkov')).map((dir) => ({
    tool: 'checkov' as const,
    check: basename(dir).split('__')[0] ?? basename(dir),
    dir,
  }));
  return [...kics, ...checkov];
}

export function peerCases(check: PeerCheck): PeerCase[] {
  return check.tool === 'kics' ? kicsCases(check) : checkovCases(check);
}

/**
 * KICS: one case per entry of `positive_expected_result.json` (a file can carry several), and one
 * per `negative*.tf` file, which must yield nothing at all.
 */
function kicsCases({ check, dir }: PeerCheck): PeerCase[] {
  const entries = JSON.parse(readFileSync(join(dir, 'positive_expected_result.json'), 'utf8')) as {
    line: number;
    filename?: string;
    fileName?: string;
  }[];
  const base = { tool: 'kics' as const, check };
  const positives = entries.map((entry): PeerCase => {
    // The file key is spelled two ways, and absent where the folder has a single positive.tf.
    const file = entry.filename ?? entry.fileName ?? 'positive.tf';
    const fixture = join(dir, file);
    if (!existsSync(fixture)) throw new Error(`${check}: expected result names missing ${file}`);
    const id = `kics/${check}/${file}:${entry.line}`;
    return { ...base, id, fixture, expected: 'flagged', line: entry.line };
  });
  const negatives = tfFiles(dir)
    .filter((file) => basename(file).startsWith('negative'))
    .map((fixture): PeerCase => {
      const id = `kics/${check}/${relative(dir, fixture)}`;
      return { ...base, id, fixture, expected: 'clean' };
    });
  return [...positives, ...negatives];
}

/**
 * Checkov: one case per resource listed under "Expected PASS" / "Expected FAIL" in EXPECTED.md.
 * A resource is found in the file a note in brackets names, else in the one file declaring it.
 */
function checkovCases({ check, dir }: PeerCheck): PeerCase[] {
  const files = tfFiles(dir).map((path) => ({ path, rel: relative(dir, path) }));
  return expectedLabels(dir).map(({ address, expected, note }): PeerCase => {
    const tokens = note.split(/[\s,():]+/);
    const named = files.filter((f) => tokens.includes(f.rel));
    const declaring = files.filter((f) => declares(readFileSync(f.path, 'utf8'), address));
    const [file, ...more] = named.length > 0 ? named : declaring;
    if (!file || more.length > 0)
      throw new Error(`${check}: cannot tell which file ${address} is in`);
    const id = `checkov/${check}/${file.rel}#${address}`;
    return { id, tool: 'checkov', check, fixture: file.path, expected, address };
  });
}

interface Label {
  readonly address: string;
  readonly expected: Outcome;
  /** The text in brackets after the address: file names, what the resource does. */
  readonly note: string;
}

/** The PASS / FAIL lists of a Checkov folder's EXPECTED.md. */
export function expectedLabels(dir: string): Label[] {
  const labels: Label[] = [];
  let section: Outcome | undefined;
  for (const line of readFileSync(join(dir, 'EXPECTED.md'), 'utf8').split('\n')) {
    if (line.startsWith('## ')) {
      section = /^## Expected PASS/.test(line)
        ? 'clean'
        : /^## Expected FAIL/.test(line)
          ? 'flagged'
          : undefined;
      continue;
    }
    const item = /^- ([\w.-]+)(?: \((.*)\))?$/.exec(line);
    if (section && item?.[1])
      labels.push({ address: item[1], expected: section, note: item[2] ?? '' });
  }
  return labels;
}

/** The `pass:` / `fail:` lists of a graph check's expected.yaml (the upstream oracle), if any. */
export function expectedYaml(dir: string): Label[] | undefined {
  const path = join(dir, 'expected.yaml');
  if (!existsSync(path)) return undefined;
  const labels: Label[] = [];
  let section: Outcome | undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (/^\w+:/.test(line)) section = line.startsWith('fail:') ? 'flagged' : 'clean';
    const item = /^\s*- "?([\w.-]+)"?\s*$/.exec(line);
    if (section && item?.[1]) labels.push({ address: item[1], expected: section, note: '' });
  }
  return labels;
}

function declares(text: string, address: string): boolean {
  const [type, name] = address.split('.');
  return new RegExp(`^\\s*resource\\s+"${type}"\\s+"${name}"`, 'm').test(text);
}

function subdirs(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isDirectory())
    .sort();
}

export function tfFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return tfFiles(path);
      return name.endsWith('.tf') ? [path] : [];
    })
    .sort();
}

/** A fixture scanned on its own, in a directory of its own. */
export interface FixtureScan {
  readonly report: ScanReport;
  /** The scan root: a temporary directory holding the fixture and any stubs. */
  readonly root: string;
  /** The fixture's path relative to the root. */
  readonly file: string;
  /** Buckets declared by the stub file: those the fixture configures but never declares. */
  readonly stubs: readonly string[];
}

const scans = new Map<string, Promise<FixtureScan>>();

/**
 * Scans one fixture file alone with `--scope all`: folders mix positives and negatives, and
 * Checkov repeats addresses across files. Scanned once, however many cases it holds.
 */
export function scanFixture(fixture: string): Promise<FixtureScan> {
  let found = scans.get(fixture);
  if (!found) {
    found = scanAlone(fixture);
    scans.set(fixture, found);
  }
  return found;
}

const STUB_FILE = 'posture-peer-stubs.tf';

/**
 * Many fixtures configure a bucket they never declare: `bucket = aws_s3_bucket.example.id` with no
 * such resource (Terraform rejects the reference), or `bucket = "foo"` for a bucket made elsewhere.
 * Peers judge such an ACL, policy, block or IAM member on its own; Posture judges buckets, and
 * attaches these to none. So the harness declares the missing bucket in a stub file, bare (or with
 * the literal name), and the attachment's verdict can be compared. Findings located in the stub
 * file are the stub's own and are never scored.
 */
async function scanAlone(fixture: string): Promise<FixtureScan> {
  const root = tempDir('peer');
  const file = basename(fixture);
  copyFileSync(fixture, join(root, file));
  const options = { root, policy: { scope: 'all' as const }, buildConfigs: false };
  const first = await scan(options);
  const stubs = missingBuckets(first);
  if (stubs.length === 0) return { report: first, root, file, stubs: [] };
  writeFileSync(join(root, STUB_FILE), stubs.map((s) => s.block).join('\n'));
  return { report: await scan(options), root, file, stubs: stubs.map((s) => s.address) };
}

/** The bucket type of each provider, by the type prefix its attachments share (`aws_s3_bucket_acl`). */
const BUCKET_TYPES: Readonly<Record<string, string>> = {
  aws: 'aws_s3_bucket',
  google: 'google_storage_bucket',
};
const NAME_ARGUMENT: Readonly<Record<string, string>> = {
  aws_s3_bucket: 'bucket',
  google_storage_bucket: 'name',
};

/** Stub blocks for the buckets the fixture refers to, or names, without declaring them. */
function missingBuckets({ facts }: ScanReport): { address: string; block: string }[] {
  const resources = facts.inventory.resources;
  const declared = new Set(resources.map((r) => `${r.type}.${r.name}`));
  const names = new Set(facts.buckets.map((b) => b.name));
  const stubs = new Map<string, string>();
  for (const resource of resources) {
    for (const ref of resource.references) {
      const [type = '', name = ''] = ref.split(/[.[]/);
      if (NAME_ARGUMENT[type] === undefined || declared.has(`${type}.${name}`)) continue;
      stubs.set(`${type}.${name}`, `resource "${type}" "${name}" {}\n`);
    }
    const type = BUCKET_TYPES[resource.type.split('_')[0] ?? ''];
    const bucket = resource.values.bucket;
    if (resource.mode !== 'managed' || type === undefined || typeof bucket !== 'string') continue;
    if (resource.type === type) continue;
    if (names.has(bucket)) continue;
    const name = `stub_${stubs.size}`;
    names.add(bucket);
    stubs.set(
      `${type}.${name}`,
      `resource "${type}" "${name}" {\n  ${NAME_ARGUMENT[type]} = ${JSON.stringify(bucket)}\n}\n`,
    );
  }
  return [...stubs].map(([address, block]) => ({ address, block }));
}

/** Posture's verdict on one peer case. */
export interface Verdict {
  readonly got: Outcome;
  /** The counted findings on the case's subject, which decide it. */
  readonly findings: readonly Finding[];
  /** KICS positives: whether one of them starts on the line KICS blames. */
  readonly sameLine?: boolean;
}

export function judge(peer: PeerCase, mapping: Mapping, { report, file }: FixtureScan): Verdict {
  const counted = report.result.findings.filter(
    (f) => mapping.rules.includes(f.ruleId) && (mapping.counts?.(f) ?? true),
  );
  const findings = onSubject(peer, mapping, counted, blocksOf(report, file), file);
  const got = findings.length > 0 ? 'flagged' : 'clean';
  if (peer.line === undefined) return { got, findings };
  return { got, findings, sameLine: findings.some((f) => f.location.start.line === peer.line) };
}

/**
 * The counted findings about what the peer labelled. Checkov: the resource, by the check's blame.
 * KICS positive: the block holding the blamed line, where the finding lies or which it is about
 * (KICS, like Posture, blames the bucket for its split website configuration). KICS negative: the
 * whole file, stubs left out.
 */
function onSubject(
  peer: PeerCase,
  { blame }: Mapping,
  counted: readonly Finding[],
  blocks: readonly Block[],
  file: string,
): Finding[] {
  const { address, line } = peer;
  if (address !== undefined) {
    if (blame === 'bucket') return counted.filter((f) => f.address === address);
    const own = blocks.filter((b) => b.address.replace(/\[[^\]]*\]$/, '') === address);
    if (own.length === 0) throw new Error(`${peer.id}: the scan has no such resource`);
    return counted.filter((f) => own.some((b) => within(f.location, b.range)));
  }
  if (line !== undefined) {
    const [block] = blocks
      .filter((b) => b.range.start.line <= line && line <= b.range.end.line)
      .sort((a, b) => span(a.range) - span(b.range));
    if (!block) throw new Error(`${peer.id}: no block holds line ${line}`);
    return counted.filter((f) => within(f.location, block.range) || f.address === block.address);
  }
  return counted.filter((f) => f.location.file === file);
}

interface Block {
  readonly address: string;
  readonly range: Range;
}

/** The top-level blocks a fixture declares: resources, data sources and module calls. */
function blocksOf({ facts }: ScanReport, file: string): Block[] {
  const { resources, moduleCalls } = facts.inventory;
  return [...resources, ...moduleCalls]
    .map((item) => ({ address: item.address, range: item.ranges[''] }))
    .filter((b): b is Block => b.range?.file === file);
}

function within(inner: Range, outer: Range): boolean {
  return (
    inner.file === outer.file &&
    inner.start.offset >= outer.start.offset &&
    inner.end.offset <= outer.end.offset
  );
}

function span(range: Range): number {
  return range.end.offset - range.start.offset;
}
