import type { Diagnostic, Finding, ListDirectory, ScanResult, ScannedFile } from '@posture/model';
import type { Artifact, Log, Notification, Run } from 'sarif';
import { compact } from '../compact.js';
import { sortFindings } from '../order.js';
import { RepoPaths, reportedPolicy } from '../paths.js';
import { fingerprintAll, type FindingFingerprints } from './fingerprint.js';
import { toInvocation } from './invocation.js';
import { Locator } from './locations.js';
import { toResult } from './results.js';
import { RuleDescriptors } from './rule-descriptors.js';
import { INFORMATION_URI } from './rules.js';
import { withReferencedArtifacts } from './referenced-artifacts.js';
import {
  fittedLog,
  GITHUB_MAX_UPLOAD_BYTES,
  type SarifReport,
  type Slimming,
} from './upload-size.js';
import { artifactUri, SRCROOT, srcRootUri } from './uris.js';

export interface SarifOptions {
  /** Analysis category; written as `automationDetails.id` `<category>/`. Omit it to let the upload choose. */
  readonly category?: string;
  /**
   * Keep suppressed findings, with an accepted `suppressions` entry (the default). Left out, code
   * scanning closes their alerts as fixed.
   */
  readonly includeSuppressed?: boolean;
  /**
   * `postureFindingHash/v2` values of the findings a baseline accepts: every result gets
   * `baselineState`, `unchanged` for those and `new` for the rest.
   */
  readonly baseline?: ReadonlySet<string>;
  /** GitHub rejects a run with more than 25,000 results. */
  readonly maxResults?: number;
  /**
   * GitHub rejects a log larger than 10 MB gzipped: unreferenced artifacts, then diagnostics beyond
   * the first 500, then results, least severe first, are left out to fit.
   */
  readonly maxUploadBytes?: number;
  /**
   * The scan's directory listings (`ScanReport.listDirectory`): mapping every scanned file's path
   * then lists no directory again.
   */
  readonly listDirectory?: ListDirectory;
}

/** The tool name is part of GitHub's analysis key: changing it strands every existing alert. */
export const TOOL_NAME = 'Posture';
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const GITHUB_MAX_RESULTS = 25_000;

/** A SARIF 2.1.0 log with one run, shaped for GitHub code scanning. */
export function toSarif(result: ScanResult, options: SarifOptions = {}): Log {
  return toSarifReport(result, options).log;
}

/** The SARIF log, with the text it is written as, which was measured against the upload limit. */
export function toSarifReport(result: ScanResult, options: SarifOptions = {}): SarifReport {
  const paths = new RepoPaths(result.root, result.baseDir, options.listDirectory);
  const scanned = scannedByUri(result.files, paths);
  const locator = new Locator(paths, [...scanned.keys()]);

  // GitHub keeps the first 5,000 results and a cap must drop the least severe: sort here. Accepted
  // findings come after the rest, so a cap cuts them first: their alerts would close as fixed, but a
  // new finding cut would never open one.
  const ordered = fingerprintAll(sortFindings(result.findings), paths);
  const active = ordered.filter(({ finding }) => finding.suppression === undefined);
  const suppressed = ordered.filter(({ finding }) => finding.suppression !== undefined);
  const emitted = options.includeSuppressed === false ? active : [...active, ...suppressed];
  const maxResults = Math.max(0, options.maxResults ?? GITHUB_MAX_RESULTS);
  const parts: LogParts = {
    result,
    options,
    locator,
    emitted,
    artifacts: [...scanned].map(([uri, file]) => toArtifact(uri, file)),
  };
  const maxBytes = options.maxUploadBytes ?? GITHUB_MAX_UPLOAD_BYTES;
  return fittedLog(
    Math.min(maxResults, emitted.length),
    (count, slim) => logOf(parts, count, slim),
    maxBytes,
  );
}

/** What every log of a run is made of, whichever number of its results it keeps. */
interface LogParts {
  readonly result: ScanResult;
  readonly options: SarifOptions;
  readonly locator: Locator;
  /** The results that may be emitted, most important first. */
  readonly emitted: readonly { finding: Finding; fingerprints: FindingFingerprints }[];
  readonly artifacts: readonly Artifact[];
}

/** Diagnostic notifications a slimmed log keeps, errors first. */
const MAX_NOTIFICATIONS = 500;

