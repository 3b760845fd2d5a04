import { resolve } from 'node:path';
import { mapStrings, ownEntry, redactText, setOwn } from '@posture/model';
import type {
  ArtifactObservation,
  Bucket,
  Diagnostic,
  Facts,
  Finding,
  Rule,
  RuleMeta,
  ScannedFile,
  ScanResult,
  StorageLink,
} from '@posture/model';
import { runRules, worstFirst } from './engine.js';
import type { Directive } from './policy/directives.js';
import {
  applyExceptions,
  checkExceptions,
  sharedExceptions,
  unmatchedPolicyExceptions,
  unusedExceptions,
} from './policy/exceptions.js';
import { loadPolicyFile, type LoadedPolicy } from './policy/load.js';
import { DEFAULT_POLICY, ruleSetting, type Policy } from './policy/policy.js';
import { VERSION } from './version.js';

/** What the repository gate and the artifact gate share: the policy, its exceptions, the verdict. */
export interface PolicyInForce {
  readonly policy: Policy;
  readonly file?: LoadedPolicy;
  readonly knownRules: ReadonlySet<string>;
}

/** The policy file (a bad one throws `PolicyError`), overridden by `policy`, over the defaults. */
export function policyInForce(
  options: { readonly policyFile?: string | LoadedPolicy; readonly policy?: Partial<Policy> },
  knownRules: ReadonlySet<string>,
): PolicyInForce {
  const given = options.policyFile || undefined;
  const file = typeof given === 'string' ? loadPolicyFile(resolve(given), knownRules) : given;
  const policy = { ...DEFAULT_POLICY, ...file?.policy, ...options.policy };
  // A rule's settings merge: `--skip-rule` turns a rule off and keeps the file's severity for it.
  const rules = { ...DEFAULT_POLICY.rules, ...file?.policy.rules };
  for (const [id, setting] of Object.entries(options.policy?.rules ?? {}))
    setOwn(rules, id, { ...ownEntry(rules, id), ...setting });
  return { policy: { ...policy, rules }, file, knownRules };
}

export interface JudgeInput {
  readonly root: string;
  readonly inForce: PolicyInForce;
  readonly facts: Facts;
  readonly rules: readonly Rule[];
  readonly directives: readonly Directive[];
  readonly linkTargets?: ReadonlyMap<StorageLink, Bucket>;
  readonly artifacts?: readonly ArtifactObservation[];
  /** YYYY-MM-DD against which exceptions and signed URLs expire; today (UTC) by default. */
  readonly today?: string;
  /**
   * The rules whose policy file exceptions this run judges, noting those that cover no finding:
   * all its findings of them are in it. None for a repository scan, which may be of part of what
   * the policy governs.
   */
  readonly judgesPolicyExceptions?: (rule: string) => boolean;
}

/**
 * Runs the rules over the facts and applies the exceptions in force. Invalid and expired
 * exceptions join the diagnostics, which the rules turn into findings of their own; so do inline
 * exceptions that cover no finding, known only once the rules have run, through the diagnostic
 * rules alone.
 */
export function judge(input: JudgeInput): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const { root, inForce, facts } = input;
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  const exceptions = checkExceptions({
    root,
    inventory: facts.inventory,
    directives: input.directives,
    policyExceptions: inForce.policy.exceptions,
    knownRules: inForce.knownRules,
    today,
  });
  const diagnostics = [...facts.inventory.diagnostics, ...exceptions.diagnostics];
  const findings = runRules({
    facts: { ...facts, today, inventory: { ...facts.inventory, diagnostics } },
    rules: input.rules,
    policy: inForce.policy,
    linkTargets: input.linkTargets ?? new Map(),
    artifacts: input.artifacts,
  });
  const used = applyExceptions(findings, exceptions.active);
  const ran = (rule: string) => ruleSetting(inForce.policy, rule)?.enabled !== false;
  const unused = [
    ...sharedExceptions(exceptions.active, used),
    ...unusedExceptions(exceptions.active, used, ran),
  ];
  const judged = input.judgesPolicyExceptions;
  const unmatched = judged
    ? unmatchedPolicyExceptions(exceptions.active, used, (rule) => ran(rule) && judged(rule))
    : [];
  const reported = runRules({
    facts: { ...facts, today, inventory: { ...facts.inventory, diagnostics: unused } },
    rules: input.rules.filter((rule) => rule.kind === 'diagnostic'),
    policy: inForce.policy,
    linkTargets: new Map(),
  });
  return {
    findings: [...findings, ...reported].sort(worstFirst),
    diagnostics: [...diagnostics, ...unused, ...unmatched],
  };
}

export interface ResultParts {
  readonly root: string;
  readonly baseDir: string;
  readonly startTime: string;
  readonly commandLine?: readonly string[];
  readonly inForce: PolicyInForce;
  readonly rules: readonly Rule[];
  readonly findings: readonly Finding[];
  readonly files: readonly ScannedFile[];
  readonly diagnostics: readonly Diagnostic[];
  readonly executionSuccessful: boolean;
  readonly summary: ScanResult['summary'];
}

/**
 * A range's `file`, a path of the repository, which reports must name as it is: masked, the
 * workflow `npm_releases.yml` (an npm token's shape) became `REDACTED.yml`, a file no one has, and
 * its SARIF alert pointed at no file of the repository. A path is no credential found in a file's
 * content, and the list of files scanned names every one anyway. So is the archive a finding's
 * `artifact` property names, which is compared with its `file` (`atArchive`).
 */
const REPOSITORY_PATHS: ReadonlySet<string> = new Set(['file', 'artifact']);

/**
 * The result every reporter formats, with every credential in its findings, diagnostics, policy
 * and command line masked (`redactText`): a token in a URL's path, in a parser's quote of a stray
 * line or in an exception's reason reaches no report, baseline or evidence file, whichever writes
 * it. Fingerprints are made from this masked result; only the text of a finding's line, which they
 * read from the file, goes into their hash as written, as it does into GitHub's own line hash.
 */
export function scanResult(parts: ResultParts): ScanResult {
  const { file, policy } = parts.inForce;
  return {
    tool: { name: 'posture', version: VERSION },
    root: parts.root,
    baseDir: parts.baseDir,
    findings: mapStrings(parts.findings, redactText, REPOSITORY_PATHS),
    rules: parts.rules.map(({ meta }) => atRunSeverity(meta, policy)),
    files: parts.files,
    diagnostics: mapStrings(parts.diagnostics, redactText, REPOSITORY_PATHS),
    policy: mapStrings({ path: file?.path, sha256: file?.sha256, owner: policy.owner }, redactText),
    invocation: {
      startTime: parts.startTime,
      endTime: new Date().toISOString(),
      commandLine: mapStrings(parts.commandLine, redactText),
      executionSuccessful: parts.executionSuccessful,
    },
    summary: parts.summary,
  };
}

/**
 * A rule's metadata at the severity it runs at: the policy's, when it sets one, as the engine grades
 * every finding of the rule then. A report that names a rule's severity (SARIF's descriptor, whose
 * plain id only findings at that severity keep) then agrees with what the team chose, so tuning a
 * rule's severity does not move its findings under another rule id.
 */
function atRunSeverity(meta: RuleMeta, policy: Policy): RuleMeta {
  const severity = ruleSetting(policy, meta.id)?.severity;
  return severity === undefined ? meta : { ...meta, severity };
}
