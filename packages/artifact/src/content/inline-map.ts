import { SourcesContentDetector } from './sources-content.js';

const BASE64 = /[A-Za-z0-9+/=_-]/;

/**
 * The payload of an inline source map (`sourceMappingURL=data:application/json;base64,…`), which
 * can be tens of megabytes: measured and decoded as it streams past, four characters at a time,
 * into the `sourcesContent` detector. Nothing of it is kept.
 */
export class InlineMapPayload {
  /** What waits for the next window: base64's incomplete quad, or a `%` escape the window cut. */
  private pending = '';
  private ended = false;
  readonly sources = new SourcesContentDetector();
  length = 0;

  constructor(private readonly base64: boolean) {}

  get done(): boolean {
    return this.ended;
  }

  /** Consumes text until the payload ends; returns how many characters belonged to it. */
  push(text: string): number {
    let i = 0;
    while (i < text.length && !this.ended) {
      const c = text.charAt(i);
      if (!(this.base64 ? BASE64.test(c) : !/[\s'"`]/.test(c))) {
        this.ended = true;
        break;
      }
      i++;
    }
    const payload = text.slice(0, i);
    this.length += payload.length;
    if (!this.sources.found) this.decode(payload);
    return i;
  }

  end(): void {
    this.ended = true;
  }

  private decode(payload: string): void {
    const text = this.pending + payload;
    // Each window's part is decoded on its own: an escape it cuts (`%2` | `2`) waits for the rest.
    const whole = this.base64
      ? text.length - (text.length % 4)
      : (/%[0-9A-Fa-f]?$/.exec(text)?.index ?? text.length);
    this.pending = text.slice(whole);
    if (whole === 0) return;
    const decoded = this.base64
      ? Buffer.from(text.slice(0, whole), 'base64').toString('latin1')
      : percentDecoded(text.slice(0, whole));
    this.sources.push(decoded);
  }
}

/**
 * A URI-encoded payload (convert-source-map's `encoding: 'uri'`) as bytes read as latin1, like the
 * base64 one: the detector looks for ASCII only, and a character's bytes need not arrive together.
 */
function percentDecoded(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}
