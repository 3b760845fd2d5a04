/**
 * Whether a GitHub Actions `if:` runs its job or step for tags or releases, as a workflow run for
 * tag pushes is: `startsWith(github.ref, 'refs/tags/')`, `contains(github.ref, 'refs/tags')`,
 * `github.ref_type == 'tag'`, `github.event_name == 'release'`, `github.ref == 'refs/tags/v1'`,
 * asserted rather than denied (`!startsWith(…)`, `github.ref_type != 'tag'`, `… == false`). The
 * expression is parsed as GitHub's expression syntax is documented, never evaluated; one that does
 * not parse is a tag gate when it names tags at all, as GitHub refuses the workflow rather than
 * run it for every ref.
 */

type Node =
  | { readonly kind: 'and' | 'or'; readonly of: readonly Node[] }
  | { readonly kind: 'not'; readonly of: Node }
  | { readonly kind: 'compare'; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Node[] }
  | { readonly kind: 'context'; readonly path: string }
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null };

/** The contexts that hold the ref a run is for. */
const REF = new Set(['github.ref', 'github.event.ref']);
const TAGS = 'refs/tags';
/** A condition longer than this is not parsed, as one that does not parse is read. */
const MAX_CONDITION = 4096;

export function runsForTags(condition: unknown): boolean {
  if (typeof condition !== 'string') return false;
  const parsed = condition.length > MAX_CONDITION ? undefined : parse(condition.trim());
  return parsed ? asserts(parsed, true) : /refs\/tags|ref_type/i.test(condition);
}

/** Whether `node`, taken as true (`positive`) or as false, asserts that the run is for a tag. */
function asserts(node: Node, positive: boolean): boolean {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.of.some((of) => asserts(of, positive));
    case 'not':
      return asserts(node.of, !positive);
    case 'compare':
      return compares(node.op, node.left, node.right, positive);
    case 'call':
      return positive && namesTagRef(node);
    default:
      return false;
  }
}

/** A comparison: `github.ref_type == 'tag'`, or a tag condition compared with `true`/`false`. */
function compares(op: string, left: Node, right: Node, positive: boolean): boolean {
  if (op !== '==' && op !== '!=') return false;
  const equal = op === '==' ? positive : !positive;
  for (const [a, b] of [
    [left, right],
    [right, left],
  ] as const) {
    if (b.kind !== 'literal') continue;
    if (typeof b.value === 'boolean') return asserts(a, b.value === equal);
    if (equal && a.kind === 'context' && isTagValue(a.path, b.value)) return true;
  }
  return false;
}

function isTagValue(context: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const lower = value.toLowerCase();
  if (context === 'github.ref_type') return lower === 'tag';
  if (context === 'github.event_name') return lower === 'release';
  return REF.has(context) && lower.startsWith(`${TAGS}/`);
}

/** `startsWith(github.ref, 'refs/tags/')`, `contains(github.ref, 'refs/tags')` or `'tags/'`. */
function namesTagRef({ name, args }: Extract<Node, { kind: 'call' }>): boolean {
  const [subject, search] = args;
  if (subject?.kind !== 'context' || !REF.has(subject.path)) return false;
  if (search?.kind !== 'literal' || typeof search.value !== 'string') return false;
  const value = search.value.toLowerCase();
  if (name === 'startswith') return value.startsWith(TAGS);
  return name === 'contains' && (value.startsWith(TAGS) || value.startsWith('tags/'));
}

/**
 * Operators and punctuation, longest first; strings in single quotes (`''` is one quote); numbers;
 * names (`github`, `ref_type`, `my-step`). `${{` and `}}` around the expression are parentheses.
 */
const TOKEN =
  /\s*(?:(\$\{\{|\}\}|==|!=|<=|>=|&&|\|\||[()[\].,!<>*])|'((?:[^']|'')*)'|(-?(?:0x[\da-f]+|\d+(?:\.\d+)?(?:e[+-]?\d+)?))|([a-z_][\w-]*))/giy;

type Token =
  { readonly op: string } | { readonly literal: string | number } | { readonly name: string };

/** The tokens of a trimmed text; none when something in it is no token. */
function tokens(text: string): Token[] | undefined {
  const found: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const m = TOKEN.exec(text);
    if (!m) return undefined;
    const [, op, string, number, name] = m;
    if (op !== undefined) found.push({ op: op === '${{' ? '(' : op === '}}' ? ')' : op });
    else if (string !== undefined) found.push({ literal: string.replaceAll("''", "'") });
    else if (number !== undefined) found.push({ literal: Number(number) });
    else found.push({ name: name! });
  }
  return found;
}

/** Expressions nest no deeper than this; one that does is read as unparsed. */
const MAX_DEPTH = 64;

/** The expression's tree, by precedence: `||`, `&&`, `==`/`!=`, `<`…, `!`, then `.`/`[]`/calls. */
function parse(text: string): Node | undefined {
  const list = tokens(text);
  if (!list) return undefined;
  let at = 0;
  let depth = 0;
  // The next token when it is one of `ops`, taken.
  const op = (...ops: string[]) => {
    const token = list[at];
    if (!token || !('op' in token) || !ops.includes(token.op)) return undefined;
    at++;
    return token.op;
  };
  const expect = (closing: string) => {
    if (!op(closing)) throw new SyntaxError(closing);
  };
  const chain = (kind: 'and' | 'or', operator: string, next: () => Node): Node => {
    const of = [next()];
    while (op(operator)) of.push(next());
    return of.length === 1 ? of[0]! : { kind, of };
  };
  const binary = (ops: string[], next: () => Node): Node => {
    let left = next();
    for (let found = op(...ops); found; found = op(...ops))
      left = { kind: 'compare', op: found, left, right: next() };
    return left;
  };
  const or = (): Node => {
    if (++depth > MAX_DEPTH) throw new SyntaxError('depth');
    const node = chain('or', '||', () => chain('and', '&&', equality));
    depth--;
    return node;
  };
  const equality = () => binary(['==', '!='], () => binary(['<', '<=', '>', '>='], unary));
  const unary = (): Node => (op('!') ? { kind: 'not', of: unary() } : postfix());
  const postfix = (): Node => {
    let node = primary();
    for (;;) {
      if (op('.')) {
        const next = list[at++];
        const key = next && ('name' in next ? next.name : 'op' in next && next.op === '*' && '*');
        if (!key || node.kind !== 'context') throw new SyntaxError('.');
        node = { kind: 'context', path: `${node.path}.${key.toLowerCase()}` };
      } else if (op('[')) {
        const index = or();
        expect(']');
        const key = index.kind === 'literal' ? String(index.value).toLowerCase() : '*';
        node = node.kind === 'context' ? { kind: 'context', path: `${node.path}.${key}` } : node;
      } else if (node.kind === 'context' && !node.path.includes('.') && op('(')) {
        const args: Node[] = [];
        if (!op(')')) {
          do args.push(or());
          while (op(','));
          expect(')');
        }
        node = { kind: 'call', name: node.path, args };
      } else return node;
    }
  };
  const primary = (): Node => {
    const token = list[at++];
    if (!token) throw new SyntaxError('end');
    if ('literal' in token) return { kind: 'literal', value: token.literal };
    if ('op' in token) {
      if (token.op !== '(') throw new SyntaxError(token.op);
      const inner = or();
      expect(')');
      return inner;
    }
    const name = token.name.toLowerCase();
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
    if (name === 'null') return { kind: 'literal', value: null };
    return { kind: 'context', path: name };
  };
  try {
    const node = or();
    return at === list.length ? node : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
