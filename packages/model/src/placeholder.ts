/**
 * Template placeholders (`${{ secrets.X }}`, `${BUCKET}`, `$BUCKET`, `$(VAR)`, `{{ .ProjectName }}`,
 * `%VAR%`, `${var.x}`, `<%= x %>`) stand for values only known at run time; they are never taken as
 * bucket names.
 */
const PLACEHOLDER = /\$\{|\$\(|\{\{|<%|\$[A-Za-z_]|%[A-Za-z_][A-Za-z0-9_]*%/;

export function hasPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/** Where the first placeholder of `value` starts: what comes before it is all that is known. */
export function placeholderAt(value: string): number | undefined {
  const at = value.search(PLACEHOLDER);
  return at < 0 ? undefined : at;
}
