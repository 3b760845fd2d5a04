import type { FlatLiteral, FlatToken } from './template.js';

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0x85;
}

/**
 * If the line starting at `p` closes a heredoc (the marker alone, surrounding spaces allowed), the
 * offset after the marker; otherwise -1. The line break after the marker is left to the lexer,
 * because it ends the attribute the heredoc belongs to.
 */
export function heredocEnd(text: string, p: number, marker: string): number {
  const len = text.length;
  let q = p;
  while (q < len && isSpace(text.charCodeAt(q))) q++;
  if (!text.startsWith(marker, q)) return -1;
  const markerEnd = q + marker.length;
  q = markerEnd;
  while (q < len && isSpace(text.charCodeAt(q))) q++;
  // HCL needs the line break after the marker too: a marker at the very end of a file does not close.
  if (q >= len || text.charCodeAt(q) !== 10) return -1;
  return markerEnd;
}

/**
 * Removes the indentation common to every line of a `<<-` heredoc, following HCL: lines holding
 * only spaces do not count, and a line starting with an interpolation has no indentation.
 */
export function flushHeredoc(flat: FlatToken[]): void {
  let min = Infinity;
  let lineStart = true;
  const adjust: FlatLiteral[] = [];
  for (const tok of flat) {
    if (lineStart) {
      lineStart = false;
      let spaces: number;
      if (tok.kind === 'literal') {
        const value = tok.value;
        const indent = value.length - value.trimStart().length;
        if (indent === value.length && value.endsWith('\n')) spaces = Infinity;
        else {
          spaces = indent;
          adjust.push(tok);
        }
      } else spaces = 0;
      if (spaces < min) min = spaces;
    }
    if (tok.kind === 'literal' && tok.value.endsWith('\n')) lineStart = true;
  }
  if (min === Infinity || min === 0) return;
  for (const lit of adjust) {
    lit.value = lit.value.slice(min);
    lit.start += min;
  }
}
