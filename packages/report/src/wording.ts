/** Small text helpers shared by the reporters. */

/** `1 finding`, `3 findings`; `1 entry`, `3 entries` with the plural given. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${nounFor(count, noun, nouns)}`;
}

/** The noun alone, for a count written otherwise (`1,204 files`). */
export function nounFor(count: number, noun: string, nouns = `${noun}s`): string {
  return count === 1 ? noun : nouns;
}

/** The alert title: the message up to its first sentence end, on one line. */
export function firstSentence(message: string): string {
  const match = /^[\s\S]*?[.!?](?=\s|$)/.exec(message.trim());
  return oneLine(match?.[0] ?? message);
}

/** Collapses line breaks and runs of whitespace, for one-line output. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most `max` characters, ending in `…` when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
