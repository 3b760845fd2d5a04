import { isUnknown, type Unknown, type Value } from '@posture/model';
import { Invalid, MAX_ELEMENTS, MAX_TEXT, partlyKnownText } from '../eval/unknowns.js';
import { format, formatlist } from './format.js';
import {
  ResultTooLarge,
  arity,
  fail,
  fn,
  int,
  joinWithin,
  list,
  str,
  UnknownArgument,
  withUnknowns,
  type FunctionTable,
} from './function.js';
import { boundedMatches, compileRegex, groupsOf, matchValue, replacedMatches } from './regex.js';

const REGEX_LITERAL = /^\/(.*)\/$/s;

export const stringFunctions: FunctionTable = {
  format: withUnknowns((args) => format(str(args[0]), args.slice(1))),
  formatlist: fn((args) => formatlist(str(args[0]), args.slice(1))),
  join: withUnknowns(([separator, ...lists]) => join(str(separator), lists.flatMap(list))),
  split: fn(([separator, text]) => split(str(separator), str(text))),
  lower: fn(([text]) => str(text).toLowerCase()),
  upper: fn(([text]) => str(text).toUpperCase()),
  title: fn(([text]) =>
    str(text).replace(
      /(^|[^\p{L}\p{N}_'])(\p{Ll})/gu,
      (_w, before: string, letter: string) => before + letter.toUpperCase(),
    ),
  ),
  // A replacement not known before apply changes nothing where the search finds nothing: the
  // s3-bucket module's policy passes every policy through `replace(…, "_S3_BUCKET_ARN_", <arn>)`.
  replace: withUnknowns((args) => {
    arity(args, 3);
    const [text, search] = [str(args[0]), str(args[1])];
    const regex = REGEX_LITERAL.exec(search);
    const pattern = regex ? compileRegex(regex[1] ?? '') : undefined;
    if (isUnknown(args[2])) {
      const found = pattern
        ? pattern.first(text) !== undefined
        : search === '' || text.includes(search);
      if (found || args[2] instanceof Invalid) throw new UnknownArgument();
      return text;
    }
    const replacement = str(args[2]);
    if (!pattern) return replaceText(text, search, replacement);
    return joinWithin(replacedMatches(pattern, text, replacement));
  }),
  trimprefix: fn(([text, prefix]) => {
    const [t, p] = [str(text), str(prefix)];
    return t.startsWith(p) ? t.slice(p.length) : t;
  }),
  trimsuffix: fn(([text, suffix]) => {
    const [t, s] = [str(text), str(suffix)];
    return s !== '' && t.endsWith(s) ? t.slice(0, -s.length) : t;
  }),
  trim: fn(([text, cutset]) => trimSet(str(text), new Set(str(cutset)))),
  trimspace: fn(([text]) => str(text).trim()),
  chomp: fn(([text]) => str(text).replace(/(?:\r\n|\r|\n)+$/, '')),
  startswith: fn(([text, prefix]) => str(text).startsWith(str(prefix))),
  endswith: fn(([text, suffix]) => str(text).endsWith(str(suffix))),
  strcontains: fn(([text, part]) => str(text).includes(str(part))),
  strrev: fn(([text]) => Array.from(str(text)).reverse().join('')),
  substr: fn(([text, offset, length]) => substr(str(text), int(offset), int(length))),
  indent: fn(([spaces, text]) => {
    // One space past the bound is enough to know the text is too large.
    const margin = ' '.repeat(Math.max(0, Math.min(int(spaces), MAX_TEXT + 1)));
    return joinWithin(indented(str(text), margin));
  }),
  regex: fn(([pattern, text]) => {
    const [re, t] = [compileRegex(str(pattern)), str(text)];
    const groups = groupsOf(re);
    const match = re.first(t);
    return match ? matchValue(groups, t, match) : fail('pattern did not match');
  }),
  regexall: fn(([pattern, text]) => {
    const [re, t] = [compileRegex(str(pattern)), str(text)];
    const groups = groupsOf(re);
    return boundedMatches(re, t).map((match) => matchValue(groups, t, match));
  }),
};

/** Go's `strings.Split`: an empty separator splits between characters. */
function split(separator: string, text: string): string[] {
  const parts = separator === '' ? Array.from(text) : text.split(separator, MAX_ELEMENTS + 1);
  if (parts.length > MAX_ELEMENTS) throw new ResultTooLarge(`more than ${MAX_ELEMENTS} parts`);
  return parts;
}

/** Every line but the first after `margin`. */
function* indented(text: string, margin: string): Generator<string> {
  const [first = '', ...rest] = text.split('\n');
  yield first;
  for (const line of rest) yield* ['\n', margin, line];
}

/**
 * Go's `strings.Replace` of every `search`, an empty one matching before each character and at the
 * end. Its length is known before it is built, and it is not built past the bound.
 */
function replaceText(text: string, search: string, replacement: string): string {
  const count = search === '' ? Array.from(text).length + 1 : occurrences(text, search);
  if (text.length + count * (replacement.length - search.length) > MAX_TEXT)
    throw new ResultTooLarge(`text of more than ${MAX_TEXT} characters`);
  if (search !== '') return text.split(search).join(replacement);
  return text === '' ? replacement : replacement + Array.from(text).join(replacement) + replacement;
}

function occurrences(text: string, search: string): number {
  let count = 0;
  for (let at = text.indexOf(search); at >= 0; at = text.indexOf(search, at + search.length))
    count++;
  return count;
}

function trimSet(text: string, cut: ReadonlySet<string>): string {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (start < end && cut.has(chars[start] ?? '')) start++;
  while (end > start && cut.has(chars[end - 1] ?? '')) end--;
  return chars.slice(start, end).join('');
}

/** Counts in characters, not UTF-16 units; a negative offset counts from the end, length -1 means "to the end". */
function substr(text: string, offset: number, length: number): string {
  const chars = Array.from(text);
  const start = offset < 0 ? Math.max(0, chars.length + offset) : Math.min(offset, chars.length);
  const end = length < 0 ? chars.length : Math.min(chars.length, start + length);
  return chars.slice(start, end).join('');
}

/** The elements joined; an element not known before apply leaves a gap (`Unknown.pieces`). */
function join(separator: string, elements: readonly Value[]): string | Unknown {
  return partlyKnownText(
    elements.flatMap((element, i) => [
      ...(i === 0 ? [] : [separator]),
      isUnknown(element) ? element : str(element),
    ]),
  );
}
