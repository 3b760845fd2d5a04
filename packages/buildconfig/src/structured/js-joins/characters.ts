export function isPlus(text: string, i: number): boolean {
  return text[i] === '+' && text[i - 1] !== '+' && text[i + 1] !== '+' && text[i + 1] !== '=';
}

/** Blanks around a `+`, line breaks included (a formatter breaks long chains), a few lines' worth. */
const MAX_BLANKS = 64;

export function skipBlanks(text: string, i: number): number {
  const stop = Math.min(text.length, i + MAX_BLANKS);
  while (i < stop && isBlank(text, i)) i++;
  return i;
}

/** Whether the character at `i` is blank (`\s`): by its code, as most of a bundle's are ASCII. */
function isBlank(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(text[i]!));
}

/** The last character before `i` that is not blank. */
export function skipBlanksBack(text: string, i: number): number {
  const stop = Math.max(-1, i - 1 - MAX_BLANKS);
  let j = i - 1;
  while (j > stop && isBlank(text, j)) j--;
  return j;
}

/** Whether the character at `i` may start a name (`[A-Za-z_$]`): by its code, as in `isBlank`. */
export function isNameStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}

/** Whether the character at `i` may be in a name (`[\w$]`). */
export function isNameChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return isNameStart(text, i) || (c >= 48 && c <= 57);
}

export function escaped(text: string, i: number): boolean {
  let slashes = 0;
  for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
  return slashes % 2 === 1;
}

/** Whether the word `word` ends at `last`. */
export function isWord(text: string, last: number, word: string): boolean {
  const start = last + 1 - word.length;
  return text.startsWith(word, start) && !isNameChar(text, start - 1);
}
