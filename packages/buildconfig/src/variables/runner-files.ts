/**
 * The `NAME=value` lines a GitHub run script writes to a file of the runner (`$GITHUB_ENV`,
 * `$GITHUB_OUTPUT`), read where the script writes them literally at its outermost level:
 * - `echo WORD >> "$GITHUB_ENV"` (`Write-Output` too), the word double-quoted with nothing to
 *   expand, single-quoted or bare; PowerShell's `"WORD" >> $env:GITHUB_ENV`,
 *   `"WORD" | Out-File -FilePath $env:GITHUB_ENV -Append` and `Add-Content $env:GITHUB_ENV "WORD"`;
 * - `printf 'NAME=%s\n' WORD >> "$GITHUB_ENV"`, each `%s` of its format taking the next word;
 * - a group of such `echo` commands, `{ echo A=1; echo B=2; } >> "$GITHUB_ENV"`, on one line or
 *   from a `{` line to a `} >> "$GITHUB_ENV"` line;
 * - a here-document, `cat >> "$GITHUB_ENV" <<EOF` to `EOF`, a `NAME=value` a line; unless its
 *   delimiter is quoted, a value the shell would expand (`$`, a backquote, a backslash) is unknown.
 * Anything else that writes a name (`echo "B=$(cat b)"`, GitHub's multiline `NAME<<EOF`) is not
 * read here, and so leaves the name unknown (see github-env.ts).
 */
import { known } from './common.js';

export type RunnerFile = 'GITHUB_ENV' | 'GITHUB_OUTPUT';

/** A line written: `at`, where its name starts in the script; `value` undefined when not known. */
export interface RunnerWrite {
  readonly at: number;
  readonly name: string;
  readonly value: string | undefined;
}

/** A word written with nothing to expand: double-quoted, single-quoted or bare. */
const WORD = String.raw`"[^"\x60$\\\n]*"|'[^'\n]*'|[^\s"'\x60$\\;&|()<>#{}]+`;
/** A quoted word with nothing to expand, as PowerShell writes a string alone. */
const QUOTED = String.raw`"[^"\x60$\\\n]*"|'[^'\n]*'`;
/** The rest of a line: a comment at most. */
const END = String.raw`[ \t]*(?:#.*)?$`;
/** `echo WORD` alone, or nothing: a command of a group. */
const ECHO = new RegExp(String.raw`^[ \t]*(?:echo[ \t]+(?<word>${WORD})[ \t]*)?$`);

interface Forms {
  /** A write on one line: a word (`echoed`, `string`, `piped`, `added`), a `printf`, a `group`. */
  readonly line: RegExp;
  /** The line that ends a group opened on a line of its own. */
  readonly groupEnd: RegExp;
  /** A `cat` of a here-document into the file. */
  readonly heredoc: RegExp;
}

function formsOf(file: RunnerFile): Forms {
  // `$FILE`, `"$FILE"`, `${FILE}`, PowerShell's `$env:FILE`, quoted or not.
  const to = String.raw`(?:"\$\{?${file}\}?"|\$\{?${file}\}?|"?\$env:${file}"?)`;
  const appended = String.raw`[ \t]*>>[ \t]*${to}`;
  const line = [
    String.raw`(?:(?:echo|Write-Output)[ \t]+(?<echoed>${WORD})|(?<string>${QUOTED}))${appended}`,
    String.raw`(?:(?:echo|Write-Output)[ \t]+)?(?<piped>${QUOTED})[ \t]*\|[ \t]*Out-File(?=[^\n|;#]*[ \t]-Append\b)(?=[^\n|;#]*[ \t]${to}(?![^ \t\n]))[^\n#]*`,
    String.raw`Add-Content(?:[ \t]+-Path)?[ \t]+${to}[ \t]+(?:-Value[ \t]+)?(?<added>${QUOTED})`,
    String.raw`printf[ \t]+(?<format>'[^'\n]*'|"[^"\x60$\n]*")(?<args>(?:[ \t]+(?:${WORD}))*)${appended}`,
    String.raw`\{(?<group>[^{}\n]*;)[ \t]*\}${appended}`,
  ];
  return {
    line: new RegExp(String.raw`^(?<indent>[ \t]*)(?:${line.join('|')})${END}`, 'gm'),
    groupEnd: new RegExp(String.raw`^[ \t]*\}${appended}${END}`),
    heredoc: new RegExp(
      String.raw`^(?<indent>[ \t]*)cat(?=[^\n#]*>>[ \t]*${to}(?![^ \t\n]))(?=[^\n#]*<<-?[ \t]*(?<quote>['"]?)(?<delim>\w+)\k<quote>)[^\n#]*${END}`,
      'gm',
    ),
  };
}

const FORMS: Readonly<Record<RunnerFile, Forms>> = {
  GITHUB_ENV: formsOf('GITHUB_ENV'),
  GITHUB_OUTPUT: formsOf('GITHUB_OUTPUT'),
};

