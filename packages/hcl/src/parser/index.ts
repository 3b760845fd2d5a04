export { isDropped, parseHcl, type ParseOptions } from './parser.js';
export { parseTfJson } from './tfjson.js';
