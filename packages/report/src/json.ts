import path from 'node:path';
import type {
  Diagnostic,
  DiagnosticSeverity,
  Finding,
  ScanResult,
  ScannedFile,
  Severity,
  TerraformRead,
} from '@posture/model';
import { sortFindings } from './order.js';
import { inParts } from './parts.js';
import { reportedPolicy } from './paths.js';
import { activeFindings, countBySeverity, filesScanned, suppressedFindings } from './summary.js';

export const JSON_SCHEMA_VERSION = 'posture/v1';

/**
 * Posture's own report format, `posture/v1`, described by `schema/posture-report-v1.schema.json`.
 * A new field may appear within a version; removing or changing one makes a new `schemaVersion`.
 * Paths are relative to `root`, `/`-separated; positions are 1-based with an exclusive end.
 */
export interface PostureReportV1 {
  readonly schemaVersion: typeof JSON_SCHEMA_VERSION;
  readonly tool: ScanResult['tool'];
  readonly root: string;
  readonly summary: ReportSummary;
  readonly policy: NonNullable<ScanResult['policy']> | null;
  /** `posture artifact` only: the Terraform its storage links were judged against. */
  readonly terraform?: {
    /** Relative to `root` (`.` for it); null when none was read. */
    readonly root: string | null;
    readonly chosen: NonNullable<ScanResult['terraform']>['chosen'];
  } & TerraformRead;
  readonly invocation: ScanResult['invocation'];
  /** Every finding, worst first; suppressed ones carry `suppression` and are not counted as findings. */
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly files: readonly ScannedFile[];
  /** Ids of the rules that ran. */
  readonly rules: readonly string[];
}

export interface ReportSummary {
  /** Findings that are not suppressed. */
  readonly findings: number;
  readonly suppressed: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly buckets: number;
  readonly releaseBuckets: number;
  readonly links: number;
  readonly filesScanned: number;
  readonly diagnostics: Readonly<Record<DiagnosticSeverity, number>>;
}

export function toJsonReport(result: ScanResult): PostureReportV1 {
  const active = activeFindings(result);
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: result.tool,
    root: result.root,
    summary: {
      findings: active.length,
      suppressed: suppressedFindings(result).length,
      bySeverity: countBySeverity(active),
      buckets: result.summary.buckets,
      releaseBuckets: result.summary.releaseBuckets,
      links: result.summary.links,
      filesScanned: filesScanned(result),
      diagnostics: countDiagnostics(result.diagnostics),
    },
    policy: result.policy ? reportedPolicy(result.policy, result.root, result.baseDir) : null,
    ...(result.terraform && { terraform: reportedTerraform(result.terraform, result.root) }),
    invocation: result.invocation,
    findings: sortFindings(result.findings),
    diagnostics: result.diagnostics,
    files: result.files,
    rules: [...new Set(result.rules.map((rule) => rule.id))],
  };
}

/** The `posture/v1` JSON report, pretty-printed, with a final newline. */
export function toJson(result: ScanResult): string {
  return [...jsonParts(result)].join('');
}

/** The findings' member in the report written with none: only a top-level key has this indent. */
const NO_FINDINGS = '\n  "findings": []';

/**
 * `toJson`'s text in parts of a thousand findings at most (`inParts`), to be written as they come: a
 * plan of 60,000 public buckets has a 250 MB report, which as one string was copied whole to
 * append its newline and again to encode it for the write. Each part is the findings' array as a
 * document holding only it is written (`{ "findings": [ … ] }`, with the same indent), without its
 * first and last lines, so the parts join to the bytes of the whole report.
 */
export function* jsonParts(result: ScanResult): Generator<string> {
  const report = toJsonReport(result);
  const frame = JSON.stringify({ ...report, findings: [] }, null, 2);
  const { findings } = report;
  if (findings.length === 0) {
    yield `${frame}\n`;
    return;
  }
  const close = frame.indexOf(NO_FINDINGS) + NO_FINDINGS.length - 1;
  yield `${frame.slice(0, close)}\n`;
  for (const { part, last } of inParts(findings)) {
    const text = JSON.stringify({ findings: part }, null, 2);
    const elements = text.slice('{\n  "findings": [\n'.length, -'\n  ]\n}'.length);
    yield `${elements}${last ? '' : ','}\n`;
  }
  yield `  ${frame.slice(close)}\n`;
}

function reportedTerraform(
  { root, ...read }: NonNullable<ScanResult['terraform']>,
  from: string,
): NonNullable<PostureReportV1['terraform']> {
  if (root === undefined) return { root: null, ...read };
  return { root: path.relative(from, root).split(path.sep).join('/') || '.', ...read };
}

function countDiagnostics(diagnostics: readonly Diagnostic[]): Record<DiagnosticSeverity, number> {
  const counts: Record<DiagnosticSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of diagnostics) counts[diagnostic.severity]++;
  return counts;
}
