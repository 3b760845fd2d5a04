import { relative, sep } from 'node:path';

/** `file` relative to the scan root, `/`-separated: how every range names a file. */
export function rootRelative(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}
