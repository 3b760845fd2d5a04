import path from 'node:path';

/** `abs` as a POSIX path relative to `root` (`.` for the root itself), or undefined when outside. */
export function relativeInside(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (rel === '') return '.';
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
