/** The traversable values behind `var`, `aws_s3_bucket.x`, `module.m`: resolved only when read. */
import { AFTER_APPLY, couldBe, isObject, isUnknown, type Value } from '@posture/model';
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
 * instances are not known, a reference that keeps the address, and reads the one instance a known
 * key can be.
 */
export function collection(
  expansion: Expansion,
  address: string,
  make: (instance: InstanceKey, i: number) => Value,
): Value {
  const { instances } = expansion;
  if (expansion.unknown) {
    return new Instances(address, `the instances of ${address} are not known`, (key) => {
      const found = instanceFor(expansion, key);
      return found && make(...found);
    });
  }
  if (expansion.mode === 'single') return instances[0] ? make(instances[0], 0) : null;
  if (expansion.mode === 'count') return instances.map(make);
  return objectOf(instances.map((instance, i) => [String(instance.key), make(instance, i)]));
}

/**
 * Of instances not known, the one a known key can be, and its position: the instance of that key,
 * or the one alone that stands for keys it fits (`[*]`, `["acme-releases-*"]` for
 * "acme-releases-123"). None when it fits several, or none (Terraform rejects a key of no instance).
 */
function instanceFor(
  { mode, instances }: Expansion,
  key: string | number,
): readonly [InstanceKey, number] | undefined {
  const indexed = instances.map((instance, i) => [instance, i] as const);
  const same = indexed.find(([instance]) => instance.key === key);
  if (same) return same;
  const fits = indexed.filter(([instance]) => couldBeKey(mode, instance, key));
  return fits.length === 1 ? fits[0] : undefined;
}

/** Whether an instance whose key is not known could be that of `key`. */
function couldBeKey(mode: Expansion['mode'], instance: InstanceKey, key: string | number): boolean {
  if (instance.key !== undefined) return false;
  if (mode === 'count') return typeof key === 'number';
  const each = instance.bindings.each;
  const eachKey = isObject(each) ? each.key : undefined;
  return (
    mode === 'for_each' && typeof key === 'string' && isUnknown(eachKey) && couldBe(eachKey, key)
  );
}
