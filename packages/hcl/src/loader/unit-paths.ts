import path from 'node:path';
import { isUnknown, Unknown, type Value, type ValueObject } from '@posture/model';
import { Sensitive } from '../eval/marks.js';
import { objectOf } from '../eval/values.js';

/**
 * Paths the Terragrunt path functions make (`get_repo_root()`, `get_terragrunt_dir()`,
 * `find_in_parent_folders()`), in what a unit passes to Terraform: its inputs, and the files it
 * generates. The functions give absolute paths, which Posture needs to find what a unit includes,
 * reads and deploys; but their first part is the directory the repository is checked out in, on
 * the machine that runs them. Passed on as they are, a value would change from one checkout to the
 * next (a tag read as release evidence because the checkout's path says `releases`) and carry the
 * scanning machine's directories into reports. Each is passed on relative to the unit instead,
 * where the module's file functions look for it: `file(var.policy)` reads the same file.
 */
export function relativeToUnit(root: string, unitDir: string): (value: Value) => Value {
  // A scan of the file system's root has no checkout directory to keep out.
  if (path.dirname(root) === root) return (value) => value;
  const up = path.relative(path.join(root, unitDir), root).split(path.sep).join('/') || '.';
  const rewrite = (text: string) => (text.includes(root) ? text.split(root).join(up) : text);
  const done = new Map<object, Value>();
  const walk = (value: Value): Value => {
    if (typeof value === 'string') return rewrite(value);
    if (value === null || typeof value !== 'object') return value;
    // A value can share one object many times: each is rewritten once.
    const found = done.get(value);
    if (found !== undefined) return found;
    const rewritten = rewriteParts(value, walk, rewrite);
    done.set(value, rewritten);
    return rewritten;
  };
  return walk;
}

function rewriteParts(
  value: Value[] | ValueObject | Unknown,
  walk: (part: Value) => Value,
  rewrite: (text: string) => string,
): Value {
  if (Array.isArray(value)) return value.map(walk);
  if (value instanceof Sensitive) return value.part(walk);
  if (isUnknown(value)) {
    // Of an unknown, the known text around its unknown parts; references and the like hold none.
    const { pieces, encodes, entries } = value;
    if (!pieces && encodes === undefined && !entries) return value;
    return new Unknown(value.refs, value.reason, {
      ...(pieces && { pieces: pieces.map((piece) => walk(piece) as string | Unknown) }),
      ...(encodes !== undefined && { encodes: walk(encodes) }),
      ...(entries && { entries: walk(entries) as ValueObject }),
    });
  }
  return objectOf(Object.entries(value).map(([key, item]) => [rewrite(key), walk(item)]));
}
