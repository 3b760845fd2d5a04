/** The declarations of a module, keyed as Terraform addresses them within the module. */
import type { Attribute, Block, ConfigFile } from '../ast.js';

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

/** What a module's files declare, by name; override files replace entries while being merged. */
export interface Declarations {
  readonly variables: Map<string, Declared<Block>>;
  readonly locals: Map<string, Declared<Attribute>>;
  readonly outputs: Map<string, Declared<Block>>;
  readonly resources: Map<string, ResourceDecl>;
  readonly calls: Map<string, Declared<Block>>;
  readonly providers: Declared<Block>[];
  readonly imports: Declared<Block>[];
}

/** Where a named block is indexed: the map of its kind, and its key there (undefined when unlabelled). */
export type NamedBlock =
  | { readonly index: 'variables' | 'outputs' | 'calls'; readonly key: string | undefined }
  | {
      readonly index: 'resources';
      readonly key: string | undefined;
      readonly mode: 'managed' | 'data';
      readonly type: string;
      readonly name: string;
    };

/**
 * How a `variable`, `output`, `module`, `resource` or `data` block is indexed; undefined for other
 * blocks (`locals` and `provider` are indexed otherwise, the rest not at all). Declaring and
 * overriding index a block the same way.
 */
export function namedBlock(block: Block): NamedBlock | undefined {
  const [first, second] = block.labels.map((label) => label.value);
  switch (block.type) {
    case 'variable':
      return { index: 'variables', key: first };
    case 'output':
      return { index: 'outputs', key: first };
    case 'module':
      return { index: 'calls', key: first };
    case 'resource':
    case 'data': {
      const mode = block.type === 'data' ? 'data' : 'managed';
      const type = first ?? '';
      const name = second ?? '';
      const key =
        first === undefined || second === undefined ? undefined : resourceKey(mode, type, name);
      return { index: 'resources', key, mode, type, name };
    }
    default:
      return undefined;
  }
}

/** `aws_s3_bucket.b`, `data.aws_iam_policy_document.p`. */
export function resourceKey(mode: 'managed' | 'data', type: string, name: string): string {
  return `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
}
