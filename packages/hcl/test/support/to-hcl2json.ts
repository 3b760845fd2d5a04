/**
 * Our syntax tree in the shape `@cdktf/hcl2json` produces, so the two parsers can be compared on
 * whole files. The rules follow hcl2json's converter (tmccombs/hcl2json, as vendored by cdktf):
 * blocks nest by type, then by label, into arrays of bodies; literals become JSON values; every
 * other expression becomes "${<its exact source text>}"; templates are re-rendered with
 * interpolations and directives in canonical form and literal `${` / `%{` escaped.
 */
import type { Body, ConfigFile, Expression, TemplateExpr, TemplatePart } from '../../src/ast.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export function toHcl2Json(file: ConfigFile, text: string): Json {
  return new Converter(text).body(file.body);
}

function set(obj: JsonObject, key: string, value: Json): void {
  // A key such as `__proto__` must become a property, not change the prototype.
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function has(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

class Converter {
  constructor(private readonly text: string) {}

  body(body: Body): JsonObject {
    const out: JsonObject = {};
    for (const item of body.items) {
      if (item.kind === 'attribute') set(out, item.name, this.expr(item.expr));
    }
    for (const item of body.items) {
      if (item.kind !== 'block') continue;
      // hcl2json silently drops a block whose path collides with an attribute or another shape.
      let target = out;
      let key = item.type;
      let ok = true;
      for (const label of item.labels) {
        if (has(target, key)) {
          const inner = target[key];
          if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
            ok = false;
            break;
          }
          target = inner;
        } else {
          const obj: JsonObject = {};
          set(target, key, obj);
          target = obj;
        }
        key = label.value;
      }
      if (!ok) continue;
      const value = this.body(item.body);
      if (!has(target, key)) set(target, key, [value]);
      else {
        const list = target[key];
        if (Array.isArray(list)) list.push(value);
      }
    }
    return out;
  }

  private source(e: Expression): string {
    return this.text.slice(e.start.offset, e.end.offset);
  }

  private wrap(e: Expression): string {
    return '${' + this.source(e) + '}';
  }

  expr(e: Expression): Json {
    switch (e.type) {
      case 'literal':
        return e.value;
      case 'template':
        return this.template(e);
      case 'tuple':
        return e.items.map((item) => this.expr(item));
      case 'object': {
        const out: JsonObject = {};
        for (const item of e.items) set(out, this.key(item.key), this.expr(item.value));
        return out;
      }
      case 'unary': {
        const operand = e.operand;
        if (operand.type === 'literal') {
          if (e.op === '-' && typeof operand.value === 'number') return -operand.value;
          if (e.op === '!' && typeof operand.value === 'boolean') return !operand.value;
        }
        return this.wrap(e);
      }
      default:
        return this.wrap(e);
    }
  }

  private template(t: TemplateExpr): Json {
    const parts = t.parts;
    const only = parts[0];
    // A string that is one interpolation and nothing else stands for the value inside it.
    if (parts.length === 1 && only?.type === 'interpolation' && t.heredoc === undefined) {
      return this.expr(only.expr);
    }
    return this.parts(parts);
  }

  private parts(parts: readonly TemplatePart[]): string {
    let out = '';
    for (const part of parts) out += this.part(part);
    return out;
  }

  private part(part: TemplatePart): string {
    switch (part.type) {
      case 'literal':
        return part.value.replace(/([$%])\{/g, (_, marker: string) => `${marker}${marker}{`);
      case 'interpolation':
        return this.stringPart(part.expr);
      case 'if': {
        const cond = this.source(part.condition);
        const otherwise = part.else !== undefined ? this.parts(part.else) : '';
        return (
          `%{if ${cond}}${this.parts(part.then)}` +
          (otherwise !== '' ? `%{else}${otherwise}` : '') +
          '%{endif}'
        );
      }
      case 'for': {
        const coll = this.source(part.collection);
        const vars = part.keyVar !== undefined ? `${part.keyVar}, ${part.valueVar}` : part.valueVar;
        return `%{for ${vars} in ${coll}}${this.parts(part.body)}%{endfor}`;
      }
    }
  }

  /**
   * An interpolation inside a larger template. HCL parses `%{if}` directives into the same node as
   * `a ? b : c`, so hcl2json renders an interpolated conditional as a directive.
   */
  private stringPart(e: Expression): string {
    if (e.type === 'literal') return e.value === null ? 'null' : String(e.value);
    if (e.type === 'conditional') {
      const otherwise = this.stringPart(e.else);
      return (
        `%{if ${this.source(e.condition)}}${this.stringPart(e.then)}` +
        (otherwise !== '' ? `%{else}${otherwise}` : '') +
        '%{endif}'
      );
    }
    if (e.type === 'template') {
      const value = this.template(e);
      return typeof value === 'string' ? value : this.wrap(e);
    }
    return this.wrap(e);
  }

  private key(k: Expression): string {
    if (isTraversal(k)) return this.source(k);
    return this.stringPart(k);
  }
}

/** HCL's ScopeTraversalExpr: a root name followed by attribute steps and literal indexes. */
function isTraversal(e: Expression): boolean {
  switch (e.type) {
    case 'variable':
      return true;
    case 'getattr':
      return isTraversal(e.object);
    case 'index':
      return (
        (e.key.type === 'literal' ||
          (e.key.type === 'template' && e.key.parts.every((p) => p.type === 'literal'))) &&
        isTraversal(e.object)
      );
    default:
      return false;
  }
}
