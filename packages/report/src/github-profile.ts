import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type * as Sarif from 'sarif';
import { GITHUB_MAX_UPLOAD_BYTES } from './sarif/upload-size.js';

export interface GithubProfileOptions {
  /** When set, every artifact URI must name an existing file below this directory. */
  readonly srcRoot?: string;
}

export const GITHUB_LIMITS = {
  runs: 20,
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  tagsPerRule: 20,
  locationsPerResult: 1000,
  description: 1024,
  ruleName: 255,
} as const;

const PRECISIONS = new Set(['very-high', 'high', 'medium', 'low']);
const LEVELS = new Set(['none', 'note', 'warning', 'error']);

/**
 * What GitHub code scanning needs beyond the SARIF schema: the checks no JSON-schema validator
 * makes, each from a documented rejection or a silent loss of alerts (see the SARIF reference).
 * Returns one line per problem, empty when the log would upload and display cleanly.
 */
export function checkGithubProfile(log: Sarif.Log, options: GithubProfileOptions = {}): string[] {
  const problems: string[] = [];
  const report = (where: string, problem: string) => problems.push(`${where}: ${problem}`);
  if (log.version !== '2.1.0') report('log', `version is ${String(log.version)}, not 2.1.0`);
  if (!log.$schema) report('log', 'no $schema');
  if (!Array.isArray(log.runs) || log.runs.length === 0) report('log', 'no runs');
  else if (log.runs.length > GITHUB_LIMITS.runs)
    report('log', `${log.runs.length} runs (max ${GITHUB_LIMITS.runs})`);
  // Measured as upload-sarif sends it: serialised without indentation, gzipped by Node's zlib.
  const uploaded = gzipSync(JSON.stringify(log)).length;
  if (uploaded > GITHUB_MAX_UPLOAD_BYTES)
    report('log', `${uploaded} bytes gzipped (max ${GITHUB_MAX_UPLOAD_BYTES})`);
  checkDistinctRuns(log.runs ?? [], report);
  (log.runs ?? []).forEach((run, i) => checkRun(run, `runs[${i}]`, report, options));
  return problems;
}

type Report = (where: string, problem: string) => void;

function checkDistinctRuns(runs: readonly Sarif.Run[], report: Report): void {
  const seen = new Set<string>();
  runs.forEach((run, i) => {
    const { name, fullName, version, semanticVersion, guid } = run.tool?.driver ?? {};
    const key = JSON.stringify([
      name,
      fullName,
      version,
      semanticVersion,
      guid,
      run.automationDetails?.id,
    ]);
    if (seen.has(key)) report(`runs[${i}]`, 'same tool and category as an earlier run');
    seen.add(key);
  });
}

function checkRun(
  run: Sarif.Run,
  where: string,
  report: Report,
  options: GithubProfileOptions,
): void {
  const driver = run.tool?.driver;
  if (!driver?.name) report(`${where}.tool.driver`, 'no name');
  const rules = driver?.rules ?? [];
  if (rules.length > GITHUB_LIMITS.rulesPerRun)
    report(where, `${rules.length} rules (max ${GITHUB_LIMITS.rulesPerRun})`);
  rules.forEach((rule, i) => checkRule(rule, `${where}.tool.driver.rules[${i}]`, report));
  checkUnique(
    rules.map((rule) => rule.id),
    `${where}.tool.driver.rules`,
    'rule id',
    report,
  );

  const id = run.automationDetails?.id;
  if (id !== undefined && id.trim() === '') report(`${where}.automationDetails.id`, 'empty');
  if (!Array.isArray(run.results)) {
    report(where, 'no results array (an empty one is how alerts get closed)');
    return;
  }
  if (run.results.length > GITHUB_LIMITS.resultsPerRun) {
    report(where, `${run.results.length} results (max ${GITHUB_LIMITS.resultsPerRun})`);
  }
  run.results.forEach((result, i) =>
    checkResult(result, rules, `${where}.results[${i}]`, report, options),
  );
  (run.artifacts ?? []).forEach((artifact, i) =>
    checkArtifactLocation(artifact.location, `${where}.artifacts[${i}].location`, report, options),
  );
  (run.invocations ?? []).forEach((invocation, i) =>
    (invocation.toolExecutionNotifications ?? []).forEach((notification, j) =>
      (notification.locations ?? []).forEach((location, k) =>
        checkLocation(
          location,
          `${where}.invocations[${i}].toolExecutionNotifications[${j}].locations[${k}]`,
          report,
          options,
        ),
      ),
    ),
  );
}

