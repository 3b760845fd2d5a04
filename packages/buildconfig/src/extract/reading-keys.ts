/**
 * Keys that tell apart the readings of a script by the values they give it. A key holds each value
 * by a number and is hashed: a key spelling out the values grew with every use of them, and a
 * script using a 2 KB value 320,000 times made one longer than a string can be, which ended the
 * scan.
 */
import { createHash } from 'node:crypto';
import type { Given, Substitution } from '../variables/common.js';

export class ReadingKeys {
  private readonly ids = new Map<string, number>();

  /** The key of a reading by what its placeholders resolve to, and where. */
  ofSubstitutions(substitutions: readonly Substitution[]): string {
    const parts = substitutions.map((s) => `${s.start},${s.end},${this.id(s.value)}`);
    return digest(parts.join(';'));
  }

  /** The key of the variables a place gives a script, in the order given. */
  ofGiven(given: Given): string {
    const parts = [...given].map(([name, value]) => `${this.id(name)}=${this.id(value)}`);
    return digest(parts.join(';'));
  }

  private id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) this.ids.set(value, (id = this.ids.size));
    return id;
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}
