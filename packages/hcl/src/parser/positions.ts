import type { Position } from '@posture/model';

export interface PositionSource {
  position(offset: number): Position;
}

/**
 * Offsets to positions, numbered exactly as `LineIndex` in `@posture/model` numbers them (the fuzz
 * test checks every range against it). The parser asks for positions in almost increasing order,
 * so the last line found is tried before a binary search; with `LineIndex` itself, parsing the
 * corpus took twice as long.
 */
export class LineMap implements PositionSource {
  private readonly starts: number[] = [0];
  private last = 0;

  constructor(private readonly text: string) {
    const starts = this.starts;
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
  }

  position(offset: number): Position {
    const starts = this.starts;
    const o = offset < 0 ? 0 : offset > this.text.length ? this.text.length : offset;
    let line = this.last;
    const lineStart = starts[line] as number;
    const next = line + 1 < starts.length ? (starts[line + 1] as number) : Infinity;
    if (o < lineStart || o >= next) {
      const afterNext = line + 2 < starts.length ? (starts[line + 2] as number) : Infinity;
      if (o >= next && o < afterNext) line += 1;
      else {
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if ((starts[mid] as number) <= o) lo = mid;
          else hi = mid - 1;
        }
        line = lo;
      }
      this.last = line;
    }
    return { line: line + 1, column: o - (starts[line] as number) + 1, offset: o };
  }
}
