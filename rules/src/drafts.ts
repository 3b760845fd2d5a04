import { accessOf, compareRanges, isUnknown, severityRank } from '@posture/model';
import type {
  Attr,
  Bucket,
  FindingDraft,
  RelatedLocation,
  Severity,
  StorageLink,
} from '@posture/model';
import { accessSeverity } from './exposure/access.js';
import type { Exposure, Neutraliser } from './exposure/types.js';
import {
  bucketSubject,
  conjoined,
  notProvablyPrivate,
  sentences,
  undecidedAdvice,
  unknownValue,
} from './messages.js';

/**
 * Related locations of a bucket finding: the bucket block, the controls involved, then the module
 * calls that lead to the bucket. A range already listed is left out.
 */
export function relatedTo(
  bucket: Bucket,
  controls: readonly (RelatedLocation | undefined)[] = [],
): RelatedLocation[] {
  const all: (RelatedLocation | undefined)[] = [
    { label: 'bucket', range: bucket.range },
    ...controls,
    ...bucket.moduleCalls.map((call) => ({ label: 'module call', range: call.range })),
  ];
  return all.filter(
    (item, index): item is RelatedLocation =>
      item !== undefined &&
      all.findIndex((other) => other && compareRanges(other.range, item.range) === 0) === index,
  );
}

/** Related locations of a link finding: the bucket it resolves to, if any, and the given controls. */
export function linkRelated(
  bucket: Bucket | undefined,
  controls: readonly (RelatedLocation | undefined)[] = [],
): RelatedLocation[] {
  if (bucket) return relatedTo(bucket, controls);
  return controls.filter((item): item is RelatedLocation => item !== undefined);
}

/**
 * A build command that a control of the bucket's Terraform refuses, or leaves without effect: low,
 * as a neutralised path in Terraform is, with the control as a related location.
 */
export function blockedLinkDraft(
  link: StorageLink,
  bucket: Bucket | undefined,
  guard: Neutraliser,
  text: { readonly subject: string; readonly outcome: string; readonly remedy: string },
): FindingDraft {
  return {
    location: link.range,
    related: linkRelated(bucket, [guard.location]),
    severity: 'low',
    message: sentences(
      text.subject,
      `It is blocked by ${guard.what}; while that holds, ${text.outcome}`,
      text.remedy,
    ),
  };
}

/** How an exposure rule words its alerts. */
export interface ExposureText {
  /** Completes the title of an open path: `is open to anyone through its bucket policy`. */
  readonly exposed: string;
  /** Completes the title of a neutralised path: `has a public bucket policy`. */
  readonly neutralised: string;
  /** The fix, in one sentence. */
  readonly remedy: string;
  /**
   * The rule's severity, for a rule whose exposures say what they let everyone do: one that opens
   * less than the bucket's data is rated lower (`accessSeverity`).
   */
  readonly severity?: Severity;
}

/** A medium "not provably private" finding: a value that decides exposure is unknown before apply. */
export function undecidedDraft(
  bucket: Bucket,
  reason: string,
  at: Pick<FindingDraft, 'location' | 'related' | 'resources'>,
  advice = undecidedAdvice(bucket),
): FindingDraft {
  const message = sentences(notProvablyPrivate(bucket, reason), advice);
  return { ...at, severity: 'medium', message };
}

/**
 * One exposure as a finding: the rule's severity when open (lower for one that opens less than the
 * bucket's data), low when another control neutralises it, medium ("not provably private") when a
 * value is unknown, or lower if the path would be rated lower open. An unknown path that a control
 * neutralises anyway is provably private and not reported.
 */
function exposureDraft(
  bucket: Bucket,
  exposure: Exposure,
  text: ExposureText,
  resources: readonly string[] | undefined,
): FindingDraft[] {
  const { neutralisedBy, undecided, access } = exposure;
  const related = relatedTo(bucket, [exposure.control, neutralisedBy?.location]);
  const base = { location: exposure.range, related, ...(resources && { resources }) };
  const rated = text.severity && access && accessSeverity(text.severity, access);
  if (undecided !== undefined) {
    if (neutralisedBy) return [];
    const draft = undecidedDraft(bucket, undecided, base, exposure.decidedBy);
    const lower = rated && severityRank(rated) < severityRank(draft.severity!);
    return [lower ? { ...draft, severity: rated } : draft];
  }
  const subject = bucketSubject(bucket);
  const within = exposure.within === undefined ? '' : ` ${exposure.within}`;
  if (neutralisedBy) {
    const title = `${subject} ${text.neutralised}${within}, neutralised by ${neutralisedBy.what}`;
    return [{ ...base, severity: 'low', message: sentences(title, exposure.cause, text.remedy) }];
  }
  return [
    {
      ...base,
      ...(rated && { severity: rated }),
      message: sentences(`${subject} ${text.exposed}${within}`, exposure.cause, text.remedy),
    },
  ];
}

