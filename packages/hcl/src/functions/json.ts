/** JSON as Terraform (Go) writes it, so rendered policies compare equal to plan output. */
import { isUnknown, type Value } from '@posture/model';
import { sortedEntries } from '../eval/values.js';
import { fail } from './function.js';

/** Compact, object keys sorted, `<`, `>`, `&` escaped: Terraform's `jsonencode`. */
export function goJson(value: Value): string {
  if (value === null) return 'null';
  if (isUnknown(value)) return fail('cannot encode an unknown value');
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : fail('cannot encode a non-finite number');
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  return `{${sortedEntries(value)
    .map(([key, item]) => `${quote(key)}:${goJson(item)}`)
    .join(',')}}`;
}

/** Indented by two spaces, keys in the order given: how providers render documents they build. */
export function goJsonIndented(value: Value): string {
  return escapeHtml(JSON.stringify(value, null, 2));
}

function quote(text: string): string {
  return escapeHtml(JSON.stringify(text));
}

function escapeHtml(json: string): string {
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
