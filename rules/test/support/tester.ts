// Table-driven rule tests in the manner of ESLint's RuleTester: `valid` cases report nothing,
// `invalid` cases report exactly the findings listed (severity, file and line), in order.
import { describe, expect, it } from 'vitest';
import type {
  ArtifactObservation,
  ArtifactRule,
  Bucket,
  BucketRule,
  Diagnostic,
  DiagnosticRule,
  FindingDraft,
  LinkRule,
  Rule,
  Severity,
  StorageLink,
} from '@posture/model';
import { facts } from './facts.js';

export type Subject<R extends Rule> = R extends LinkRule
  ? { link: StorageLink; bucket?: Bucket; otherLinks?: readonly StorageLink[] }
  : R extends DiagnosticRule
    ? Diagnostic
    : R extends ArtifactRule
      ? ArtifactObservation
      : Bucket;

export interface Expected {
  readonly severity: Severity;
  readonly line: number;
  /** Defaults to `main.tf`, where the fact builders put buckets. */
  readonly file?: string;
  readonly message?: RegExp;
}

export interface ValidCase<R extends Rule> {
  readonly name: string;
  readonly subject: Subject<R>;
}

export interface InvalidCase<R extends Rule> extends ValidCase<R> {
  readonly findings: readonly Expected[];
}

/** A finding as the engine would make it: the draft with the rule's severity filled in. */
export interface Reported extends FindingDraft {
  readonly severity: Severity;
}

/** Runs a rule the way the engine does: bucket rules only on their services. */
export function run<R extends Rule>(rule: R, subject: Subject<R>): Reported[] {
  return drafts(rule, subject).map((draft) => ({
    ...draft,
    severity: draft.severity ?? rule.meta.severity,
  }));
}

function drafts(rule: Rule, subject: unknown): FindingDraft[] {
  switch (rule.kind) {
    case 'link': {
      const { link, bucket, otherLinks = [] } = subject as Subject<LinkRule>;
      return rule.check(link, bucket, facts([link, ...otherLinks]));
    }
    case 'diagnostic':
      return rule.check(subject as Diagnostic, facts());
    case 'artifact':
      return rule.check(subject as ArtifactObservation, facts());
    case 'bucket': {
      const bucket = subject as Bucket;
      const services: readonly string[] = rule.services;
      return services.includes(bucket.service) ? (rule as BucketRule).check(bucket, facts()) : [];
    }
  }
}

export function testRule<R extends Rule>(
  rule: R,
  cases: { valid: readonly ValidCase<R>[]; invalid: readonly InvalidCase<R>[] },
): void {
  describe(rule.meta.id, () => {
    if (cases.valid.length > 0) {
      it.each(cases.valid)('valid: $name', ({ subject }) => {
        expect(run(rule, subject)).toEqual([]);
      });
    }
    it.each(cases.invalid)('invalid: $name', ({ subject, findings }) => {
      const reported = run(rule, subject);
      expect(reported.map(summary)).toEqual(
        findings.map((f) => ({ severity: f.severity, file: f.file ?? 'main.tf', line: f.line })),
      );
      reported.forEach((finding, i) => {
        expectWellFormed(rule, subject, finding);
        const pattern = findings[i]?.message;
        if (pattern) expect(finding.message).toMatch(pattern);
      });
    });
  });
}

function summary(finding: Reported) {
  return {
    severity: finding.severity,
    file: finding.location.file,
    line: finding.location.start.line,
  };
}

/** What every finding of every rule must look like. */
function expectWellFormed(rule: Rule, subject: unknown, finding: Reported): void {
  expect(finding.message).toMatch(/^\S.*\.$/s);
  if (rule.kind !== 'bucket') return;
  const bucket = subject as Bucket;
  expect(finding.message.startsWith(bucket.release.length > 0 ? 'Release bucket' : 'Bucket')).toBe(
    true,
  );
  expect(finding.related?.[0]).toEqual({ label: 'bucket', range: bucket.range });
}
