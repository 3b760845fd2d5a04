/**
 * A bucket field of a configuration in code that the code computes (`bucket: BUCKET` after `const
 * BUCKET = 'acme-releases'`, `process.env.S3_BUCKET || 'acme-releases'`): read as js-values.ts
 * reads names, it names each string the code may make it, at the field; when it may be none of the
 * file's strings (`process.env.AWS_S3_BUCKET` alone), it is a placeholder, which names no bucket
 * but keeps a public upload, public whatever the bucket is. Neither is ever read through a name
 * that says it holds a credential, nor one made of such a name (`const B = SECRET`).
 */
import { looksSecret, type LinkUsage } from '@posture/model';
import type { RawRef } from '../find-refs.js';
import { valueAt, type Path, type StructuredDoc } from '../structured/doc.js';
import { jsTokens, type Token } from '../structured/js-literals.js';
import { readJsValues, type JsValues } from '../structured/js-values.js';
import { URI_FORM, type Service } from '../url-patterns.js';
import { valueRef } from './analysis.js';

/** A configuration's text, with what its names may be, read once and only when a field needs it. */
export interface Code {
  readonly text: string;
  values(): JsValues;
}

/** `tokens`, where the caller has read them already (`jsTokens`), are not read again. */
export function codeOf(text: string, tokens?: readonly Token[]): Code {
  let values: JsValues | undefined;
  return {
    text,
    values: () => (values ??= readJsValues(text, tokens ?? jsTokens(text), looksSecret)),
  };
}

/** A name the code reads a bucket from, as a placeholder shows it: `process.env.AWS_S3_BUCKET`. */
const READ_NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*){0,7}$/;

/** The references of the computed field at `field`; none for a field written as a literal. */
export function computedFieldRefs(
  doc: StructuredDoc,
  field: Path,
  service: Service,
  usage: LinkUsage,
  code: Code,
): RawRef[] {
  const span = doc.valueSpan(field);
  if (!span || valueAt(doc.data, field) !== undefined) return [];
  const strings = code
    .values()
    .valueAt(span.start)
    .values.filter((value): value is string => typeof value === 'string');
  const named = strings.flatMap((value) => valueRef(span, value, service, usage) ?? []);
  if (named.length > 0) return named;
  const written = code.text.slice(span.start, span.end);
  const shown = READ_NAME.test(written) && !looksSecret(written) ? written : '(computed)';
  const at = { start: span.start, end: span.end, text: shown };
  return [{ ...at, form: URI_FORM[service], service, usage, placeholder: true, computed: true }];
}
