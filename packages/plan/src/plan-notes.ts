import type { Diagnostic, Range } from '@posture/model';
import type { Mask, PlanDocument } from './plan-json.js';
import { pathRanges, type PlanSource } from './ranges.js';

type Text = Omit<PlanSource, 'spans'>;

/** What the user should know about a plan that scans but says less than a whole plan. */
export function planNotes(
  document: PlanDocument,
  kind: 'plan' | 'state',
  text: Text,
): Diagnostic[] {
  if (kind === 'state') return [];
  return [...partial(document, text), ...unconfigured(document, text)];
}

/**
 * A `-target` plan (`"complete": false`, Terraform 1.9 and later) takes the resources it leaves
 * out from the prior state, whose values may differ from what the .tf lines they map to now write.
 */
function partial(document: PlanDocument, text: Text): Diagnostic[] {
  if (document.complete !== false) return [];
  const message =
    `${text.file} is a partial plan ("complete": false, as \`terraform plan -target\` makes): ` +
    'the resources it leaves out are read from its prior state, whose values may not be what ' +
    'their .tf lines write now; plan without -target to scan the whole configuration';
  return [{ severity: 'info', code: 'plan-partial', message, range: at(text, 'complete') }];
}

/**
 * Only the configuration says which resource a value known after apply comes from (a policy's
 * `bucket = aws_s3_bucket.b.id`): a plan stripped of it leaves every such value unknown, and its
 * buckets not provably private, with nothing else saying why.
 */
function unconfigured(document: PlanDocument, text: Text): Diagnostic[] {
  if (document.configuration !== undefined) return [];
  const unknown = (document.resource_changes ?? []).some((c) => marks(c.change.after_unknown));
  if (!unknown) return [];
  const message =
    `${text.file} records no configuration (no "configuration" section), so the references ` +
    'between its resources cannot be followed: values known only after apply stay unknown and ' +
    'their buckets are not provably private; scan `terraform show -json <planfile>` output unedited';
  return [{ severity: 'warning', code: 'plan-no-configuration', message, range: at(text) }];
}

function marks(mask: Mask | undefined): boolean {
  if (mask === undefined || typeof mask === 'boolean') return mask === true;
  return Object.values(mask).some(marks);
}

function at(text: Text, ...path: string[]): Range {
  return pathRanges(text, [path])[0] as Range;
}
