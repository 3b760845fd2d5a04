import { gcsEndpoints } from '../endpoints.js';
import {
  asArray,
  asBoolean,
  asString,
  isObject,
  isUnknown,
  type Attr,
  type EffectiveTag,
  type GcsBucket,
  type GcsIam,
  type GcsMember,
  type ModuleCall,
  type Source,
  type Unknown,
  type Value,
} from '@posture/model';
import { boolAttr, joinParts, knownParts, rangeAt, stringAttr, valueAt } from '../attrs.js';
import type { AdapterContext } from '../context.js';
import { nameParts } from '../bucket-base.js';
import { membersMayBePublic } from '../gcs-members.js';
import { preventionPolicy } from '../gcs-org-policy.js';
import { inputTags } from '../tags.js';
import {
  defaulted,
  GOOGLE_DEFAULT_LABELS,
  mapEntry,
  moduleBase,
  type ModuleBucket,
  unresolvedInput,
  withProviderDefaults,
  within,
} from './inputs.js';

/** The roles the root module binds, by the `set_<kind>_roles` switch and `<kind>s` member lists. */
const ROLE_KINDS: Readonly<Record<string, string>> = {
  admin: 'roles/storage.objectAdmin',
  creator: 'roles/storage.objectCreator',
  viewer: 'roles/storage.objectViewer',
  hmac_key_admin: 'roles/storage.hmacKeyAdmin',
  storage_admin: 'roles/storage.admin',
};

/**
 * `terraform-google-modules/cloud-storage/google`: one bucket per entry of `names`, addressed as
 * in a plan, `<call>.google_storage_bucket.buckets["<name>"]`, so that every bucket of a call has
 * its own stable address. An entry that is not known gets `buckets[?<index>]`.
 */
export function cloudStorageModule(
  ctx: AdapterContext,
  call: ModuleCall,
): ModuleBucket<GcsBucket>[] {
  const names = valueAt(call.values, 'names');
  const entries = isUnknown(names) ? [names] : asArray(names);
  // `for_each = toset(var.names)`: a repeated name is one bucket, at each of its positions.
  return entries.flatMap((entry, i) => {
    const short = asString(entry);
    const positions =
      short === undefined ? [i] : entries.flatMap((e, j) => (asString(e) === short ? [j] : []));
    if (positions[0] !== i) return [];
    const namePath = `names.${i}`;
    const bucket = rootBucket(ctx, call, { entry, index: i, namePath });
    return [{ bucket, namePath, outputs: rootOutputs(call, short, positions) }];
  });
}

/**
 * The outputs that name the bucket of an entry of `names` at `positions` (`outputs.tf`): `names`
 * and `buckets_map` by the entry, `names_list` and `buckets` by each position (the module lists a
 * bucket once per entry), `name` and `bucket` the first bucket.
 */
function rootOutputs(
  call: ModuleCall,
  short: string | undefined,
  positions: readonly number[],
): string[] {
  const output = (name: string) => `${call.address}.${name}`;
  const byEntry =
    short === undefined
      ? []
      : [...entry(output('names'), short), ...entry(output('buckets_map'), short).flatMap(nameOf)];
  const byPosition = positions.flatMap((i) => [
    output(`names_list[${i}]`),
    ...nameOf(output(`buckets[${i}]`)),
  ]);
  const first = positions.includes(0) ? [output('name'), ...nameOf(output('bucket'))] : [];
  return [...byEntry, ...byPosition, ...first];
}

/** An entry of a map output, as `names["releases"]` or `names.releases` reads it. */
function entry(output: string, key: string): string[] {
  return [`${output}[${JSON.stringify(key)}]`, `${output}.${key}`];
}

/** An output that holds the bucket resource names it by `name`, or by `id`, which is the name. */
function nameOf(output: string): string[] {
  return [`${output}.name`, `${output}.id`];
}

