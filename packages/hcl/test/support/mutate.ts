/** Deterministic mutations of source text for fuzzing. */

/** mulberry32: a small seeded generator, so every fuzz run sees the same inputs. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPECIAL = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '"',
  '${',
  '%{',
  '<<EOT\n',
  '\n',
  '=',
  ',',
  '~',
  '\\',
  '#',
  '/*',
  '*/',
  '.',
  '...',
  '?',
  ':',
  '=>',
  '\u00e9',
  '\ud83d',
];

export type Mutation = 'delete' | 'insert' | 'duplicate' | 'truncate' | 'special' | 'swap';

export const MUTATIONS: readonly Mutation[] = [
  'delete',
  'insert',
  'duplicate',
  'truncate',
  'special',
  'swap',
];

export function mutate(text: string, rnd: () => number, kind: Mutation): string {
  const at = (n: number) => Math.floor(rnd() * n);
  const pos = at(text.length + 1);
  switch (kind) {
    case 'delete': {
      const len = 1 + at(8);
      return text.slice(0, pos) + text.slice(pos + len);
    }
    case 'insert': {
      let bytes = '';
      for (let i = 1 + at(4); i > 0; i--) bytes += String.fromCharCode(at(128));
      return text.slice(0, pos) + bytes + text.slice(pos);
    }
    case 'duplicate': {
      const len = 1 + at(40);
      return text.slice(0, pos) + text.slice(pos, pos + len) + text.slice(pos);
    }
    case 'truncate':
      return text.slice(0, pos);
    case 'special':
      return text.slice(0, pos) + (SPECIAL[at(SPECIAL.length)] as string) + text.slice(pos);
    case 'swap': {
      const other = at(text.length + 1);
      const [a, b] = pos < other ? [pos, other] : [other, pos];
      return (
        text.slice(0, a) +
        text.charAt(b) +
        text.slice(a + 1, b) +
        text.charAt(a) +
        text.slice(b + 1)
      );
    }
  }
}
