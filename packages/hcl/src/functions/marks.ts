/** Functions that read and set Terraform's marks on values (see `eval/marks.ts`). */
import { isObject, type Value } from '@posture/model';
import { Ephemeral, Sensitive } from '../eval/marks.js';
import { isWhollyKnown } from '../eval/unknowns.js';
import { objectOf } from '../eval/values.js';
import { arity, withUnknowns, type FunctionTable } from './function.js';

export const markFunctions: FunctionTable = {
  sensitive: withUnknowns((args) => {
    arity(args, 1);
    return new Sensitive(args[0] ?? null, 'sensitive value');
  }),
  nonsensitive: withUnknowns((args) => {
    arity(args, 1);
    const [value = null] = args;
    return value instanceof Sensitive ? value.unmarked() : value;
  }),
  ephemeralasnull: withUnknowns((args) => {
    arity(args, 1);
    return withoutEphemeral(args[0] ?? null);
  }),
};

/** The value with every ephemeral part null, as `ephemeralasnull` gives it. */
function withoutEphemeral(value: Value): Value {
  if (value instanceof Ephemeral) return null;
  if (isWhollyKnown(value)) return value;
  if (Array.isArray(value)) return value.map(withoutEphemeral);
  if (!isObject(value)) return value;
  return objectOf(Object.entries(value).map(([key, part]) => [key, withoutEphemeral(part)]));
}
