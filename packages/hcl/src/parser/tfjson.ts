import { ownEntry, type Position } from '@posture/model';
import type { Node } from 'jsonc-parser';
import type {
  Attribute,
  Block,
  Body,
  Comment,
  ConfigFile,
  Expression,
  Label,
  ObjectItem,
  ParseDiagnostic,
  TemplateExpr,
} from '../ast.js';
import { Parser } from './bodies.js';
import { addSyntaxError, MAX_DEPTH } from './limits.js';
import { numberLiteral } from './exact-numbers.js';
import { jsonTooDeepAt, LineIndex, readJson } from '@posture/model';
import type { PositionSource } from './positions.js';
import { excerpt } from './excerpt.js';

/**
 * What Terraform's JSON syntax means inside one kind of block: which keys are nested blocks (and
 * how many labels they have), which string values are expressions rather than templates, and
 * which are taken literally.
 */
interface Schema {
  readonly blocks?: Readonly<Record<string, BlockSchema>>;
  readonly expressions?: readonly string[];
  readonly literals?: readonly string[];
}

interface BlockSchema {
  readonly labels: number;
  readonly schema: Schema;
}

const ATTRIBUTES: Schema = {};
const CONDITIONS: Readonly<Record<string, BlockSchema>> = {
  precondition: { labels: 0, schema: ATTRIBUTES },
  postcondition: { labels: 0, schema: ATTRIBUTES },
};
const LIFECYCLE: BlockSchema = {
  labels: 0,
  schema: { blocks: CONDITIONS, expressions: ['ignore_changes', 'replace_triggered_by'] },
};
const CONNECTION: BlockSchema = { labels: 0, schema: ATTRIBUTES };
/** `dynamic "x" { content { ... } }`, where `content` may hold further `dynamic` blocks. */
const DYNAMIC_CONTENT: { blocks: Record<string, BlockSchema> } = { blocks: {} };
const DYNAMIC: BlockSchema = {
  labels: 1,
  schema: { blocks: { content: { labels: 0, schema: DYNAMIC_CONTENT } } },
};
DYNAMIC_CONTENT.blocks['dynamic'] = DYNAMIC;
const RESOURCE: Schema = {
  blocks: {
    lifecycle: LIFECYCLE,
    connection: CONNECTION,
    provisioner: { labels: 1, schema: { blocks: { connection: CONNECTION } } },
    dynamic: DYNAMIC,
  },
  expressions: ['depends_on', 'provider'],
};

const TOP_LEVEL: Readonly<Record<string, BlockSchema>> = {
  resource: { labels: 2, schema: RESOURCE },
  data: { labels: 2, schema: RESOURCE },
  ephemeral: { labels: 2, schema: RESOURCE },
  action: { labels: 2, schema: { blocks: { config: { labels: 0, schema: ATTRIBUTES } } } },
  module: { labels: 1, schema: { expressions: ['depends_on', 'providers'] } },
  provider: { labels: 1, schema: ATTRIBUTES },
  variable: {
    labels: 1,
    schema: {
      blocks: { validation: { labels: 0, schema: ATTRIBUTES } },
      expressions: ['type'],
      literals: ['default'],
    },
  },
  output: { labels: 1, schema: { blocks: CONDITIONS, expressions: ['depends_on'] } },
  locals: { labels: 0, schema: ATTRIBUTES },
  terraform: {
    labels: 0,
    schema: {
      blocks: {
        required_providers: { labels: 0, schema: ATTRIBUTES },
        backend: { labels: 1, schema: ATTRIBUTES },
        provider_meta: { labels: 1, schema: ATTRIBUTES },
        cloud: { labels: 0, schema: { blocks: { workspaces: { labels: 0, schema: ATTRIBUTES } } } },
      },
    },
  },
  moved: { labels: 0, schema: { expressions: ['from', 'to'] } },
  import: { labels: 0, schema: { expressions: ['to', 'provider'] } },
  removed: { labels: 0, schema: { blocks: { lifecycle: LIFECYCLE }, expressions: ['from'] } },
  check: {
    labels: 1,
    schema: {
      blocks: {
        data: { labels: 2, schema: RESOURCE },
        assert: { labels: 0, schema: ATTRIBUTES },
      },
    },
  },
};

const ROOT: Schema = { blocks: TOP_LEVEL };

