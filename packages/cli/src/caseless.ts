/**
 * A choice value in any case, as Trivy users type them (`--fail-on HIGH`, `-f SARIF`): lowered
 * before yargs checks it against the choices, which are lower case. What is no string (`false`,
 * from `--no-scope`) is left for that check to refuse.
 */
export function lowerCase(value: unknown): unknown {
  return Array.isArray(value) ? value.map(lowered) : lowered(value);
}

function lowered(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}
