import { hasControlCharacters, printable, type UnsafeEntryProblem } from '@posture/model';

/**
 * Entry names come from the archive, written by anyone: they are checked before use and never
 * printed raw (`printable`). A name with a control character could rewrite a terminal line or
 * forge a log entry.
 */

/** What is wrong with a name itself: a climb out (`../`), an absolute path, control characters. */
export function nameProblems(name: string): UnsafeEntryProblem[] {
  const problems: UnsafeEntryProblem[] = [];
  // Windows extractors take `\` as a separator too.
  const segments = name.split(/[\\/]/);
  if (segments.includes('..')) problems.push('parent-path');
  if (/^(?:[\\/]|[A-Za-z]:)/.test(name)) problems.push('absolute-path');
  if (hasControlCharacters(name)) problems.push('control-characters');
  return problems;
}

/**
 * The path inside the package: npm installs a tarball with its first directory stripped
 * (`package/dist/cli.js` → `dist/cli.js`), whatever that directory is called.
 */
export function packagePathOf(name: string, stripFirst: boolean): string {
  const clean = printable(name)
    .replace(/\\/g, '/')
    .replace(/^(?:\.?\/)+/, '')
    .replace(/\/+$/, '');
  if (!stripFirst) return clean;
  const slash = clean.indexOf('/');
  return slash < 0 ? clean : clean.slice(slash + 1);
}
