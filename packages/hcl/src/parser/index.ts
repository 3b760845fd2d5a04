export { isDropped } from './dropped-block.js';
export { parseHcl, type ParseOptions } from './parser.js';
export { parseTfJson, TERRAFORM_BLOCK_TYPES } from './tfjson.js';
