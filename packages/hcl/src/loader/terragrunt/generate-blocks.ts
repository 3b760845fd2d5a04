import { findAttribute } from '../../syntax.js';
import type { GenerateBlock } from '../generate.js';
import type { UnitConfig } from './config.js';

/**
 * The `generate` blocks by name; a disabled one as undefined, which turns off an included block
 * of its name.
 */
export function generateBlocksOf(config: UnitConfig): [string, GenerateBlock | undefined][] {
  return config.blocks('generate').map((block) => {
    const name = block.labels[0]?.value ?? '';
    const attr = (attribute: string) => config.evaluateAttr(findAttribute(block.body, attribute));
    const contentsAt = findAttribute(block.body, 'contents');
    if (!contentsAt || attr('disable') === true) return [name, undefined];
    const generate = {
      file: config.file,
      path: attr('path'),
      ifExists: attr('if_exists'),
      contents: config.evaluateAttr(contentsAt),
      contentsAt,
    };
    return [name, generate];
  });
}
