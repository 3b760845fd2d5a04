import type { Finding, RelatedLocation, Suppression } from '@posture/model';
import type * as Sarif from 'sarif';
import { compact } from '../compact.js';
import type { FindingFingerprints } from './fingerprint.js';
import { POSTURE_FINDING_HASH } from './fingerprint.js';
import type { Locator } from './locations.js';
import type { RuleDescriptors } from './rule-descriptors.js';
import { sarifLevel } from './rules.js';
import { plural } from '../wording.js';

/**
 * GitHub rejects a result with more than 1,000 locations and shows 100 of them ("SARIF results
 * exceed one or more limits"). A link used 2,000 times in one file is one finding with a related
 * location for each use again: its first ones are kept, and the message says how many were not.
 */
export const MAX_RELATED_LOCATIONS = 100;

export interface ResultContext {
  readonly locator: Locator;
  /** The run's `tool.driver.rules`. */
  readonly rules: RuleDescriptors;
  /** Fingerprints of the baseline compared with, if any. */
  readonly baseline?: ReadonlySet<string>;
}

export function toResult(
  finding: Finding,
  fingerprints: FindingFingerprints,
  context: ResultContext,
): Sarif.Result {
  const { locator } = context;
  const lineHash = fingerprints.primaryLocationLineHash;
  const shown = keptRelated(finding);
  return compact({
    ...context.rules.reference(finding),
    level: sarifLevel(finding.severity),
    message: { text: messageText(finding) },
    locations: [primaryLocation(finding, locator)],
    relatedLocations:
      shown.length === 0 ? undefined : shown.map((r, i) => related(r, i + 1, locator)),
    partialFingerprints: lineHash === undefined ? undefined : { primaryLocationLineHash: lineHash },
    fingerprints: { [POSTURE_FINDING_HASH]: fingerprints.postureFindingHash },
    // SARIF 2.1.0 §3.27.23: a run's results all carry an array or none do; `[]` says "not suppressed".
    suppressions: finding.suppression ? [suppression(finding.suppression, locator)] : [],
    // §3.27.24: on every result of the run once on one. No "absent" results for baseline entries
    // gone: GitHub ignores baselineState and would open an alert for each.
    baselineState:
      context.baseline &&
      (context.baseline.has(fingerprints.postureFindingHash) ? 'unchanged' : 'new'),
    // The engine's evidence first: the address and severity we report are authoritative.
    properties: compact({
      ...finding.properties,
      address: finding.address,
      severity: finding.severity,
    }),
  });
}

function primaryLocation(finding: Finding, locator: Locator): Sarif.Location {
  return compact({
    physicalLocation: locator.primary(finding),
    logicalLocations:
      finding.address === undefined
        ? undefined
        : [{ fullyQualifiedName: finding.address, kind: 'resource' }],
  });
}

function related(location: RelatedLocation, id: number, locator: Locator): Sarif.Location {
  return {
    id,
    physicalLocation: locator.physical(location.range),
    message: { text: location.label },
  };
}

/**
 * The finding's message, whose first sentence GitHub shows as the alert title, followed by links to
 * the related locations kept that it does not already link (`[label](id)`), so GitHub renders
 * them, and by how many were left out.
 */
export function messageText(finding: Finding): string {
  const message = finding.message.trim();
  const kept = keptRelated(finding);
  const links = kept
    .map((location, i) => ({ label: location.label, id: i + 1 }))
    .filter(({ id }) => !message.includes(`](${id})`))
    .map(({ label, id }) => `[${escapeLinkText(label)}](${id})`);
  const sentences: string[] = [];
  if (links.length > 0) sentences.push(`Related: ${links.join(', ')}.`);
  const left = finding.related.length - kept.length;
  if (left > 0) {
    const more = plural(left, 'more related location');
    sentences.push(
      `${more} left out (GitHub shows ${MAX_RELATED_LOCATIONS}); the JSON report lists them.`,
    );
  }
  if (sentences.length === 0) return message;
  // Close the last sentence first, or what follows would become part of the title.
  const closed = /[.!?]$/.test(message) ? message : `${message}.`;
  return [closed, ...sentences].join(' ');
}

function keptRelated(finding: Finding): readonly RelatedLocation[] {
  return finding.related.slice(0, MAX_RELATED_LOCATIONS);
}

/** SARIF message links use Markdown syntax: brackets in the link text must be escaped. */
function escapeLinkText(label: string): string {
  return label.replace(/[[\]\\]/g, (char) => `\\${char}`);
}

/**
 * Suppressed and baselined findings stay in the log with an accepted suppression, as Checkov and
 * Semgrep keep skipped and `nosemgrep` results (Trivy drops ignored ones): a result missing from an
 * upload is how code scanning closes an alert as fixed, and an accepted finding is not fixed.
 * GitHub does not act on `suppressions` itself (it is not among the properties of "SARIF support
 * for code scanning"; github/codeql-action#1230: "not been prioritized"), so the alert stays open
 * until advanced-security/dismiss-alerts dismisses it as "won't fix", which it does for every
 * result with a non-empty `suppressions`, whatever the status: hence only `accepted` ones here.
 * The reason the user wrote is the justification; nothing of the finding's evidence goes in it.
 */
const SUPPRESSION_KIND: Record<Suppression['kind'], Sarif.Suppression.kind> = {
  inline: 'inSource',
  policy: 'external',
  baseline: 'external',
};

function suppression(source: Suppression, locator: Locator): Sarif.Suppression {
  return compact({
    kind: SUPPRESSION_KIND[source.kind],
    status: 'accepted' as const,
    justification: source.reason === '' ? undefined : source.reason,
    location: source.range && { physicalLocation: locator.physical(source.range) },
    properties: compact({
      postureKind: source.kind,
      approvedBy: source.approvedBy,
      expires: source.expires,
    }),
  });
}
