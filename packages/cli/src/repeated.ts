/**
 * The settings of a string option given once per value (`--plan a --plan b`). Each use needs its
 * value: `--plan` with none (an unset CI variable, or the next option right after it) is a usage
 * error, not a plan silently left out.
 */
export const REPEATED = { type: 'string', array: true, requiresArg: true } as const;
