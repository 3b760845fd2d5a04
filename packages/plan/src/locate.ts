import { visit, type JSONPath, type ParseErrorCode } from 'jsonc-parser';

/** Where a JSON value lies in the text: `end` is exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface SyntaxError {
  readonly code: ParseErrorCode;
  readonly offset: number;
}

export interface Located {
  /** JSON pointer → span of each object the inventory needs ranges for. */
  readonly spans: ReadonlyMap<string, Span>;
  readonly errors: readonly SyntaxError[];
}

const strict = { disallowComments: true, allowTrailingComma: false } as const;

/**
 * One scan of the text that checks it is strict JSON and records the spans of the resource
 * objects (plan, state and prior state), module calls and provider blocks. The values themselves
 * come from `JSON.parse`: a full position tree (`parseTree`) of a 50 MB plan takes seconds and
 * over a gigabyte, while this scan only keeps a few spans per resource.
 */
export function locate(text: string): Located {
  const spans = new Map<string, Span>();
  const errors: SyntaxError[] = [];
  const open: { pointer: string; start: number; depth: number }[] = [];
  let depth = 0;
  visit(
    text,
    {
      onObjectBegin(offset, _length, _line, _column, pathSupplier) {
        const path = pathSupplier();
        if (isContainer(path)) open.push({ pointer: pointer(path), start: offset, depth });
        depth++;
      },
      onObjectEnd(offset, length) {
        depth--;
        const top = open.at(-1);
        if (top?.depth !== depth) return;
        open.pop();
        spans.set(top.pointer, { start: top.start, end: offset + length });
      },
      onError(code, offset) {
        errors.push({ code, offset });
      },
    },
    strict,
  );
  return { spans, errors };
}

/** RFC 6901 JSON pointer of a path, the key the loader looks spans up by. */
export function pointer(path: readonly (string | number)[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function isContainer(path: JSONPath): boolean {
  return path[0] === 'configuration' ? isConfigBlock(path) : isResource(path);
}

/** `(planned_values|values|prior_state.values).root_module(.child_modules[i])*.resources[j]` */
function isResource(path: JSONPath): boolean {
  let i = path[0] === 'prior_state' && path[1] === 'values' ? 2 : 1;
  if (i === 1 && path[0] !== 'planned_values' && path[0] !== 'values') return false;
  if (path[i++] !== 'root_module') return false;
  while (path[i] === 'child_modules' && typeof path[i + 1] === 'number') i += 2;
  return path[i] === 'resources' && typeof path[i + 1] === 'number' && path.length === i + 2;
}

/** `configuration.provider_config[key]` or `configuration.root_module(.module_calls[a].module)*.module_calls[b]` */
function isConfigBlock(path: JSONPath): boolean {
  if (path[1] === 'provider_config') return path.length === 3;
  if (path[1] !== 'root_module') return false;
  let i = 2;
  while (path[i] === 'module_calls' && typeof path[i + 1] === 'string') {
    if (path.length === i + 2) return true;
    if (path[i + 2] !== 'module') return false;
    i += 3;
  }
  return false;
}
