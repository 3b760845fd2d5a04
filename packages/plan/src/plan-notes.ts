import type { Diagnostic, Range } from '@posture/model';
import type { PlanDocument } from './plan-json.js';
import { pathRanges, type PlanSource } from './ranges.js';

/**
 * What the user should know about a plan that scans but says less than a whole plan: a `-target`
 * plan (`"complete": false`, Terraform 1.9 and later) takes the resources it leaves out from the
 * prior state, whose values may differ from what the .tf lines they map to now write.
 */
export function planNotes(document: PlanDocument, source: Omit<PlanSource, 'spans'>): Diagnostic[] {
  if (document.complete !== false) return [];
  const range = pathRanges(source, [['complete']])[0] as Range;
  const message =
    `${source.file} is a partial plan ("complete": false, as \`terraform plan -target\` makes): ` +
    'the resources it leaves out are read from its prior state, whose values may not be what ' +
    'their .tf lines write now; plan without -target to scan the whole configuration';
  return [{ severity: 'info', code: 'plan-partial', message, range }];
}