/** The log of the first `count` results of `emitted`, with a notice when that is not all. */
function logOf(parts: LogParts, count: number, slim: Slimming): Log {
  const { result, options, locator, emitted } = parts;
  const kept = emitted.slice(0, count);
  const diagnostics = slim >= 2 ? mostSevere(result.diagnostics) : result.diagnostics;
  const notices = [
    ...(count < emitted.length ? [truncationNotice(count, emitted.length)] : []),
    ...(diagnostics.length < result.diagnostics.length
      ? [notificationsNotice(diagnostics.length, result.diagnostics.length)]
      : []),
  ];
  const rules = new RuleDescriptors(
    result.rules,
    kept.map(({ finding }) => finding),
  );
  const run: Run = compact({
    tool: {
      driver: {
        name: TOOL_NAME,
        semanticVersion: result.tool.version,
        informationUri: INFORMATION_URI,
        rules: rules.descriptors,
      },
    },
    automationDetails: automationDetails(options.category),
    originalUriBaseIds: { [SRCROOT]: { uri: srcRootUri(result.baseDir) } },
    columnKind: 'utf16CodeUnits' as const,
    artifacts: [...parts.artifacts],
    invocations: [toInvocation({ ...result, diagnostics }, locator, notices)],
    results: kept.map(({ finding, fingerprints }) =>
      toResult(finding, fingerprints, { locator, rules, baseline: options.baseline }),
    ),
    properties: result.policy && {
      policy: compact({ ...reportedPolicy(result.policy, result.baseDir, result.baseDir) }),
    },
  });
  const fitted = slim >= 1 ? withReferencedArtifacts(run) : run;
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [fitted] };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function mostSevere(diagnostics: readonly Diagnostic[]): readonly Diagnostic[] {
  if (diagnostics.length <= MAX_NOTIFICATIONS) return diagnostics;
  return [...diagnostics]
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
    .slice(0, MAX_NOTIFICATIONS);
}

/** Scanned files by artifact URI; files that map to one URI (through symlinks) appear once. */
function scannedByUri(files: readonly ScannedFile[], paths: RepoPaths): Map<string, ScannedFile> {
  const byUri = new Map<string, ScannedFile>();
  for (const file of files) {
    const uri = artifactUri(paths.of(file.path));
    if (!byUri.has(uri)) byUri.set(uri, file);
  }
  return byUri;
}

function toArtifact(uri: string, file: ScannedFile): Artifact {
  return {
    location: { uri, uriBaseId: SRCROOT },
    length: file.bytes,
    hashes: { 'sha-256': file.sha256 },
  };
}

/** GitHub reads everything before the last `/` as the category, so the id must end with one. */
function automationDetails(category: string | undefined): Run['automationDetails'] {
  const trimmed = category?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;
  return { id: trimmed.endsWith('/') ? trimmed : `${trimmed}/` };
}

const RESULTS_TRUNCATED = 'results-truncated';
const NOTIFICATIONS_TRUNCATED = 'notifications-truncated';

/**
 * What a log says it left out to fit GitHub's limits (results, diagnostics), or undefined when it
 * keeps them all.
 */
export function truncationOf(log: Log): string | undefined {
  const notifications = log.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? [];
  const cuts = notifications.filter(({ descriptor }) =>
    [RESULTS_TRUNCATED, NOTIFICATIONS_TRUNCATED].includes(descriptor?.id ?? ''),
  );
  return cuts.length === 0 ? undefined : cuts.map(({ message }) => message.text).join(' ');
}

function notificationsNotice(kept: number, total: number): Notification {
  return {
    descriptor: { id: NOTIFICATIONS_TRUNCATED },
    level: 'warning',
    message: {
      text: `Only ${kept} of ${total} scan diagnostics are included, errors first; the rest were left out to stay within the upload limit. The JSON report has them all.`,
    },
  };
}

function truncationNotice(kept: number, total: number): Notification {
  const which = kept === 1 ? 'the most severe' : `the ${kept} most severe`;
  return {
    descriptor: { id: RESULTS_TRUNCATED },
    level: 'warning',
    message: {
      text: `Only ${which} of ${total} results ${kept === 1 ? 'is' : 'are'} included, unsuppressed findings before suppressed ones; the rest were left out to stay within the upload limit.`,
    },
  };
}
