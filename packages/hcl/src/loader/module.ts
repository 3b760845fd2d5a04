/** One directory's files, indexed by what they declare. Parsed once, evaluated per instance. */
import path from 'node:path';
import type { Attribute, Block, ConfigFile } from '../ast.js';
import { isOverrideFile } from './files.js';

export interface Declared<T> {
  readonly node: T;
  readonly file: ConfigFile;
}

export interface ResourceDecl extends Declared<Block> {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** The address within its module: `aws_s3_bucket.b`, `data.aws_iam_policy_document.p`. */
  readonly key: string;
}

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
}

export function indexModule(dir: string, files: readonly ConfigFile[]): ParsedModule {
  const variables = new Map<string, Declared<Block>>();
  const locals = new Map<string, Declared<Attribute>>();
  const outputs = new Map<string, Declared<Block>>();
  const resources = new Map<string, ResourceDecl>();
  const calls = new Map<string, Declared<Block>>();
  const providers: Declared<Block>[] = [];
  // The first declaration of a name wins; Terraform rejects duplicates anyway.
  const add = <T>(map: Map<string, T>, name: string | undefined, value: T) => {
    if (name !== undefined && !map.has(name)) map.set(name, value);
  };
  for (const file of files.filter((f) => !isOverrideFile(path.posix.basename(f.path)))) {
    for (const item of file.body.items) {
      if (item.kind !== 'block') continue;
      const [first, second] = item.labels.map((label) => label.value);
      const node = { node: item, file };
      switch (item.type) {
        case 'variable':
          add(variables, first, node);
          break;
        case 'output':
          add(outputs, first, node);
          break;
        case 'module':
          add(calls, first, node);
          break;
        case 'provider':
          if (first !== undefined) providers.push(node);
          break;
        case 'locals':
          for (const attr of item.body.items) {
            if (attr.kind === 'attribute') add(locals, attr.name, { node: attr, file });
          }
          break;
        case 'resource':
        case 'data':
          if (first !== undefined && second !== undefined) {
            const mode = item.type === 'data' ? 'data' : 'managed';
            const key = `${mode === 'data' ? 'data.' : ''}${first}.${second}`;
            add(resources, key, { ...node, mode, type: first, name: second, key });
          }
          break;
      }
    }
  }
  return { dir, files, variables, locals, outputs, resources, calls, providers };
}
