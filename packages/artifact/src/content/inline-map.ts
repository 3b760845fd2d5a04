import { SourcesContentDetector } from './sources-content.js';

const BASE64 = /[A-Za-z0-9+/=_-]/;

/**
 * The payload of an inline source map (`sourceMappingURL=data:application/json;base64,…`), which
 * can be tens of megabytes: measured and decoded as it streams past, four characters at a time,
 * into the `sourcesContent` detector. Nothing of it is kept.
 */
export class InlineMapPayload {
  private quad = '';
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
    if (!this.base64) {
      this.sources.push(safeDecodeUri(payload));
      return;
    }
    const text = this.quad + payload;
    const whole = text.length - (text.length % 4);
    this.quad = text.slice(whole);
    if (whole > 0)
      this.sources.push(Buffer.from(text.slice(0, whole), 'base64').toString('latin1'));
  }
}

function safeDecodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
