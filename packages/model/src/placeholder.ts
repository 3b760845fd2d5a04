/**
 * Template placeholders (`${{ secrets.X }}`, `${BUCKET}`, `$BUCKET`, a shell's `$1`, `$(VAR)`,
 * `{{ .ProjectName }}`, `%VAR%`, `${var.x}`, `<%= x %>`) stand for values only known at run time;
 * they are never taken as bucket names.
 */
const PLACEHOLDER = /\$\{|\$\(|\{\{|<%|\$[A-Za-z_1-9]|%[A-Za-z_][A-Za-z0-9_]*%/;

export function hasPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/** Where the first placeholder of `value` starts: what comes before it is all that is known. */
export function placeholderAt(value: string): number | undefined {
  const at = value.search(PLACEHOLDER);
  return at < 0 ? undefined : at;
}

/**
 * A placeholder whole, from its start to its close, as a regular-expression source. Every run is
 * bounded, so a pattern built on it stays linear on an unclosed `${` or `{{`.
 */
export const CLOSED_PLACEHOLDER = String.raw`\$?\{\{[^}\n]{0,200}\}\}|\$\{[^}\n]{1,200}\}|\$\([^)\n]{1,200}\)|<%[^%\n]{0,200}%>|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%`;

/** Each placeholder whole; an unclosed one is replaced up to its start only. */
const WHOLE_PLACEHOLDER = new RegExp(String.raw`${CLOSED_PLACEHOLDER}|\$\{|\$\(|\{\{|<%`, 'g');

/** `value` with each placeholder replaced by `mark`, which then stands for what is unknown. */
export function markPlaceholders(value: string, mark: string): string {
  return value.replace(WHOLE_PLACEHOLDER, mark);
}
