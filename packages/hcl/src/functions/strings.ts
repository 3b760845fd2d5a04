import { isUnknown, type Unknown, type Value } from '@posture/model';
import { MAX_TEXT, partlyKnownText, tooLarge } from '../eval/unknowns.js';
import { format, formatlist } from './format.js';
import { arity, fail, fn, int, list, str, withUnknowns, type FunctionTable } from './function.js';
import { allMatches, compileRegex, firstMatch, groupsOf, matchValue, replaceAll } from './regex.js';

const REGEX_LITERAL = /^\/(.*)\/$/s;

export const stringFunctions: FunctionTable = {
  format: withUnknowns((args) => format(str(args[0]), args.slice(1))),
  formatlist: fn((args) => formatlist(str(args[0]), args.slice(1))),
  join: withUnknowns(([separator, ...lists]) => join(str(separator), lists.flatMap(list))),
  split: fn(([separator, text]) => str(text).split(str(separator))),
  lower: fn(([text]) => str(text).toLowerCase()),
  upper: fn(([text]) => str(text).toUpperCase()),
  title: fn(([text]) =>
    str(text).replace(
      /(^|[^\p{L}\p{N}_'])(\p{Ll})/gu,
      (_w, before: string, letter: string) => before + letter.toUpperCase(),
    ),
  ),
  replace: fn((args) => {
    arity(args, 3);
    const [text, search, replacement] = args.map(str) as [string, string, string];
    const regex = REGEX_LITERAL.exec(search);
    if (!regex) return text.split(search).join(replacement);
    const replaced = replaceAll(compileRegex(regex[1] ?? ''), text, replacement, MAX_TEXT);
    return replaced ?? tooLarge(`text of more than ${MAX_TEXT} characters`);
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
  indent: fn(([spaces, text]) => str(text).replace(/\n/g, `\n${' '.repeat(int(spaces))}`)),
  regex: fn(([pattern, text]) => {
    const [re, t] = [compileRegex(str(pattern)), str(text)];
    const groups = groupsOf(re);
    const match = firstMatch(re, t);
    return match ? matchValue(groups, t, match) : fail('pattern did not match');
  }),
  regexall: fn(([pattern, text]) => {
    const [re, t] = [compileRegex(str(pattern)), str(text)];
    const groups = groupsOf(re);
    return allMatches(re, t).map((match) => matchValue(groups, t, match));
  }),
};

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
