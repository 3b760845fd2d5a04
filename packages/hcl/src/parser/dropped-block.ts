import type { Position } from '@posture/model';
import type { Block, Body, Label, Span } from '../ast.js';

/** Whether the block's body was let go once parsed (`keepBody` refused it). */
export function isDropped(block: Block): boolean {
  return block instanceof DroppedBlock;
}

/**
 * A top-level block whose body was let go once parsed. One class, so that every such block shares
 * one shape: redefining `body` on the parsed object as a getter put it in dictionary mode, slow to
 * read everywhere (measured: 48 ms of a 20,000-file scan in one loop over blocks).
 */
export class DroppedBlock implements Block {
  readonly kind = 'block';
  readonly type: string;
  readonly typeSpan: Span;
  readonly labels: readonly Label[];
  readonly start: Position;
  readonly end: Position;
  #body: Body | undefined;
  readonly #reparse: () => Body;

  constructor(block: Block, reparse: () => Body) {
    this.type = block.type;
    this.typeSpan = block.typeSpan;
    this.labels = block.labels;
    this.start = block.start;
    this.end = block.end;
    this.#reparse = reparse;
  }

  get body(): Body {
    return (this.#body ??= this.#reparse());
  }

  /** As the block would have been serialised with its body, in the same key order. */
  toJSON(): Block {
    const { kind, type, typeSpan, labels, body, start, end } = this;
    return { kind, type, typeSpan, labels, body, start, end };
  }
}
