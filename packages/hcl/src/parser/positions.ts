import type { LineIndex } from '@posture/model';

/**
 * What the lexer needs to turn offsets into positions: a file's `LineIndex`, or, for a string
 * inside a JSON file, a mapping through the string's escapes (see tfjson.ts).
 */
export type PositionSource = Pick<LineIndex, 'position'>;
