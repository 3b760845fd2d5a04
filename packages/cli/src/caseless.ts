/**
 * A choice value in any case, as Trivy users type them (`--fail-on HIGH`, `-f SARIF`): lowered
 * before yargs checks it against the choices, which are lower case.
 */
export function lowerCase(value: string | string[]): string | string[] {
  return Array.isArray(value) ? value.map((v) => v.toLowerCase()) : value.toLowerCase();
}
