import { createHash } from 'node:crypto';
import { jsonRefusal, jsonTooDeepAt, Unknown, type Value } from '@posture/model';
import { combine, Invalid, isWhollyKnown, tooLarge } from '../eval/unknowns.js';
import { MAX_DEPTH } from '../parser/limits.js';
import { fail, fn, partial, str, type CallContext, type FunctionTable } from './function.js';
import { csvdecode } from './csv.js';
import { goJson } from './json.js';
import { withInexactUnknown, writtenNumbers } from './json-numbers.js';
import { yamlencode } from './yaml-encode.js';
import { yamldecode } from './yaml.js';

// Terraform keeps a byte order mark as the character it is.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export const encodingFunctions: FunctionTable = {
  jsonencode: partial(([value]) => jsonencode(value ?? null)),
  jsondecode: fn(([text], ctx) => parseJson(str(text), calledAt(ctx))),
  yamlencode: fn(([value]) => yamlencode(value ?? null)),
  yamldecode: fn(([text]) => yamldecode(str(text))),
  csvdecode: fn(([text]) => csvdecode(str(text))),
  base64encode: fn(([text]) => Buffer.from(str(text), 'utf8').toString('base64')),
  base64decode: fn(([text]) => decodeUtf8(decodeBase64(str(text)))),
  urlencode: fn(([text]) => urlencode(str(text))),
  md5: fn(([text]) => digest('md5', str(text), 'hex')),
  sha1: fn(([text]) => digest('sha1', str(text), 'hex')),
  sha256: fn(([text]) => digest('sha256', str(text), 'hex')),
  sha512: fn(([text]) => digest('sha512', str(text), 'hex')),
  base64sha256: fn(([text]) => digest('sha256', str(text), 'base64')),
  base64sha512: fn(([text]) => digest('sha512', str(text), 'base64')),
};

/** The JSON text; with unknown parts, an unknown that keeps the structure it would encode. */
function jsonencode(value: Value): Value {
  if (isWhollyKnown(value)) return goJson(value);
  const unknown = combine([value]);
  return unknown instanceof Invalid
    ? unknown
    : new Unknown(unknown.refs, unknown.reason, { encodes: value });
}

export function digest(
  algorithm: string,
  data: string | Buffer,
  encoding: 'hex' | 'base64',
): string {
  return createHash(algorithm).update(data).digest(encoding);
}

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return fail('the bytes are not valid UTF-8');
  }
}

/**
 * Base64 as Go's standard encoding reads it: padded, line breaks ignored, and anything else
 * outside the alphabet an error (Node's decoder skips what it does not know).
 */
export function decodeBase64(text: string): Buffer {
  const clean = text.replace(/[\r\n]/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const body = clean.slice(0, clean.length - padding);
  if (clean.length % 4 !== 0 || /[^A-Za-z0-9+/]/.test(body)) fail('invalid base64 data');
  return Buffer.from(clean, 'base64');
}

function parseJson(text: string, at: string): Value {
  let value: Value;
  try {
    value = JSON.parse(text) as Value;
  } catch (error) {
    // In jsonc-parser's words, as yamldecode says it: JSON.parse's message quotes the text around
    // the mistake, which may be a secret's.
    const { line, column, message } = jsonRefusal(text, error);
    return fail(`invalid JSON at line ${line}, column ${column}: ${message}`);
  }
  // No deeper than a value written in HCL may be: the walks over values recurse once per level,
  // and 3,000 levels overflowed the stack, which was then reported as a chain of references.
  if (jsonTooDeepAt(text, MAX_DEPTH) >= 0)
    return tooLarge(`JSON nested over ${MAX_DEPTH} levels deep`);
  // A number Terraform holds exactly and a double does not is unknown, not another number.
  return withInexactUnknown(
    text,
    value,
    (written) =>
      `jsondecode: ${writtenNumbers(written)} (called at ${at}) has more digits than are held exactly`,
  );
}

/** Where a decoding call is written: the value it fails to give may be read far from it. */
function calledAt(ctx: CallContext): string {
  return `${ctx.at.file}:${ctx.at.start.line}`;
}

/** Go's url.QueryEscape: spaces become `+`, everything but letters, digits and `-_.~` is escaped. */
function urlencode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}
