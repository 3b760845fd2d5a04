/** Markdown building blocks shared by the SARIF rule help and the Markdown summary. */

/** A fenced code block whose fence is longer than any backtick run in the code. */
export function fencedBlock(code: string, language: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(code) + 1));
  return `${fence}${language}\n${code.replace(/\n+$/, '')}\n${fence}`;
}

/** An inline code span; `|` stays escaped because GitHub splits table cells before code spans. */
export function codeSpan(value: string): string {
  const fence = '`'.repeat(longestBacktickRun(value) + 1);
  const padded = value.startsWith('`') || value.endsWith('`') ? ` ${value} ` : value;
  return `${fence}${padded.replace(/\|/g, '\\|')}${fence}`;
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
