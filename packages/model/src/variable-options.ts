/**
 * Terraform's `-var` and `-var-file` options, as its command line parses them (Go's `flag`): the
 * option alone, its value the next word (`-var x=1`, `-var-file prod.tfvars`), or joined to it
 * (`-var=x=1`, `--var-file=prod.tfvars`), with one dash or two. Read from a CI's shell commands
 * (`buildconfig`) and from a Terragrunt unit's `extra_arguments` (`hcl`), whose words may be known
 * only in part.
 */

/** A word of a command line: what is known of its text. */
export interface CommandWord {
  /** Its text, or what is known of its start; undefined when none of it is known. */
  readonly text: string | undefined;
  /** Whether `text` is all of it. */
  readonly whole: boolean;
}

/** A `-var` or `-var-file` option among words. */
export interface VariableOptionWord {
  readonly option: 'var' | 'var-file';
  /** The index of the word that names it. */
  readonly at: number;
  /** The index of the word that holds its value: the next one, or the same (`-var=x=1`). */
  readonly value: number;
  /** How many characters of the value's word are the option's (`-var=`); 0 for its own word. */
  readonly skip: number;
}

/**
 * The `-var` and `-var-file` options among `words`, in order. A word that is the value of one is no
 * option itself (`-var -var x=1` gives `-var` as the value, which sets nothing); an option alone
 * as the last word has no value, and is none.
 */
export function variableOptionWords(words: readonly CommandWord[]): VariableOptionWord[] {
  const found: VariableOptionWord[] = [];
  for (let at = 0; at < words.length; at++) {
    const { text = '', whole } = words[at]!;
    const joined = /^--?(var|var-file)=/.exec(text);
    const alone = whole ? /^--?(var|var-file)$/.exec(text) : null;
    const option = (joined ?? alone)?.[1] as VariableOptionWord['option'] | undefined;
    if (option === undefined) continue;
    if (joined) found.push({ option, at, value: at, skip: joined[0].length });
    else if (at + 1 < words.length) found.push({ option, at, value: ++at, skip: 0 });
  }
  return found;
}

/**
 * A `-var`'s `name=value`, split at the first `=` as Terraform splits it; undefined when the name
 * is not a variable's (none, or not an identifier), as Terraform sets no variable with it.
 */
export function variableAssignment(text: string): { name: string; value: string } | undefined {
  const eq = text.indexOf('=');
  const name = text.slice(0, eq);
  if (eq <= 0 || !/^[A-Za-z_][\w-]*$/.test(name)) return undefined;
  return { name, value: text.slice(eq + 1) };
}
