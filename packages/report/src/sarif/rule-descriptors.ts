import type { Finding, RuleMeta, Severity } from '@posture/model';
import type { ReportingDescriptor } from 'sarif';
import { compareText } from '../order.js';
import { ruleDescriptor, sarifRuleId } from './rules.js';

/** What a result says of its rule: the descriptor's id, and its index when there is one. */
export interface RuleReference {
  readonly ruleId: string;
  readonly ruleIndex?: number;
}

interface Graded {
  readonly meta: RuleMeta;
  readonly severity: Severity;
}

/**
 * The run's rules, one descriptor per rule and severity its results have. Posture grades each
 * finding (a public ACL that `BucketOwnerEnforced` neutralises is low, a release step's public
 * upload critical), but GitHub documents `security-severity` on the rule's descriptor only ("SARIF
 * support for code scanning" lists none on a result), so one descriptor per rule would show, and
 * fail the pull request's check on, the rule's severity rather than the finding's (Fortify's
 * exporter met the same: fortify/FortifyVulnerabilityExporter#72, where GitHub staff said a
 * result's own is read too, which no documentation says). Each rule keeps its own id at its own
 * severity, which is the policy's when it sets one (`ScanResult.rules`), so most alerts keep theirs
 * and tuning a rule keeps all of them; findings at another refer to a descriptor
 * `<rule>/<severity>` of their own.
 */
export class RuleDescriptors {
  /** Every rule that ran, sorted by id, then the other severities: a rule's index does not move. */
  readonly descriptors: ReportingDescriptor[];
  private readonly metas: ReadonlyMap<string, RuleMeta>;
  private readonly indexes: ReadonlyMap<string, number>;

  /** `findings` are those the run emits: a severity none of them has gets no descriptor. */
  constructor(rules: readonly RuleMeta[], findings: readonly Finding[]) {
    const metas = new Map<string, RuleMeta>();
    for (const rule of rules) if (!metas.has(rule.id)) metas.set(rule.id, rule);
    const regraded = new Map<string, Graded>();
    for (const { ruleId, severity } of findings) {
      const meta = metas.get(ruleId);
      if (meta && severity !== meta.severity)
        regraded.set(sarifRuleId(meta, severity), { meta, severity });
    }
    const graded: Graded[] = [
      ...[...metas.values()]
        .sort((a, b) => compareText(a.id, b.id))
        .map((meta) => ({ meta, severity: meta.severity })),
      ...[...regraded].sort(([a], [b]) => compareText(a, b)).map(([, entry]) => entry),
    ];
    this.metas = metas;
    this.descriptors = graded.map(({ meta, severity }) => ruleDescriptor(meta, severity));
    this.indexes = new Map(this.descriptors.map((descriptor, index) => [descriptor.id, index]));
  }

  /** A finding whose rule has no metadata keeps its rule id, without an index. */
  reference(finding: Finding): RuleReference {
    const meta = this.metas.get(finding.ruleId);
    const ruleId = meta ? sarifRuleId(meta, finding.severity) : finding.ruleId;
    return { ruleId, ruleIndex: this.indexes.get(ruleId) };
  }
}