/** The bucket of the entry of `names` at `index`, written at `namePath`. */
function rootBucket(
  ctx: AdapterContext,
  call: ModuleCall,
  { entry, index, namePath }: { entry: Value; index: number; namePath: string },
): GcsBucket {
  const short = asString(entry);
  const address = within(call, `google_storage_bucket.buckets[${forEachKey(short, index)}]`);
  const parts = rootName(call, entry);
  const name = whole(parts);
  const label = whole(rootName(call, entry, false));
  return {
    ...moduleBase(ctx, call, {
      address,
      name,
      namePath,
      ...(name === undefined && { nameParts: parts }),
    }),
    endpoints: name ? gcsEndpoints(name) : [],
    service: 'gcs',
    tags: withProviderDefaults(ctx, call, rootLabels(call, label, namePath), GOOGLE_DEFAULT_LABELS),
    publicAccessPrevention: publicAccessPrevention(call),
    organizationPrevention: preventionPolicy(ctx, valueAt(call.values, 'project_id')),
    // Uniform access is on unless `bucket_policy_only` turns it off for this (lower-cased) name.
    uniformBucketLevelAccess: mapEntry(
      boolAttr,
      call,
      'bucket_policy_only',
      short?.toLowerCase(),
      true,
    ),
    iam: Object.entries(ROLE_KINDS).flatMap(([kind, role]) =>
      roleBinding(call, kind, role, short, index),
    ),
    acls: [],
    website: website(call, address),
    unresolved: unresolvedInput(call, 'website', 'the bucket may host a website'),
  };
}

function forEachKey(short: string | undefined, index: number): string {
  return short === undefined ? `?${index}` : JSON.stringify(short);
}

/**
 * The module's `"${local.prefix}${lower(each.value)}${local.suffix}"` as its known text and unknown
 * gaps (`null`), where a prefix brings the lower-cased location with it: `acme-us-releases`.
 */
function rootName(call: ModuleCall, entry: Value, suffixed = true): (string | null)[] {
  const suffix = suffixed ? suffixParts(call) : [];
  return joinParts([...prefixParts(call), ...lowered(entry), ...suffix]);
}

/** `join("-", [var.prefix, lower(var.location), ""])`, or nothing for an empty prefix. */
function prefixParts(call: ModuleCall): (string | null)[] {
  const prefix = valueAt(call.values, 'prefix') ?? '';
  if (prefix === '') return [];
  const parts = knownParts(prefix);
  // A prefix with no known text may be "", which drops the location with it.
  if (!parts?.some((part) => part !== null && part !== '')) return [null];
  return [...parts, '-', ...lowered(valueAt(call.values, 'location')), '-'];
}

/** `randomize_suffix` appends `-<random hex>`, unknown before apply. */
function suffixParts(call: ModuleCall): (string | null)[] {
  const randomize = valueAt(call.values, 'randomize_suffix');
  if (randomize === undefined || randomize === null) return [];
  const on = asBoolean(randomize);
  if (on === undefined) return [null];
  return on ? ['-', null] : [];
}

function lowered(value: Value | undefined): (string | null)[] {
  return (knownParts(value) ?? [null]).map((part) => part?.toLowerCase() ?? null);
}

/** The name that parts make, when none is unknown. */
function whole(parts: readonly (string | null)[]): string | undefined {
  return parts.every((part) => part !== null) ? parts.join('') : undefined;
}

/**
 * `merge(var.labels, { name = … })`: the module's own `name` label, the name without its suffix,
 * replaces the caller's.
 */
function rootLabels(
  call: ModuleCall,
  unsuffixed: string | undefined,
  namePath: string,
): EffectiveTag[] {
  const labels = inputTags(call, 'labels').filter((label) => label.key !== 'name');
  const value = unsuffixed?.replaceAll('.', '-');
  if (value === undefined) return labels;
  return [...labels, { key: 'name', value, from: 'resource', range: rangeAt(call, namePath) }];
}

/**
 * The binding the module makes for one role when its switch is on: the members of `<kind>s` for
 * every bucket plus the comma-separated ones of `bucket_<kind>s` for this one. An unknown switch
 * counts as on, so that the members it would grant are seen.
 */
function roleBinding(
  call: ModuleCall,
  kind: string,
  role: string,
  short: string | undefined,
  index: number,
): GcsIam[] {
  const on = defaulted(boolAttr, call, `set_${kind}_roles`, false);
  if (on.value === false || on.value === undefined) return [];
  const shared = listMembers(call, `${kind}s`, role);
  const own = bucketMembers(call, `bucket_${kind}s`, short, role);
  const resource = `google_storage_bucket_iam_binding.${kind}s[${forEachKey(short, index)}]`;
  return [
    {
      address: within(call, resource),
      range: on.range,
      members: [...shared.members, ...own.members],
      unknown: shared.unknown || own.unknown,
    },
  ];
}

interface Members {
  readonly members: GcsMember[];
  readonly unknown: boolean;
}

function listMembers(call: ModuleCall, path: string, role: string): Members {
  const raw = valueAt(call.values, path);
  const members = asArray(raw).flatMap((m, i) => {
    const member = asString(m);
    return member ? [{ member, role, range: rangeAt(call, `${path}.${i}`) }] : [];
  });
  return { members, unknown: membersMayBePublic(raw) };
}

