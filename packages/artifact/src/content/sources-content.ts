/**
 * Decides, streaming, whether a source map's `sourcesContent` holds any source: the key, then `:`
 * and `[`, then a string element before the `]`. `[null, null]` (sources left out) is not a leak.
 * Text arrives in pieces of any size; the state carries across them.
 */
const KEY = '"sourcesContent"';

type State = 'key' | 'colon' | 'bracket' | 'elements';

export class SourcesContentDetector {
  private state: State = 'key';
  private tail = '';
  /** How much of `null` has been read inside the array. */
  private nullRead = 0;
  found = false;

  push(text: string): void {
    let i = 0;
    while (!this.found && i < text.length) {
      if (this.state === 'key') {
        const joined = this.tail + text.slice(i);
        const at = joined.indexOf(KEY);
        if (at < 0) {
          this.tail = joined.slice(-(KEY.length - 1));
          return;
        }
        // Continue right after the key, in `text` coordinates.
        i = i + at + KEY.length - this.tail.length;
        this.tail = '';
        this.state = 'colon';
        continue;
      }
      this.step(text.charAt(i++));
    }
  }

  private step(c: string): void {
    if (/\s/.test(c)) return;
    switch (this.state) {
      case 'colon':
        this.state = c === ':' ? 'bracket' : 'key';
        return;
      case 'bracket':
        this.state = c === '[' ? 'elements' : 'key';
        return;
      case 'elements':
        if (c === '"') this.found = true;
        else if (c === ']') this.state = 'key';
        else if (c === ',') this.nullRead = 0;
        else if ('null'.charAt(this.nullRead) === c) this.nullRead++;
        else this.state = 'key';
        return;
      case 'key':
        return;
    }
  }
}
