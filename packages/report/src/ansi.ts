/** The few SGR styles the text reporter uses, as [on, off] codes; no dependency needed. */
const STYLES = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  gray: [90, 39],
} as const;

export type Style = keyof typeof STYLES;
export type Paint = (text: string, ...styles: Style[]) => string;

/** A painter that applies styles when `enabled`, and returns the text untouched otherwise. */
export function painter(enabled: boolean): Paint {
  if (!enabled) return (text) => text;
  return (text, ...styles) =>
    styles.reduce((painted, style) => {
      const [on, off] = STYLES[style];
      return `\u001b[${on}m${painted}\u001b[${off}m`;
    }, text);
}
