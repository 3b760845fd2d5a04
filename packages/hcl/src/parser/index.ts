export { parseHcl } from './parser.js';
export { parseTfJson } from './tfjson.js';
