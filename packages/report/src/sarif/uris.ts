import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Every artifact URI is relative to this base, which GitHub reads as the repository root. */
export const SRCROOT = '%SRCROOT%';

/**
 * A repository-relative POSIX path as a relative URI reference: each segment percent-encoded
 * (RFC 3986), so spaces, `#`, `%`, `:` and non-ASCII names survive GitHub's URI parsing.
 */
export function artifactUri(repoPath: string): string {
  return repoPath.split('/').map(encodeURIComponent).join('/');
}

/** `file:///abs/repo/` for `originalUriBaseIds`; the trailing slash makes it a directory base. */
export function srcRootUri(baseDir: string): string {
  let real = baseDir;
  try {
    real = realpathSync.native(baseDir);
  } catch {
    // A base that no longer exists is still the right base for the paths computed from it.
  }
  const href = pathToFileURL(real).href;
  return href.endsWith('/') ? href : `${href}/`;
}
