/**
 * `csvdecode`: CSV read as Terraform reads it, with Go's `encoding/csv` in its strict mode (RFC
 * 4180: quotes only around a whole field, `""` for a quote inside one), the first record naming
 * the columns of every other. One pass over the text, so a long one costs its length.
 */
import type { Value } from '@posture/model';
import { MAX_ELEMENTS, MAX_TEXT } from '../eval/unknowns.js';
import { objectOf } from '../eval/values.js';
import { ResultTooLarge, fail } from './function.js';

export function csvdecode(text: string): Value[] {
  const reader = new CsvReader(text);
  const header = reader.record() ?? fail('missing header line');
  const names = new Set<string>();
  for (const name of header) {
    if (names.has(name)) fail(`duplicate column name "${name}"`);
    names.add(name);
  }
  const keyCharacters = header.reduce((sum, name) => sum + name.length, 0);
  const rows: Value[] = [];
  let elements = 0;
  let characters = 0;
  for (let record = reader.record(); record; record = reader.record()) {
    if (record.length !== header.length) reader.fail('wrong number of fields');
    // The keys are written again in every row of the result, and count again.
    elements += 1 + record.length;
    characters += keyCharacters + record.reduce((sum, field) => sum + field.length, 0);
    if (elements > MAX_ELEMENTS) throw new ResultTooLarge(`more than ${MAX_ELEMENTS} elements`);
    if (characters > MAX_TEXT) throw new ResultTooLarge(`text of more than ${MAX_TEXT} characters`);
    rows.push(objectOf(header.map((name, i) => [name, record[i] ?? ''])));
  }
  return rows;
}

class CsvReader {
  private at = 0;
  private lineNumber = 0;
  private recordLine = 0;

  constructor(private readonly text: string) {}

  fail(why: string, line = this.recordLine): never {
    return fail(`CSV parse error on line ${line}: ${why}`);
  }

  /** The next record's fields; undefined at the end. Empty lines are skipped. */
  record(): string[] | undefined {
    let line: string | undefined;
    do line = this.line();
    while (line === '' || line === '\n');
    if (line === undefined) return undefined;
    this.recordLine = this.lineNumber;
    const fields: string[] = [];
    let start = 0;
    for (;;) {
      if (line[start] === '"') {
        const quoted = this.quotedField(line, start + 1);
        fields.push(quoted.field);
        if (quoted.line === undefined) return fields;
        [line, start] = [quoted.line, quoted.next];
        continue;
      }
      const comma = line.indexOf(',', start);
      const end = comma >= 0 ? comma : line.endsWith('\n') ? line.length - 1 : line.length;
      const field = line.slice(start, end);
      if (field.includes('"')) this.fail('bare " in non-quoted-field', this.lineNumber);
      fields.push(field);
      if (comma < 0) return fields;
      start = comma + 1;
    }
  }

  /**
   * A quoted field from `start`, past its opening quote; it may run over lines. Gives the line the
   * next field is on and where it starts, or no line when the record ends with this field.
   */
  private quotedField(
    first: string,
    start: number,
  ): { field: string; line?: string; next: number } {
    const parts: string[] = [];
    let line = first;
    let from = start;
    for (;;) {
      const quote = line.indexOf('"', from);
      if (quote < 0) {
        parts.push(line.slice(from));
        const next = line.length > from ? this.line() : undefined;
        if (next === undefined)
          this.fail('extraneous or missing " in quoted-field', this.lineNumber);
        [line, from] = [next, 0];
        continue;
      }
      parts.push(line.slice(from, quote));
      const after = line[quote + 1];
      if (after === '"') {
        parts.push('"');
        from = quote + 2;
      } else if (after === ',') {
        return { field: parts.join(''), line, next: quote + 2 };
      } else if (after === undefined || (after === '\n' && quote + 2 === line.length)) {
        return { field: parts.join(''), next: 0 };
      } else {
        this.fail('extraneous or missing " in quoted-field', this.lineNumber);
      }
    }
  }

  /**
   * The next line with its end as Go's reader gives it: `\r\n` read as `\n`, and a `\r` that ends
   * the text dropped. Undefined at the end.
   */
  private line(): string | undefined {
    const { text, at } = this;
    if (at >= text.length) return undefined;
    this.lineNumber++;
    const newline = text.indexOf('\n', at);
    if (newline < 0) {
      this.at = text.length;
      return text.endsWith('\r') ? text.slice(at, -1) : text.slice(at);
    }
    this.at = newline + 1;
    const carriage = newline > at && text[newline - 1] === '\r';
    return carriage ? `${text.slice(at, newline - 1)}\n` : text.slice(at, newline + 1);
  }
}
