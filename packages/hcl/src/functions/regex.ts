/** Terraform's regular expressions are RE2; these are the differences from JavaScript worth bridging. */
import { fail } from './function.js';

const LEADING_FLAGS = /^\(\?([imsU]+)\)/;

export function compileRegex(pattern: string, global = false): RegExp {
  let flags = global ? 'g' : '';
  let source = pattern;
  const leading = LEADING_FLAGS.exec(source);
  if (leading) {
    flags += (leading[1] ?? '').replace(/U/g, '');
    source = source.slice(leading[0].length);
  }
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$');
  try {
    return new RegExp(source, flags);
  } catch (error) {
    return fail(`invalid regular expression: ${(error as Error).message}`);
  }
}

/** Go's replacement syntax (`$1`, `${1}`, `$name`, `${name}`) in JavaScript's (`$1`, `$<name>`). */
export function replacementTemplate(replacement: string): string {
  return replacement.replace(
    /\$(?:\{(\w+)\}|([A-Za-z_]\w*|\d+)|(\$))/g,
    (whole, braced, bare, dollar) => {
      if (dollar) return '$$';
      const name = (braced ?? bare) as string;
      return /^\d+$/.test(name) ? `$${name}` : `$<${name}>`;
    },
  );
}