function checkRule(rule: Sarif.ReportingDescriptor, where: string, report: Report): void {
  if (!rule.id) report(where, 'no id');
  if ((rule.name?.length ?? 0) > GITHUB_LIMITS.ruleName)
    report(where, `name longer than ${GITHUB_LIMITS.ruleName}`);
  checkText(rule.shortDescription?.text, `${where}.shortDescription`, report);
  checkText(rule.fullDescription?.text, `${where}.fullDescription`, report);
  if (!rule.help?.text?.trim()) report(`${where}.help`, 'no help text');
  const level = rule.defaultConfiguration?.level;
  if (level !== undefined && !LEVELS.has(level)) report(where, `default level ${level}`);

  const properties = rule.properties ?? {};
  const tags = properties.tags ?? [];
  if (tags.length > GITHUB_LIMITS.tagsPerRule)
    report(where, `${tags.length} tags (max ${GITHUB_LIMITS.tagsPerRule})`);
  checkUnique(tags, `${where}.properties.tags`, 'tag', report);
  const precision: unknown = properties.precision;
  if (precision !== undefined && !PRECISIONS.has(String(precision))) {
    report(where, `precision ${String(precision)} is not very-high/high/medium/low`);
  }
  const severity: unknown = properties['security-severity'];
  if (severity === undefined) return;
  if (!isSecuritySeverity(severity)) {
    report(
      where,
      `security-severity ${JSON.stringify(severity)} is not a numeric string in (0, 10]`,
    );
  }
  if (!tags.includes('security')) report(where, 'security-severity without the "security" tag');
}

function isSecuritySeverity(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value)) return false;
  const score = Number(value);
  return score > 0 && score <= 10;
}

function checkText(text: string | undefined, where: string, report: Report): void {
  if (!text?.trim()) report(where, 'empty');
  else if (text.length > GITHUB_LIMITS.description)
    report(where, `longer than ${GITHUB_LIMITS.description} characters`);
}

function checkResult(
  result: Sarif.Result,
  rules: readonly Sarif.ReportingDescriptor[],
  where: string,
  report: Report,
  options: GithubProfileOptions,
): void {
  checkRuleReference(result, rules, where, report);
  if (result.level !== undefined && !LEVELS.has(result.level))
    report(where, `level ${result.level}`);
  if (result.kind !== undefined && result.kind !== 'fail') {
    report(where, `kind ${result.kind} (GitHub shows every result as an alert)`);
  }
  const text = result.message?.text;
  if (!text?.trim()) report(`${where}.message`, 'no text');
  const locations = result.locations ?? [];
  const first = locations[0];
  if (first === undefined) report(where, 'no location (GitHub fails processing)');
  else if (first.physicalLocation?.region?.startLine === undefined) {
    report(`${where}.locations[0]`, 'no region.startLine (GitHub cannot fingerprint it)');
  }
  if (locations.length > GITHUB_LIMITS.locationsPerResult)
    report(where, `${locations.length} locations (max ${GITHUB_LIMITS.locationsPerResult})`);
  locations.forEach((location, i) =>
    checkLocation(location, `${where}.locations[${i}]`, report, options),
  );
  const related = result.relatedLocations ?? [];
  // The documented limit says "locations"; read it of related ones too, as a result holds few else.
  if (related.length > GITHUB_LIMITS.locationsPerResult) {
    const max = GITHUB_LIMITS.locationsPerResult;
    report(where, `${related.length} related locations (max ${max})`);
  }
  related.forEach((location, i) =>
    checkLocation(location, `${where}.relatedLocations[${i}]`, report, options),
  );
  checkMessageLinks(text ?? '', related, where, report);
  const lineHash: unknown = result.partialFingerprints?.primaryLocationLineHash;
  if (lineHash !== undefined && !/^[0-9a-f]{1,16}:[1-9]\d*$/.test(String(lineHash))) {
    report(where, `primaryLocationLineHash ${String(lineHash)} is not <hex>:<n>`);
  }
}

