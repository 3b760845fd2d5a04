import type { RuleMeta, Severity } from '@posture/model';
import type { ReportingDescriptor } from 'sarif';
import { fencedBlock } from '../markdown-syntax.js';
import { truncate } from '../wording.js';

type Level = 'error' | 'warning' | 'note';

const LEVELS: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub's bands: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. Values sit inside
 * their band, away from the edges. Informational findings get none: GitHub has no band for them and
 * would show any score as "low"; without one their results are shown by level ("note").
 */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: undefined,
};

/** GitHub keeps 10 tags per rule and rejects more than 20. */
const MAX_TAGS = 10;
/** GitHub's limit for short and full descriptions. */
const MAX_DESCRIPTION = 1024;
const MAX_NAME = 255;

export const INFORMATION_URI = 'https://github.com/posture-dev/posture';

export function sarifLevel(severity: Severity): Level {
  return LEVELS[severity];
}

export function helpUri(ruleId: string): string {
  return `${INFORMATION_URI}/blob/main/rules/docs/${encodeURIComponent(ruleId)}.md`;
}

/** A built-in rule's page in rules/docs; a user rule's own link, or none: Posture has no page for it. */
function ruleHelpUri(meta: RuleMeta): { helpUri?: string } {
  if (meta.user === undefined) return { helpUri: helpUri(meta.id) };
  return meta.user.helpUri === undefined ? {} : { helpUri: meta.user.helpUri };
}

/**
 * The id of the descriptor for a rule's findings at `severity`: the rule's own at its own severity,
 * `<rule>/<severity>` at another, a rule id with a component that narrows it (SARIF §3.27.5).
 */
export function sarifRuleId(meta: RuleMeta, severity: Severity): string {
  return severity === meta.severity ? meta.id : `${meta.id}/${severity}`;
}

/** The descriptor of a rule's findings at `severity`: the rule's metadata, graded at that severity. */
export function ruleDescriptor(meta: RuleMeta, severity: Severity): ReportingDescriptor {
  const securitySeverity = SECURITY_SEVERITY[severity];
  return {
    id: sarifRuleId(meta, severity),
    name: truncate(pascalCase(meta.id), MAX_NAME),
    shortDescription: { text: truncate(meta.title, MAX_DESCRIPTION) },
    fullDescription: { text: truncate(meta.why, MAX_DESCRIPTION) },
    help: { text: helpText(meta), markdown: helpMarkdown(meta) },
    ...ruleHelpUri(meta),
    defaultConfiguration: { level: sarifLevel(severity) },
    properties: {
      tags: ruleTags(meta),
      precision: meta.precision,
      ...(securitySeverity === undefined ? {} : { 'security-severity': securitySeverity }),
      cwe: [...meta.cwe],
    },
  };
}

/** `s3-public-policy` → `S3PublicPolicy`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** `security` first (GitHub treats security-severity as such only with it), then CWE tags. */
function ruleTags(meta: RuleMeta): string[] {
  const cweTags = meta.cwe.flatMap((cwe) => {
    const number = /\d+/.exec(cwe)?.[0];
    return number === undefined ? [] : [`external/cwe/cwe-${number}`];
  });
  return [...new Set(['security', ...meta.tags, ...cweTags])].slice(0, MAX_TAGS);
}

interface HelpSection {
  readonly heading: string;
  readonly body: string;
}

function helpSections(meta: RuleMeta): HelpSection[] {
  return [
    { heading: 'How to fix', body: meta.fix },
    { heading: 'Flagged', body: fencedBlock(meta.bad.code, meta.bad.language) },
    { heading: 'Passes', body: fencedBlock(meta.good.code, meta.good.language) },
  ];
}

function helpMarkdown(meta: RuleMeta): string {
  const sections = helpSections(meta).map(({ heading, body }) => `## ${heading}\n\n${body}`);
  return [meta.why, ...sections].join('\n\n');
}

function helpText(meta: RuleMeta): string {
  const sections = helpSections(meta).map(({ heading, body }) => `${heading}:\n${body}`);
  return [meta.why, ...sections].join('\n\n');
}
