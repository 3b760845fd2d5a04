/**
 * The HCL syntax tree. Every node has `start`/`end` positions (end exclusive). Strings and heredocs
 * are templates; the parser has already applied `~` strip markers and `<<-` indentation to their
 * literal parts, so the evaluator never re-reads source text.
 */
import type { Position } from '@posture/model';

export interface Span {
  readonly start: Position;
  readonly end: Position;
}

export interface ConfigFile {
  /** Relative to the scan root, `/`-separated. */
  readonly path: string;
  readonly body: Body;
  /** Every comment of the file in source order, for annotations such as `# posture:release`. */
  readonly comments: readonly Comment[];
  readonly diagnostics: readonly ParseDiagnostic[];
}

export interface ParseDiagnostic extends Span {
  readonly message: string;
}

export interface Comment extends Span {
  /** The comment text without its `#`, `//` or `/* *\/` markers. */
  readonly text: string;
  readonly style: '#' | '//' | '/*';
}

export interface Body extends Span {
  /** Attributes and blocks in source order. */
  readonly items: readonly (Attribute | Block)[];
}

export interface Attribute extends Span {
  readonly kind: 'attribute';
  readonly name: string;
  readonly nameSpan: Span;
  readonly expr: Expression;
  /** Set by the loader on an item an override file merged into another file's block: that file. */
  readonly mergedFrom?: string;
}

export interface Label extends Span {
  readonly value: string;
}

export interface Block extends Span {
  readonly kind: 'block';
  readonly type: string;
  readonly typeSpan: Span;
  readonly labels: readonly Label[];
  readonly body: Body;
  /** Set by the loader on an item an override file merged into another file's block: that file. */
  readonly mergedFrom?: string;
}

export type Expression =
  | LiteralExpr
  | TemplateExpr
  | TupleExpr
  | ObjectExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | AnonSymbolExpr
  | CallExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr
  | ForExpr
  | InvalidExpr;

/** Numbers, `true`, `false`, `null`. Strings are always templates. */
export interface LiteralExpr extends Span {
  readonly type: 'literal';
  readonly value: null | boolean | number;
  /** A number as written when `value`, a double, does not hold it exactly: its value is unknown. */
  readonly inexact?: string;
}

/** A quoted string or heredoc. A plain string is a template with one literal part (or none). */
export interface TemplateExpr extends Span {
  readonly type: 'template';
  readonly parts: readonly TemplatePart[];
  readonly heredoc?: { readonly marker: string; readonly indented: boolean };
}

export type TemplatePart = TemplateLiteral | TemplateInterpolation | TemplateIf | TemplateFor;

export interface TemplateLiteral extends Span {
  readonly type: 'literal';
  /** Unescaped text: `\n` is a newline, `$${` is `${`, `%%{` is `%{`. */
  readonly value: string;
}

export interface TemplateInterpolation extends Span {
  readonly type: 'interpolation';
  readonly expr: Expression;
}

export interface TemplateIf extends Span {
  readonly type: 'if';
  readonly condition: Expression;
  readonly then: readonly TemplatePart[];
  readonly else?: readonly TemplatePart[];
}

export interface TemplateFor extends Span {
  readonly type: 'for';
  readonly keyVar?: string;
  readonly valueVar: string;
  readonly collection: Expression;
  readonly body: readonly TemplatePart[];
}

export interface TupleExpr extends Span {
  readonly type: 'tuple';
  readonly items: readonly Expression[];
}

export interface ObjectItem extends Span {
  /**
   * A bare identifier key is a `VariableExpr` (HCL treats `{ a = 1 }` as the string "a");
   * a parenthesised key is a `ParenExpr` and is evaluated.
   */
  readonly key: Expression;
  readonly value: Expression;
}

export interface ObjectExpr extends Span {
  readonly type: 'object';
  readonly items: readonly ObjectItem[];
}

/** The root of a traversal: `var`, `local`, `aws_s3_bucket`, `each`, `count`, `path`, a for variable. */
export interface VariableExpr extends Span {
  readonly type: 'variable';
  readonly name: string;
}

export interface GetAttrExpr extends Span {
  readonly type: 'getattr';
  readonly object: Expression;
  readonly name: string;
}

/** `a[k]`, and the legacy `a.0`, which is an index with a number literal key. */
export interface IndexExpr extends Span {
  readonly type: 'index';
  readonly object: Expression;
  readonly key: Expression;
}

/**
 * `source.*.rest` or `source[*].rest`. `each` is the traversal applied to every element, rooted at an
 * `AnonSymbolExpr` (for `a[*].id`, `each` is getattr(anon, "id"); for bare `a[*]`, `each` is anon).
 */
export interface SplatExpr extends Span {
  readonly type: 'splat';
  readonly source: Expression;
  readonly each: Expression;
  readonly style: 'attr' | 'full';
}

export interface AnonSymbolExpr extends Span {
  readonly type: 'anon';
}

export interface CallExpr extends Span {
  readonly type: 'call';
  /** Includes a namespace when given: `provider::aws::arn_parse`. */
  readonly name: string;
  readonly args: readonly Expression[];
  /** The last argument ends with `...` and is expanded. */
  readonly expandFinal: boolean;
}

export interface ConditionalExpr extends Span {
  readonly type: 'conditional';
  readonly condition: Expression;
  readonly then: Expression;
  readonly else: Expression;
}

export type BinaryOperator =
  '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr extends Span {
  readonly type: 'binary';
  readonly op: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

export interface UnaryExpr extends Span {
  readonly type: 'unary';
  readonly op: '!' | '-';
  readonly operand: Expression;
}

export interface ParenExpr extends Span {
  readonly type: 'parens';
  readonly expr: Expression;
}

export interface ForExpr extends Span {
  readonly type: 'for';
  readonly kind: 'tuple' | 'object';
  readonly keyVar?: string;
  readonly valueVar: string;
  readonly collection: Expression;
  /** Only for object `for`: the expression before `=>`. */
  readonly keyExpr?: Expression;
  readonly valueExpr: Expression;
  readonly condition?: Expression;
  /** Object `for` with `...` after the value: values with equal keys are grouped into lists. */
  readonly grouping: boolean;
}

/** Stands where the parser recovered from a syntax error; evaluates to unknown. */
export interface InvalidExpr extends Span {
  readonly type: 'invalid';
}
