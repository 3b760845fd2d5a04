/** `a`, `a and b`, `a, b and c`; or `a, b or c`. */
export function conjoined(words: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  return words.length < 2
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)}`;
}

const MiB = 1024 * 1024;

/** `512 bytes`, `1.5 KiB`, `60.2 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(bytes >= 100 * MiB ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}
