/** The gate's contract with CI: 0 clean, 1 findings at or above --fail-on, 2 the scan could not run. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

/** A problem with the invocation itself (bad arguments, bad policy file): exit 2 with a message. */
export class UsageError extends Error {}
