import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGithubProfile, toSarif } from '@posture/report';
import { sarifSchemaErrors } from '../packages/report/test/support/sarif-schema.js';
import { PEER_ROOT, scanFixture, tfFiles } from './support/peer-cases.js';

/**
 * The peer fixtures are odd Terraform (invalid literals, undeclared references, duplicate blocks,
 * registry modules that are not installed): every scan of one must still give a SARIF log that
 * the OASIS schema accepts and that GitHub code scanning would take.
 */
const present = existsSync(PEER_ROOT);
const fixtures = present
  ? [...tfFiles(join(PEER_ROOT, 'kics')), ...tfFiles(join(PEER_ROOT, 'checkov'))]
  : [];

describe.skipIf(!present)(
  present ? 'SARIF of every peer fixture' : `SARIF of peer fixtures: ${PEER_ROOT} is absent`,
  () => {
    it('finds the fixtures', () => {
      expect(fixtures.length).toBeGreaterThan(100);
    });

    for (const fixture of fixtures) {
      it(relative(PEER_ROOT, fixture), async () => {
        const { report, root } = await scanFixture(fixture);
        const log = toSarif(report.result);
        expect(sarifSchemaErrors(log)).toEqual([]);
        expect(checkGithubProfile(log, { srcRoot: root })).toEqual([]);
      });
    }
  },
);