function checkRuleReference(
  result: Sarif.Result,
  rules: readonly Sarif.ReportingDescriptor[],
  where: string,
  report: Report,
): void {
  if (!result.ruleId) {
    report(where, 'no ruleId');
    return;
  }
  if (!rules.some((rule) => rule.id === result.ruleId)) {
    report(where, `rule ${result.ruleId} has no descriptor`);
  }
  const index = result.ruleIndex;
  if (index !== undefined && rules[index]?.id !== result.ruleId) {
    report(where, `ruleIndex ${index} does not point at ${result.ruleId}`);
  }
}

/** `[text](n)` in a message must name a related location's id, or GitHub renders a dead link. */
function checkMessageLinks(
  text: string,
  related: readonly Sarif.Location[],
  where: string,
  report: Report,
): void {
  const ids = new Set(related.map((location) => location.id));
  for (const match of text.matchAll(/(?<!\\)\]\((\d+)\)/g)) {
    if (!ids.has(Number(match[1])))
      report(`${where}.message`, `links to missing related location ${match[1]}`);
  }
}

function checkLocation(
  location: Sarif.Location,
  where: string,
  report: Report,
  options: GithubProfileOptions,
): void {
  const physical = location.physicalLocation;
  if (physical === undefined) return;
  checkArtifactLocation(
    physical.artifactLocation,
    `${where}.physicalLocation.artifactLocation`,
    report,
    options,
  );
  const region = physical.region;
  if (region === undefined) return;
  const { startLine, startColumn, endLine, endColumn } = region;
  if (startLine === undefined) return;
  const lastLine = endLine ?? startLine;
  if (lastLine < startLine)
    report(`${where}.region`, `endLine ${lastLine} < startLine ${startLine}`);
  if (
    lastLine === startLine &&
    startColumn !== undefined &&
    endColumn !== undefined &&
    endColumn < startColumn
  ) {
    report(`${where}.region`, `endColumn ${endColumn} < startColumn ${startColumn}`);
  }
}

/**
 * GitHub maps alerts by repository-relative path: an absolute URI, another scheme, `..`, a
 * backslash or an unencoded character either fails the upload or leaves the alert without a file.
 */
function checkArtifactLocation(
  location: Sarif.ArtifactLocation | undefined,
  where: string,
  report: Report,
  options: GithubProfileOptions,
): void {
  const uri = location?.uri;
  if (uri === undefined) {
    if (location?.index === undefined) report(where, 'no uri');
    return;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) report(where, `${uri} is absolute or not a file path`);
  else if (uri.startsWith('/')) report(where, `${uri} is an absolute path`);
  else if (uri === '' || uri.split('/').some((segment) => segment === '..' || segment === '.')) {
    report(where, `${uri} is not a normalised repository path`);
  }
  if (!/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/.test(uri)) {
    report(where, `${uri} has characters that must be percent-encoded`);
  }
  if (options.srcRoot !== undefined) checkExists(uri, options.srcRoot, where, report);
}

function checkExists(uri: string, srcRoot: string, where: string, report: Report): void {
  let file: string;
  try {
    file = path.join(srcRoot, decodeURIComponent(uri));
  } catch {
    report(where, `${uri} is not valid percent-encoding`);
    return;
  }
  // A directory is named with a trailing `/` (a shipped folder, as a related location).
  const directory = uri.endsWith('/');
  if (!existsSync(file) || statSync(file).isDirectory() !== directory)
    report(where, `${uri} is not a ${directory ? 'directory' : 'file'} in the repository`);
}

function checkUnique(
  values: readonly (string | undefined)[],
  where: string,
  what: string,
  report: Report,
): void {
  const seen = new Set<string | undefined>();
  for (const value of values) {
    if (seen.has(value)) report(where, `duplicate ${what} ${String(value)}`);
    seen.add(value);
  }
}
