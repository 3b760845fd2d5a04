import { visit, type JSONPath, type ParseErrorCode } from 'jsonc-parser';

/** Where a JSON value lies in the text: `end` is exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface JsonSyntaxError {
  readonly code: ParseErrorCode;
  readonly offset: number;
}

export interface Located {
  /** JSON pointer → span of each object the inventory needs ranges for. */
  readonly spans: ReadonlyMap<string, Span>;
  readonly errors: readonly JsonSyntaxError[];
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
  const errors: JsonSyntaxError[] = [];
  const open: { pointer: string; start: number; depth: number }[] = [];
  let depth = 0;
  // Objects at this depth or deeper hold no container (resource values, resource_changes, …):
  // their paths, which cost an array each, are not asked for.
  let skipFrom = Infinity;
  visit(
    text,
    {
      onObjectBegin(offset, _length, _line, _column, pathSupplier) {
        if (depth++ >= skipFrom) return;
        const path = pathSupplier();
        const kind = classify(path);
        if (kind === 'resource' || kind === 'block') {
          open.push({ pointer: pointer(path), start: offset, depth: depth - 1 });
        }
        if (kind === 'resource' || kind === 'none') skipFrom = depth;
      },
      onObjectEnd(offset, length) {
        depth--;
        if (depth < skipFrom) skipFrom = Infinity;
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
  return path
    .map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

/**
 * What the object at `path` is: a resource (`(planned_values|values|prior_state.values).root_module
 * (.child_modules[i])*.resources[j]`), a configuration block (`configuration.provider_config[key]`
 * or `configuration.root_module(.module_calls[a].module)*.module_calls[b]`), an object on the way
 * to those (`prefix`), or none of them.
 */
function classify(path: JSONPath): 'resource' | 'block' | 'prefix' | 'none' {
  if (path.length <= 1) return 'prefix';
  if (path[0] === 'planned_values' || path[0] === 'values') return classifyModules(path, 1);
  if (path[0] === 'prior_state') return path[1] === 'values' ? classifyModules(path, 2) : 'none';
  if (path[0] !== 'configuration') return 'none';
  if (path[1] === 'provider_config') {
    if (path.length === 2) return 'prefix';
    return path.length === 3 ? 'block' : 'none';
  }
  return path[1] === 'root_module' ? classifyCalls(path, 2) : 'none';
}

function classifyModules(path: JSONPath, section: number): 'resource' | 'prefix' | 'none' {
  if (path.length === section) return 'prefix';
  if (path[section] !== 'root_module') return 'none';
  for (let i = section + 1; ; i += 2) {
    if (path.length === i) return 'prefix';
    if (path[i] === 'resources') return path.length === i + 2 ? 'resource' : 'none';
    if (path[i] !== 'child_modules') return 'none';
  }
}

function classifyCalls(path: JSONPath, module: number): 'block' | 'prefix' | 'none' {
  for (let i = module; ; i += 3) {
    if (path.length === i) return 'prefix';
    if (path[i] !== 'module_calls') return 'none';
    if (path.length === i + 1) return 'prefix';
    if (path.length === i + 2) return 'block';
    if (path[i + 2] !== 'module') return 'none';
  }
}