/**
 * Reports a list of exposures with the same wording: those that one place opens, decided or not,
 * as one finding. The instances of a block with `for_each` or `count` (the objects one
 * `aws_s3_object` uploads, the members one IAM block grants) are one line to fix, as a link used
 * on several lines is one finding; a finding's identity (rule, bucket, file and line) stays that of
 * the first, so a baseline of them keeps it.
 */
export function exposureDrafts(
  bucket: Bucket,
  exposures: readonly Exposure[],
  text: ExposureText,
): FindingDraft[] {
  const places: Exposure[][] = [];
  for (const exposure of exposures) {
    const place = places.find(
      ([other]) =>
        compareRanges(other!.range, exposure.range) === 0 &&
        (other!.undecided === undefined) === (exposure.undecided === undefined),
    );
    if (place) place.push(exposure);
    else places.push([exposure]);
  }
  return places.flatMap((place) =>
    exposureDraft(bucket, atOnePlace(place), text, openers(bucket, place)),
  );
}

/**
 * The resources that open the exposures of one place, besides the bucket itself (an ACL written on
 * it): a finding names them, so an exception above one of them covers it.
 */
function openers(bucket: Bucket, place: readonly Exposure[]): readonly string[] | undefined {
  const addresses = [...new Set(place.map((e) => e.address))].filter((a) => a !== bucket.address);
  return addresses.length > 0 ? addresses : undefined;
}

/**
 * Exposures at one place as one: what the first says and which other instances do the same, or what
 * each says when they differ (a legacy grant of READ and READ_ACP); what they allow together.
 */
function atOnePlace(place: readonly Exposure[]): Exposure {
  const [first] = place as [Exposure, ...Exposure[]];
  if (place.length === 1) return first;
  const { access: _first, ...common } = first;
  const allowed = place.map((exposure) => exposure.access);
  // One whose access is not known may allow anything, and so may they all.
  const access = allowed.includes(undefined) ? undefined : accessOf(allowed);
  const undecided = first.undecided !== undefined && together(place, (e) => e.undecided ?? '');
  return {
    ...common,
    cause: together(place, (e) => e.cause),
    ...(undecided && { undecided }),
    ...(access && { access }),
  };
}

/** The most instances a finding names; the rest are counted. */
const NAMED_INSTANCES = 5;

function together(place: readonly Exposure[], say: (exposure: Exposure) => string): string {
  const [first] = place as [Exposure, ...Exposure[]];
  const unnamed = (exposure: Exposure) => say(exposure).replaceAll(exposure.address, '');
  if (place.some((exposure) => unnamed(exposure) !== unnamed(first))) {
    return [...new Set(place.map(say))].join('; ');
  }
  const others = [...new Set(place.map((exposure) => exposure.address))].slice(1);
  if (others.length === 0) return say(first);
  const named =
    others.length > NAMED_INSTANCES
      ? [...others.slice(0, NAMED_INSTANCES - 1), `${others.length - NAMED_INSTANCES + 1} more`]
      : others;
  return `${say(first)}; ${conjoined(named)} ${others.length === 1 ? 'does' : 'do'} the same`;
}

/** A bucket setting that must hold a safe value: uniform access on, ACLs disabled… */
export interface SettingCheck<T> {
  readonly attr: Attr<T>;
  /** The argument and where it is, for the unknown case: `object_ownership on aws_s3_bucket_ownership_controls.x`. */
  readonly name: string;
  readonly safe: (value: T | undefined) => boolean;
  /** Completes the alert title: `does not use uniform bucket-level access`. */
  readonly problem: string;
  /** What the written (or omitted) value means; `neutralised` when `neutralisedBy` holds. */
  readonly explain: (value: T | undefined, neutralised: boolean) => string;
  readonly remedy: string;
  readonly controls?: readonly RelatedLocation[];
  /** Another control that keeps the unsafe value from exposing anything public. */
  readonly neutralisedBy?: Neutraliser;
}

/**
 * One finding at the setting when its value is unsafe (low when another control neutralises it),
 * or a medium "not provably private" one when the value is unknown before apply and nothing
 * neutralises it.
 */
export function settingDraft<T>(bucket: Bucket, check: SettingCheck<T>): FindingDraft[] {
  const { value, range } = check.attr;
  if (!isUnknown(value) && check.safe(value)) return [];
  const { neutralisedBy } = check;
  const related = relatedTo(bucket, [...(check.controls ?? []), neutralisedBy?.location]);
  const base = { location: range, related };
  if (isUnknown(value))
    return neutralisedBy ? [] : [undecidedDraft(bucket, unknownValue(check.name, value), base)];
  const title = `${bucketSubject(bucket)} ${check.problem}`;
  if (neutralisedBy) {
    const message = sentences(
      `${title}, neutralised by ${neutralisedBy.what}`,
      check.explain(value, true),
      check.remedy,
    );
    return [{ ...base, severity: 'low', message }];
  }
  return [{ ...base, message: sentences(title, check.explain(value, false), check.remedy) }];
}
