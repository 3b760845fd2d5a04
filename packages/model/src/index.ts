export * from './source.js';
export * from './value.js';
export * from './inventory.js';
export * from './bucket.js';
export * from './link.js';
export * from './finding.js';
export * from './rule.js';
export * from './result.js';