/** The blocks Terraform takes at the top of a configuration file, in either syntax. */
export const TERRAFORM_BLOCK_TYPES: ReadonlySet<string> = new Set(Object.keys(TOP_LEVEL));

type ValueMode = 'template' | 'expression' | 'literal';

class JsonReader {
  readonly lines: LineIndex;
  readonly diagnostics: ParseDiagnostic[] = [];
  readonly comments: Comment[] = [];

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
  }

  pos(offset: number): Position {
    return this.lines.position(offset);
  }

  error(start: number, end: number, message: string): void {
    addSyntaxError(this.diagnostics, { message, start: this.pos(start), end: this.pos(end) });
  }

  /** The items of a block body, or of the file. */
  body(node: Node, schema: Schema): Body {
    const items: (Attribute | Block)[] = [];
    const names = new Map<string, Attribute>();
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (keyNode === undefined || valueNode === undefined) continue;
      const key = keyNode.value as string;
      if (this.comment(prop, key, valueNode)) continue;
      const block = schema.blocks && ownEntry(schema.blocks, key);
      if (block !== undefined) {
        this.blocks(items, key, keyNode, valueNode, block, []);
        continue;
      }
      const mode: ValueMode = schema.expressions?.includes(key)
        ? 'expression'
        : schema.literals?.includes(key)
          ? 'literal'
          : 'template';
      const attribute: Attribute = {
        kind: 'attribute',
        name: key,
        nameSpan: this.nodeSpan(keyNode),
        expr: this.value(valueNode, mode),
        start: this.pos(prop.offset),
        end: this.pos(prop.offset + prop.length),
      };
      const first = names.get(key);
      if (first !== undefined) {
        this.error(
          keyNode.offset,
          keyNode.offset + keyNode.length,
          `attribute '${excerpt(key)}' is set twice; it was first set at line ${first.start.line}`,
        );
      } else names.set(key, attribute);
      items.push(attribute);
    }
    return { items, ...this.nodeSpan(node) };
  }

  private comment(prop: Node, key: string, value: Node): boolean {
    if (key !== '//') return false;
    const text = typeof value.value === 'string' ? value.value : this.slice(value);
    this.comments.push({ text, style: '//', ...this.nodeSpan(prop) });
    return true;
  }

  /**
   * Nested objects, one level per label, down to the body; an array at any level holds several
   * blocks, as for provider aliases or repeated nested blocks.
   */
  private blocks(
    out: (Attribute | Block)[],
    type: string,
    typeNode: Node,
    node: Node,
    block: BlockSchema,
    labels: Label[],
  ): void {
    if (node.type === 'array') {
      for (const element of node.children ?? []) {
        this.blocks(out, type, typeNode, element, block, labels);
      }
      return;
    }
    if (node.type !== 'object') {
      // Its labels are strings, whose contents a message never quotes.
      this.error(
        node.offset,
        node.offset + node.length,
        `expected an object for the block '${excerpt(type)}'`,
      );
      return;
    }
    if (labels.length < block.labels) {
      for (const prop of node.children ?? []) {
        const [keyNode, valueNode] = prop.children ?? [];
        if (keyNode === undefined || valueNode === undefined) continue;
        const key = keyNode.value as string;
        if (this.comment(prop, key, valueNode)) continue;
        const label: Label = { value: key, ...this.nodeSpan(keyNode) };
        this.blocks(out, type, typeNode, valueNode, block, [...labels, label]);
      }
      return;
    }
    const body = this.body(node, block.schema);
    const last = labels[labels.length - 1];
    const start =
      last?.start ?? (node.parent?.type === 'array' ? body.start : this.pos(typeNode.offset));
    out.push({
      kind: 'block',
      type,
      typeSpan: this.nodeSpan(typeNode),
      labels,
      body,
      start,
      end: body.end,
    });
  }

  value(node: Node, mode: ValueMode): Expression {
    const span = this.nodeSpan(node);
    switch (node.type) {
      case 'string':
        if (mode === 'expression') return this.expression(node);
        if (mode === 'literal') return this.literalString(node);
        return this.template(node);
      case 'number':
        return { type: 'literal', ...numberLiteral(this.slice(node)), ...span };
      case 'boolean':
      case 'null':
        return { type: 'literal', value: node.value as number | boolean | null, ...span };
      case 'array':
        return {
          type: 'tuple',
          items: (node.children ?? []).map((child) => this.value(child, mode)),
          ...span,
        };
      case 'object': {
        const items: ObjectItem[] = [];
        for (const prop of node.children ?? []) {
          const [keyNode, valueNode] = prop.children ?? [];
          if (keyNode === undefined || valueNode === undefined) continue;
          if (this.comment(prop, keyNode.value as string, valueNode)) continue;
          const key = mode === 'literal' ? this.literalString(keyNode) : this.template(keyNode);
          const value = this.value(valueNode, mode);
          items.push({ key, value, ...this.nodeSpan(prop) });
        }
        return { type: 'object', items, ...span };
      }
      default:
        return { type: 'invalid', ...span };
    }
  }

  private literalString(node: Node): TemplateExpr {
    const value = node.value as string;
    const parts =
      value === ''
        ? []
        : [
            {
              type: 'literal' as const,
              value,
              start: this.pos(node.offset + 1),
              end: this.pos(node.offset + node.length - 1),
            },
          ];
    return { type: 'template', parts, ...this.nodeSpan(node) };
  }

  private template(node: Node): TemplateExpr {
    const value = node.value as string;
    if (!value.includes('${') && !value.includes('%{')) return this.literalString(node);
    const parser = new Parser(value, this.stringPositions(node));
    const parts = parser.parseBareTemplate();
    for (const d of parser.diagnostics) addSyntaxError(this.diagnostics, d);
    return { type: 'template', parts, ...this.nodeSpan(node) };
  }

  private expression(node: Node): Expression {
    const parser = new Parser(node.value as string, this.stringPositions(node));
    const expr = parser.parseExpressionText();
    for (const d of parser.diagnostics) addSyntaxError(this.diagnostics, d);
    return expr;
  }

  /** Positions inside a JSON string's value, mapped back through its escapes to the file. */
  private stringPositions(node: Node): PositionSource {
    const value = node.value as string;
    const rawStart = node.offset + 1;
    const raw = this.text.slice(rawStart, node.offset + node.length - 1);
    const lines = this.lines;
    if (raw === value) return { position: (offset) => lines.position(rawStart + offset) };
    const map = new Int32Array(value.length + 1);
    let i = 0;
    for (let j = 0; j < value.length; j++) {
      map[j] = rawStart + i;
      if (raw.charCodeAt(i) === 92) i += raw.charCodeAt(i + 1) === 117 ? 6 : 2;
      else i++;
    }
    map[value.length] = rawStart + raw.length;
    return {
      position: (offset) =>
        lines.position(map[Math.max(0, Math.min(offset, value.length))] as number),
    };
  }

  private nodeSpan(node: Node): { start: Position; end: Position } {
    return { start: this.pos(node.offset), end: this.pos(node.offset + node.length) };
  }

  private slice(node: Node): string {
    return this.text.slice(node.offset, node.offset + node.length);
  }
}

