import { posix } from 'node:path';
import { unknown } from '@posture/model';
import { setOf } from './conversions.js';
import { decodeUtf8, digest } from './encoding.js';
import { splitPattern } from './fileset-pattern.js';
import {
  fail,
  FileUnread,
  fn,
  map,
  partial,
  str,
  type CallContext,
  type FunctionTable,
} from './function.js';

export const fileFunctions: FunctionTable = {
  file: fn(([path], ctx) => decodeUtf8(read(ctx, str(path)))),
  filebase64: fn(([path], ctx) => read(ctx, str(path)).toString('base64')),
  filemd5: fn(([path], ctx) => digest('md5', read(ctx, str(path)), 'hex')),
  filesha1: fn(([path], ctx) => digest('sha1', read(ctx, str(path)), 'hex')),
  filesha256: fn(([path], ctx) => digest('sha256', read(ctx, str(path)), 'hex')),
  filebase64sha256: fn(([path], ctx) => digest('sha256', read(ctx, str(path)), 'base64')),
  // Outside the root, where it is not looked for, whether it is there is not known: it said
  // 'cannot check files here', as if Terraform would refuse the call.
  fileexists: fn(([path], ctx) => {
    if (!ctx.files) fail('files cannot be checked here');
    return ctx.files.exists(str(path), ctx.at) ?? outside(str(path));
  }),
  // A set, sorted; each path is from `path`, even where the pattern leads above it (`../x`).
  fileset: fn(([path, pattern], ctx) => {
    if (!ctx.files) fail('files cannot be listed here');
    const from = posix.join(str(path));
    const glob = splitPattern(posix.join(from, str(pattern)));
    if ('notRead' in glob) return unknown([], glob.notRead);
    const files = ctx.files.glob(glob, ctx.at);
    if ('unread' in files) throw new FileUnread(files.unread, true);
    return setOf(files.map((file) => posix.relative(from, posix.join(glob.base, file))));
  }),
  // Variables may hold unknowns: only the parts of the template that use them become unknown.
  templatefile: partial(([path, vars], ctx) =>
    ctx.renderTemplate(decodeUtf8(read(ctx, str(path))), map(vars ?? null), str(path)),
  ),
  templatestring: partial(([template, vars], ctx) =>
    ctx.renderTemplate(str(template), map(vars ?? null), '<templatestring argument>'),
  ),
  // The home directory is outside any scan root: only paths without `~` are known.
  pathexpand: fn(([path]) =>
    str(path).startsWith('~') ? unknown([], 'the home directory is not read') : str(path),
  ),
  dirname: fn(([path]) => posix.dirname(str(path))),
  basename: fn(([path]) => posix.basename(str(path))),
};

/** A path outside the root, said where it is named: not read, and not known. */
function outside(path: string): never {
  throw new FileUnread(`${path} is outside the scan root`, true);
}

function read(ctx: CallContext, path: string): Buffer {
  if (!ctx.files) fail('files cannot be read here');
  const read = ctx.files.read(path, ctx.at);
  if (typeof read !== 'string') return read;
  throw new FileUnread(`cannot read ${path}`, read === 'refused');
}
