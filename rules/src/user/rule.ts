import { severityRank } from '@posture/model';
import type {
  Bucket,
  BucketRule,
  FindingDraft,
  LinkRule,
  Range,
  RuleMeta,
  Severity,
  StorageLink,
} from '@posture/model';
import { linkRelated, relatedTo } from '../drafts.js';
import type { UserRuleSpec } from './load.js';
import { compileMatch, rangeAt, renderTemplate } from './match.js';
import type { BadPattern, CompiledMatch } from './match.js';

/**
 * Turns a validated user rule into a rule the engine runs like a built-in one. Bucket rules see
 * the bucket's facts; link rules see the link's, with `target` the Terraform bucket it resolves to.
 * The rule must not be used when `errors` is not empty.
 */
export function userRule(spec: UserRuleSpec): {
  rule: BucketRule | LinkRule;
  errors: readonly BadPattern[];
} {
  const { test, errors } = compileMatch(spec.match.when, ['match', 'when']);
  return { rule: buildRule(spec, test), errors };
}

function buildRule(spec: UserRuleSpec, test: CompiledMatch['test']): BucketRule | LinkRule {
  const meta = ruleMeta(spec);
  const report = (facts: object, fallback: Range, related: FindingDraft['related']) => {
    const outcome = test(facts);
    if (outcome.truth === false) return [];
    const draft: FindingDraft = {
      message: renderTemplate(spec.message, facts),
      location:
        (spec.location === undefined ? undefined : rangeAt(facts, spec.location)) ?? fallback,
      related,
    };
    return [outcome.truth === true ? draft : undecided(draft, meta.severity, outcome.undecided)];
  };
  const services = spec.match.services;
  if (spec.match.kind === 'link') {
    return {
      kind: 'link',
      meta,
      check(link: StorageLink, bucket: Bucket | undefined) {
        if (services && !services.includes(link.service)) return [];
        return report({ ...link, target: bucket }, link.range, linkRelated(bucket));
      },
    };
  }
  return {
    kind: 'bucket',
    meta,
    services: (services ?? []).filter((service) => service !== 'unknown'),
    check(bucket: Bucket) {
      return report(bucket, bucket.range, relatedTo(bucket));
    },
  };
}

function ruleMeta(spec: UserRuleSpec): RuleMeta {
  const { id, title, severity, why, fix, bad, good, tags, cwe, precision, helpUri } = spec;
  const user = helpUri === undefined ? {} : { helpUri };
  return { id, title, severity, why, fix, bad, good, tags, cwe, precision, user };
}

/**
 * A condition on a value unknown before apply is neither met nor failed: reported at medium at
 * most, saying which facts were undecided, never passed in silence.
 */
function undecided(
  draft: FindingDraft,
  severity: Severity,
  paths: readonly string[],
): FindingDraft {
  const capped = severityRank(severity) > severityRank('medium') ? 'medium' : severity;
  return {
    ...draft,
    severity: capped,
    message: `${draft.message} Not decided: ${paths.join(', ')} ${paths.length === 1 ? 'is' : 'are'} not known before apply.`,
  };
}