/** What the script writes to `file` at its outermost indentation, `outer`, in order. */
export function runnerWrites(script: string, file: RunnerFile, outer: number): RunnerWrite[] {
  const { line, groupEnd, heredoc } = FORMS[file];
  const writes: RunnerWrite[] = [];
  for (const m of script.matchAll(line)) {
    const { indent = '', echoed, string, piped, added, format, args = '', group } = m.groups ?? {};
    if (indent.length !== outer) continue;
    const word = echoed ?? string ?? piped ?? added;
    const at = (part: string) => m.index + m[0].indexOf(part, indent.length);
    if (word !== undefined) writes.push(...wordWrite(at(word), word));
    else if (format !== undefined) writes.push(...printfWrites(at(format), format, args));
    else if (group !== undefined) writes.push(...groupWrites(at(group), group));
  }
  for (const open of script.matchAll(/^([ \t]*)\{[ \t]*$/gm)) {
    if (open[1]?.length === outer) writes.push(...blockGroupWrites(script, open, groupEnd));
  }
  // A line inside a here-document is no command: reading from the next one keeps this linear.
  let after = 0;
  for (const m of script.matchAll(heredoc)) {
    if (m.index < after || m.groups?.indent?.length !== outer) continue;
    const { body, end } = heredocWrites(script, m);
    writes.push(...body);
    after = end;
  }
  return writes.sort((a, b) => a.at - b.at);
}

/** The line a word at `at` writes, `NAME=value` once unquoted; none for another. */
function wordWrite(at: number, word: string): RunnerWrite[] {
  const quoted = /^["']/.test(word);
  const pair = /^([A-Za-z_]\w*)=(.*)$/s.exec(quoted ? word.slice(1, -1) : word);
  if (!pair) return [];
  const [, name = '', value = ''] = pair;
  return [{ at: at + (quoted ? 1 : 0), name, value: known(name, value) }];
}

/**
 * The lines a `printf` writes: those of its format (at `at`), each `%s` the next argument. With
 * arguments left over, printf writes the format again with them: then no value is known.
 */
function printfWrites(at: number, format: string, args: string): RunnerWrite[] {
  const words = Array.from(args.matchAll(new RegExp(WORD, 'g')), ([w]) =>
    /^["']/.test(w) ? w.slice(1, -1) : w,
  );
  let next = 0;
  let offset = at + 1;
  const writes: RunnerWrite[] = [];
  for (const text of format.slice(1, -1).split('\\n')) {
    const printed = text.replace(/%s/g, () => words[next++] ?? '');
    const name = /^[A-Za-z_]\w*(?==)/.exec(text)?.[0];
    if (name !== undefined) {
      const value = printed.slice(name.length + 1);
      writes.push({
        at: offset,
        name,
        value: /[%\\]/.test(value) ? undefined : known(name, value),
      });
    }
    offset += text.length + 2;
  }
  return next < words.length ? writes.map((write) => ({ ...write, value: undefined })) : writes;
}

/** The lines a group's commands (at `at`, each ended by `;`) write; none if one is not `echo`. */
function groupWrites(at: number, commands: string): RunnerWrite[] {
  const writes: RunnerWrite[] = [];
  let offset = at;
  for (const command of commands.split(';')) {
    const word = ECHO.exec(command)?.groups;
    if (!word) return [];
    if (word.word !== undefined)
      writes.push(...wordWrite(offset + command.indexOf(word.word), word.word));
    offset += command.length + 1;
  }
  return writes;
}

/** The lines of a script from `at` on, each with where it starts. */
function* linesFrom(script: string, at: number): Generator<{ at: number; text: string }> {
  while (at < script.length) {
    const end = script.indexOf('\n', at);
    const text = script.slice(at, end === -1 ? script.length : end);
    yield { at, text };
    at += text.length + 1;
  }
}

/** What a group from its `{` line to its `} >> "$FILE"` line writes: none unless all are `echo`. */
function blockGroupWrites(script: string, open: RegExpMatchArray, end: RegExp): RunnerWrite[] {
  const writes: RunnerWrite[] = [];
  for (const { at, text } of linesFrom(script, (open.index ?? 0) + open[0].length + 1)) {
    if (end.test(text)) return writes;
    const commands = groupWrites(at, `${text};`);
    if (commands.length === 0 && text.trim() !== '') return [];
    writes.push(...commands);
  }
  return [];
}

/** The `NAME=value` lines of the here-document a `cat` line opens, and where its delimiter ends. */
function heredocWrites(
  script: string,
  cat: RegExpMatchArray,
): { body: RunnerWrite[]; end: number } {
  const { delim = '', quote = '' } = cat.groups ?? {};
  const body: RunnerWrite[] = [];
  for (const { at, text } of linesFrom(script, (cat.index ?? 0) + cat[0].length + 1)) {
    if (text.trim() === delim) return { body, end: at + text.length };
    const pair = /^([ \t]*)([A-Za-z_]\w*)=(.*)$/.exec(text);
    if (!pair) continue;
    const [, indent = '', name = '', written = ''] = pair;
    const expanded = quote === '' && /[$\x60\\]/.test(written);
    const value = expanded ? undefined : known(name, written.trimEnd());
    body.push({ at: at + indent.length, name, value });
  }
  return { body, end: script.length };
}
