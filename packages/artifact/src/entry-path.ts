import type { UnsafeEntryProblem } from '@posture/model';

/**
 * Entry names come from the archive, written by anyone: they are checked before use and never
 * printed raw. A name with a control character could rewrite a terminal line or forge a log entry.
 */

// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** The name with every control character escaped (`\u001b`), safe for any report format. */
export function printable(name: string): string {
  return name.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What is wrong with a name itself: a climb out (`../`), an absolute path, control characters. */
export function nameProblems(name: string): UnsafeEntryProblem[] {
  const problems: UnsafeEntryProblem[] = [];
  // Windows extractors take `\` as a separator too.
  const segments = name.split(/[\\/]/);
  if (segments.includes('..')) problems.push('parent-path');
  if (/^(?:[\\/]|[A-Za-z]:)/.test(name)) problems.push('absolute-path');
  if (new RegExp(CONTROL.source).test(name)) problems.push('control-characters');
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
