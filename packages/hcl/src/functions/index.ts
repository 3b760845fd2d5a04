/** The built-in function table and the one place that calls into it. */
import { EngineUnavailable, isUnknown, unknown, type Value } from '@posture/model';
import { sizeOfAll } from '../eval/size.js';
import {
  combine,
  FileNotRead,
  invalid,
  isWhollyKnown,
  overBound,
  Reported,
  tooLarge,
} from '../eval/unknowns.js';
import { awsProviderFunctions } from './aws-provider.js';
import { cidrFunctions } from './cidr.js';
import { collectionFunctions } from './collections.js';
import { conversionFunctions } from './conversions.js';
import { encodingFunctions } from './encoding.js';
import { fileFunctions } from './files.js';
import {
  FileUnread,
  FunctionError,
  ResultTooLarge,
  UnknownArgument,
  fn,
  type CallContext,
  type FunctionDef,
} from './function.js';
import { markFunctions } from './marks.js';
import { numberFunctions } from './numbers.js';
import { stringFunctions } from './strings.js';
import { textEncodingFunctions } from './text-encoding.js';

export type { CallContext, FunctionDef } from './function.js';

/**
 * Functions Terraform has whose results Posture does not compute: clocks, random values, and
 * readers of what is not scanned. They are known names, so no diagnostic.
 */
const NOT_EVALUATED = [
  'timestamp',
  'plantimestamp',
  'timeadd',
  'timecmp',
  'formatdate',
  'uuid',
  'uuidv5',
  'bcrypt',
  'rsadecrypt',
  // An absolute path starts with where Terraform runs, a directory of the machine that deploys.
  'abspath',
  'base64gzip',
  'type',
];

const notEvaluated: Record<string, FunctionDef> = Object.fromEntries(
  NOT_EVALUATED.map((name) => [name, fn(() => unknown([], `${name}() is not evaluated`))]),
);

const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(
  Object.entries({
    ...notEvaluated,
    ...stringFunctions,
    ...collectionFunctions,
    ...numberFunctions,
    ...cidrFunctions,
    ...encodingFunctions,
    ...textEncodingFunctions,
    ...conversionFunctions,
    ...markFunctions,
    ...fileFunctions,
    ...awsProviderFunctions,
  }),
);

export function lookupFunction(name: string): FunctionDef | undefined {
  return FUNCTIONS.get(name);
}

/** Calls a built-in. Unknown arguments give an unknown result; a bad argument an invalid one. */
export function applyFunction(
  name: string,
  def: FunctionDef,
  args: Value[],
  ctx: CallContext,
): Value {
  const ready =
    def.unknownArguments === true ||
    (def.partial ? args.every((a) => !isUnknown(a)) : args.every(isWhollyKnown));
  if (!ready) return combine(args);
  // Arguments that are each within bounds can together build a result past them (concat(l, l…)).
  const large = overBound(sizeOfAll(args), `${name}()`);
  if (large) return large;
  try {
    return def.impl(args, ctx);
  } catch (error) {
    if (error instanceof UnknownArgument) return error.value ?? combine(args);
    if (error instanceof EngineUnavailable) throw error;
    if (error instanceof ResultTooLarge) return tooLarge(`${name}() with ${error.message}`);
    if (error instanceof RangeError && /invalid (?:string|array) length/i.test(error.message))
      return tooLarge(`${name}()`);
    const message = error instanceof FunctionError ? error.message : String(error);
    const refs = combine(args).refs;
    if (error instanceof FileUnread) {
      return new (error.reported ? Reported : FileNotRead)(refs, `${name}: ${message}`);
    }
    return invalid(`${name}: ${message}`, refs);
  }
}
