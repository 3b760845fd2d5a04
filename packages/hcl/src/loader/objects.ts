/** The traversable values behind `var`, `aws_s3_bucket.x`, `module.m`: resolved only when read. */
import { AFTER_APPLY, type Value } from '@posture/model';
import type { Expansion, InstanceKey } from '../eval/for-each.js';
import type { RefSink } from '../eval/scope.js';
import { InstanceObject, Instances, Traversable } from '../eval/unknowns.js';
import { objectOf } from '../eval/values.js';

type Reader = (name: string, sink: RefSink) => Value;

/** `var`, `local`, `module`, `data`, `data.<type>` and resource types: names, not values. */
export class Namespace extends Traversable {
  constructor(
    label: string,
    private readonly read: Reader,
  ) {
    super([], `${label} is not a value`);
  }

  attr(name: string, sink: RefSink): Value {
    return this.read(name, sink);
  }
}

/** One resource or module instance; reading an attribute asks its module instance. */
export class AddressedObject extends InstanceObject {
  constructor(
    readonly address: string,
    private readonly read: Reader,
  ) {
    super([address], AFTER_APPLY);
  }

  attr(name: string, sink: RefSink): Value {
    return this.read(name, sink);
  }
}

/**
 * The value of a block's name: one object, a list (`count`), a map (`for_each`), or, when the
 * instances are not known, a reference that keeps the address.
 */
export function collection(
  expansion: Expansion,
  address: string,
  make: (instance: InstanceKey, i: number) => Value,
): Value {
  if (expansion.unknown) return new Instances(address, `the instances of ${address} are not known`);
  const { instances } = expansion;
  if (expansion.mode === 'single') return instances[0] ? make(instances[0], 0) : null;
  if (expansion.mode === 'count') return instances.map(make);
  return objectOf(instances.map((instance, i) => [String(instance.key), make(instance, i)]));
}
