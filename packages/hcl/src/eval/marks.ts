/**
 * Terraform's marks on values: sensitive and ephemeral. A marked value is unknown to everything
 * but the functions that read marks (`nonsensitive`, `issensitive`, `ephemeralasnull`).
 */
import { Unknown, type Value } from '@posture/model';

/**
 * A value marked sensitive (`sensitive()`, a variable or output declared `sensitive`). A secret
 * must never reach a report, so it is scanned as unknown; the value is kept out of sight, in a
 * private field no walk or serialiser reaches, for `nonsensitive()` only: the author who writes
 * that says the value is no secret, and Terraform then shows it in the plan.
 */
export class Sensitive extends Unknown {
  readonly #value: Value;

  constructor(value: Value, reason: string) {
    super([], reason);
    this.#value = value;
  }

  /** The value with the mark removed, as `nonsensitive()` gives it. */
  unmarked(): Value {
    return this.#value;
  }

  /** A part of the value (`sensitive(o).a`), sensitive too. */
  part(step: (value: Value) => Value): Sensitive {
    return new Sensitive(step(this.#value), this.reason ?? 'sensitive value');
  }
}

/**
 * A value marked ephemeral (a variable or output declared `ephemeral`, an `ephemeral` resource):
 * Terraform keeps it out of plans and state, so it is unknown, and `ephemeralasnull` makes it
 * null. Its attributes are ephemeral too: reading one gives the value itself, as for any unknown.
 */
export class Ephemeral extends Unknown {}

export function ephemeral(what: string): Ephemeral {
  return new Ephemeral([], `${what} is ephemeral, and never in a plan`);
}
