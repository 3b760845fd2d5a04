/** One directory's files, indexed by what they declare. Parsed once, evaluated per instance. */
import path from 'node:path';
import type { Attribute, Block, ConfigFile } from '../ast.js';
import type { DiagnosticLog } from '../diagnostics.js';
import { compareStrings } from '../eval/values.js';
import { namedBlock, type Declarations, type Declared, type ResourceDecl } from './declarations.js';
import { isOverrideFile } from './files.js';
import { mergeOverrides } from './overrides.js';

export type { Declared, ResourceDecl } from './declarations.js';

export interface ParsedModule {
  /** Relative to the scan root, POSIX; `.` for the root itself. */
  readonly dir: string;
  readonly files: readonly ConfigFile[];
  readonly variables: ReadonlyMap<string, Declared<Block>>;
  readonly locals: ReadonlyMap<string, Declared<Attribute>>;
  readonly outputs: ReadonlyMap<string, Declared<Block>>;
  readonly resources: ReadonlyMap<string, ResourceDecl>;
  readonly calls: ReadonlyMap<string, Declared<Block>>;
  readonly providers: readonly Declared<Block>[];
  /** `import` blocks, which Terraform allows only in a root module. */
  readonly imports: readonly Declared<Block>[];
}

/** Indexes the module's files, then merges its override files in name order, as Terraform does. */
export function indexModule(
  dir: string,
  files: readonly ConfigFile[],
  diagnostics: DiagnosticLog,
): ParsedModule {
  const declared: Declarations = {
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    resources: new Map(),
    calls: new Map(),
    providers: [],
    imports: [],
  };
  const isOverride = (file: ConfigFile) => isOverrideFile(path.posix.basename(file.path));
  for (const file of files) if (!isOverride(file)) declare(declared, file);
  const overrides = files.filter(isOverride).sort((a, b) => compareStrings(a.path, b.path));
  for (const file of overrides) mergeOverrides(declared, file, diagnostics);
  return { dir, files, ...declared };
}

function declare(declared: Declarations, file: ConfigFile): void {
  // The first declaration of a name wins; Terraform rejects duplicates anyway.
  const add = <T>(map: Map<string, T>, name: string | undefined, value: T) => {
    if (name !== undefined && !map.has(name)) map.set(name, value);
  };
  for (const item of file.body.items) {
    if (item.kind !== 'block') continue;
    const node = { node: item, file };
    if (item.type === 'provider') {
      if (item.labels[0] !== undefined) declared.providers.push(node);
    } else if (item.type === 'import') {
      declared.imports.push(node);
    } else if (item.type === 'locals') {
      for (const attr of item.body.items) {
        if (attr.kind === 'attribute') add(declared.locals, attr.name, { node: attr, file });
      }
    } else {
      const named = namedBlock(item);
      if (named?.index === 'resources') {
        const { mode, type, name, key } = named;
        if (key !== undefined) add(declared.resources, key, { ...node, mode, type, name, key });
      } else if (named) add(declared[named.index], named.key, node);
    }
  }
}
