import { addTo, countBefore, type Range } from '@posture/model';

/**
 * Whether one of `blocks` encloses a range: is in its file, starts at or before it and ends at or
 * after it. By file, the blocks in order of their start with the furthest end reached so far: a
 * block encloses the range if one starting at or before it reaches its end. Built once, it answers
 * each range with a binary search, not a pass over every block (thousands of a scan's notes asked
 * about thousands of a plan's blocks).
 */
export function enclosure(blocks: readonly Range[]): (range: Range) => boolean {
  const byFile = new Map<string, Range[]>();
  for (const block of blocks) addTo(byFile, block.file, block);
  const reaches = new Map<string, { starts: number[]; ends: number[] }>();
  for (const [file, ranges] of byFile) {
    ranges.sort((a, b) => a.start.offset - b.start.offset);
    const ends: number[] = [];
    for (const { end } of ranges) ends.push(Math.max(ends.at(-1) ?? -1, end.offset));
    reaches.set(file, { starts: ranges.map((r) => r.start.offset), ends });
  }
  return (range) => {
    const reach = reaches.get(range.file);
    if (!reach) return false;
    const last = lastAtOrBefore(reach.starts, range.start.offset);
    return last >= 0 && reach.ends[last]! >= range.end.offset;
  };
}

/** The index of the last of the ascending `values` at or before `value`; -1 when none is. */
function lastAtOrBefore(values: readonly number[], value: number): number {
  return countBefore(values, (v) => v <= value) - 1;
}