function bucketMembers(
  call: ModuleCall,
  path: string,
  short: string | undefined,
  role: string,
): Members {
  const entry = mapEntry(stringAttr, call, path, short, '');
  const { known, unknown } = commaSeparated(entry.value ?? '');
  const members = known.map((member) => ({ member, role, range: entry.range }));
  return { members, unknown };
}

/**
 * The members of the module's `compact(split(",", …))`. Of a text with unknown parts, the members
 * written whole between commas are known; any other could be several, public ones included, as
 * an unknown part may hold commas.
 */
function commaSeparated(text: string | Unknown): { known: string[]; unknown: boolean } {
  const known: string[] = [];
  let member: (string | Unknown)[] = [];
  const close = () => {
    if (member.every((part) => typeof part === 'string')) known.push(member.join(''));
    member = [];
  };
  for (const piece of isUnknown(text) ? (text.pieces ?? [text]) : [text]) {
    if (typeof piece !== 'string') {
      member.push(piece);
      continue;
    }
    piece.split(',').forEach((part, i) => {
      if (i > 0) close();
      member.push(part);
    });
  }
  close();
  return { known: known.filter((m) => m !== ''), unknown: isUnknown(text) };
}

/**
 * `terraform-google-modules/cloud-storage/google//modules/simple_bucket`: one bucket, addressed by
 * the call, with one `google_storage_bucket_iam_member` per entry of `iam_members`, a list of
 * `{ role, member }` objects (`variables.tf`).
 */
export function simpleBucketModule(
  ctx: AdapterContext,
  call: ModuleCall,
): ModuleBucket<GcsBucket>[] {
  const name = asString(valueAt(call.values, 'name'));
  const bucket: GcsBucket = {
    ...moduleBase(ctx, call, {
      address: call.address,
      name,
      namePath: 'name',
      nameParts: nameParts(valueAt(call.values, 'name')),
    }),
    endpoints: name ? gcsEndpoints(name) : [],
    service: 'gcs',
    tags: withProviderDefaults(ctx, call, inputTags(call, 'labels'), GOOGLE_DEFAULT_LABELS),
    publicAccessPrevention: publicAccessPrevention(call),
    organizationPrevention: preventionPolicy(ctx, valueAt(call.values, 'project_id')),
    uniformBucketLevelAccess: defaulted(boolAttr, call, 'bucket_policy_only', true),
    iam: iamMembers(call),
    acls: [],
    website: website(call, within(call, 'google_storage_bucket.bucket')),
    unresolved: unresolvedInput(call, 'website', 'the bucket may host a website'),
  };
  // `name` and `bucket`, the bucket resource (`outputs.tf`).
  const outputs = [`${call.address}.name`, ...nameOf(`${call.address}.bucket`)];
  return [{ bucket, namePath: 'name', outputs }];
}

function iamMembers(call: ModuleCall): GcsIam[] {
  const raw = valueAt(call.values, 'iam_members');
  const address = within(call, 'google_storage_bucket_iam_member.members');
  if (isUnknown(raw)) {
    return [{ address, range: rangeAt(call, 'iam_members'), members: [], unknown: true }];
  }
  return asArray(raw).map((entry, i) => {
    const path = `iam_members.${i}`;
    const fields = isObject(entry) ? entry : {};
    // An entry not known before apply could hold any member.
    const given = isUnknown(entry) ? entry : fields.member;
    const member = asString(given);
    const role = asString(fields.role);
    const members =
      member === undefined ? [] : [{ member, role, range: rangeAt(call, `${path}.member`) }];
    // The module keys its for_each by `"${m.role} ${m.member}"`, not by position.
    const key = role === undefined || member === undefined ? undefined : `${role} ${member}`;
    return {
      address: `${address}[${forEachKey(key, i)}]`,
      range: rangeAt(call, path),
      members,
      unknown: membersMayBePublic(given),
    };
  });
}

/**
 * Both modules default `public_access_prevention` to "inherited", as the provider does: the bucket
 * is then protected only if an organisation policy on its project (`project_id`) says so.
 */
function publicAccessPrevention(call: ModuleCall): Attr<string> {
  return defaulted(stringAttr, call, 'public_access_prevention', 'inherited');
}

/** Both modules create a `website` block only when one of its two fields is set. */
function website(call: ModuleCall, bucketAddress: string): Source | undefined {
  const site = valueAt(call.values, 'website');
  if (!isObject(site)) return undefined;
  const set = (key: string) => site[key] !== undefined && site[key] !== null;
  if (!set('main_page_suffix') && !set('not_found_page')) return undefined;
  return { address: bucketAddress, range: rangeAt(call, 'website') };
}
