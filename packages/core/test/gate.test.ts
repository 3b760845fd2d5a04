import { describe, expect, it } from 'vitest';
import type { Finding, Severity, Suppression } from '@posture/model';
import { gateExitCode } from '../src/gate.js';

const AT = { line: 1, column: 1, offset: 0 };

function finding(ruleId: string, severity: Severity, suppression?: Suppression): Finding {
  const location = { file: 'main.tf', start: AT, end: AT };
  return { ruleId, severity, message: 'x', location, related: [], suppression };
}

const POLICY: Suppression = { kind: 'policy', reason: 'known broken' };

describe('the gate', () => {
  it.each<[string, Finding[], Severity | 'none', 0 | 1]>([
    ['nothing', [], 'info', 0],
    ['a finding below the threshold', [finding('s3-website', 'high')], 'critical', 0],
    ['a finding at the threshold', [finding('s3-website', 'high')], 'high', 1],
    ['a suppressed finding', [finding('s3-website', 'high', POLICY)], 'high', 0],
    ['unreadable input below the threshold', [finding('input-unreadable', 'high')], 'critical', 1],
    ['unreadable input graded low by the policy', [finding('input-unreadable', 'low')], 'high', 1],
    ['an artifact not read to the end', [finding('artifact-unreadable', 'high')], 'critical', 1],
    [
      'unreadable input in a run that only reports',
      [finding('input-unreadable', 'high')],
      'none',
      0,
    ],
    [
      'unreadable input a policy exception waives',
      [finding('input-unreadable', 'high', POLICY)],
      'critical',
      0,
    ],
  ])('%s', (_what, findings, failOn, code) => {
    expect(gateExitCode(findings, failOn)).toBe(code);
  });
});
