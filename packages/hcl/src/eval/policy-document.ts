/**
 * `data "aws_iam_policy_document"` rendered as the AWS provider renders it, so that
 * `policy = data.aws_iam_policy_document.x.json` is a policy JSON string like any other.
 */
import {
  asArray,
  asString,
  isObject,
  jsonRefusal,
  type Value,
  type ValueObject,
} from '@posture/model';
import { goJsonIndented } from '../functions/json.js';
import { combine, invalid, isWhollyKnown } from './unknowns.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Statement = { [key: string]: Json };

/** The `json` attribute: the document, or an unknown when any input is unknown. */
export function renderPolicyDocument(values: ValueObject): Value {
  if (!isWhollyKnown(values)) return combine([values]);
  try {
    return goJsonIndented(policyDocument(values));
  } catch (error) {
    return invalid(`policy document: ${(error as Error).message}`);
  }
}

/**
 * Source documents first, then this document's statements, then override documents; a statement
 * with a `Sid` replaces an earlier one with the same `Sid`, others are appended.
 */
function policyDocument(values: ValueObject): Json {
  const layers = [
    ...documents(values['source_json']),
    ...documents(values['source_policy_documents']),
    asArray(values['statement']).filter(isObject).map(renderStatement),
    ...documents(values['override_policy_documents']),
    ...documents(values['override_json']),
  ];
  const statements = layers.reduce<Statement[]>(mergeStatements, []);
  return withoutEmpty({
    Version: asString(values['version']) ?? '2012-10-17',
    Id: asString(values['policy_id']) ?? '',
    Statement: statements,
  });
}

function documents(value: Value | undefined): Statement[][] {
  return asArray(value)
    .map(asString)
    .filter((text): text is string => text !== undefined && text !== '')
    .map((text) => {
      const parsed = parseDocument(text);
      const statements = Array.isArray(parsed.Statement)
        ? parsed.Statement
        : [parsed.Statement ?? null];
      return statements.filter(
        (s): s is Statement => typeof s === 'object' && s !== null && !Array.isArray(s),
      );
    });
}

/** Its message becomes the document's reason, which reports show: it quotes none of the text. */
function parseDocument(text: string): { Statement?: Json } {
  try {
    return JSON.parse(text) as { Statement?: Json };
  } catch (error) {
    const { line, column, message } = jsonRefusal(text, error);
    throw new Error(`a document is not valid JSON at line ${line}, column ${column}: ${message}`);
  }
}

function mergeStatements(merged: Statement[], layer: Statement[]): Statement[] {
  const out = [...merged];
  for (const statement of layer) {
    const sid = statement['Sid'];
    const at = typeof sid === 'string' && sid !== '' ? out.findIndex((s) => s['Sid'] === sid) : -1;
    if (at >= 0) out[at] = statement;
    else out.push(statement);
  }
  return out;
}

function renderStatement(block: ValueObject): Statement {
  return withoutEmpty({
    Sid: asString(block['sid']) ?? '',
    Effect: asString(block['effect']) ?? 'Allow',
    Action: oneOrMany(block['actions']),
    NotAction: oneOrMany(block['not_actions']),
    Resource: oneOrMany(block['resources']),
    NotResource: oneOrMany(block['not_resources']),
    Principal: principals(block['principals']),
    NotPrincipal: principals(block['not_principals']),
    Condition: conditions(block['condition']),
  }) as Statement;
}

/**
 * `{type = "*", identifiers = ["*"]}` as the only principal renders `"*"`; otherwise identifiers
 * are grouped by type: `{"AWS": "*"}`, `{"Service": [...]}`.
 */
function principals(value: Value | undefined): Json {
  const blocks = asArray(value).filter(isObject);
  if (blocks.length === 1 && blocks[0]?.['type'] === '*') return '*';
  // By type in a Map: a type is data (`toString` found Object.prototype's function, not a list).
  const byType = new Map<string, string[]>();
  for (const block of blocks) {
    const type = asString(block['type']) ?? '';
    byType.set(type, [...(byType.get(type) ?? []), ...strings(block['identifiers'])]);
  }
  return Object.fromEntries([...byType].map(([type, ids]) => [type, oneOrMany(ids)]));
}

function conditions(value: Value | undefined): Json {
  const byTest = new Map<string, Record<string, Json>>();
  for (const block of asArray(value).filter(isObject)) {
    const test = asString(block['test']) ?? '';
    const variable = asString(block['variable']) ?? '';
    byTest.set(test, { ...byTest.get(test), [variable]: oneOrMany(block['values']) });
  }
  return Object.fromEntries(byTest);
}

/** A single value is written bare, several as a list, as the provider does. */
function oneOrMany(value: Value | undefined): Json {
  const items = [...new Set(strings(value))];
  return items.length === 1 ? (items[0] ?? null) : items;
}

function strings(value: Value | undefined): string[] {
  return asArray(value)
    .map(asString)
    .filter((s): s is string => s !== undefined);
}

/** Go's `omitempty`: empty strings, lists and objects are left out. */
function withoutEmpty(fields: Record<string, Json>): Json {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => {
      if (v === '' || v === null) return false;
      if (Array.isArray(v)) return v.length > 0;
      return typeof v !== 'object' || Object.keys(v).length > 0;
    }),
  );
}
