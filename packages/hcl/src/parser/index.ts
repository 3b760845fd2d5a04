export { isDropped, parseHcl, type ParseOptions } from './parser.js';
export { parseTfJson, TERRAFORM_BLOCK_TYPES } from './tfjson.js';
