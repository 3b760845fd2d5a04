/**
 * `textencodebase64` and `textdecodebase64`: text in a character encoding named as IANA names it,
 * as Terraform's `ianaindex` reads the name (any case, spaces around it ignored). Posture knows
 * UTF-8, UTF-16 (with and without a byte order mark) and ISO-8859-1; any other name is unknown,
 * whether Terraform knows it or not.
 */
import { unknown, type Value } from '@posture/model';
import { decodeBase64, decodeUtf8 } from './encoding.js';
import { fail, fn, str, type FunctionTable } from './function.js';

interface Codec {
  /** The name Terraform's messages give it. */
  readonly name: string;
  encode(text: string): Buffer;
  decode(bytes: Buffer): string;
}

const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });

const UTF8: Codec = {
  name: 'UTF-8',
  encode: (text) => Buffer.from(text, 'utf8'),
  decode: decodeUtf8,
};

const UTF16LE: Codec = {
  name: 'UTF-16LE',
  encode: (text) => Buffer.from(text, 'utf16le'),
  decode: (bytes) => strictly(utf16le, bytes, 'UTF-16LE'),
};

const UTF16BE: Codec = {
  name: 'UTF-16BE',
  encode: (text) => swapped(Buffer.from(text, 'utf16le')),
  decode: (bytes) => strictly(utf16le, swapped(bytes), 'UTF-16BE'),
};

/** UTF-16 with a byte order mark: written big-endian after one, read in the order one gives. */
const UTF16: Codec = {
  name: 'UTF-16',
  encode: (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), UTF16BE.encode(text)]),
  decode: (bytes) => {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return UTF16LE.decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return UTF16BE.decode(bytes.subarray(2));
    return UTF16BE.decode(bytes);
  },
};

const LATIN1: Codec = {
  name: 'ISO_8859-1:1987',
  encode: (text) =>
    // eslint-disable-next-line no-control-regex -- the range is what Latin-1 holds
    /[^\u0000-\u00ff]/.test(text)
      ? fail('the given string contains characters that cannot be represented in ISO_8859-1:1987')
      : Buffer.from(text, 'latin1'),
  decode: (bytes) => bytes.toString('latin1'),
};

/** The IANA name and aliases of each, lower-cased. */
const CODECS = new Map<string, Codec>([
  ...aliases(UTF8, 'utf-8', 'csutf8'),
  ...aliases(UTF16LE, 'utf-16le', 'csutf16le'),
  ...aliases(UTF16BE, 'utf-16be', 'csutf16be'),
  ...aliases(UTF16, 'utf-16', 'csutf16'),
  ...aliases(
    LATIN1,
    'iso_8859-1:1987',
    'iso-8859-1',
    'iso_8859-1',
    'iso-ir-100',
    'latin1',
    'l1',
    'ibm819',
    'cp819',
    'csisolatin1',
  ),
]);

export const textEncodingFunctions: FunctionTable = {
  textencodebase64: fn(([text, encoding]) => {
    const codec = codecNamed(str(encoding));
    return codec ? codec.encode(str(text)).toString('base64') : unknownEncoding(str(encoding));
  }),
  textdecodebase64: fn(([text, encoding]) => {
    const codec = codecNamed(str(encoding));
    return codec ? codec.decode(decodeBase64(str(text))) : unknownEncoding(str(encoding));
  }),
};

function codecNamed(name: string): Codec | undefined {
  return CODECS.get(name.trim().toLowerCase());
}

function unknownEncoding(name: string): Value {
  return unknown([], `text in the encoding ${JSON.stringify(name)} is not evaluated`);
}

function strictly(decoder: InstanceType<typeof TextDecoder>, bytes: Buffer, name: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    return fail(`the given string contains symbols that are not defined for ${name}`);
  }
}

/** The bytes of each 16-bit unit swapped; an odd last byte is kept, for the decoder to refuse. */
function swapped(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const even = copy.length - (copy.length % 2);
  copy.subarray(0, even).swap16();
  return copy;
}

function aliases(codec: Codec, ...names: string[]): [string, Codec][] {
  return names.map((name) => [name, codec]);
}
