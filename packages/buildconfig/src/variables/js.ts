/**
 * A JavaScript or TypeScript configuration's templates whose parts are names the file assigns one
 * string (`` base: `https://${BUCKET}.s3.amazonaws.com/` `` with `const BUCKET = 'acme-assets'`):
 * each such part is replaced by that string, read as js-values.ts reads names. A name the file
 * assigns several values, or none it states, stays a placeholder, which names no bucket; so does a
 * name that says it holds a credential, and one whose value is made of such a name
 * (`const B = SECRET`), as the `+` joins read them (see `JsConstants`).
 */
import { looksSecret } from '@posture/model';
import { jsTokens } from '../structured/js-literals.js';
import { readJsValues, TEMPLATE_NAME } from '../structured/js-values.js';
import { known, type Substitution } from './common.js';

export function jsSubstitutions(text: string): Substitution[] {
  if (!text.includes('${')) return [];
  const tokens = jsTokens(text);
  const values = readJsValues(text, tokens, looksSecret);
  const literals = new Map<string, string | undefined>();
  const literalOf = (name: string): string | undefined => {
    if (!literals.has(name)) {
      const [value, ...others] = values.nameValue(name).values;
      const one = typeof value === 'string' && others.length === 0;
      literals.set(name, one ? known(name, value) : undefined);
    }
    return literals.get(name);
  };
  const subs: Substitution[] = [];
  for (const token of tokens) {
    if (token.kind !== 'string' || token.value !== undefined) continue;
    for (const m of token.text.matchAll(TEMPLATE_NAME)) {
      const value = literalOf(m[1]!);
      const start = token.start + m.index;
      if (value !== undefined) subs.push({ start, end: start + m[0].length, value });
    }
  }
  return subs;
}