/**
 * Terraform's JSON syntax (`.tf.json`, `.tfvars.json`) as the same tree as native HCL. Nested
 * objects that are not known blocks stay object attributes, as Terraform cannot tell them apart
 * without provider schemas.
 */
export function parseTfJson(text: string, path: string): ConfigFile {
  const reader = new JsonReader(text);
  const fileSpan = { start: reader.pos(0), end: reader.pos(text.length) };
  const deep = jsonTooDeepAt(text, MAX_DEPTH);
  if (deep !== -1) {
    reader.error(deep, deep + 1, `nesting is too deep (more than ${MAX_DEPTH} levels)`);
    return {
      path,
      body: { items: [], ...fileSpan },
      comments: [],
      diagnostics: reader.diagnostics,
    };
  }
  const { root, errors } = readJson(text);
  for (const e of errors) reader.error(e.offset, e.offset + e.length, e.message);
  let body: Body = { items: [], ...fileSpan };
  if (root !== undefined && root.type === 'object') {
    const schema = path.endsWith('.tfvars.json') ? ATTRIBUTES : ROOT;
    body = { items: reader.body(root, schema).items, ...fileSpan };
  } else if (root !== undefined) {
    reader.error(root.offset, root.offset + root.length, 'expected a JSON object at the top level');
  }
  return { path, body, comments: reader.comments, diagnostics: reader.diagnostics };
}
