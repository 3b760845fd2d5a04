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
}

/** `aws_s3_bucket.b`, `data.aws_iam_policy_document.p`. */
export function resourceKey(mode: 'managed' | 'data', type: string, name: string): string {
  return `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
}
